"""Tope del tamaño de la solicitud (issue 20, punto 5): 413 antes de leer el cuerpo, nada escrito en disco."""

import http.client
import json
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registro.models import Documento

MESA_VIRTUAL = "/mesa-de-partes-virtual/"


@pytest.fixture
def discos(settings, tmp_path):
    """MEDIA_ROOT y la carpeta de temporales de subida, vacías: la prueba mira que sigan así."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "subidas")
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # lo que pase de 1 KB iría a un temporal en disco
    (tmp_path / "subidas").mkdir()
    return [tmp_path / "media", tmp_path / "subidas"]


def vacias(carpetas) -> bool:
    return all(not c.exists() or not any(c.rglob("*")) for c in carpetas)


def test_subida_mayor_que_el_tope_da_413_sin_escribir_nada(client, municipio, settings, discos):
    settings.SOLICITUD_TAMANO_MAXIMO = 10_000
    archivo = SimpleUploadedFile("grande.pdf", b"%PDF-1.4\n" + b"0" * 50_000, content_type="application/pdf")
    r = client.post(MESA_VIRTUAL, {"asunto": "x", "adjuntos": [archivo]})
    assert r.status_code == 413
    html = r.content.decode()
    assert "Solicitud demasiado grande" in html and "el máximo que se recibe en una solicitud es 9,8" in html
    assert vacias(discos) and not Documento.objects.exists()


def test_en_la_api_el_413_es_json(client, settings):
    settings.SOLICITUD_TAMANO_MAXIMO = 100
    r = client.post("/api/v1/registro/documentos/", data=b"x" * 500, content_type="application/json")
    assert r.status_code == 413
    assert "demasiado grande" in json.loads(r.content)["detail"]


def test_bajo_el_tope_la_solicitud_sigue(client, municipio, settings):
    settings.SOLICITUD_TAMANO_MAXIMO = 10_000
    r = client.post(MESA_VIRTUAL, {"asunto": "x"})
    assert r.status_code == 200 and "Adjunte al menos un archivo" in r.content.decode()


def test_el_tope_por_omision_admite_lo_legitimo_mas_grande(settings):
    legitimo = max(
        settings.PORTAL_MAX_ADJUNTOS * settings.ARCHIVO_TAMANO_MAXIMO,
        settings.CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO,
    )
    assert legitimo < settings.SOLICITUD_TAMANO_MAXIMO < 300 * 1024 * 1024


def test_servidor_real_responde_413_sin_esperar_los_300_mb(live_server, settings, discos):
    """Una solicitud HTTP de verdad que anuncia 300 MB y manda solo el comienzo: la respuesta llega sin que
    el servidor espere ni guarde el resto."""
    destino = urlsplit(live_server.url)
    conexion = http.client.HTTPConnection(destino.hostname, destino.port, timeout=30)
    frontera = "frontera"
    inicio = (
        f'--{frontera}\r\nContent-Disposition: form-data; name="adjuntos"; filename="enorme.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"
    ).encode() + b"\0" * 65_536
    conexion.putrequest("POST", MESA_VIRTUAL)
    conexion.putheader("Content-Type", f"multipart/form-data; boundary={frontera}")
    conexion.putheader("Content-Length", str(300 * 1024 * 1024))
    conexion.endheaders()
    conexion.send(inicio)
    respuesta = conexion.getresponse()
    cuerpo = respuesta.read().decode()
    conexion.close()
    assert respuesta.status == 413 and "Solicitud demasiado grande" in cuerpo
    assert vacias(discos)
