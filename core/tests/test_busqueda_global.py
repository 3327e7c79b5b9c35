"""La búsqueda global por sus puntos de entrada (/buscar/ y /api/v1/buscar/): validación en español,
quién puede usarla, el esquema OpenAPI y los proveedores que se inscriben (aquí, uno del índice común
registrado con `registrar_tipo`). Las áreas prueban sus propios proveedores en sus `tests/`."""

import pytest
import yaml
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.busqueda import indexar, quitar_tipo, registrar_tipo
from core.busqueda.fragmentos import fragmento
from core.tests.factories import UnidadFactory

URL = "/api/v1/buscar/"


def api(usuario):
    cliente = APIClient()
    token, _ = Token.objects.get_or_create(user=usuario)
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return cliente


@pytest.fixture
def notas():
    # Un tipo del índice común: cada unidad ve las de su ámbito; «publico», todo el personal.
    registrar_tipo(
        "prueba.nota", etiqueta="Nota", ambitos=lambda u: {"publico", getattr(u.unidad, "sigla", "")}
    )
    yield
    quitar_tipo("prueba.nota")


def nota(titulo, texto="", *, ambito="publico"):
    obj = UnidadFactory()
    return indexar(
        obj, tipo="prueba.nota", titulo=titulo, texto=texto, url=f"/notas/{obj.pk}/", ambito=ambito
    )


@pytest.mark.parametrize(
    ("params", "campo", "mensaje"),
    [
        ({}, "q", "Escriba al menos una palabra de dos letras o más para buscar."),
        ({"q": "   "}, "q", "Escriba al menos una palabra de dos letras o más para buscar."),
        ({"q": "a"}, "q", "Escriba al menos una palabra de dos letras o más para buscar."),
        ({"q": "de la"}, "q", "Escriba al menos una palabra de dos letras o más para buscar."),
        ({"q": '"*()'}, "q", "Escriba al menos una palabra de dos letras o más para buscar."),
        ({"q": "x" * 201}, "q", "La búsqueda no puede pasar de 200 caracteres."),
        ({"q": "licencia", "tipo": "nada"}, "tipo", "Tipo desconocido: nada."),
        ({"q": "licencia", "desde": "ayer"}, "desde", "Escriba la fecha como AAAA-MM-DD."),
        (
            {"q": "licencia", "desde": "2026-05-02", "hasta": "2026-05-01"},
            "desde",
            "La fecha «desde» no puede ser posterior a la fecha «hasta».",
        ),
        ({"q": "licencia", "unidad": "999999"}, "unidad", "Elija una unidad de la lista."),
        ({"q": "licencia", "pagina": "0"}, "pagina", "La página empieza en 1."),
    ],
)
def test_api_consulta_mala_da_400_en_espanol(secretario, params, campo, mensaje):
    r = api(secretario).get(URL, params)
    assert r.status_code == 400
    assert r.json()["error"] == mensaje
    assert r.json()["campos"][campo] == [mensaje]


def test_api_sin_sesion_401_y_ciudadano_403(client, ciudadano, notas):
    nota("Licencia pública")
    r = APIClient().get(URL, {"q": "licencia"})
    assert r.status_code == 401 and r.json()["error"]
    r = api(ciudadano).get(URL, {"q": "licencia"})
    assert r.status_code == 403
    assert r.json()["error"] == "Solo el personal de la municipalidad puede consultar esto."


def test_pagina_pide_sesion_y_es_del_personal(client, ciudadano, cliente_de):
    r = client.get(reverse("core:buscar"), {"q": "licencia"})
    assert r.status_code == 302 and reverse("login") in r["Location"]
    assert cliente_de(ciudadano).get(reverse("core:buscar"), {"q": "licencia"}).status_code == 403


def test_pagina_consulta_mala_muestra_el_mensaje(cliente_de, secretario):
    r = cliente_de(secretario).get(reverse("core:buscar"), {"q": "a"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Escriba al menos una palabra de dos letras o más para buscar." in html
    assert 'aria-invalid="true"' in html


def test_la_cabecera_de_cada_pagina_lleva_la_caja_de_busqueda(cliente_de, jefe_unidad, ciudadano):
    html = cliente_de(jefe_unidad).get(reverse("core:inicio")).content.decode()
    assert "data-buscar-cabecera" in html and "data-buscar-icono" in html
    assert f'action="{reverse("core:buscar")}"' in html
    assert (
        "data-buscar-cabecera"
        not in cliente_de(ciudadano).get(reverse("core:notificaciones")).content.decode()
    )


def test_un_tipo_del_indice_comun_entra_solo_en_la_busqueda(notas, jefe_unidad, ajeno):
    nota("Licencia de la GDU", "texto de la licencia", ambito="GDU")
    publica = nota("Licencia pública", "para todos")
    r = api(ajeno).get(URL, {"q": "licencias"}).json()["resultados"]
    assert [(x["tipo"], x["id"], x["titulo"]) for x in r] == [
        ("prueba.nota", str(publica.objeto_id), "Licencia pública")
    ]
    assert len(api(jefe_unidad).get(URL, {"q": "licencias", "tipo": "prueba.nota"}).json()["resultados"]) == 2
    # Sin unidad: con el filtro de unidad no aporta resultados.
    assert (
        api(jefe_unidad).get(URL, {"q": "licencias", "unidad": jefe_unidad.unidad_id}).json()["resultados"]
        == []
    )


def test_esquema_openapi_documenta_la_busqueda(client, db):
    esquema = yaml.safe_load(client.get(reverse("api-schema")).content)
    operacion = esquema["paths"]["/api/v1/buscar/"]["get"]
    assert {p["name"] for p in operacion["parameters"]} >= {"q", "tipo", "unidad", "desde", "hasta", "pagina"}
    assert set(operacion["responses"]) >= {"200", "400", "401", "403"}


def test_fragmento_ventana_y_resaltes():
    texto = " ".join(f"palabra{i}" for i in range(100)) + " el certificado final. Y más."
    f = fragmento(texto, ["certific"])
    assert f.texto.startswith("… ") and "certificado" in f.texto
    assert [f.texto[i:j] for i, j in f.resaltes] == ["certificado"]
    assert f.html().count("<mark>") == 1
    # Sin coincidencia exacta de raíz, vale como prefijo (como el índice de SQLite).
    assert [
        fragmento("Certificación", ["certific"]).texto[i:j]
        for i, j in fragmento("Certificación", ["certific"]).resaltes
    ] == ["Certificación"]
    assert fragmento("<b>x</b> & y", ["y"]).html() == "&lt;b&gt;x&lt;/b&gt; &amp; <mark>y</mark>"
