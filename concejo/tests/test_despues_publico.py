"""Páginas públicas (sin ingreso): sesiones realizadas, cada votación con el voto de cada miembro, acuerdos,
el acta publicada (HTML y PDF) y los votos de un miembro. Lo no público responde 404."""

import hashlib

import pytest
from django.urls import reverse

from concejo.models import Acta, Sesion, Votacion, Voto
from concejo.services import actas
from concejo.tests.datos_despues import sesion_realizada, votacion_de_aprobacion


@pytest.fixture
def sesion(db):
    return sesion_realizada()


def test_lista_de_sesiones_realizadas(client, sesion):
    oculta = sesion_realizada(organo=sesion.organo, numero=99)
    Sesion.objects.filter(pk=oculta.pk).update(publica=False)
    r = client.get(reverse("concejo:realizadas"))
    html = r.content.decode()
    assert r.status_code == 200 and reverse("concejo:realizada", args=[sesion.pk]) in html
    assert reverse("concejo:realizada", args=[oculta.pk]) not in html
    assert client.get(reverse("concejo:realizada", args=[oculta.pk])).status_code == 404


def test_sesion_realizada_muestra_asistencia_votos_por_miembro_y_acuerdos(
    client, sesion, django_assert_num_queries
):
    with django_assert_num_queries(7):
        r = client.get(reverse("concejo:realizada", args=[sesion.pk]))
    html = r.content.decode()
    assert r.status_code == 200
    for voto in Voto.objects.filter(votacion__numero=1, votacion__sesion=sesion).select_related(
        "miembro__persona"
    ):
        fila = (
            f"<tr><td>{voto.miembro.persona.nombre_completo}</td><td>{voto.get_sentido_display()}</td></tr>"
        )
        assert fila in html
    assert "A favor: 1 · En contra: 4" in html  # la ordinaria, sin nombres
    assert "Aprobar la Ordenanza de ornato del distrito." in html
    assert "Comisión de servicio" not in html  # la nota interna de asistencia no sale
    assert "Leer el acta" not in html  # sin acta publicada


def test_votacion_secreta_y_sin_confirmar_no_revelan_nombres(client, sesion):
    Votacion.objects.filter(sesion=sesion, numero=1).update(forma=Votacion.Forma.SECRETA)
    html = client.get(reverse("concejo:realizada", args=[sesion.pk])).content.decode()
    assert "votación secreta, sin nombres" in html and "<td>A favor</td>" not in html
    Votacion.objects.filter(sesion=sesion).update(estado=Votacion.Estado.CERRADA)
    html = client.get(reverse("concejo:realizada", args=[sesion.pk])).content.decode()
    assert "No hubo votaciones." in html


def test_acta_publicada_html_y_pdf(client, sesion, secretario):
    url = reverse("concejo:realizada-acta", args=[sesion.pk])
    pdf = reverse("concejo:realizada-acta-pdf", args=[sesion.pk])
    assert client.get(url).status_code == 404
    actas.generar_acta(sesion=sesion, por=secretario)
    assert client.get(url).status_code == 404  # un borrador no se publica
    acta = _publicar_desde_borrador(sesion, secretario)
    actas.agregar_fe_de_erratas(
        acta=acta, texto="Donde dice «ornato» debe decir «ornato público».", por=secretario
    )
    r = client.get(url)
    html = r.content.decode()
    assert r.status_code == 200 and "Ordenanza de ornato" in html and acta.sha256 in html
    assert "Fe de erratas" in html and "ornato público" in html
    r = client.get(pdf)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(r.streaming_content)).hexdigest() == acta.sha256
    assert "Leer el acta" in client.get(reverse("concejo:realizada", args=[sesion.pk])).content.decode()
    Sesion.objects.filter(pk=sesion.pk).update(publica=False)
    assert client.get(url).status_code == 404 and client.get(pdf).status_code == 404


def _publicar_desde_borrador(sesion, por):
    actas.al_confirmar_votacion(votacion_de_aprobacion(sesion), por=por)
    acta = actas.firmar_acta(acta=Acta.objects.get(sesion=sesion), por=por)
    return actas.publicar_acta(acta=acta, por=por)


def test_votos_de_un_miembro(client, sesion):
    miembro = sesion.organo.periodo.miembros.order_by("orden", "id")[3]
    r = client.get(reverse("concejo:realizada-miembro", args=[miembro.pk]))
    html = r.content.decode()
    assert r.status_code == 200 and miembro.persona.nombre_completo in html
    assert "Aprobar la ordenanza de ornato" in html and "<td>En contra</td>" in html
    assert "Aprobar el pedido de informe" not in html  # ordinaria: sin voto nominal
    Sesion.objects.filter(pk=sesion.pk).update(publica=False)
    assert (
        "Aprobar la ordenanza de ornato"
        not in client.get(reverse("concejo:realizada-miembro", args=[miembro.pk])).content.decode()
    )
    assert client.get(reverse("concejo:realizada-miembro", args=[999999])).status_code == 404
