"""`secretaria avisos-transferencias [--anio AAAA]`: avisa a cada unidad lo que debe transferir en el año.

Se corre desde cron (p. ej. cada mes); cada jefe recibe el aviso del año una sola vez.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from archivo.services.transferencias import avisar_transferencias


class Command(BaseCommand):
    help = (
        "Avisa al jefe de cada unidad (en la aplicación y por correo) de los expedientes que debe transferir a "
        "la etapa siguiente en el año, según la tabla de retención. Una vez por año y jefe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--anio", type=int, help="Año de la propuesta; por omisión, el actual.")

    def handle(self, *args, **opciones):
        anio = opciones.get("anio")
        hoy = timezone.localdate()
        if anio is not None and not hoy.year - 50 <= anio <= hoy.year + 50:
            raise CommandError(f"Año no válido: {anio}.")
        avisados = avisar_transferencias(anio=anio)
        if avisados:
            self.stdout.write(self.style.SUCCESS(f"Avisos enviados a {avisados} jefe(s) de unidad."))
        else:
            self.stdout.write("Nada que avisar (o los avisos de ese año ya se enviaron).")
