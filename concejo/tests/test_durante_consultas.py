"""El voto desde la pantalla en vivo (issue 4): con 40 miembros, anotar un voto y responder el panel no
relee por fila ni recalcula dos veces quién integra el pleno (guarda de consultas, sin medir tiempos)."""

import pytest
from django.test import Client

from bench.concejo_votos import preparar
from concejo.models import Voto
from core.models import Evento

pytestmark = pytest.mark.django_db


def test_voto_desde_la_pantalla_con_40_miembros_acota_las_consultas(django_assert_max_num_queries):
    secretario, votacion, regidores = preparar(miembros=40)
    cliente = Client()
    cliente.force_login(secretario)
    url = f"/concejo/votaciones/{votacion.pk}/voto/"
    cliente.post(url, {"miembro": regidores[0].pk, "sentido": "a_favor"}, HTTP_HX_REQUEST="true")  # calentamiento
    eventos = Evento.objects.filter(accion="concejo.voto.registrar").count()
    with django_assert_max_num_queries(35):
        r = cliente.post(url, {"miembro": regidores[1].pk, "sentido": "en_contra"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count('data-votar="a_favor"') == 40  # los 40 regidores en sala (el alcalde solo dirime)
    assert 'aria-pressed="true" aria-label="En contra: ' in html
    assert "Faltan votar 38" in html
    assert Voto.objects.get(votacion=votacion, miembro=regidores[1]).sentido == "en_contra"
    assert Evento.objects.filter(accion="concejo.voto.registrar").count() == eventos + 1
