"""`secretaria vencer-subsanaciones`: cierra como no presentados los observados que no se subsanaron a tiempo,
solo donde el perfil lo automatiza (`plazos.automatizaciones`).

TUO Ley 27444, art. 136.4 (PE): vencido el plazo para subsanar sin corrección, se tiene por no presentado. En
otros perfiles la consecuencia la declara el funcionario (CO, Ley 1755 de 2015, art. 17: desistimiento tácito
por acto motivado): la orden solo lista los vencidos. Pensado para correr cada día; se puede repetir sin daño.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from core.models import Municipio
from registro.selectors.subsanacion import consecuencia_al_vencer, subsanaciones_vencidas
from registro.services.recepcion import automatiza_no_presentado, vencer_subsanaciones


class Command(BaseCommand):
    help = (
        "Tiene por no presentados los documentos observados cuyo plazo para subsanar ya venció, si el perfil "
        "lo automatiza; si no, los lista para el funcionario."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fecha", help="Día de referencia AAAA-MM-DD (por omisión, hoy).")

    def handle(self, *args, **opts):
        hoy = None
        if opts.get("fecha"):
            try:
                hoy = date.fromisoformat(opts["fecha"])
            except ValueError:
                raise CommandError("La fecha debe tener la forma AAAA-MM-DD, p. ej. 2026-03-10.") from None
        municipio = Municipio.objects.actual()
        if automatiza_no_presentado(municipio=municipio, fecha=hoy):
            cerrados = vencer_subsanaciones(hoy=hoy)
            self.stdout.write(self.style.SUCCESS(f"Documentos tenidos por no presentados: {cerrados}."))
            return
        consecuencia = consecuencia_al_vencer(municipio=municipio, fecha=hoy)
        fuente = f" ({consecuencia.fuente})" if consecuencia.fuente else ""
        vencidos = list(subsanaciones_vencidas(hoy=hoy))
        self.stdout.write(
            "El perfil no automatiza la consecuencia del plazo vencido sin subsanar: "
            f"{consecuencia.texto}{fuente}. No se cambió ningún documento."
        )
        self.stdout.write(f"Documentos con el plazo para subsanar vencido: {len(vencidos)}.")
        for doc in vencidos:
            self.stdout.write(f"- {doc.numero_texto}: venció el {doc.subsanar_hasta:%d/%m/%Y} — {doc.asunto}")
