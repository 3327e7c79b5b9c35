"""Números raros en la dirección (issue 20, punto 4): nunca 500; el helper `core.parametros.entero`."""

import pytest
from django.urls import reverse

from core.parametros import ENTERO_MAXIMO, entero
from core.services.numeracion import crear_serie

RAROS = ["²", "٣", "9223372036854775808", "1e3", "-1", " 7 ", "", "0x10", "1_000", "9" * 5000]


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("2026", 2026),
        ("007", 7),
        ("²", None),  # str.isdigit() dice que sí
        ("٣", None),  # int() lo acepta (dígito árabe)
        ("9223372036854775807", ENTERO_MAXIMO),
        ("9223372036854775808", None),
        ("-1", None),
        ("1_000", None),
        (" 7", None),
        ("", None),
        (None, None),
        ("9" * 5000, None),  # sin convertir: int() de 5000 dígitos falla en Python 3.11+
    ],
)
def test_entero(texto, esperado):
    assert entero(texto) == esperado


def test_entero_con_limites_y_defecto():
    assert entero("1899", minimo=1900, maximo=2200, defecto=2026) == 2026
    assert entero("2201", minimo=1900, maximo=2200) is None
    assert entero("2000", minimo=1900, maximo=2200) == 2000


@pytest.mark.parametrize("anio", RAROS)
def test_series_con_anio_raro_no_da_500(cliente_de, secretario, anio):
    serie = crear_serie(codigo="reg", nombre="Registro", formato="R {anio}-{numero}", por=secretario)
    r = cliente_de(secretario).get(reverse("core:serie", args=[serie.pk]), {"anio": anio})
    assert r.status_code == 200


@pytest.mark.parametrize("anio", RAROS)
def test_calendario_con_anio_raro_no_da_500(cliente_de, secretario, municipio, anio):
    assert cliente_de(secretario).get(reverse("core:calendario"), {"anio": anio}).status_code == 200


@pytest.mark.parametrize("buscar", ["²²²²²²²²²²²", "٣٣٣٣٣٣٣٣", "20131312955"])
def test_buscar_remitente_con_digitos_raros(cliente_de, mesa_de_partes, buscar):
    r = cliente_de(mesa_de_partes).get(reverse("registro:remitente-buscar"), {"buscar": buscar})
    assert r.status_code == 200


# Los mismos números raros en las áreas (concejo, actos, certificaciones): se tratan como ausentes.
@pytest.mark.parametrize("raro", ["²", "٣", "9223372036854775808", "9" * 5000])
def test_numeros_raros_en_las_areas_no_dan_500(cliente_de, secretario, raro):
    c = cliente_de(secretario)
    for ruta in [
        f"/api/v1/concejo/sesiones/?organo={raro}&anio={raro}",
        f"/api/v1/actos/?numero={raro}&anio={raro}",
        reverse("certificaciones:registro") + f"?anio={raro}",
    ]:
        r = c.get(ruta)
        assert r.status_code == 200, (ruta, r.status_code)


def test_fuente_con_numero_raro_es_un_mensaje(secretario):
    from django.core.exceptions import ValidationError  # noqa: PLC0415 - solo esta prueba

    from certificaciones.fuentes import resolver  # noqa: PLC0415 - solo esta prueba

    for raro in ["²", "9223372036854775808"]:
        with pytest.raises(ValidationError):
            resolver(secretario, f"actos.acto:{raro}")


@pytest.mark.parametrize("ruta", ["/concejo/realizadas/{}/acta/", "/concejo/realizadas/{}/"])
def test_un_id_enorme_en_la_ruta_es_404(client, municipio, ruta):
    assert client.get(ruta.format("9" * 30)).status_code == 404
