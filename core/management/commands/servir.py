"""`secretaria servir`: el servidor web y el trabajador de tareas, juntos, hasta Ctrl-C."""

import os
import signal
import subprocess
import sys

from django.core.management.base import BaseCommand

from core.demo import CLAVE_DEMO, USUARIOS_DEMO
from core.enlaces import site_url_para


def entorno_de_los_procesos(host: str, port: str, entorno: dict[str, str]) -> dict[str, str]:
    """El entorno del servidor y del trabajador: sin SITE_URL definido, el de host:port, para que los QR
    y enlaces de PDF y correos apunten a donde se sirve (p. ej. `make run PORT=8765`)."""
    entorno = dict(entorno)
    if not entorno.get("SITE_URL"):
        entorno["SITE_URL"] = site_url_para(host, port)
    return entorno


class Command(BaseCommand):
    help = "Sirve Secretaría (servidor web + trabajador de tareas) y muestra los ingresos de demostración."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host, port, **opts):
        base = [sys.executable, "-m", "secretaria.cli"]
        entorno = entorno_de_los_procesos(host, port, dict(os.environ))
        web = subprocess.Popen([*base, "runserver", "--noreload", f"{host}:{port}"], env=entorno)
        trabajador = subprocess.Popen([*base, "db_worker", "--interval", "1"], env=entorno)
        self.stdout.write(self.style.SUCCESS(f"\nSecretaría en http://{host}:{port}/  (Ctrl-C para detener)"))
        self.stdout.write(
            "Trabajador de tareas en marcha.\nIngresos de demostración (contraseña para todos: "
            f"{CLAVE_DEMO}):"
        )
        for usuario, descripcion in USUARIOS_DEMO:
            self.stdout.write(f"  {usuario:<14} {descripcion}")
        procesos = [web, trabajador]

        def detener(*_):
            for p in procesos:
                if p.poll() is None:
                    p.terminate()

        signal.signal(signal.SIGTERM, detener)
        try:
            while all(p.poll() is None for p in procesos):
                try:
                    procesos[0].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    pass
        except KeyboardInterrupt:
            pass
        finally:
            detener()
            for p in procesos:
                p.wait(timeout=10)
