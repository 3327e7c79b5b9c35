"""El inicio público del portal (/) lleva a la normativa publicada (/normativa/)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_el_inicio_del_portal_enlaza_la_normativa(client, municipio):
    pagina = client.get("/")
    assert pagina.status_code == 200
    assert f'href="{reverse("normativa:normativa")}" data-enlace-normativa' in pagina.content.decode()
    assert client.get(reverse("normativa:normativa")).status_code == 200
