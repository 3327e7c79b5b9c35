from django.urls import path

from core.views import archivos as vistas_archivos
from core.views import auditoria as vistas_auditoria
from core.views import busqueda as vistas_busqueda
from core.views import calendario as vistas_calendario
from core.views import correo as vistas_correo
from core.views import encargos as vistas_encargos
from core.views import inicio
from core.views import municipio as vistas_municipio
from core.views import organizacion as vistas_organizacion
from core.views import perfil as vistas_perfil
from core.views import personas as vistas_personas
from core.views import series as vistas_series
from core.views import usuarios as vistas_usuarios

app_name = "core"

urlpatterns = [
    path("inicio/", inicio.inicio, name="inicio"),
    path("notificaciones/", inicio.notificaciones, name="notificaciones"),
    path("notificaciones/leer/", inicio.notificaciones_leer, name="notificaciones-leer"),
    path("archivos/subir/", vistas_archivos.archivo_subir, name="archivo-subir"),
    path("buscar/", vistas_busqueda.buscar, name="buscar"),
    path("archivos/<id:pk>/", vistas_archivos.archivo_detalle, name="archivo-detalle"),
    path("archivos/<id:pk>/ver/", vistas_archivos.archivo_ver, name="archivo-ver"),
    path("archivos/<id:pk>/descargar/", vistas_archivos.archivo_descargar, name="archivo-descargar"),
    path("configuracion/municipio/", vistas_municipio.municipio, name="municipio"),
    path("configuracion/correo/", vistas_correo.correos, name="correos"),
    path("configuracion/correo/<str:nombre>", vistas_correo.correo_descargar, name="correo-descargar"),
    path("configuracion/unidades/", vistas_organizacion.unidades, name="unidades"),
    path("configuracion/unidades/nueva/", vistas_organizacion.unidad_crear, name="unidad-crear"),
    path("configuracion/unidades/<id:pk>/editar/", vistas_organizacion.unidad_editar, name="unidad-editar"),
    path(
        "configuracion/unidades/<id:pk>/desactivar/",
        vistas_organizacion.unidad_desactivar,
        name="unidad-desactivar",
    ),
    path("configuracion/cargos/", vistas_organizacion.cargos, name="cargos"),
    path("configuracion/cargos/nuevo/", vistas_organizacion.cargo_crear, name="cargo-crear"),
    path("configuracion/cargos/<id:pk>/editar/", vistas_organizacion.cargo_editar, name="cargo-editar"),
    path(
        "configuracion/cargos/<id:pk>/desactivar/",
        vistas_organizacion.cargo_desactivar,
        name="cargo-desactivar",
    ),
    path("configuracion/usuarios/", vistas_usuarios.usuarios, name="usuarios"),
    path("configuracion/usuarios/nuevo/", vistas_usuarios.usuario_crear, name="usuario-crear"),
    path("configuracion/usuarios/<id:pk>/editar/", vistas_usuarios.usuario_editar, name="usuario-editar"),
    path(
        "configuracion/usuarios/<id:pk>/desactivar/",
        vistas_usuarios.usuario_desactivar,
        name="usuario-desactivar",
    ),
    path(
        "configuracion/usuarios/<id:pk>/reactivar/",
        vistas_usuarios.usuario_reactivar,
        name="usuario-reactivar",
    ),
    path("configuracion/encargos/", vistas_encargos.encargos, name="encargos"),
    path("configuracion/encargos/nuevo/", vistas_encargos.encargo_crear, name="encargo-crear"),
    path("configuracion/encargos/<id:pk>/revocar/", vistas_encargos.encargo_revocar, name="encargo-revocar"),
    path("personas/", vistas_personas.personas, name="personas"),
    path("personas/nueva/", vistas_personas.persona_crear, name="persona-crear"),
    path("personas/<id:pk>/", vistas_personas.persona, name="persona"),
    path("personas/<id:pk>/editar/", vistas_personas.persona_editar, name="persona-editar"),
    path("configuracion/perfil/", vistas_perfil.perfil, name="perfil"),
    path("configuracion/perfil/reglas/", vistas_perfil.perfil_regla_fijar, name="perfil-regla-fijar"),
    path(
        "configuracion/perfil/reglas/<id:pk>/quitar/",
        vistas_perfil.perfil_regla_quitar,
        name="perfil-regla-quitar",
    ),
    path("configuracion/calendario/", vistas_calendario.calendario, name="calendario"),
    path(
        "configuracion/calendario/dias/",
        vistas_calendario.calendario_dia_agregar,
        name="calendario-dia-agregar",
    ),
    path(
        "configuracion/calendario/dias/<id:pk>/quitar/",
        vistas_calendario.calendario_dia_quitar,
        name="calendario-dia-quitar",
    ),
    path("configuracion/series/", vistas_series.series, name="series"),
    path("configuracion/series/crear/", vistas_series.serie_crear, name="serie-crear"),
    path("configuracion/series/<id:pk>/", vistas_series.serie, name="serie"),
    path(
        "configuracion/series/<id:pk>/cerrar-anio/",
        vistas_series.serie_cerrar_anio,
        name="serie-cerrar-anio",
    ),
    path("configuracion/series/numeros/<id:pk>/anular/", vistas_series.numero_anular, name="numero-anular"),
    path("auditoria/", vistas_auditoria.auditoria, name="auditoria"),
    path("auditoria/<id:pk>/", vistas_auditoria.evento, name="evento"),
]
