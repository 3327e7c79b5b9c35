"""Endurecimiento por entorno (issue 20, punto 6): `check --deploy` limpio con las variables de producción,
las cabeceras de seguridad y la Content-Security-Policy."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as ajustes
from django.core.exceptions import ImproperlyConfigured

from secretaria.env import env_cabecera_proxy

PRODUCCION = {
    "SECRETARIA_DEMO": "0",
    "DEBUG": "0",
    "SECRET_KEY": "k3J9-vQ2x_Lm8Rt5Wz1Np4Ys7Ua0Bc6De9Fg2Hj5Km8Lq1Sr4Tv7Wx0Yz3Ab6Cd9Ef2Gh5",
    "ALLOWED_HOSTS": "secretaria.villaesperanza.gob.pe",
    "SITE_URL": "https://secretaria.villaesperanza.gob.pe",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto,https",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def secretaria(*argumentos, tmp_path, **variables):
    """Una orden de manage.py en otro proceso, con el entorno de este menos lo de pruebas, más `variables`."""
    # DJANGO_ALLOW_ASYNC_UNSAFE la pone el conftest.py de la raíz para el navegador de pruebas: no es del
    # entorno de producción.
    de_pruebas = ("TESTING", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    entorno = {k: v for k, v in os.environ.items() if k not in de_pruebas}
    entorno.update(SECRETARIA_VAR_DIR=str(tmp_path), **variables)
    return subprocess.run(
        [sys.executable, "manage.py", *argumentos],
        cwd=ajustes.BASE_DIR,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=600,  # arrancar Django bajo carga
    )


def test_check_deploy_limpio_con_las_variables_de_produccion(tmp_path):
    r = secretaria("check", "--deploy", tmp_path=tmp_path, **PRODUCCION)
    assert r.returncode == 0, r.stderr
    salida = r.stdout + r.stderr
    avisos = [linea for linea in salida.splitlines() if linea.startswith("?: (")]
    # Solo quedan los del esquema OpenAPI (issue 20, punto 7, aparte); ninguno de seguridad.
    assert [a for a in avisos if not a.startswith("?: (drf_spectacular.")] == []
    for codigo in ("W004", "W008", "W012", "W016", "W019"):
        assert f"security.{codigo}" not in salida


def test_https_sin_cabecera_del_proxy_no_redirige(tmp_path):
    """Con SITE_URL en https pero sin SECURE_PROXY_SSL_HEADER, Django no sabría que la solicitud llegó cifrada
    y redirigir daría un bucle: no redirige (y el check lo avisa, W008). Cookies Secure y HSTS, sí."""
    r = secretaria("check", "--deploy", tmp_path=tmp_path, **{**PRODUCCION, "SECURE_PROXY_SSL_HEADER": ""})
    salida = r.stdout + r.stderr
    assert "security.W008" in salida
    assert "security.W004" not in salida and "security.W012" not in salida and "security.W016" not in salida


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [
        ("X-Forwarded-Proto,https", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("HTTP_X_FORWARDED_PROTO, https", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("", None),
    ],
)
def test_cabecera_del_proxy(monkeypatch, valor, esperado):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", valor)
    assert env_cabecera_proxy("SECURE_PROXY_SSL_HEADER") == esperado


@pytest.mark.parametrize("valor", ["https", "X-Forwarded-Proto", "X-Forwarded Proto,https", ",https"])
def test_cabecera_del_proxy_mal_escrita_detiene_el_arranque(monkeypatch, valor):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", valor)
    with pytest.raises(ImproperlyConfigured, match="cabecera,valor"):
        env_cabecera_proxy("SECURE_PROXY_SSL_HEADER")


def test_cabeceras_de_seguridad_y_csp(client, municipio):
    r = client.get("/ingresar/")
    assert r["X-Frame-Options"] == "DENY"
    aplicada = r["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in aplicada and "object-src 'none'" in aplicada
    assert "script-src" not in aplicada  # aún en informe: quedan scripts en línea en concejo
    informe = r["Content-Security-Policy-Report-Only"]
    assert "script-src 'self'" in informe and "default-src 'self'" in informe


def test_detras_del_proxy_redirige_a_https_y_manda_hsts(client, municipio, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    r = client.get("/ingresar/")
    assert r.status_code == 301 and r["Location"] == "https://testserver/ingresar/"
    r = client.get("/ingresar/", HTTP_X_FORWARDED_PROTO="https")
    assert r.status_code == 200 and r["Strict-Transport-Security"].startswith("max-age=3600")
