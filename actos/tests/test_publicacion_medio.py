"""El medio de publicación se valida contra la regla del perfil (`actos.publicacion`) para el tipo de acto:
fuera de la lista, un mensaje claro y nada cambia; sin lista en el perfil, texto libre."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actos.models import Acto
from actos.tests.factories import acto_firmado
from core.models import Evento, ReglaLocal

pytestmark = pytest.mark.django_db

HOY = timezone.localdate()


def _publicar(client, acto, medio):
    return client.post(
        reverse("actos:acto-publicar", args=[acto.pk]),
        {"fecha": HOY.isoformat(), "medio": medio},
        follow=True,
    )


def _regla_local(municipio, valor):
    ReglaLocal.objects.create(
        municipio=municipio,
        clave="actos.publicacion",
        valor=valor,
        vigente_desde=date(2000, 1, 1),
        fuente="Ordenanza local de publicaciones",
    )


def test_un_medio_fuera_del_perfil_no_publica(client, secretario):
    acto = acto_firmado(por=secretario)
    client.force_login(secretario)
    pagina = _publicar(client, acto, "Página de Facebook").content.decode()
    assert "«Página de Facebook» no es un medio de publicación de ordenanza" in pagina
    assert "Elija uno de: Diario Oficial El Peruano; " in pagina and "Portal institucional" in pagina
    acto.refresh_from_db()
    assert acto.estado == "firmado" and acto.publicado_en is None and acto.medio_publicacion == ""
    assert not Evento.objects.filter(accion="actos.acto.publicar").exists()


def test_el_medio_del_perfil_se_guarda_con_su_nombre(client, secretario):
    acto = acto_firmado(por=secretario)
    client.force_login(secretario)
    pagina = client.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert '<option value="Diario Oficial El Peruano">' in pagina  # la lista del perfil, para elegir
    _publicar(client, acto, "  diario oficial el peruano ")
    acto.refresh_from_db()
    assert acto.estado == "publicado" and acto.medio_publicacion == "Diario Oficial El Peruano"
    assert Evento.objects.filter(accion="actos.acto.publicar", objeto_id=str(acto.pk)).exists()


def test_medios_por_tipo_de_acto_en_una_regla_local(client, secretario, municipio):
    _regla_local(
        municipio,
        {
            "medios": ["Gaceta municipal"],
            "medios_por_tipo": {"decreto": ["Carteles en la sede"]},
            "regla": "Regla local",
        },
    )
    decreto = acto_firmado(por=secretario, tipo="decreto")
    client.force_login(secretario)
    assert (
        "Elija uno de: Carteles en la sede."
        in _publicar(client, decreto, "Gaceta municipal").content.decode()
    )
    assert Acto.objects.get(pk=decreto.pk).estado == "firmado"
    _publicar(client, decreto, "Carteles en la sede")
    assert Acto.objects.get(pk=decreto.pk).medio_publicacion == "Carteles en la sede"
    ordenanza = acto_firmado(por=secretario)
    _publicar(client, ordenanza, "Gaceta municipal")
    assert Acto.objects.get(pk=ordenanza.pk).estado == "publicado"


def test_sin_lista_en_el_perfil_el_medio_es_texto_libre(client, secretario, municipio):
    _regla_local(municipio, {"medios": [], "regla": "Donde lo disponga el alcalde"})
    acto = acto_firmado(por=secretario)
    client.force_login(secretario)
    _publicar(client, acto, "Boletín vecinal")
    acto.refresh_from_db()
    assert acto.estado == "publicado" and acto.medio_publicacion == "Boletín vecinal"


def test_la_api_rechaza_el_medio_fuera_del_perfil(secretario, jefe_unidad, ajeno):
    acto = acto_firmado(por=secretario)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=secretario).key}")
    r = api.post(
        reverse("api-actos-publicar", args=[acto.pk]),
        {"fecha": HOY.isoformat(), "medio": "Radio"},
        format="json",
    )
    assert r.status_code == 400 and "«Radio» no es un medio de publicación" in r.json()["campos"]["medio"][0]
    assert Acto.objects.get(pk=acto.pk).estado == "firmado"


def test_publicar_permisos(client, secretario, jefe_unidad, ajeno):
    acto = acto_firmado(por=secretario, unidad_proponente=jefe_unidad.unidad)
    client.force_login(jefe_unidad)
    assert (
        client.post(
            reverse("actos:acto-publicar", args=[acto.pk]),
            {"fecha": HOY.isoformat(), "medio": "Portal institucional"},
        ).status_code
        == 403
    )
    client.force_login(ajeno)
    assert (
        client.post(
            reverse("actos:acto-publicar", args=[acto.pk]),
            {"fecha": HOY.isoformat(), "medio": "Portal institucional"},
        ).status_code
        == 404
    )
    assert Acto.objects.get(pk=acto.pk).estado == "firmado"
