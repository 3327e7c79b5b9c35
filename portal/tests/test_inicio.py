"""El inicio público (/) lleva a cada servicio ciudadano que las áreas instaladas ofrecen."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "ruta,marca",
    [
        ("portal:consulta", ""),
        ("portal:mesa-virtual", ""),
        ("normativa:normativa", " data-enlace-normativa"),
        ("concejo:proximas", " data-enlace-sesiones"),
        ("verificar:inicio", " data-enlace-verificar"),
    ],
)
def test_el_inicio_enlaza_cada_servicio_y_el_enlace_abre_sin_ingresar(client, municipio, ruta, marca):
    pagina = client.get("/")
    assert pagina.status_code == 200
    assert f'href="{reverse(ruta)}"{marca}' in pagina.content.decode()
    assert client.get(reverse(ruta)).status_code == 200


def test_quien_ingreso_va_a_su_inicio(client, secretario):
    client.force_login(secretario)
    assert client.get("/").url == reverse("core:inicio")
