"""`secretaria restaurar ORIGEN [--forzar]`: restaura un respaldo de `secretaria respaldo` en una instalación vacía."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.services.respaldo import ErrorDeRespaldo, restaurar_respaldo


class Command(BaseCommand):
    help = (
        "Restaura el respaldo ORIGEN (un directorio escrito por `secretaria respaldo`) en esta instalación, que "
        "debe estar vacía (migrada o no); comprueba el SHA-256 de cada archivo y la cadena de auditoría. Detenga "
        "antes la web y el trabajador (docs/operacion/respaldo.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("origen", help="directorio del respaldo")
        parser.add_argument(
            "--forzar",
            action="store_true",
            help="restaurar aunque la instalación tenga datos (los reemplaza)",
        )

    def handle(self, *args, origen: str, forzar: bool, **opciones):
        try:
            resultado = restaurar_respaldo(origen=Path(origen), forzar=forzar, por=None)
        except ErrorDeRespaldo as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo {resultado.origen} restaurado: {resultado.archivos} archivo(s) con su SHA-256 comprobado "
                f"y {resultado.eventos} eventos de auditoría en una cadena íntegra."
            )
        )
        if resultado.migraciones_pendientes:
            self.stdout.write(
                f"El respaldo es de una versión anterior: faltan {len(resultado.migraciones_pendientes)} "
                "migración(es). Corra `secretaria migrate`."
            )
        self.stdout.write("Reinicie la web y el trabajador de tareas antes de volver a usar el sistema.")
