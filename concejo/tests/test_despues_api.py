"""API del acta: leer, editar, generar, firmar y publicar; la lista pública de actas publicadas."""

import pytest
from django.urls import reverse

from concejo.models import Acta
from concejo.services import actas
from concejo.tests.datos_despues import sesion_realizada, votacion_de_aprobacion
from core.models import Evento


@pytest.fixture
def sesion(db):
    return sesion_realizada()


def _u(nombre, sesion):
    return reverse(f"api-concejo-{nombre}", args=[sesion.pk])


def test_generar_leer_editar(cliente_de, secretario, sesion):
    c = cliente_de(secretario)
    assert c.get(_u("acta", sesion)).status_code == 404
    r = c.post(_u("acta-generar", sesion))
    assert (
        r.status_code == 200
        and r.json()["estado"] == "borrador"
        and "Ordenanza de ornato" in r.json()["texto"]
    )
    r = c.put(
        _u("acta", sesion),
        {"texto": "<h2>Acta</h2><p onclick='x'>Texto</p>"},
        content_type="application/json",
    )
    assert (
        r.status_code == 200
        and r.json()["texto"] == "<h2>Acta</h2>\n<p>Texto</p>"
        and r.json()["version"] == 2
    )
    assert Evento.objects.get(accion="concejo.acta.editar").despues["origen"] == "api"
    assert c.get(_u("acta", sesion)).json()["version"] == 2


def test_entrada_mala_en_espanol_y_nada_cambia(cliente_de, secretario, sesion):
    c = cliente_de(secretario)
    c.post(_u("acta-generar", sesion))
    r = c.put(_u("acta", sesion), {"texto": "<script>x</script>"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["campos"] == {"texto": ["El acta no puede quedar vacía."]}
    r = c.post(_u("acta-firmar", sesion))
    assert r.status_code == 400 and "Solo se firma un acta aprobada" in str(r.json())
    assert Acta.objects.get(sesion=sesion).version == 1


def test_permisos(cliente_de, secretario, regidor, ajeno, client, sesion):
    actas.generar_acta(sesion=sesion, por=secretario)
    assert cliente_de(regidor).get(_u("acta", sesion)).status_code == 200
    assert (
        cliente_de(regidor)
        .put(_u("acta", sesion), {"texto": "<p>x</p>"}, content_type="application/json")
        .status_code
        == 403
    )
    assert cliente_de(regidor).post(_u("acta-generar", sesion)).status_code == 403
    assert cliente_de(ajeno).get(_u("acta", sesion)).status_code == 404
    assert cliente_de(ajeno).post(_u("acta-publicar", sesion)).status_code == 404
    client.logout()
    assert client.get(_u("acta", sesion)).status_code in (401, 403)
    assert Acta.objects.get(sesion=sesion).version == 1


def test_firmar_publicar_y_lista_publica(cliente_de, secretario, sesion, client):
    actas.generar_acta(sesion=sesion, por=secretario)
    actas.al_confirmar_votacion(votacion_de_aprobacion(sesion), por=secretario)
    c = cliente_de(secretario)
    r = c.post(_u("acta-firmar", sesion))
    assert r.status_code == 200 and r.json()["estado"] == "firmada" and len(r.json()["sha256"]) == 64
    assert r.json()["firmantes"][1]["nombre"] == secretario.get_full_name()
    assert client.get(reverse("api-concejo-actas-publicadas")).json()["count"] == 0
    assert c.post(_u("acta-publicar", sesion)).json()["estado"] == "publicada"
    client.logout()
    datos = client.get(reverse("api-concejo-actas-publicadas")).json()
    assert datos["count"] == 1 and datos["results"][0]["sesion"] == sesion.pk
