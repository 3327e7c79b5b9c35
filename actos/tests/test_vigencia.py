"""Vigencia consolidada calculada al leer, con la fecha del día: un acto publicado cuyo `vigente_desde` aún no
llega está «Aún no vigente (vigente desde …)» en su página, en la pública, en la lista y en la API; una
derogación cuenta desde el `vigente_desde` del acto derogatorio. Nada se guarda que pueda envejecer."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from actos.models import Acto
from actos.services.relaciones import relacionar, vigencia_calculada, vigencia_de
from actos.tests.factories import acto_firmado, acto_publicado
from core.models import Evento

pytestmark = pytest.mark.django_db

HOY = timezone.localdate()


def _rige_desde(acto: Acto, fecha) -> Acto:
    # Preparación de la prueba: una regla de publicación con vacatio legis larga (p. ej. 30 días).
    Acto.objects.filter(pk=acto.pk).update(vigente_desde=fecha)
    acto.refresh_from_db()
    return acto


def test_publicado_con_vigencia_futura_esta_aun_no_vigente_en_todas_partes(client, secretario):
    futura = HOY + timedelta(days=30)
    acto = _rige_desde(acto_publicado(por=secretario, fecha=HOY - timedelta(days=1)), futura)
    texto = f"vigente desde {futura:%d/%m/%Y}"
    client.force_login(secretario)
    for url in (reverse("actos:acto", args=[acto.pk]), reverse("normativa:acto", args=[acto.pk])):
        pagina = client.get(url).content.decode()
        assert 'data-vigencia="no_vigente"' in pagina and "Aún no vigente" in pagina and texto in pagina
    assert f"Aún no vigente ({texto})" in client.get(reverse("actos:lista")).content.decode()
    assert f"Aún no vigente ({texto})" in client.get(reverse("normativa:normativa")).content.decode()
    api = APIClient()
    detalle = api.get(reverse("api-actos-acto", args=[acto.pk])).json()
    assert detalle["vigencia"] == "no_vigente" and detalle["vigencia_nombre"] == f"Aún no vigente ({texto})"
    fila = next(i for i in api.get(reverse("api-actos")).json()["results"] if i["id"] == acto.pk)
    assert fila["vigencia"] == "no_vigente"
    # El mismo acto, leído el día que entra en vigor, está vigente sin que nada se haya escrito.
    eventos = Evento.objects.count()
    assert vigencia_calculada(acto, hoy=futura - timedelta(days=1)) == "no_vigente"
    assert vigencia_calculada(acto, hoy=futura) == "vigente"
    assert Evento.objects.count() == eventos


def test_publicado_en_el_pasado_esta_vigente(client, secretario):
    acto = acto_publicado(por=secretario, fecha=HOY - timedelta(days=5))
    pagina = client.get(reverse("normativa:acto", args=[acto.pk])).content.decode()
    assert 'data-vigencia="vigente"' in pagina and "Aún no vigente" not in pagina
    assert APIClient().get(reverse("api-actos-acto", args=[acto.pk])).json()["vigencia"] == "vigente"


def test_la_derogacion_cuenta_desde_la_vigencia_del_acto_derogatorio(client, secretario):
    original = acto_publicado(por=secretario, fecha=HOY - timedelta(days=40))
    rige = HOY + timedelta(days=15)
    derogadora = _rige_desde(acto_publicado(por=secretario, fecha=HOY - timedelta(days=1)), rige)
    relacionar(origen=derogadora, destino=original, tipo="deroga", por=secretario)
    # Hoy la derogatoria ya está publicada pero aún no rige: el original sigue vigente y se anuncia la fecha.
    assert vigencia_calculada(original) == "vigente"
    pagina = client.get(reverse("normativa:acto", args=[original.pk])).content.decode()
    assert 'data-vigencia="vigente"' in pagina
    assert f"Derogado por {derogadora.numero_texto} (desde el {rige:%d/%m/%Y})" in pagina
    assert vigencia_calculada(original, hoy=rige - timedelta(days=1)) == "vigente"
    derogado = vigencia_de(original, hoy=rige)
    assert derogado.codigo == "derogado" and derogado.desde == rige


def test_un_acto_no_publicado_no_esta_vigente(secretario):
    firmado = acto_firmado(por=secretario)
    assert vigencia_calculada(firmado, hoy=HOY + timedelta(days=365)) == "no_vigente"
