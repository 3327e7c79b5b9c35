"""`secretaria alertas-actos [--fecha AAAA-MM-DD] [--dias N]`: avisos de tareas de actos por vencer y vencidas,
y de los actos cuyo plazo de sanción venció sin decisión (`actos.services.sancion.avisar_vencidas`).

Se corre una vez al día desde cron (docs/usuario/actos-seguimiento-y-protocolo.md); correrlo dos veces el
mismo día no repite avisos.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from actos.services.sancion import avisar_vencidas
from actos.services.seguimiento import DIAS_ANTES, enviar_alertas


class Command(BaseCommand):
    help = (
        "Avisa a cada jefe de unidad (en la aplicación y por correo) de las tareas de seguimiento de actos de "
        "su unidad vencidas o que vencen en los próximos días hábiles, una vez por día; y a la Secretaría "
        "General y a quien sanciona, de cada acto cuyo plazo de sanción venció sin decisión (una vez por acto)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fecha", help="Día del aviso (AAAA-MM-DD); por omisión, hoy.")
        parser.add_argument(
            "--dias", type=int, default=None, help=f"Días hábiles de anticipación (por omisión {DIAS_ANTES})."
        )

    def handle(self, *args, **opciones):
        fecha = None
        if opciones.get("fecha"):
            try:
                fecha = date.fromisoformat(opciones["fecha"])
            except ValueError:
                raise CommandError(
                    f"Fecha no válida: «{opciones['fecha']}». Use AAAA-MM-DD, p. ej. 2026-03-16."
                ) from None
        dias = opciones.get("dias")
        if dias is not None and not 0 <= dias <= 60:
            raise CommandError("--dias va de 0 a 60 días hábiles.")
        avisados = enviar_alertas(fecha=fecha, dias=dias)
        sanciones = avisar_vencidas(fecha=fecha)
        if avisados:
            self.stdout.write(self.style.SUCCESS(f"Alertas enviadas a {avisados} jefe(s) de unidad."))
        if sanciones:
            self.stdout.write(self.style.SUCCESS(f"Avisos de sanción vencida: {sanciones} acto(s)."))
        if not avisados and not sanciones:
            self.stdout.write("Nada que avisar (o las alertas de ese día ya se enviaron).")
