"""`secretaria bench-registro`: el benchmark del registro (issue 3) en PostgreSQL.

Sin DATABASE_URL de PostgreSQL, arranca uno desechable (scripts/con_postgres.py) y se vuelve a llamar
dentro. Migra, genera el municipio sintético (bench/generar.py), corre los escenarios
(bench/registro.py), imprime la tabla y escribe bench/resultados/registro.json.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import generar, registro


class Command(BaseCommand):
    help = "Genera 1.000.000 de documentos y 3.000.000 de derivaciones en PostgreSQL y mide el registro."

    def add_arguments(self, parser):
        parser.add_argument("--documentos", type=int, default=1_000_000)
        parser.add_argument("--derivaciones", type=int, default=3_000_000)
        parser.add_argument("--personas", type=int, default=100_000)
        parser.add_argument("--clientes", type=int, default=16, help="clientes concurrentes de la API")
        parser.add_argument("--segundos", type=float, default=20, help="duración del escenario de la API")
        parser.add_argument(
            "--trabajadores", type=int, default=2, help="procesos de gunicorn del escenario de la API"
        )
        parser.add_argument(
            "--hilos",
            type=int,
            default=4,
            help="hilos por proceso (más de 1: gunicorn gthread; 1: síncronos)",
        )
        parser.add_argument(
            "--solo",
            choices=["api", "bandeja", "consulta", "busqueda", "informe"],
            help="correr solo ese escenario (sobre la base tal como está si va con --sin-generar)",
        )
        parser.add_argument("--sin-generar", action="store_true", help="medir sobre la base tal como está")
        parser.add_argument(
            "--salida", default=str(Path(settings.BASE_DIR) / "bench" / "resultados" / "registro.json")
        )

    def handle(self, *args, **o):
        if connection.vendor != "postgresql":
            if os.environ.get("SECRETARIA_BENCH_HIJO"):
                raise CommandError("El benchmark necesita PostgreSQL y no se pudo arrancar uno.")
            self.stdout.write(
                "DATABASE_URL no es PostgreSQL: arranco uno desechable (scripts/con_postgres.py)."
            )
            script = Path(settings.BASE_DIR) / "scripts" / "con_postgres.py"
            entorno = dict(os.environ, SECRETARIA_BENCH_HIJO="1")
            orden = [
                sys.executable,
                str(script),
                "--",
                sys.executable,
                "-m",
                "secretaria.cli",
                "bench-registro",
                *sys.argv[2:],
            ]
            sys.exit(subprocess.call(orden, env=entorno))

        call_command("migrate", verbosity=0)
        generado = None
        if not o["sin_generar"]:
            try:
                generado = generar.generar(
                    documentos=o["documentos"],
                    derivaciones=o["derivaciones"],
                    personas=o["personas"],
                    salida=self.stdout.write,
                )
            except RuntimeError as e:
                raise CommandError(str(e)) from None
        resultados = registro.correr(
            generado=generado,
            salida=self.stdout.write,
            clientes=o["clientes"],
            segundos=o["segundos"],
            trabajadores=o["trabajadores"],
            hilos=o["hilos"],
            solo=o["solo"],
        )
        self.stdout.write("\n" + registro.tabla(resultados))
        registro.guardar(resultados, Path(o["salida"]))
        self.stdout.write(f"\nResultados en {o['salida']}")
