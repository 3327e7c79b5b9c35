"""`secretaria resumen-diario [--fecha AAAA-MM-DD]`: el resumen de plazos para los jefes de unidad.

Se corre una vez al día desde cron (docs/operacion/resumen-diario.md); correrlo dos veces el mismo día
no repite avisos.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from registro.services.alertas import enviar_resumen_diario


class Command(BaseCommand):
    help = (
        "Avisa a cada jefe de unidad (en la aplicación y por correo) de los documentos de su unidad que "
        "vencen hoy o en los próximos dos días hábiles y de los vencidos. Una vez por día."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fecha", help="Día del resumen (AAAA-MM-DD); por omisión, hoy.")

    def handle(self, *args, **opciones):
        fecha = None
        if opciones.get("fecha"):
            try:
                fecha = date.fromisoformat(opciones["fecha"])
            except ValueError:
                raise CommandError(
                    f"Fecha no válida: «{opciones['fecha']}». Use el formato AAAA-MM-DD, p. ej. 2026-03-16."
                ) from None
        avisados = enviar_resumen_diario(fecha=fecha)
        if avisados:
            self.stdout.write(self.style.SUCCESS(f"Resumen enviado a {avisados} jefe(s) de unidad."))
        else:
            self.stdout.write("Nada que avisar (o el resumen de ese día ya se envió).")
