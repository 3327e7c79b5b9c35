"""`secretaria token USUARIO`: muestra el token de API del usuario (lo crea si no tiene) en la última línea."""

from django.core.management.base import BaseCommand, CommandError

from core.models import Usuario
from core.services.tokens import obtener_o_crear_token


class Command(BaseCommand):
    help = "Muestra el token de API de USUARIO, creándolo si hace falta (la creación se audita)."

    def add_arguments(self, parser):
        parser.add_argument("usuario", help="nombre de usuario (username)")

    def handle(self, *args, usuario: str, **opts):
        u = Usuario.objects.filter(username=usuario).first()
        if u is None:
            raise CommandError(f"No existe el usuario «{usuario}».")
        if not u.is_active:
            raise CommandError(f"El usuario «{usuario}» está desactivado; no se le da token.")
        token, creado = obtener_o_crear_token(usuario=u, por=None)
        if creado:
            self.stderr.write(
                f"Token creado para {u.username}. Úselo en la cabecera: Authorization: Token <token>"
            )
        self.stdout.write(token.key)
