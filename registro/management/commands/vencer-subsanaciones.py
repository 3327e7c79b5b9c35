"""`secretaria vencer-subsanaciones`: cierra como no presentados los observados que no se subsanaron a tiempo.

TUO Ley 27444, art. 136: vencido el plazo para subsanar sin corrección, se tiene por no presentado.
Pensado para correr cada día (cron o el planificador de tareas); se puede repetir sin daño.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from registro.services.recepcion import vencer_subsanaciones


class Command(BaseCommand):
    help = "Tiene por no presentados los documentos observados cuyo plazo para subsanar ya venció."

    def add_arguments(self, parser):
        parser.add_argument("--fecha", help="Día de referencia AAAA-MM-DD (por omisión, hoy).")

    def handle(self, *args, **opts):
        hoy = None
        if opts.get("fecha"):
            try:
                hoy = date.fromisoformat(opts["fecha"])
            except ValueError:
                raise CommandError("La fecha debe tener la forma AAAA-MM-DD, p. ej. 2026-03-10.") from None
        cerrados = vencer_subsanaciones(hoy=hoy)
        self.stdout.write(self.style.SUCCESS(f"Documentos tenidos por no presentados: {cerrados}."))
