"""`secretaria bench-concejo-acta`: el acta de una sesión de 6 horas (40 puntos, 30 votaciones nominales de
40 miembros, intervenciones): tiempo de generarla del registro y de renderizar su PDF (objetivo < 5 s).

Los datos se crean en una transacción que se deshace: la base (SQLite por omisión, o la de DATABASE_URL)
queda como estaba; debe estar migrada (`secretaria migrate`).
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Mide generar el acta de una sesión grande y renderizar su PDF (bench/concejo_acta.py)."

    def add_arguments(self, parser):
        parser.add_argument("--repeticiones", type=int, default=3)

    def handle(self, *args, **o):
        raiz = str(settings.BASE_DIR)
        if raiz not in sys.path:
            sys.path.insert(0, raiz)
        from bench import concejo_acta

        resultados = concejo_acta.correr(repeticiones=o["repeticiones"], salida=self.stdout.write)
        self.stdout.write("\n" + concejo_acta.tabla(resultados))
