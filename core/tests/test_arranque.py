"""Un `make run` silencioso (issue 14, punto 11): correos como .eml en var/correo/, sin los avisos de
fontTools al incrustar fuentes en los PDF, y `servir` con gunicorn."""

import email
import logging
from email import policy

from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

import secretaria.settings as configuracion
from core.management.commands.servir import orden_del_servidor
from core.tests.factories import UsuarioFactory


def test_correo_queda_como_eml_legible(settings, tmp_path):
    carpeta = tmp_path / "correo"
    conexion = get_connection("core.correo.CorreoEnArchivos", file_path=str(carpeta))
    mensaje = EmailMessage(
        "Citación: sesión ordinaria Nº 1-2026", "Se le cita…", "secretaria@localhost", ["regidor@muni.gob.pe"]
    )
    mensaje.attach("citacion.pdf", b"%PDF-1.7 prueba", "application/pdf")
    assert conexion.send_messages([mensaje]) == 1
    (archivo,) = carpeta.glob("*.eml")
    assert "citacion-sesion-ordinaria" in archivo.name
    leido = email.message_from_bytes(archivo.read_bytes(), policy=policy.default)
    assert leido["Subject"] == "Citación: sesión ordinaria Nº 1-2026" and leido["To"] == "regidor@muni.gob.pe"
    adjunto = next(leido.iter_attachments())
    assert adjunto.get_filename() == "citacion.pdf" and adjunto.get_content() == b"%PDF-1.7 prueba"


def test_por_omision_el_correo_va_a_var_correo():
    # pytest-django cambia el backend a locmem al correr; el módulo de configuración guarda el de base.
    assert configuracion.EMAIL_HOST or configuracion.EMAIL_BACKEND == "core.correo.CorreoEnArchivos"
    assert configuracion.EMAIL_FILE_PATH == str(configuracion.VAR_DIR / "correo")


def test_fonttools_no_avisa_al_recortar_fuentes():
    assert not logging.getLogger("fontTools.subset").isEnabledFor(logging.WARNING)
    assert logging.getLogger("fontTools.subset").isEnabledFor(logging.ERROR)


def test_servir_usa_gunicorn_con_host_y_puerto():
    orden = orden_del_servidor("127.0.0.1", "8765")
    assert orden[1:4] == ["-m", "gunicorn", "secretaria.wsgi:application"]
    assert orden[orden.index("--bind") + 1] == "127.0.0.1:8765"
    assert orden_del_servidor("::1", "80")[orden.index("--bind") + 1] == "[::1]:80"


def test_admin_ve_la_lista_de_correos_y_descarga_el_eml(settings, tmp_path, cliente_de, municipio):
    settings.EMAIL_BACKEND = "core.correo.CorreoEnArchivos"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    EmailMessage("Aviso de plazo", "Vence mañana.", "secretaria@localhost", ["jefe@muni.gob.pe"]).send()
    (archivo,) = tmp_path.glob("*.eml")
    admin = UsuarioFactory(username="admin", is_superuser=True, is_staff=True)
    c = cliente_de(admin)
    html = c.get(reverse("core:correos")).content.decode()
    assert "Aviso de plazo" in html and "jefe@muni.gob.pe" in html
    r = c.get(reverse("core:correo-descargar", args=[archivo.name]))
    assert r.status_code == 200 and b"Subject: Aviso de plazo" in b"".join(r.streaming_content)
    assert c.get(reverse("core:correo-descargar", args=["..secreto.eml"])).status_code == 404


def test_lista_de_correos_404_para_quien_no_es_admin_o_sin_archivos(
    settings, tmp_path, cliente_de, secretario
):
    settings.EMAIL_BACKEND = "core.correo.CorreoEnArchivos"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    assert cliente_de(secretario).get(reverse("core:correos")).status_code == 404
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    secretario.is_superuser = True
    secretario.save()
    assert cliente_de(secretario).get(reverse("core:correos")).status_code == 404
