"""Un acto del concejo muestra cómo se aprobó: la votación (a favor, en contra, abstenciones, resultado), con
enlace a la sesión y a su acta cuando la hay, en la página interna y en la pública."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actos.services.ciclo import crear_desde_decision, firmar, publicar
from actos.services.texto import agregar_parte
from actos.tests.factories import acto_publicado
from concejo.models import Acta, Decision, Votacion
from concejo.tests.factories import PuntoFactory, SesionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def acto_del_concejo(secretario, municipio):
    sesion = SesionFactory(estado="levantada", fecha=timezone.now() - timedelta(days=3), numero=4)
    punto = PuntoFactory(sesion=sesion, titulo="Ordenanza de ruidos molestos", instrumento="ordenanza")
    votacion = Votacion.objects.create(
        sesion=sesion,
        punto=punto,
        numero=2,
        mocion="Aprobar la ordenanza",
        mayoria="simple_presentes",
        estado="confirmada",
        resultado="aprobado",
        a_favor=7,
        en_contra=2,
        abstenciones=1,
    )
    decision = Decision.objects.create(
        sesion=sesion,
        punto=punto,
        votacion=votacion,
        instrumento="ordenanza",
        resumen="Aprobar la ordenanza que regula los ruidos molestos",
    )
    acto = crear_desde_decision(decision=decision, por=secretario)
    agregar_parte(acto=acto, tipo="articulo", texto="Prohíbanse los ruidos molestos.", por=secretario)
    firmar(acto=acto, por=secretario, firmante="Pedro Ramos", cargo_firmante="Alcalde")
    return publicar(acto=acto, por=secretario, fecha=timezone.localdate(), medio="Diario Oficial El Peruano")


def test_la_pagina_interna_muestra_la_votacion_y_enlaza_sesion_y_acta(client, secretario, acto_del_concejo):
    sesion = acto_del_concejo.decision.sesion
    client.force_login(secretario)
    pagina = client.get(reverse("actos:acto", args=[acto_del_concejo.pk])).content.decode()
    assert (
        "Votación Nº 2: <span data-a-favor>7</span> a favor, <span data-en-contra>2</span> en contra, "
        "<span data-abstenciones>1</span> abstención" in pagina
    )
    assert "<strong data-resultado>Aprobado</strong>" in pagina
    assert f'href="{reverse("concejo:sesion", args=[sesion.pk])}"' in pagina
    assert "data-enlace-acta" not in pagina  # aún no hay acta
    Acta.objects.create(sesion=sesion, texto="<p>Acta de la sesión</p>")
    pagina = client.get(reverse("actos:acto", args=[acto_del_concejo.pk])).content.decode()
    assert f'href="{reverse("concejo:acta", args=[sesion.pk])}"' in pagina


def test_la_pagina_publica_enlaza_la_sesion_realizada_y_el_acta_publicada(
    client, jefe_unidad, acto_del_concejo
):
    sesion = acto_del_concejo.decision.sesion
    acta = Acta.objects.create(sesion=sesion, texto="<p>Acta de la sesión</p>")
    url = reverse("normativa:acto", args=[acto_del_concejo.pk])
    pagina = client.get(url).content.decode()
    assert "<span data-a-favor>7</span> a favor" in pagina and "data-resultado" in pagina
    assert f'href="{reverse("concejo:realizada", args=[sesion.pk])}"' in pagina
    assert "data-enlace-acta" not in pagina  # el acta en borrador no se asoma al público
    Acta.objects.filter(pk=acta.pk).update(estado=Acta.Estado.PUBLICADA)
    pagina = client.get(url).content.decode()
    assert f'href="{reverse("concejo:realizada-acta", args=[sesion.pk])}"' in pagina
    # Quien no ve el concejo, en la página interna, recibe los enlaces del portal.
    client.force_login(jefe_unidad)
    pagina = client.get(reverse("actos:acto", args=[acto_del_concejo.pk])).content.decode()
    assert f'href="{reverse("concejo:realizada", args=[sesion.pk])}"' in pagina
    assert reverse("concejo:sesion", args=[sesion.pk]) + '"' not in pagina


def test_una_sesion_no_publica_no_se_enlaza_pero_el_resultado_se_ve(client, acto_del_concejo):
    sesion = acto_del_concejo.decision.sesion
    sesion.publica = False
    sesion.save(update_fields=["publica"])
    pagina = client.get(reverse("normativa:acto", args=[acto_del_concejo.pk])).content.decode()
    assert "data-enlace-sesion" not in pagina and "<span data-a-favor>7</span> a favor" in pagina


def test_un_acto_del_alcalde_no_tiene_aprobacion_en_sesion(client, secretario):
    acto = acto_publicado(por=secretario, tipo="decreto")
    assert "data-aprobacion" not in client.get(reverse("normativa:acto", args=[acto.pk])).content.decode()
