"""`secretaria plazo`: calcula un vencimiento con la misma función que usa todo el sistema."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from core.models import Municipio
from core.services import perfiles
from core.services.plazos import CALENDARIO, HABILES, calcular_plazo


def _fecha(texto: str, opcion: str) -> date:
    try:
        return date.fromisoformat(texto)
    except (TypeError, ValueError):
        raise CommandError(
            f"{opcion}: «{texto}» no es una fecha válida; use AAAA-MM-DD (p. ej. 2026-11-23)."
        ) from None


class Command(BaseCommand):
    help = (
        "Calcula la fecha de vencimiento de un plazo. La última línea es la fecha (AAAA-MM-DD). "
        "Sin --municipio solo usa los feriados nacionales del perfil; con él, también su calendario local."
    )

    def add_arguments(self, parser):
        # Todo se recibe como texto y se valida aquí, para responder en español (argparse responde en inglés).
        parser.add_argument("--perfil", help="Perfil de jurisdicción: PE, EC, CO, MX o MX-<estado>.")
        parser.add_argument("--desde", help="Fecha de recepción, AAAA-MM-DD.")
        parser.add_argument("--dias", help="Número de días del plazo.")
        parser.add_argument(
            "--calendario", action="store_true", help="Días calendario (por defecto, hábiles)."
        )
        parser.add_argument(
            "--explicar", action="store_true", help="Lista cada día contado o saltado y por qué."
        )
        parser.add_argument("--municipio", help="Sigla del municipio cuyo calendario local se aplica.")
        parser.add_argument("--prorroga", default="0", help="Días de prórroga.")
        parser.add_argument(
            "--pausa",
            action="append",
            default=[],
            help="Pausa INICIO:FIN (AAAA-MM-DD:AAAA-MM-DD); repetible.",
        )

    def handle(self, *args, **opciones):
        municipio = None
        if opciones["municipio"]:
            try:
                municipio = Municipio.objects.filter(sigla__iexact=opciones["municipio"].strip()).first()
            except DatabaseError:
                raise CommandError(
                    "No se pudo leer la base de datos para buscar el municipio: ¿ejecutó «secretaria migrate»?"
                ) from None
            if municipio is None:
                raise CommandError(f"No existe un municipio con la sigla «{opciones['municipio']}».")
        perfil = opciones["perfil"]
        if not perfil and municipio is None:
            raise CommandError("Indique --perfil (PE, EC, CO, MX o MX-<estado>) o --municipio.")
        if opciones["desde"] is None:
            raise CommandError("Indique --desde AAAA-MM-DD.")
        desde = _fecha(opciones["desde"], "--desde")
        dias = self._entero(opciones["dias"], "--dias")
        prorroga = self._entero(opciones["prorroga"], "--prorroga")
        pausas = []
        for texto in opciones["pausa"]:
            inicio, separador, fin = texto.partition(":")
            if not separador:
                raise CommandError(f"--pausa: «{texto}» debe tener la forma AAAA-MM-DD:AAAA-MM-DD.")
            pausas.append((_fecha(inicio, "--pausa"), _fecha(fin, "--pausa")))
        try:
            plazo = calcular_plazo(
                desde=desde,
                dias=dias,
                tipo=CALENDARIO if opciones["calendario"] else HABILES,
                municipio=municipio,
                perfil=perfil.strip().upper() if perfil else None,
                pausas=pausas,
                prorroga=prorroga,
                explicar=opciones["explicar"],
            )
        except (perfiles.ErrorPerfil, ValueError) as e:
            raise CommandError(str(e)) from None
        for linea in plazo.explicacion:
            self.stdout.write(linea)
        self.stdout.write(f"{plazo.vence:%Y-%m-%d}")

    @staticmethod
    def _entero(texto: str | None, opcion: str) -> int:
        if texto is None:
            raise CommandError(f"Indique {opcion} (un número entero de días).")
        try:
            n = int(texto)
        except ValueError:
            raise CommandError(f"{opcion}: «{texto}» no es un número entero de días.") from None
        if n < 0:
            raise CommandError(f"{opcion} no puede ser negativo.")
        return n
