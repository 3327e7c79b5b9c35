"""`secretaria bench-concejo-acta`: el acta de una sesión de 6 horas (40 puntos, 30 votaciones nominales de
40 miembros, intervenciones): tiempo de generarla del registro y de renderizar su PDF (objetivo < 5 s).

Corre sobre una base desechable que crea y migra al empezar y borra al terminar (la de DATABASE_URL queda
intacta), como `bench-concejo-votos`.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from bench import concejo_acta


class Command(BaseCommand):
    help = "Mide generar el acta de una sesión grande y renderizar su PDF (bench/concejo_acta.py)."

    def add_arguments(self, parser):
        parser.add_argument("--repeticiones", type=int, default=3)

    def handle(self, *args, **o):

        if connection.vendor == "sqlite":
            archivo = Path(settings.BASE_DIR) / "var" / f"bench-concejo-acta-{os.getpid()}.sqlite3"
            archivo.parent.mkdir(parents=True, exist_ok=True)
            connection.settings_dict.setdefault("TEST", {})["NAME"] = str(archivo)
        nombre_original = connection.settings_dict["NAME"]
        self.stdout.write(f"Creando y migrando una base desechable ({connection.vendor})…")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            resultados = concejo_acta.correr(repeticiones=o["repeticiones"], salida=self.stdout.write)
        finally:
            connection.creation.destroy_test_db(nombre_original, verbosity=0)
        self.stdout.write("\n" + concejo_acta.tabla(resultados))
