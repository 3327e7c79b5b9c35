from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tests.factories import PersonaFactory, UnidadFactory, UsuarioFactory
from registro.models import Derivacion, Documento
from registro.selectors.seguimiento import documento_por_codigo, linea_de_tiempo
from registro.tests.factories import DocumentoFactory


@pytest.fixture
def documento(municipio):
    remitente = PersonaFactory(nombres="Juan Carlos", apellidos="Ramírez Poma", numero_documento="45871236")
    return DocumentoFactory(asunto="Licencia de funcionamiento", remitente=remitente)


@pytest.fixture
def derivado(documento, unidad_gdu):
    funcionaria = UsuarioFactory(username="funcionaria", first_name="Eulalia", last_name="Zapata")
    ahora = timezone.now()
    Derivacion.objects.create(
        documento=documento,
        secuencia=1,
        a_unidad=unidad_gdu,
        de_usuario=funcionaria,
        a_usuario=funcionaria,
        instrucciones="Revisar con cuidado el expediente reservado",
        enviado_en=ahora,
        aceptado_en=ahora,
        aceptado_por=funcionaria,
        estado=Derivacion.Estado.ACEPTADA,
    )
    Derivacion.objects.create(
        documento=documento,
        secuencia=2,
        tipo=Derivacion.Tipo.COPIA,
        a_unidad=UnidadFactory(nombre="Oficina de Copias"),
        enviado_en=ahora,
    )
    Documento.objects.filter(pk=documento.pk).update(
        estado=Documento.Estado.EN_TRAMITE, unidad_actual=unidad_gdu
    )
    return documento


def test_inicio_publico_y_personal(client, municipio, secretario):
    r = client.get("/")
    assert r.status_code == 200
    html = r.content.decode()
    assert reverse("portal:consulta") in html and reverse("portal:mesa-virtual") in html
    client.force_login(secretario)
    r = client.get("/")
    assert r.status_code == 302 and r["Location"] == reverse("core:inicio")
    assert client.get(reverse("core:inicio")).status_code == 200


def test_consulta_por_codigo_muestra_linea_de_tiempo_sin_datos_de_terceros(client, derivado):
    r = client.get(reverse("portal:consulta-codigo", args=[derivado.codigo_seguimiento]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Registrado" in html
    assert "En Gerencia de Desarrollo Urbano" in html and "Recibida" in html
    assert derivado.numero_texto in html
    assert "J. C. R. P." in html
    privados = ("Ramírez", "Juan Carlos", "45871236", "Eulalia", "Zapata", "reservado", "Oficina de Copias")
    for privado in privados:
        assert privado not in html, privado


def test_consulta_admite_codigo_en_minusculas_y_con_guiones(client, documento):
    codigo = documento.codigo_seguimiento
    r = client.get(reverse("portal:consulta-codigo", args=[f"{codigo[:4]}-{codigo[4:]}".lower()]))
    assert r.status_code == 200


def test_documento_cerrado_muestra_cierre(client, documento):
    Documento.objects.filter(pk=documento.pk).update(
        estado=Documento.Estado.ATENDIDO, cerrado_en=timezone.now()
    )
    html = client.get(reverse("portal:consulta-codigo", args=[documento.codigo_seguimiento])).content.decode()
    assert 'data-hito="cierre"' in html and "Atendido" in html


def test_observado_y_subsanado(client, documento):
    Documento.objects.filter(pk=documento.pk).update(
        estado=Documento.Estado.OBSERVADO, subsanar_hasta=timezone.localdate() + timedelta(days=2)
    )
    html = client.get(reverse("portal:consulta-codigo", args=[documento.codigo_seguimiento])).content.decode()
    assert "Observado" in html and "Subsanado" not in html
    Documento.objects.filter(pk=documento.pk).update(estado=Documento.Estado.REGISTRADO)
    html = client.get(reverse("portal:consulta-codigo", args=[documento.codigo_seguimiento])).content.decode()
    assert "Subsanado" in html


def test_codigo_desconocido_da_404_en_espanol(client, documento):
    r = client.get(reverse("portal:consulta-codigo", args=["ZZZZZZZZZZZZ"]))
    assert r.status_code == 404
    assert "Trámite no encontrado" in r.content.decode()


def test_consulta_codigo_solo_get(client, documento):
    r = client.post(reverse("portal:consulta-codigo", args=[documento.codigo_seguimiento]))
    assert r.status_code == 405


def test_consulta_publica_en_pocas_consultas(client, derivado, django_assert_num_queries):
    url = reverse("portal:consulta-codigo", args=[derivado.codigo_seguimiento])
    # El municipio (plantilla base), el documento por su código único y sus pasos.
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(2):
        doc = documento_por_codigo(derivado.codigo_seguimiento)
        hitos = linea_de_tiempo(doc)
        assert [h.titulo for h in hitos][-1] == "En Gerencia de Desarrollo Urbano"
        assert doc.remitente.nombre_completo and doc.unidad_actual.nombre


def test_formulario_por_codigo_redirige(client, documento):
    r = client.post(reverse("portal:consulta"), {"codigo": documento.codigo_seguimiento.lower()})
    assert r.status_code == 302
    assert r["Location"] == reverse("portal:consulta-codigo", args=[documento.codigo_seguimiento])


def test_formulario_por_numero_y_documento(client, documento):
    datos = {"numero": documento.numero_texto, "numero_documento": "4587 1236"}
    r = client.post(reverse("portal:consulta"), datos)
    assert r.status_code == 302
    assert r["Location"] == reverse("portal:consulta-codigo", args=[documento.codigo_seguimiento])


def test_numero_con_documento_ajeno_responde_igual_que_inexistente(client, documento):
    url = reverse("portal:consulta")
    ajeno = client.post(url, {"numero": documento.numero_texto, "numero_documento": "11111111"})
    inexistente = client.post(url, {"numero": "NO-EXISTE-1", "numero_documento": "45871236"})
    assert ajeno.status_code == inexistente.status_code == 200
    mensaje = "No encontramos un trámite con esos datos"
    assert mensaje in ajeno.content.decode() and mensaje in inexistente.content.decode()
    assert documento.codigo_seguimiento not in ajeno.content.decode()


def test_formulario_incompleto_explica(client, municipio):
    r = client.post(reverse("portal:consulta"), {"numero": "123"})
    assert r.status_code == 200
    assert "escriba el número de registro y el número de su documento" in r.content.decode()
    r = client.post(reverse("portal:consulta"), {})
    assert "Escriba el código de seguimiento" in r.content.decode()


def test_limite_de_consultas_por_ip(client, documento, settings):
    settings.PORTAL_CONSULTAS_POR_MINUTO = 3
    url = reverse("portal:consulta-codigo", args=["ZZZZZZZZZZZZ"])
    assert [client.get(url).status_code for _ in range(3)] == [404, 404, 404]
    r = client.get(reverse("portal:consulta-codigo", args=[documento.codigo_seguimiento]))
    assert r.status_code == 429
    assert "Demasiadas solicitudes" in r.content.decode()
    # Otra IP no está limitada.
    url = reverse("portal:consulta-codigo", args=[documento.codigo_seguimiento])
    r = client.get(url, REMOTE_ADDR="10.0.0.9")
    assert r.status_code == 200
