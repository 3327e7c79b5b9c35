"""Configuración de Secretaría: un solo archivo, cada perilla es una variable de entorno.

Ver docs/operacion/configuracion.md para la lista completa.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from secretaria.env import env_bool, env_cabecera_proxy, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SECRETARIA_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("SECRETARIA_DEMO", True):
        # Solo para uso local y demo; en producción SECRET_KEY es obligatoria.
        SECRET_KEY = "secretaria-clave-local-no-usar-en-produccion"
    else:
        raise ImproperlyConfigured("Defina SECRET_KEY en el entorno.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "core",
    "registro",
    "concejo",
    "certificaciones",
    "actos",
    "archivo",
    "informes",
    "portal",
    "bench",
]

MIDDLEWARE = [
    # Primero: una solicitud más grande que SOLICITUD_TAMANO_MAXIMO recibe 413 antes de que se lea su cuerpo.
    "core.middleware.TamanoDeSolicitudMiddleware",
    "core.middleware.HeadComoGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.ZonaHorariaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.ContextoSolicitudMiddleware",
    # Al final: convierte el bloqueo por intentos fallidos de ingreso en la página de aviso (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "secretaria.urls"
WSGI_APPLICATION = "secretaria.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # core/templates también aquí: sus registration/ (cambio de contraseña) deben ganar a las del admin,
        # que va antes en INSTALLED_APPS (y debe: sus permisos se crean antes de sincronizar los roles).
        "DIRS": [BASE_DIR / "templates", BASE_DIR / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.secretaria",
            ],
        },
    }
]

# Base de datos: SQLite en var/ por defecto; PostgreSQL con DATABASE_URL=postgres://...
_DEFAULT_DB = f"sqlite:///{VAR_DIR / 'secretaria.sqlite3'}"
# DB_CONN_MAX_AGE: segundos que un proceso web reutiliza su conexión (0 = una por solicitud). Con
# PostgreSQL en producción conviene 60: abrir la conexión costaba la mitad del registro por la API.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _DEFAULT_DB),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # El de Django, con la comprobación de salud de la conexión sin viaje a la base (core/bd/postgresql).
    DATABASES["default"]["ENGINE"] = "core.bd.postgresql"
# DB_CAMINO_RAPIDO: en PostgreSQL, la cadena de auditoría, la numeración y las lecturas del registro van por
# los caminos rápidos (`core.rapido`, `registro.rapido`: menos viajes, mismas filas). 0: todo por el ORM.
DB_CAMINO_RAPIDO = env_bool("DB_CAMINO_RAPIDO", True)
# DB_SENTENCIAS_PREPARADAS: lo que esos caminos mandan va preparado en PostgreSQL (una vez por conexión). 0
# detrás de un PgBouncer en modo «transaction» que no guarde sentencias preparadas.
DB_SENTENCIAS_PREPARADAS = env_bool("DB_SENTENCIAS_PREPARADAS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL y espera de bloqueo: varios procesos (web + trabajador) sobre un archivo.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("SECRETARIA_TEST_SQLITE", "") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.Usuario"
# ModelBackend que, en PostgreSQL, lee el usuario de la sesión con su unidad y sus permisos en una consulta.
# Antes, el de django-axes: rechaza el ingreso de un usuario o una dirección bloqueados.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "core.autenticacion.BackendConPermisos"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
TESTING = env_bool("TESTING", False)
PASSWORD_HASHERS = env_list(
    "PASSWORD_HASHERS",
    [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)
if TESTING:
    # Las pruebas crean muchos usuarios; PBKDF2 (1 s cada uno en esta máquina) no prueba nada allí.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
# Bloqueo de ingresos (django-axes, docs/operacion/seguridad.md): tras LOGIN_INTENTOS_MAXIMOS fallos seguidos
# de un mismo usuario, o desde una misma dirección, el ingreso queda bloqueado LOGIN_BLOQUEO_MINUTOS (429 y
# aviso en español); un ingreso correcto vuelve la cuenta a cero; `secretaria desbloquear` lo quita antes.
# En pruebas está apagado salvo en las que lo prueban (Client.login no pasa la solicitud que axes pide).
LOGIN_INTENTOS_MAXIMOS = env_int("LOGIN_INTENTOS_MAXIMOS", 5)
LOGIN_BLOQUEO_MINUTOS = env_int("LOGIN_BLOQUEO_MINUTOS", 15)
for _nombre in ("LOGIN_INTENTOS_MAXIMOS", "LOGIN_BLOQUEO_MINUTOS"):
    if globals()[_nombre] < 1:
        raise ImproperlyConfigured(f"{_nombre} debe ser 1 o más (se leyó {globals()[_nombre]}).")
AXES_ENABLED = env_bool("LOGIN_BLOQUEO", not TESTING)
AXES_FAILURE_LIMIT = LOGIN_INTENTOS_MAXIMOS
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_BLOQUEO_MINUTOS)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.limites.ip_de"
AXES_LOCKOUT_CALLABLE = "core.views.acceso.bloqueado"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:inicio"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "es"
LANGUAGES = [("es", "Español")]
TIME_ZONE = env_str("TIME_ZONE", "America/Lima")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env_str("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if TESTING:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True

# Archivos adjuntos: tamaño máximo y tipos admitidos (por contenido, no por nombre).
ARCHIVO_TAMANO_MAXIMO = env_int("ARCHIVO_TAMANO_MAXIMO", 20 * 1024 * 1024)
ARCHIVO_TIPOS_PERMITIDOS = env_list(
    "ARCHIVO_TIPOS_PERMITIDOS",
    [
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/tiff",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/plain",
    ],
)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
# Un archivo subido de más de esto pasa de la memoria a un temporal en disco (FILE_UPLOAD_TEMP_DIR).
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_TEMP_DIR = env_str("FILE_UPLOAD_TEMP_DIR", "") or None
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 100)

# Certificaciones: certificado del municipio (PKCS#12) con que se firman en PAdES, autoridades de
# confianza para verificar, límites por IP de la verificación pública y tamaño del PDF a comprobar
# (un certificado es el original entero más su hoja: puede pasar ARCHIVO_TAMANO_MAXIMO).
# Ver docs/operacion/certificados.md.
SECRETARIA_CERT_PKCS12 = Path(
    env_str("SECRETARIA_CERT_PKCS12", "") or VAR_DIR / "certificados" / "municipio.p12"
)
SECRETARIA_CERT_CLAVE = env_str("SECRETARIA_CERT_CLAVE", "demo-certificados-2026")
SECRETARIA_CERT_RAICES = (
    Path(env_str("SECRETARIA_CERT_RAICES")) if env_str("SECRETARIA_CERT_RAICES") else None
)
SECRETARIA_VERIFICAR_CONSULTAS_POR_MINUTO = env_int("SECRETARIA_VERIFICAR_CONSULTAS_POR_MINUTO", 30)
SECRETARIA_VERIFICAR_FALLOS_POR_HORA = env_int("SECRETARIA_VERIFICAR_FALLOS_POR_HORA", 20)
SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO = env_int("SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO", 10)
CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO = env_int(
    "CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO", max(64 * 1024 * 1024, 2 * ARCHIVO_TAMANO_MAXIMO)
)
SECRETARIA_VERIFICAR_FIRMA_SEGUNDOS_CPU = env_int("SECRETARIA_VERIFICAR_FIRMA_SEGUNDOS_CPU", 1)
SECRETARIA_VERIFICAR_FIRMA_MEGAS = env_int("SECRETARIA_VERIFICAR_FIRMA_MEGAS", 512)
for _nombre in (
    "SECRETARIA_VERIFICAR_FIRMA_SEGUNDOS_CPU",
    "SECRETARIA_VERIFICAR_FIRMA_MEGAS",
    "SECRETARIA_VERIFICAR_CONSULTAS_POR_MINUTO",
    "SECRETARIA_VERIFICAR_FALLOS_POR_HORA",
    "SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO",
    "CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO",
):
    if globals()[_nombre] < 1:
        raise ImproperlyConfigured(f"{_nombre} debe ser 1 o más (se leyó {globals()[_nombre]}).")

# Correo: archivos .eml en var/correo/ por defecto (demo y desarrollo); SMTP con EMAIL_HOST.
EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "core.correo.CorreoEnArchivos")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "correo"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "secretaria@localhost")

# Tareas en segundo plano: base de datos por defecto; RQ/Redis para escalar; inmediato en pruebas.
_TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
_TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "rq": "django_tasks_rq.RQBackend",
}
if _TASKS_BACKEND not in _TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND={_TASKS_BACKEND!r}: use database, immediate o rq.")
TASKS = {"default": {"BACKEND": _TASKS_BACKENDS[_TASKS_BACKEND]}}
if TESTING:
    # En pruebas las tareas corren en el acto (tras el commit que las encola), sin trabajador.
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
        if not env_str("CACHE_URL")
        else "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL", "secretaria"),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # La de DRF con usuario, unidad y permisos en una consulta (core/api/autenticacion.py).
        "core.api.autenticacion.TokenConPermisos",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api.paginacion.Paginacion",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.errores.manejar_excepcion",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Secretaría — API",
    "DESCRIPTION": "API REST de Secretaría General municipal. Los mensajes de error están en español.",
    "VERSION": "1",
    # `<id:pk>` (core.parametros.IdDeRuta): un entero de hasta 18 dígitos.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_999_999}},
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Sin validador en línea (validator.swagger.io): la página de documentación no sale a internet.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.ganchos.respuesta_400_en_listas_paginadas",
    ],
}

# Endurecimiento por entorno (docs/operacion/seguridad.md). Con SITE_URL en https:// las cookies son Secure y
# se manda HSTS; detrás de un proxy que termina TLS, SECURE_PROXY_SSL_HEADER («X-Forwarded-Proto,https») le
# dice a Django que la solicitud llegó cifrada, y entonces también redirige http → https. Cada una se puede
# fijar aparte. `secretaria check --deploy` queda limpio con esas variables (core/tests/test_endurecimiento.py).
_HTTPS = SITE_URL.startswith("https://")
SECURE_PROXY_SSL_HEADER = env_cabecera_proxy("SECURE_PROXY_SSL_HEADER")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _HTTPS and SECURE_PROXY_SSL_HEADER is not None)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _HTTPS)
# Ninguna página se muestra dentro de un marco (ni propio ni ajeno).
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "core.views.errores.fallo_csrf"

# Content-Security-Policy (django-csp). CSP_MODO=informe (por omisión): se aplica lo que ninguna página rompe
# (marcos, objetos, base, destino de formularios) y la política completa va en Report-Only, porque aún quedan
# scripts en línea (concejo/durante/en_vivo.html y un onclick en concejo/antes/punto_form.html).
# CSP_MODO=aplicar la aplica entera. CSP_INFORMES_URL: adónde el navegador manda las
# violaciones (opcional).
_CSP_BASICA = {
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
_CSP_COMPLETA = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # Los atributos style="" de las plantillas y el estilo que htmx inserta: aún en línea.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    **_CSP_BASICA,
}
if env_str("CSP_INFORMES_URL"):
    _CSP_COMPLETA["report-uri"] = [env_str("CSP_INFORMES_URL")]
CSP_MODO = env_str("CSP_MODO", "informe")
if CSP_MODO == "aplicar":
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_COMPLETA}
elif CSP_MODO == "informe":
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_BASICA}
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_COMPLETA}
else:
    raise ImproperlyConfigured(f"CSP_MODO={CSP_MODO!r}: use informe o aplicar.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # WeasyPrint, al incrustar las fuentes en los PDF, hace que fontTools avise por cada tabla que no sabe
    # recortar («FFTM NOT subset»): ruido sin consecuencia para el documento (issue 14, punto 11).
    "loggers": {"fontTools": {"level": "ERROR"}},
}

# Portal público: límites contra abuso (por IP, en la caché; con varios servidores use CACHE_URL).
PORTAL_CONSULTAS_POR_MINUTO = env_int("PORTAL_CONSULTAS_POR_MINUTO", 30)
PORTAL_PRESENTACIONES_POR_HORA = env_int("PORTAL_PRESENTACIONES_POR_HORA", 5)
PORTAL_TIEMPO_MINIMO_SEGUNDOS = env_int("PORTAL_TIEMPO_MINIMO_SEGUNDOS", 3)
PORTAL_MAX_ADJUNTOS = env_int("PORTAL_MAX_ADJUNTOS", 5)
PORTAL_UNIDAD_MESA_VIRTUAL = env_str("PORTAL_UNIDAD_MESA_VIRTUAL", "UTDA")

# Tope del cuerpo de una solicitud (bytes), por su Content-Length y antes de leerlo: 413 si pasa
# (core.middleware.TamanoDeSolicitudMiddleware). Por omisión, lo más grande que algo legítimo envía: los
# adjuntos de la mesa de partes virtual o el PDF a verificar, más 1 MB de campos. El proxy debe tener el mismo
# tope (client_max_body_size en nginx; docs/operacion/seguridad.md).
SOLICITUD_TAMANO_MAXIMO = env_int(
    "SOLICITUD_TAMANO_MAXIMO",
    max(PORTAL_MAX_ADJUNTOS * ARCHIVO_TAMANO_MAXIMO, CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO)
    + 1024 * 1024,
)
for _nombre in ("SOLICITUD_TAMANO_MAXIMO", "DATA_UPLOAD_MAX_MEMORY_SIZE", "FILE_UPLOAD_MAX_MEMORY_SIZE"):
    if globals()[_nombre] < 1:
        raise ImproperlyConfigured(f"{_nombre} debe ser 1 o más (se leyó {globals()[_nombre]}).")

# Actos: alerta de tareas por vencer (días hábiles antes) y construcción del protocolo anual.
ACTOS_ALERTA_DIAS_ANTES = env_int("ACTOS_ALERTA_DIAS_ANTES", 3)
ACTOS_PROTOCOLO_PROCESOS = env_int("ACTOS_PROTOCOLO_PROCESOS", min(4, os.cpu_count() or 1))
ACTOS_PROTOCOLO_LOTE = env_int("ACTOS_PROTOCOLO_LOTE", 20)
