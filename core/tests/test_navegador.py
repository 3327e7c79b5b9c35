"""Pruebas en Chromium real (Playwright): ingreso por rol, teclado y accesibilidad, configuración,
cambio de contraseña. Corren contra `live_server` con la demostración cargada."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.demo import CLAVE_DEMO
from core.models import Evento, Municipio, Usuario
from core.tests.navegador import ingresar

pytestmark = pytest.mark.browser


def _secciones(pagina) -> list[str]:
    """Los títulos de las secciones del menú principal, como se ven."""
    return [t.strip() for t in pagina.locator("[data-menu] > li > a").all_inner_texts()]


def _enlaces_de(pagina, seccion: str) -> list[str]:
    """Abre el desplegable `seccion` (Bootstrap, con JavaScript) y devuelve sus enlaces visibles."""
    pagina.locator("[data-menu] > li > a", has_text=seccion).click()
    menu = pagina.locator("[data-menu] .dropdown-menu.show")
    menu.wait_for(state="visible")
    return [t.strip() for t in menu.locator("a").all_inner_texts()]


# (a) Cada rol ve su menú ------------------------------------------------------------------


# Por rol de la demostración: secciones que ve y que no ve, y en algunas secciones los enlaces que ve y
# los que no (core/roles.py, PERMISOS_POR_ROL y los `registrar_permisos` de cada área; las entradas, en
# core/apps.py y en la integración de cada área).
MENU_POR_ROL = {
    "secretario": {
        "ve": ["Configuración", "Personas", "Registro", "Concejo", "Actos", "Certificaciones", "Control"],
        "no_ve": [],
        "enlaces": {
            "Configuración": (
                [
                    "Municipio",
                    "Usuarios y roles",
                    "Encargos (subrogación)",
                    "Perfil de jurisdicción",
                    "Calendario",
                    "Series de registro",
                ],
                [],
            ),
            "Concejo": (["Periodo, miembros y comisiones", "Programar sesión", "Sesión en vivo"], []),
            "Certificaciones": (["Fedatarios", "Tarifas"], []),
            "Control": (["Auditoría", "Buscar"], []),
        },
    },
    "prosecretario": {
        # Actúa por el Secretario (encargo): conduce el concejo y ve la auditoría, pero no configura.
        "ve": [
            "Trámite documentario",
            "Configuración",
            "Personas",
            "Concejo",
            "Actos",
            "Certificaciones",
            "Informes",
            "Control",
        ],
        "no_ve": ["Registro"],
        "enlaces": {
            "Configuración": (
                ["Calendario"],
                [
                    "Municipio",
                    "Organigrama",
                    "Usuarios y roles",
                    "Encargos (subrogación)",
                    "Perfil de jurisdicción",
                    "Series de registro",
                ],
            ),
            "Concejo": (
                ["Sesiones", "Programar sesión", "Sesión en vivo", "Actas"],
                ["Periodo, miembros y comisiones"],
            ),
            "Certificaciones": (["Solicitudes", "Nueva solicitud"], ["Fedatarios", "Tarifas"]),
            "Control": (["Auditoría", "Buscar"], []),
        },
    },
    "mesa": {
        "ve": ["Trámite documentario", "Personas", "Registro", "Control"],
        "no_ve": ["Configuración", "Concejo", "Informes"],
        "enlaces": {
            "Registro": (["Registrar documento"], ["Procedimientos (TUPA)", "Tipos de documento"]),
            "Control": (["Buscar"], ["Auditoría"]),
        },
    },
    "archivo": {
        "ve": ["Trámite documentario", "Control"],
        "no_ve": ["Configuración", "Personas", "Registro", "Concejo", "Informes"],
        "enlaces": {
            "Trámite documentario": (["Bandeja de mi unidad", "Mis documentos"], []),
            "Actos": (["Normativa publicada"], ["Registro de actos", "Nuevo proyecto"]),
            "Certificaciones": (["Solicitudes"], ["Nueva solicitud", "Fedatarios", "Tarifas"]),
            "Control": (["Buscar"], ["Auditoría"]),
        },
    },
    "jefe": {
        "ve": ["Trámite documentario", "Informes", "Actos", "Control"],
        "no_ve": ["Configuración", "Personas", "Registro", "Concejo", "Certificaciones"],
        "enlaces": {
            "Informes": (["Recibidos y despachados"], []),
            "Actos": (
                ["Registro de actos", "Nuevo proyecto"],
                ["Decisiones del concejo por registrar", "Protocolo anual"],
            ),
            "Control": (["Buscar"], ["Auditoría"]),
        },
    },
    "regidor": {
        "ve": ["Concejo", "Actos", "Control"],
        "no_ve": [
            "Trámite documentario",
            "Configuración",
            "Personas",
            "Registro",
            "Informes",
            "Certificaciones",
        ],
        "enlaces": {
            "Concejo": (
                ["Sesiones", "Actas"],
                ["Programar sesión", "Sesión en vivo", "Periodo, miembros y comisiones"],
            ),
            "Control": (["Buscar"], ["Auditoría"]),
        },
    },
}


@pytest.mark.parametrize("usuario", list(MENU_POR_ROL))
def test_menu_segun_rol(pagina, demo, usuario):
    esperado = MENU_POR_ROL[usuario]
    ingresar(pagina, usuario, CLAVE_DEMO)
    assert pagina.url.rstrip("/").endswith(reverse("core:inicio").rstrip("/")) or pagina.url.endswith("/")
    nombre = Usuario.objects.get(username=usuario).get_full_name()
    assert nombre in pagina.locator("[data-usuario]").inner_text()
    secciones = _secciones(pagina)
    assert set(esperado["ve"]) <= set(secciones), secciones
    assert not set(esperado["no_ve"]) & set(secciones), secciones
    for seccion, (ve, no_ve) in esperado["enlaces"].items():
        enlaces = _enlaces_de(pagina, seccion)
        pagina.keyboard.press("Escape")  # cierra el desplegable antes de abrir el siguiente
        assert set(ve) <= set(enlaces), (seccion, enlaces)
        assert not set(no_ve) & set(enlaces), (seccion, enlaces)


def test_ingreso_con_clave_errada(pagina, demo):
    ingresar(pagina, "secretario", "no-es-la-clave")
    assert "/ingresar/" in pagina.url
    assert pagina.get_by_role("alert").count() >= 1
    assert "nombre de usuario y clave correctos" in pagina.locator("main").inner_text()


# (b) Teclado y puntos de referencia ----------------------------------------------------------


def test_saltar_al_contenido_es_lo_primero_y_funciona(pagina, demo):
    ingresar(pagina, "secretario", CLAVE_DEMO)
    pagina.locator("body").focus()
    pagina.keyboard.press("Tab")
    enfocado = pagina.evaluate("() => document.activeElement.textContent.trim()")
    assert enfocado == "Saltar al contenido"
    # Visible al recibir el foco (visually-hidden-focusable), no solo presente para lectores de pantalla.
    assert pagina.get_by_role("link", name="Saltar al contenido").is_visible()
    pagina.keyboard.press("Enter")
    # El salto al ancla no es inmediato para Playwright: esperar con `expect`, que reintenta.
    expect(pagina).to_have_url(re.compile(r"#contenido$"))
    expect(pagina.locator("#contenido")).to_be_focused()


def test_pagina_de_ingreso_accesible(pagina, demo):
    pagina.goto("/ingresar/")
    primero = pagina.evaluate(
        """() => {
            const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
            return document.querySelector(sel).textContent.trim();
        }"""
    )
    assert primero == "Saltar al contenido"
    sin_etiqueta = pagina.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                 .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')
                              && !e.getAttribute('aria-labelledby'))
                 .map(e => e.name)"""
    )
    assert sin_etiqueta == []
    assert pagina.locator("input:not([type=hidden])").count() == 2
    assert pagina.locator("main").count() == 1
    assert pagina.locator("nav[aria-label]").count() >= 1
    assert pagina.get_attribute("html", "lang") == "es"
    # Con el teclado solo: escribir, Tab, escribir, Enter.
    pagina.get_by_label("Nombre de usuario").focus()
    pagina.keyboard.type("regidor")
    pagina.keyboard.press("Tab")
    pagina.keyboard.type(CLAVE_DEMO)
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/")
    assert "Castillo Rojas" in pagina.locator("[data-usuario]").inner_text()


