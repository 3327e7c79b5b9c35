"""Páginas de error en español con la navegación (issue 14, punto 8): 404 con y sin sesión, 403 con su
motivo, el fallo de CSRF y la de 500."""

from django.test import Client, RequestFactory
from django.urls import reverse

from core.views.errores import pagina_500


def test_404_con_sesion_lleva_el_menu_y_vuelve_al_inicio(cliente_de, secretario):
    r = cliente_de(secretario).get("/no-existe/esta-pagina/")
    html = r.content.decode()
    assert r.status_code == 404
    assert "No encontramos esta página" in html and 'lang="es"' in html
    assert "data-menu" in html and "Cerrar sesión" in html
    assert f'href="{reverse("core:inicio")}"' in html and "Not Found" not in html


def test_404_sin_sesion_lleva_al_portal_y_al_ingreso(client, municipio):
    r = client.get("/registro/no-existe/")
    html = r.content.decode()
    assert r.status_code == 404 and "No encontramos esta página" in html
    assert "Servicios en línea" in html and f"{reverse('login')}?next=/registro/no-existe/" in html
    assert "Cerrar sesión" not in html


def test_404_de_un_objeto_inexistente_no_muestra_el_mensaje_interno(cliente_de, secretario):
    r = cliente_de(secretario).get(reverse("registro:documento", args=[999999]))
    html = r.content.decode()
    assert (
        r.status_code == 404
        and "No encontramos esta página" in html
        and "matches the given query" not in html
    )


def test_403_en_espanol_con_el_motivo(cliente_de, regidor):
    r = cliente_de(regidor).get(reverse("registro:emitir"))
    html = r.content.decode()
    assert r.status_code == 403
    assert "No tiene permiso para esta acción" in html and "Solo el personal de una unidad emite" in html
    assert "data-menu" in html and "403 Forbidden" not in html


def test_fallo_de_csrf_en_espanol(municipio):
    r = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    html = r.content.decode()
    assert r.status_code == 403 and "El formulario caducó" in html and "CSRF verification failed" not in html


def test_500_en_espanol(secretario):
    peticion = RequestFactory().get("/algo/")
    peticion.user = secretario
    r = pagina_500(peticion)
    assert r.status_code == 500 and "Ocurrió un error en el servidor" in r.content.decode()
