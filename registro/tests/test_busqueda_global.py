"""La búsqueda global (/buscar/ y /api/v1/buscar/) en los documentos del registro: tildes, raíces,
fragmento resaltado, filtros y alcance por unidad (lo ajeno no sale ni se cuenta)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from registro.services.flujo import derivar
from registro.tests.factories import DocumentoFactory

URL = "/api/v1/buscar/"


def api(usuario):
    cliente = APIClient()
    token, _ = Token.objects.get_or_create(user=usuario)
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return cliente


@pytest.fixture
def certificado(mesa_de_partes):
    return DocumentoFactory(
        por=mesa_de_partes, asunto="Solicitud de certificado de posesión del predio Nº 12"
    )


@pytest.fixture
def otro(mesa_de_partes):
    return DocumentoFactory(por=mesa_de_partes, asunto="Queja por ruidos molestos en la vía pública")


@pytest.mark.parametrize("q", ["certificados", "CERTIFICADO", "posesion", "Posesión certificado"])
def test_api_encuentra_por_el_asunto_con_y_sin_tildes_y_por_raiz(certificado, otro, mesa_de_partes, q):
    r = api(mesa_de_partes).get(URL, {"q": q})
    assert r.status_code == 200, r.content
    resultados = r.json()["resultados"]
    assert [(x["tipo"], x["id"]) for x in resultados] == [("documento", str(certificado.pk))]
    fila = resultados[0]
    assert fila["titulo"] == certificado.asunto
    assert fila["url"] == reverse("registro:documento", args=[certificado.pk])
    assert fila["detalle"] == certificado.numero_texto
    # El fragmento es texto plano; los resaltes dicen dónde están las palabras encontradas.
    resaltadas = {fila["fragmento"][i:j].lower() for i, j in fila["resaltes"]}
    assert resaltadas & {"certificado", "posesión"}
    assert "<" not in fila["fragmento"]


def test_pagina_encuentra_y_resalta_con_mark(certificado, otro, cliente_de, mesa_de_partes):
    r = cliente_de(mesa_de_partes).get(reverse("core:buscar"), {"q": "certificados posesion"})
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count("data-resultado") == 1
    assert reverse("registro:documento", args=[certificado.pk]) in html
    assert "<mark>certificado</mark>" in html and "<mark>posesión</mark>" in html
    assert "ruidos" not in html


def test_el_fragmento_escapa_el_html(mesa_de_partes, cliente_de):
    DocumentoFactory(por=mesa_de_partes, asunto="Certificado <script>alert(1)</script> de numeración")
    html = cliente_de(mesa_de_partes).get(reverse("core:buscar"), {"q": "numeracion"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    fila = api(mesa_de_partes).get(URL, {"q": "numeracion"}).json()["resultados"][0]
    assert "<script>" in fila["fragmento"]  # texto plano: quien lo muestre lo escapa


def test_lo_ajeno_no_sale_ni_se_cuenta(
    certificado, ajeno, jefe_unidad, secretario, mesa_de_partes, cliente_de
):
    # El documento está en la mesa de partes: ni el ajeno ni el jefe de la GDU lo ven.
    for usuario in (ajeno, jefe_unidad):
        r = api(usuario).get(URL, {"q": "certificado"})
        assert r.status_code == 200 and r.json()["resultados"] == [] and r.json()["hay_mas"] is False
        html = cliente_de(usuario).get(reverse("core:buscar"), {"q": "certificado"}).content.decode()
        assert "predio" not in html and "data-resultado" not in html
        assert "No se encontraron resultados" in html
    # Derivado a la GDU, su jefe sí lo encuentra; la Secretaría General ve todo el registro.
    derivar(documento=certificado, a_unidad=jefe_unidad.unidad, por=mesa_de_partes, instrucciones="Atender")
    assert [x["id"] for x in api(jefe_unidad).get(URL, {"q": "certificado"}).json()["resultados"]] == [
        str(certificado.pk)
    ]
    assert len(api(secretario).get(URL, {"q": "certificado"}).json()["resultados"]) == 1


def test_filtros_por_tipo_unidad_y_fechas(certificado, mesa_de_partes, unidad_gdu):
    cliente = api(mesa_de_partes)
    hoy = timezone.localdate()
    assert len(cliente.get(URL, {"q": "certificado", "tipo": "documento"}).json()["resultados"]) == 1
    assert cliente.get(URL, {"q": "certificado", "tipo": "acto"}).json()["resultados"] == []
    unidad = certificado.unidad_actual_id
    assert len(cliente.get(URL, {"q": "certificado", "unidad": unidad}).json()["resultados"]) == 1
    assert cliente.get(URL, {"q": "certificado", "unidad": unidad_gdu.pk}).json()["resultados"] == []
    assert len(cliente.get(URL, {"q": "certificado", "desde": hoy, "hasta": hoy}).json()["resultados"]) == 1
    manana = hoy + timedelta(days=1)
    assert cliente.get(URL, {"q": "certificado", "desde": manana}).json()["resultados"] == []
    assert cliente.get(URL, {"q": "certificado", "hasta": hoy - timedelta(days=1)}).json()["resultados"] == []


def test_paginacion(mesa_de_partes):
    for i in range(7):
        DocumentoFactory(por=mesa_de_partes, asunto=f"Pedido de licencia de funcionamiento {i}")
    cliente = api(mesa_de_partes)
    primera = cliente.get(URL, {"q": "licencias", "por_pagina": 5}).json()
    segunda = cliente.get(URL, {"q": "licencias", "por_pagina": 5, "pagina": 2}).json()
    assert len(primera["resultados"]) == 5 and primera["hay_mas"] is True
    assert len(segunda["resultados"]) == 2 and segunda["hay_mas"] is False
    ids = {x["id"] for x in primera["resultados"]} | {x["id"] for x in segunda["resultados"]}
    assert len(ids) == 7