# (c) Cambiar un valor de configuración --------------------------------------------------------


def test_secretario_cambia_telefono_del_municipio(pagina, demo):
    ingresar(pagina, "secretario", CLAVE_DEMO)
    _enlaces_de(pagina, "Configuración")
    pagina.locator("[data-menu] .dropdown-menu.show a", has_text="Municipio").click()
    pagina.wait_for_url(f"**{reverse('core:municipio')}")
    campo = pagina.get_by_label("Teléfono")
    assert campo.input_value() == "(01) 555-0100"
    campo.fill("(01) 555-0199")
    pagina.locator("main form").get_by_role("button", name="Guardar").click()
    pagina.wait_for_load_state()
    assert "Se guardaron los datos del municipio" in pagina.locator("main").inner_text()
    assert pagina.get_by_label("Teléfono").input_value() == "(01) 555-0199"
    municipio = Municipio.objects.get(sigla="MDVE")
    assert municipio.telefono == "(01) 555-0199"
    evento = Evento.objects.de_objeto(municipio).order_by("-id").first()
    assert evento is not None and evento.actor.username == "secretario"
    assert evento.antes["telefono"] == "(01) 555-0100" and evento.despues["telefono"] == "(01) 555-0199"


def test_mesa_no_entra_a_la_configuracion(pagina, demo):
    ingresar(pagina, "mesa", CLAVE_DEMO)
    respuesta = pagina.goto(reverse("core:municipio"))
    assert respuesta.status == 403
    assert Municipio.objects.get(sigla="MDVE").telefono == "(01) 555-0100"


