"""`secretaria recordatorios-prestamos [--fecha AAAA-MM-DD]`: avisa de los préstamos de archivo vencidos.

Se corre una vez al día desde cron, como `alertas-actos`; correrlo dos veces el mismo día no repite avisos.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from archivo.services.prestamos import enviar_recordatorios


class Command(BaseCommand):
    help = "Avisa a quien tiene un expediente prestado y vencido (en la aplicación y por correo). Una vez por día."

    def add_arguments(self, parser):
        parser.add_argument("--fecha", help="Día del aviso (AAAA-MM-DD); por omisión, hoy.")

    def handle(self, *args, **opciones):
        fecha = None
        if opciones.get("fecha"):
            try:
                fecha = date.fromisoformat(opciones["fecha"])
            except ValueError:
                raise CommandError(
                    f"Fecha no válida: «{opciones['fecha']}». Use AAAA-MM-DD, p. ej. 2026-03-16."
                ) from None
        avisados = enviar_recordatorios(fecha=fecha)
        if avisados:
            self.stdout.write(self.style.SUCCESS(f"Recordatorios enviados a {avisados} persona(s)."))
        else:
            self.stdout.write("Nada que recordar (o los avisos de ese día ya se enviaron).")
