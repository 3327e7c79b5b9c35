"""Direcciones absolutas (issue 14, punto 9): desde la petición si la hay, si no desde SITE_URL, que
`make run`/`secretaria servir` fijan desde el host y el puerto en que se sirve."""

from django.test import RequestFactory

from core.enlaces import site_url_para, url_absoluta
from core.management.commands.servir import entorno_de_los_procesos


def test_desde_site_url_sin_peticion(settings):
    settings.SITE_URL = "http://127.0.0.1:8765"
    assert url_absoluta("/consulta/ABC/") == "http://127.0.0.1:8765/consulta/ABC/"
    assert url_absoluta("consulta/ABC/") == "http://127.0.0.1:8765/consulta/ABC/"
    assert url_absoluta("https://otro.gob.pe/x/") == "https://otro.gob.pe/x/"


def test_desde_la_peticion_si_la_hay(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["intranet.muni.gob.pe"]
    peticion = RequestFactory().get("/", HTTP_HOST="intranet.muni.gob.pe:8765")
    assert (
        url_absoluta("/consulta/ABC/", request=peticion) == "http://intranet.muni.gob.pe:8765/consulta/ABC/"
    )


def test_servir_fija_site_url_desde_host_y_puerto_si_falta():
    assert entorno_de_los_procesos("127.0.0.1", "8765", {})["SITE_URL"] == "http://127.0.0.1:8765"
    assert entorno_de_los_procesos("0.0.0.0", "80", {"SITE_URL": ""})["SITE_URL"] == "http://127.0.0.1:80"
    propio = {"SITE_URL": "https://tramite.muni.gob.pe", "OTRA": "1"}
    assert entorno_de_los_procesos("127.0.0.1", "8765", propio) == propio
    assert site_url_para("::", 8000) == "http://127.0.0.1:8000"
    assert site_url_para("::1", 8000) == "http://[::1]:8000"
