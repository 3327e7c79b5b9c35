"""`secretaria respaldo DESTINO`: respalda la base, los archivos guardados y un manifiesto en un directorio nuevo."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.services.respaldo import ErrorDeRespaldo, crear_respaldo


class Command(BaseCommand):
    help = (
        "Escribe en el directorio nuevo DESTINO la base de datos (copia nativa de SQLite o pg_dump), los archivos "
        "guardados y un manifiesto con el SHA-256 de cada uno (docs/operacion/respaldo.md). Se audita."
    )

    def add_arguments(self, parser):
        parser.add_argument("destino", help="directorio nuevo (o vacío) donde escribir el respaldo")

    def handle(self, *args, destino: str, **opciones):
        try:
            resultado = crear_respaldo(destino=Path(destino), por=None)
        except ErrorDeRespaldo as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo escrito en {resultado.destino}: la base, {resultado.archivos} archivo(s) guardado(s) y "
                f"el manifiesto ({resultado.bytes} bytes en total; {resultado.eventos} eventos de auditoría)."
            )
        )
