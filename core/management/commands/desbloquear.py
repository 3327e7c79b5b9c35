"""`secretaria desbloquear USUARIO [--ip DIRECCION]`: quita el bloqueo por intentos fallidos de ingreso."""

from django.core.management.base import BaseCommand, CommandError

from core.services.acceso import desbloquear


class Command(BaseCommand):
    help = (
        "Quita el bloqueo de ingreso por intentos fallidos de USUARIO (y/o de la dirección --ip); "
        "queda en la auditoría."
    )

    def add_arguments(self, parser):
        parser.add_argument("usuario", nargs="?", default=None, help="nombre de usuario (username)")
        parser.add_argument("--ip", default=None, help="dirección IP bloqueada")

    def handle(self, *args, usuario: str | None, ip: str | None, **opts):
        if not usuario and not ip:
            raise CommandError("Indique el usuario, la dirección (--ip) o ambos.")
        borrados = desbloquear(usuario=usuario, ip=ip, por=None)
        que = " y ".join(
            p for p in (f"usuario «{usuario}»" if usuario else "", f"dirección {ip}" if ip else "") if p
        )
        self.stdout.write(f"Desbloqueado: {que} ({borrados} registro(s) de intentos borrados).")
