"""`secretaria servir`: el servidor web y el trabajador de tareas, juntos, hasta Ctrl-C."""

import signal
import subprocess
import sys

from django.core.management.base import BaseCommand

from core.demo import CLAVE_DEMO, USUARIOS_DEMO, pais_de
from core.demo_paises import usuarios_demo
from core.models import Municipio


class Command(BaseCommand):
    help = "Sirve Secretaría (servidor web + trabajador de tareas) y muestra los ingresos de demostración."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host, port, **opts):
        base = [sys.executable, "-m", "secretaria.cli"]
        web = subprocess.Popen([*base, "runserver", "--noreload", f"{host}:{port}"])
        trabajador = subprocess.Popen([*base, "db_worker", "--interval", "1"])
        self.stdout.write(self.style.SUCCESS(f"\nSecretaría en http://{host}:{port}/  (Ctrl-C para detener)"))
        self.stdout.write(
            "Trabajador de tareas en marcha.\nIngresos de demostración (contraseña para todos: "
            f"{CLAVE_DEMO}):"
        )
        # Los ingresos con los cargos del país de la demostración cargada (`make run PAIS=CO`).
        municipio = Municipio.objects.order_by("pk").first()
        for usuario, descripcion in usuarios_demo(pais_de(municipio)) if municipio else USUARIOS_DEMO:
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
