#!/usr/bin/env python3
"""Rehace las capturas de pantalla de la documentación (docs/img/) con la demostración.

    .venv/bin/python scripts/capturas.py

Usa una base SQLite desechable en un directorio temporal (no toca var/), carga la demostración,
levanta el servidor en un puerto libre y fotografía con el Chromium de Debian (/usr/bin/chromium),
el mismo de las pruebas de navegador. No descarga nada.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import django
from PIL import Image
from playwright.sync_api import sync_playwright

from core.tests.navegador import ARGUMENTOS, CHROMIUM

RAIZ = Path(__file__).resolve().parent.parent

CAPTURAS = [
    # (usuario, ruta, archivo)
    ("secretario", "/inicio/", "inicio-secretario.png"),
    ("mesa", "/registro/registrar/", "registro-mesa-de-partes.png"),
    ("jefe", "/registro/bandeja/", "registro-bandeja.png"),
    (None, "/consulta/", "portal-consulta.png"),
    # Concejo, actos y certificaciones (ids de una demostración recién cargada: sesiones 1 y 2 realizadas,
    # 3 convocada).
    ("secretario", "/concejo/sesiones/3/en-vivo/", "concejo-sesion-en-vivo.png"),
    (None, "/concejo/realizadas/1/", "concejo-sesion-realizada.png"),
    (None, "/normativa/", "actos-normativa.png"),
    ("secretario", "/certificaciones/", "certificaciones-solicitudes.png"),
    (None, "/verificar/", "certificaciones-verificar.png"),
    # El inicio público y un acuerdo del concejo (acto 6 de la demostración: votación, tareas, historial).
    (None, "/", "portal-inicio.png"),
    ("secretario", "/actos/6/", "actos-acto.png"),
]


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _esperar(url: str, segundos: float = 30) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"El servidor no respondió en {url}.")


def _reducir(png: Path) -> None:
    """Paleta de 256 colores: la captura pesa varias veces menos y se ve igual."""
    with Image.open(png) as img:
        img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)


def main() -> int:
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"Falta {CHROMIUM}: instálelo con `apt-get install chromium`.")
    with tempfile.TemporaryDirectory(prefix="secretaria-capturas-") as tmp:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretaria.settings")
        os.environ["SECRETARIA_VAR_DIR"] = tmp
        django.setup()  # con SECRETARIA_VAR_DIR ya fijado: settings lo lee al cargarse
        from core.demo import CLAVE_DEMO  # noqa: PLC0415 - necesita django.setup()

        entorno = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        entorno.update(SECRETARIA_VAR_DIR=tmp, TESTING="1", TASKS_BACKEND="immediate")
        consola = [sys.executable, "-m", "secretaria.cli"]
        subprocess.run([*consola, "migrate", "--noinput", "-v0"], env=entorno, check=True, cwd=RAIZ)
        subprocess.run([*consola, "demo"], env=entorno, check=True, cwd=RAIZ, stdout=subprocess.DEVNULL)
        puerto = _puerto_libre()
        base = f"http://127.0.0.1:{puerto}"
        servidor = subprocess.Popen(
            [*consola, "runserver", "--noreload", f"127.0.0.1:{puerto}"],
            env=entorno,
            cwd=RAIZ,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _esperar(base + "/ingresar/")
            with sync_playwright() as p:
                navegador = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTOS, headless=True)
                for usuario, ruta, archivo in CAPTURAS:
                    contexto = navegador.new_context(base_url=base, viewport={"width": 1280, "height": 720})
                    pagina = contexto.new_page()
                    if usuario:  # None: página pública, sin ingresar
                        pagina.goto("/ingresar/")
                        pagina.get_by_label("Nombre de usuario").fill(usuario)
                        pagina.get_by_label("Contraseña").fill(CLAVE_DEMO)
                        pagina.get_by_role("button", name="Ingresar").click()
                        pagina.wait_for_load_state("networkidle")
                    pagina.goto(ruta)
                    pagina.wait_for_load_state("networkidle")
                    destino = RAIZ / "docs" / "img" / archivo
                    destino.parent.mkdir(parents=True, exist_ok=True)
                    pagina.screenshot(path=str(destino))
                    _reducir(destino)
                    print(f"{destino.relative_to(RAIZ)}  {destino.stat().st_size // 1024} KB")
                    contexto.close()
                navegador.close()
        finally:
            servidor.terminate()
            servidor.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
