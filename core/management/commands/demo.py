"""`secretaria demo`: carga (o completa) el municipio de demostración. Se puede repetir sin daño."""

from django.core.management.base import BaseCommand

from core.demo import CLAVE_DEMO, USUARIOS_DEMO, cargar_demo


class Command(BaseCommand):
    help = "Carga el municipio de demostración (idempotente) y muestra los ingresos."

    def handle(self, *args, **opts):
        municipio = cargar_demo()
        self.stdout.write(self.style.SUCCESS(f"Demostración lista: {municipio.nombre} ({municipio.sigla})."))
        self.stdout.write(f"Contraseña de todos los usuarios de demostración: {CLAVE_DEMO}")
        for usuario, descripcion in USUARIOS_DEMO:
            self.stdout.write(f"  {usuario:<14} {descripcion}")
