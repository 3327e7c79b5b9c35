"""Fixtures de las pruebas de navegador: Chromium de Debian (/usr/bin/chromium) manejado por Playwright.

Nunca se descarga un navegador. Si falta Chromium, la prueba falla diciendo cómo instalarlo, salvo
que SECRETARIA_SIN_NAVEGADOR=1 (entonces se omite). Los datos se crean con `transactional_db`
porque el servidor de `live_server` corre en otro hilo y solo ve lo confirmado. La demostración completa
(`demo`) está en `core/tests/demo_guardada.py`: se carga una vez por sesión y cada prueba recibe una copia.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGUMENTOS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def navegador():
    """Un Chromium sin interfaz para toda la sesión de pruebas."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("SECRETARIA_SIN_NAVEGADOR") == "1":
            pytest.skip("SECRETARIA_SIN_NAVEGADOR=1: se omiten las pruebas de navegador.")
        pytest.fail(
            f"No se encontró {CHROMIUM}: instale Chromium con `apt-get install chromium` "
            "(o defina SECRETARIA_SIN_NAVEGADOR=1 para omitir estas pruebas).",
            pytrace=False,
        )
    # La API síncrona de Playwright deja un bucle asyncio en el hilo de la prueba; Django lo toma por
    # contexto asíncrono y rechaza el ORM. La variable que pytest-django recomienda para eso
    # (DJANGO_ALLOW_ASYNC_UNSAFE) la pone el conftest.py de la raíz para toda la sesión, no este fixture: si
    # la pusiera aquí, las pruebas que corren después en el mismo proceso la verían y las de antes no.
    from playwright.sync_api import expect, sync_playwright

    # `expect(...)` espera su condición 5 s por omisión, aparte del límite de la pestaña (abajo): bajo
    # carga, la emisión de un certificado con PDF firmado ya tarda unos 7 s entre clic y página. Espera una
    # condición: holgado, como lo demás.
    expect.set_options(timeout=60_000)
    with sync_playwright() as p:
        # Arrancar Chromium espera a que responda (30 s por omisión): bajo carga, holgado como lo demás.
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, args=ARGUMENTOS, headless=True, timeout=120_000
        )
        yield chromium
        chromium.close()


@pytest.fixture
def claves_rapidas(settings):
    """Un hash de contraseña rápido: la demo crea varios usuarios por prueba (solo en pruebas)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def pagina(navegador, live_server):
    """Una pestaña nueva (contexto limpio) que solo puede hablar con el servidor de pruebas.

    Cualquier pedido a otro host se aborta y hace fallar la prueba: la interfaz debe funcionar
    sin internet (Bootstrap, HTMX e íconos se sirven desde /static/).
    """
    propio = urlsplit(live_server.url).netloc
    externos: list[str] = []
    contexto = navegador.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="es-PE"
    )

    def filtrar(ruta):
        url = ruta.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == propio:
            ruta.continue_()
        else:
            externos.append(url)
            ruta.abort()

    contexto.route("**/*", filtrar)
    # Cada espera es por una condición (un elemento, una navegación), no por tiempo: el límite solo decide
    # cuándo rendirse. Holgado, porque CI comparte la máquina y una página con PDF puede tardar bajo carga.
    contexto.set_default_timeout(60_000)
    pestana = contexto.new_page()
    yield pestana
    contexto.close()
    assert not externos, f"La página intentó salir a internet: {externos}"


def ingresar(pagina, usuario: str, clave: str) -> None:
    """Ingresa por el formulario de ingreso, como lo haría una persona."""
    pagina.goto("/ingresar/")
    pagina.get_by_label("Nombre de usuario").fill(usuario)
    pagina.get_by_label("Contraseña").fill(clave)
    # Esperar la navegación que provoca el envío (también cuando la clave es errada y vuelve el
    # formulario); `wait_for_load_state` solo no basta: puede volver antes de que empiece.
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Ingresar").click()
