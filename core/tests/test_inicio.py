import pytest
from django.urls import reverse

from core import navegacion


def test_inicio_pide_ingresar(client, db):
    r = client.get(reverse("core:inicio"))
    assert r.status_code == 302
    assert reverse("login") in r["Location"]


def test_ingresar_con_clave(client, secretario):
    r = client.post(reverse("login"), {"username": "secretario", "password": "clave-de-prueba-123"})
    assert r.status_code == 302
    r = client.get(reverse("core:inicio"))
    assert r.status_code == 200
    assert "Bienvenido" in r.content.decode()


def test_ingresar_con_clave_errada_muestra_mensaje(client, secretario):
    r = client.post(reverse("login"), {"username": "secretario", "password": "otra"})
    assert r.status_code == 200
    assert "Por favor, introduzca un nombre de usuario y clave correctos" in r.content.decode()


def test_todas_las_entradas_del_menu_resuelven(db):
    for e in navegacion.entradas():
        reverse(e.url_name)


@pytest.mark.parametrize(
    "usuario,ve_config", [("secretario", True), ("mesa_de_partes", False), ("regidor", False)]
)
def test_menu_segun_rol(request, client, usuario, ve_config):
    u = request.getfixturevalue(usuario)
    client.force_login(u)
    html = client.get(reverse("core:inicio")).content.decode()
    assert ("Configuración" in html) is ve_config
