"""`secretaria plazo`: calcula un vencimiento con la misma función que usa todo el sistema."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from core.models import Municipio
from core.services import perfiles
from core.services.plazos import CALENDARIO, HABILES, calcular_plazo, calcular_plazo_meses


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
        "Sin --municipio solo usa los feriados nacionales del perfil; con él, también su calendario local. "
        "Con --meses o --anios el plazo corre de fecha a fecha y se imprimen las reglas del perfil aplicadas."
    )

    def add_arguments(self, parser):
        # Todo se recibe como texto y se valida aquí, para responder en español (argparse responde en inglés).
        parser.add_argument("--perfil", help="Perfil de jurisdicción: PE, EC, CO, MX o MX-<estado>.")
        parser.add_argument("--desde", help="Fecha de recepción, AAAA-MM-DD.")
        parser.add_argument("--dias", help="Número de días del plazo.")
        parser.add_argument("--meses", help="Número de meses del plazo (de fecha a fecha).")
        parser.add_argument("--anios", help="Número de años del plazo (de fecha a fecha).")
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
        perfil = perfil.strip().upper() if perfil else None
        if opciones["meses"] is not None or opciones["anios"] is not None:
            self._en_meses(opciones, desde=desde, municipio=municipio, perfil=perfil)
            return
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
                perfil=perfil,
                pausas=pausas,
                prorroga=prorroga,
                explicar=opciones["explicar"],
            )
        except (perfiles.ErrorPerfil, ValueError) as e:
            raise CommandError(str(e)) from None
        for linea in plazo.explicacion:
            self.stdout.write(linea)
        self.stdout.write(f"{plazo.vence:%Y-%m-%d}")

    def _en_meses(self, opciones, *, desde: date, municipio: Municipio | None, perfil: str | None) -> None:
        # Un plazo en meses o años: de fecha a fecha, con las reglas del perfil (día que falta, día inhábil).
        if opciones["dias"] is not None:
            raise CommandError("Use --dias o bien --meses/--anios, no los dos.")
        if opciones["calendario"] or opciones["pausa"] or opciones["prorroga"] != "0":
            raise CommandError("--calendario, --pausa y --prorroga solo valen con --dias.")
        meses = self._entero(opciones["meses"], "--meses", "meses") if opciones["meses"] is not None else 0
        anios = self._entero(opciones["anios"], "--anios", "años") if opciones["anios"] is not None else 0
        try:
            plazo = calcular_plazo_meses(
                desde=desde, meses=meses, anios=anios, municipio=municipio, perfil=perfil
            )
        except (perfiles.ErrorPerfil, ValueError) as e:
            raise CommandError(str(e)) from None
        for linea in plazo.explicacion[:-1]:
            self.stdout.write(linea)
        for regla in plazo.reglas_aplicadas:
            self.stdout.write(f"Regla aplicada: {regla}")
        self.stdout.write(f"{plazo.vence:%Y-%m-%d}")

    @staticmethod
    def _entero(texto: str | None, opcion: str, unidad: str = "días") -> int:
        if texto is None:
            raise CommandError(f"Indique {opcion} (un número entero de {unidad}).")
        try:
            n = int(texto)
        except ValueError:
            raise CommandError(f"{opcion}: «{texto}» no es un número entero de {unidad}.") from None
        if n < 0:
            raise CommandError(f"{opcion} no puede ser negativo.")
        return n
