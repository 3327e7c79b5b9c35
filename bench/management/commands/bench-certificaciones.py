"""`secretaria bench-certificaciones`: copia certificada firmada de 100 páginas (< 3 s) y su verificación
por subida (< 1 s), por las vistas reales.

Corre en una base SQLite y un directorio desechables (no toca la base de la instalación ni su registro de
certificaciones): se vuelve a llamar con DATABASE_URL y SECRETARIA_VAR_DIR temporales, migra, crea un
certificado de firma de prueba y mide (bench/certificaciones.py). Con --postgres, en un PostgreSQL
desechable (scripts/con_postgres.py). Escribe bench/resultados/certificaciones.json.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from bench.certificaciones import medir


class Command(BaseCommand):
    help = "Mide la emisión firmada de una copia certificada de 100 páginas y su verificación por subida."

    def add_arguments(self, parser):
        parser.add_argument("--paginas", type=int, default=100)
        parser.add_argument("--repeticiones", type=int, default=5)
        parser.add_argument(
            "--postgres", action="store_true", help="en un PostgreSQL desechable en vez de SQLite"
        )
        parser.add_argument(
            "--salida", default=str(Path(settings.BASE_DIR) / "bench" / "resultados" / "certificaciones.json")
        )

    def handle(self, *args, **o):
        if not os.environ.get("SECRETARIA_BENCH_CERT_HIJO"):
            with tempfile.TemporaryDirectory(prefix="bench-cert-") as directorio:
                entorno = dict(
                    os.environ,
                    SECRETARIA_BENCH_CERT_HIJO="1",
                    SECRETARIA_VAR_DIR=directorio,
                    SECRETARIA_CERT_PKCS12=str(Path(directorio) / "certificados" / "municipio.p12"),
                )
                entorno.pop("SECRETARIA_CERT_RAICES", None)
                orden = [sys.executable, "-m", "secretaria.cli", "bench-certificaciones", *sys.argv[2:]]
                if o["postgres"]:
                    orden = [
                        sys.executable,
                        str(Path(settings.BASE_DIR) / "scripts" / "con_postgres.py"),
                        "--",
                        *orden,
                    ]
                else:
                    entorno["DATABASE_URL"] = f"sqlite:///{Path(directorio) / 'bench.sqlite3'}"
                sys.exit(subprocess.call(orden, env=entorno))

        call_command("migrate", verbosity=0, interactive=False)
        self.stdout.write(f"Base: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
        resultado = medir(paginas=o["paginas"], repeticiones=o["repeticiones"], escribir=self.stdout.write)
        salida = Path(o["salida"])
        salida.parent.mkdir(parents=True, exist_ok=True)
        salida.write_text(json.dumps(resultado, indent=2, ensure_ascii=False))
        self.stdout.write(f"Escrito {salida}")
