"""`secretaria servir`: el servidor web (gunicorn) y el trabajador de tareas, juntos, hasta Ctrl-C.

Silencioso (issue 14, punto 11): gunicorn solo avisa de errores, el trabajador escribe su registro en
`var/log/trabajador.log` y los correos de la demo quedan como `.eml` en `var/correo/`; la salida termina
con la dirección y los ingresos de demostración cuando el servidor ya responde.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.demo import CLAVE_DEMO, USUARIOS_DEMO, pais_de
from core.demo_paises import usuarios_demo
from core.enlaces import site_url_para
from core.models import Municipio


def entorno_de_los_procesos(host: str, port: str, entorno: dict[str, str]) -> dict[str, str]:
    """El entorno del servidor y del trabajador: sin SITE_URL definido, el de host:port, para que los QR
    y enlaces de PDF y correos apunten a donde se sirve (p. ej. `make run PORT=8765`)."""
    entorno = dict(entorno)
    if not entorno.get("SITE_URL"):
        entorno["SITE_URL"] = site_url_para(host, port)
    return entorno


def orden_del_servidor(host: str, port: str, *, hilos: int = 4) -> list[str]:
    """gunicorn (servidor WSGI de producción) si está instalado; si no, el de desarrollo de Django."""
    if importlib.util.find_spec("gunicorn") is None:
        return [sys.executable, "-m", "secretaria.cli", "runserver", "--noreload", f"{host}:{port}"]
    direccion = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "secretaria.wsgi:application",
        "--bind",
        direccion,
        "--workers",
        "2",
        "--threads",
        str(hilos),
        "--log-level",
        "warning",
        "--graceful-timeout",
        "10",
    ]


def _responde(host: str, port: str) -> bool:
    destino = "127.0.0.1" if host in ("", "0.0.0.0") else ("::1" if host == "::" else host)
    try:
        with socket.create_connection((destino, int(port)), timeout=0.5):
            return True
    except OSError:
        return False


class Command(BaseCommand):
    help = "Sirve Secretaría (gunicorn + trabajador de tareas) y muestra los ingresos de demostración."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host, port, **opts):
        entorno = entorno_de_los_procesos(host, str(port), dict(os.environ))
        registros = Path(settings.VAR_DIR) / "log"
        registros.mkdir(parents=True, exist_ok=True)
        bitacora = (registros / "trabajador.log").open("a", encoding="utf-8")
        web = subprocess.Popen(orden_del_servidor(host, str(port)), env=entorno)
        trabajador = subprocess.Popen(
            [sys.executable, "-m", "secretaria.cli", "db_worker", "--interval", "1"],
            env=entorno,
            stdout=bitacora,
            stderr=subprocess.STDOUT,
        )
        procesos = [web, trabajador]
        avisados: set[int] = set()

        def detener(*_):
            for p in procesos:
                if p.poll() is None and p.pid not in avisados:
                    avisados.add(p.pid)
                    p.terminate()

        signal.signal(signal.SIGTERM, detener)
        try:
            # Esperar a que el servidor acepte conexiones para que lo último en pantalla sea la dirección.
            limite = time.monotonic() + 60
            while web.poll() is None and not _responde(host, str(port)) and time.monotonic() < limite:
                time.sleep(0.2)
            if web.poll() is None:
                self._anunciar(entorno["SITE_URL"], registros)
            while all(p.poll() is None for p in procesos):
                try:
                    procesos[0].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    pass
        except KeyboardInterrupt:
            # Ctrl-C en la terminal ya llegó a todo el grupo: darles tiempo de cerrar solos (una segunda
            # señal haría que el trabajador corte la tarea en curso).
            for p in procesos:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            detener()
            for p in procesos:
                try:
                    p.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    p.kill()
            bitacora.close()

    def _anunciar(self, direccion: str, registros: Path) -> None:
        correo = getattr(settings, "EMAIL_FILE_PATH", None)
        lineas = [
            "",
            "Trabajador de tareas en marcha (registro en " + str(registros / "trabajador.log") + ").",
        ]
        if correo and settings.EMAIL_BACKEND == "core.correo.CorreoEnArchivos":
            lineas.append(
                f"Los correos se guardan como archivos .eml en {correo} "
                f"(lista para «admin» en {direccion}/configuracion/correo/)."
            )
        lineas.append(f"Ingresos de demostración (contraseña para todos: {CLAVE_DEMO}):")
        # Los ingresos con los cargos del país de la demostración cargada (`make run PAIS=CO`).
        municipio = Municipio.objects.order_by("pk").first()
        usuarios = usuarios_demo(pais_de(municipio)) if municipio else USUARIOS_DEMO
        lineas += [f"  {usuario:<14} {descripcion}" for usuario, descripcion in usuarios]
        self.stdout.write("\n".join(lineas))
        self.stdout.write(self.style.SUCCESS(f"\nSecretaría en {direccion}/  (Ctrl-C para detener)"))
        self.stdout.flush()