# (d) Cambio de contraseña de ida y vuelta -----------------------------------------------------


def test_cambio_de_contrasena(pagina, demo):
    nueva = "Otra-clave-segura-2026"
    ingresar(pagina, "mesa", CLAVE_DEMO)
    pagina.locator("[data-usuario]").click()
    pagina.get_by_role("link", name="Cambiar contraseña").click()
    pagina.wait_for_url(f"**{reverse('password_change')}")
    # Una confirmación distinta: mensaje en español y la clave no cambia.
    pagina.locator("input[name=old_password]").fill(CLAVE_DEMO)
    pagina.locator("input[name=new_password1]").fill(nueva)
    pagina.locator("input[name=new_password2]").fill(nueva + "x")
    pagina.locator("main form button[type=submit]").click()
    pagina.wait_for_load_state()
    assert "no coinciden" in pagina.locator("main").inner_text()
    assert Usuario.objects.get(username="mesa").check_password(CLAVE_DEMO)
    # Ahora bien.
    pagina.locator("input[name=old_password]").fill(CLAVE_DEMO)
    pagina.locator("input[name=new_password1]").fill(nueva)
    pagina.locator("input[name=new_password2]").fill(nueva)
    pagina.locator("main form button[type=submit]").click()
    pagina.wait_for_url(f"**{reverse('password_change_done')}")
    assert Usuario.objects.get(username="mesa").check_password(nueva)
    # Cerrar sesión por el menú del usuario; la clave vieja ya no sirve y la nueva sí.
    pagina.locator("[data-usuario]").click()
    pagina.get_by_role("button", name="Cerrar sesión").click()
    pagina.wait_for_url("**/ingresar/")
    ingresar(pagina, "mesa", CLAVE_DEMO)
    assert "/ingresar/" in pagina.url
    ingresar(pagina, "mesa", nueva)
    assert "/ingresar/" not in pagina.url
    assert "Flores Tapia" in pagina.locator("[data-usuario]").inner_text()
