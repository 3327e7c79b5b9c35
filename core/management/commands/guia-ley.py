"""`secretaria guia-ley PAIS [--fecha AAAA-MM-DD] [--escribir ARCHIVO]`: las reglas del perfil en Markdown.

Sin `--escribir` imprime el listado. Con él, reescribe en ARCHIVO solo lo que va debajo de la marca
(`core.guia_ley.MARCA`) y deja intacto el texto escrito a mano de arriba.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.guia_ley import con_listado, listado
from core.services.perfiles import ErrorPerfil, obtener_perfil


class Command(BaseCommand):
    help = "Lista las reglas de un perfil de jurisdicción (PE, EC, CO, MX, MX-<estado>) con sus fuentes."

    def add_arguments(self, parser):
        parser.add_argument("pais", help="código del perfil: PE, EC, CO, MX o MX-<estado>")
        parser.add_argument("--fecha", help="las reglas vigentes ese día (AAAA-MM-DD); por omisión, hoy")
        parser.add_argument("--escribir", help="archivo de la guía cuyo listado se reescribe")

    def handle(self, *args, pais: str, fecha: str | None, escribir: str | None, **opts):
        try:
            perfil = obtener_perfil(pais)
        except ErrorPerfil as e:
            raise CommandError(str(e)) from e
        try:
            dia = date.fromisoformat(fecha) if fecha else timezone.localdate()
        except ValueError as e:
            raise CommandError(f"La fecha «{fecha}» no es válida: use AAAA-MM-DD.") from e
        if not escribir:
            self.stdout.write(listado(perfil, dia), ending="")
            return
        archivo = Path(escribir)
        actual = archivo.read_text(encoding="utf-8") if archivo.exists() else ""
        archivo.write_text(con_listado(actual, perfil, dia), encoding="utf-8")
        self.stderr.write(f"Escrito {archivo}.")
