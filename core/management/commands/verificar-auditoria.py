"""`secretaria verificar-auditoria`: prueba que la cadena de eventos de auditoría está íntegra."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.models import Evento
from core.services.auditoria import verificar_cadena


class Command(BaseCommand):
    help = (
        "Recalcula el hash de cada evento de auditoría y su enlace con el anterior. "
        "Sale con 0 si la cadena está íntegra; si no, nombra el primer evento roto y sale con 1."
    )

    def handle(self, *args, **opciones):
        resultado = verificar_cadena()
        if resultado.intacta:
            self.stdout.write(
                self.style.SUCCESS(f"Cadena de auditoría íntegra: {resultado.total} eventos verificados.")
            )
            return
        roto = resultado.primer_roto  # una cadena rota siempre nombra su evento
        evento = Evento.objects.filter(pk=roto).first() if roto is not None else None
        if evento is not None:
            momento = timezone.localtime(evento.momento).isoformat(timespec="seconds")
            quien = f"evento {evento.pk} ({momento}, acción «{evento.accion}»)"
        else:
            quien = f"evento {resultado.primer_roto} (ya no existe en la tabla)"
        raise CommandError(
            f"Cadena de auditoría ROTA en el {quien}: {resultado.motivo}. "
            f"Eventos revisados hasta el fallo: {resultado.total}."
        )
