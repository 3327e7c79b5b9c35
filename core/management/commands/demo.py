"""`secretaria demo [--pais PE|EC|CO|MX]`: carga (o completa) el municipio de demostración del país. Se
puede repetir sin daño; en una base con el municipio de otro país se niega (código de salida ≠ 0)."""

from django.core.management.base import BaseCommand, CommandError

from core.demo import CLAVE_DEMO, DemoDeOtroPais, cargar_demo, pais_de
from core.demo_paises import PAISES, usuarios_demo


class Command(BaseCommand):
    help = "Carga el municipio de demostración del país (idempotente) y muestra los ingresos."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pais",
            default="PE",
            type=str.upper,
            choices=sorted(PAISES),
            help="País de la demostración: PE (por omisión), EC, CO o MX (Zacatecas).",
        )

    def handle(self, *args, **opts):
        try:
            municipio = cargar_demo(opts["pais"])
        except DemoDeOtroPais as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            self.style.SUCCESS(
                f"Demostración lista: {municipio.nombre} ({municipio.sigla}, perfil {municipio.perfil})."
            )
        )
        self.stdout.write(f"Contraseña de todos los usuarios de demostración: {CLAVE_DEMO}")
        for usuario, descripcion in usuarios_demo(pais_de(municipio)):
            self.stdout.write(f"  {usuario:<14} {descripcion}")
