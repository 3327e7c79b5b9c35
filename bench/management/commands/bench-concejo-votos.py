"""`secretaria bench-concejo-votos`: registrar el voto de un miembro y obtener el resultado recalculado, con
40 miembros en sala, por la API y por la pantalla en vivo (bench/concejo_votos.py). Objetivo: p95 < 50 ms.

Corre sobre una base desechable que crea y migra al empezar y borra al terminar (la de DATABASE_URL queda
intacta): en SQLite, un archivo temporal en var/ (con sus escrituras reales a disco); en PostgreSQL, la base
de pruebas `test_<nombre>`. Con `--postgres` y sin DATABASE_URL de PostgreSQL arranca un clúster desechable
(scripts/con_postgres.py) y se vuelve a llamar dentro.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import concejo_votos


class Command(BaseCommand):
    help = "Mide el voto en vivo con 40 miembros: registrar el voto y recalcular el resultado (p95 < 50 ms)."

    def add_arguments(self, parser):
        parser.add_argument("--miembros", type=int, default=40)
        parser.add_argument("--rondas", type=int, default=5, help="veces que vota cada miembro")
        parser.add_argument("--postgres", action="store_true", help="medir en un PostgreSQL desechable")
        parser.add_argument(
            "--salida", default=str(Path(settings.BASE_DIR) / "bench" / "resultados" / "concejo_votos.json")
        )

    def handle(self, *args, **o):
        if o["miembros"] < 3 or o["rondas"] < 1:
            raise CommandError("Se necesitan al menos 3 miembros y una ronda.")
        if o["postgres"] and connection.vendor != "postgresql":
            if os.environ.get("SECRETARIA_BENCH_HIJO"):
                raise CommandError("No se pudo arrancar PostgreSQL para el benchmark.")
            script = Path(settings.BASE_DIR) / "scripts" / "con_postgres.py"
            entorno = dict(os.environ, SECRETARIA_BENCH_HIJO="1")
            orden = [
                sys.executable,
                str(script),
                "--",
                sys.executable,
                "-m",
                "secretaria.cli",
                "bench-concejo-votos",
                *sys.argv[2:],
            ]
            sys.exit(subprocess.call(orden, env=entorno))

        if connection.vendor == "sqlite":
            archivo = Path(settings.BASE_DIR) / "var" / f"bench-concejo-votos-{os.getpid()}.sqlite3"
            connection.settings_dict.setdefault("TEST", {})["NAME"] = str(archivo)
        nombre_original = connection.settings_dict["NAME"]
        self.stdout.write(f"Creando y migrando una base desechable ({connection.vendor})…")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            resultados = concejo_votos.medir(
                miembros=o["miembros"], rondas=o["rondas"], salida=self.stdout.write
            )
        finally:
            connection.creation.destroy_test_db(nombre_original, verbosity=0)
        resultados["base"] = connection.vendor
        Path(o["salida"]).parent.mkdir(parents=True, exist_ok=True)
        Path(o["salida"]).write_text(json.dumps(resultados, ensure_ascii=False, indent=2), encoding="utf-8")
        self.stdout.write(f"Cifras en {o['salida']}")
