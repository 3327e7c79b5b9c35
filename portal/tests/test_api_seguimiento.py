import pytest
from django.utils import timezone

from core.tests.factories import PersonaFactory
from registro.models import Derivacion, Documento
from registro.tests.factories import DocumentoFactory


@pytest.fixture
def documento(municipio, unidad_gdu):
    remitente = PersonaFactory(nombres="Juan Carlos", apellidos="Ramírez Poma", numero_documento="45871236")
    doc = DocumentoFactory(asunto="Licencia de funcionamiento", remitente=remitente)
    Derivacion.objects.create(
        documento=doc,
        secuencia=1,
        a_unidad=unidad_gdu,
        instrucciones="Nota interna reservada",
        enviado_en=timezone.now(),
    )
    Documento.objects.filter(pk=doc.pk).update(estado=Documento.Estado.EN_TRAMITE, unidad_actual=unidad_gdu)
    return doc


def test_seguimiento_publico_sin_sesion(client, documento, django_assert_num_queries):
    # El municipio y su zona horaria (leídos con cada solicitud: las fechas salen en la hora del municipio), el
    # documento por su código único y sus pasos.
    with django_assert_num_queries(3):
        r = client.get(f"/api/v1/seguimiento/{documento.codigo_seguimiento.lower()}/")
    assert r.status_code == 200
    datos = r.json()
    assert datos["numero"] == documento.numero_texto
    assert datos["estado"] == "en_tramite" and datos["unidad_actual"] == "Gerencia de Desarrollo Urbano"
    assert datos["remitente_iniciales"] == "J. C. R. P."
    titulos = [h["titulo"] for h in datos["linea_de_tiempo"]]
    assert titulos == ["Registrado", "En Gerencia de Desarrollo Urbano"]
    texto = r.content.decode()
    assert "Ramírez" not in texto and "45871236" not in texto and "reservada" not in texto


def test_seguimiento_codigo_desconocido(client, documento):
    r = client.get("/api/v1/seguimiento/ZZZZZZZZZZZZ/")
    assert r.status_code == 404 and r.json()["error"] == "No encontrado."


def test_seguimiento_solo_lectura(client, documento):
    assert client.post(f"/api/v1/seguimiento/{documento.codigo_seguimiento}/").status_code == 405


def test_seguimiento_limite_por_ip(client, documento, settings):
    settings.PORTAL_CONSULTAS_POR_MINUTO = 2
    url = f"/api/v1/seguimiento/{documento.codigo_seguimiento}/"
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    r = client.get(url)
    assert r.status_code == 429 and "espere un minuto" in r.json()["error"]


def test_seguimiento_en_el_esquema(client, db):
    r = client.get("/api/v1/schema/", {"format": "json"})
    assert "/api/v1/seguimiento/{codigo}/" in r.json()["paths"]
