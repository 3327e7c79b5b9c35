"""Punto de entrada `secretaria`: los comandos de gestión del proyecto."""

import os
import sys

import django
from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretaria.settings")
    django.setup()
    from core.contexto import unidad_de_trabajo  # noqa: PLC0415 - necesita django.setup()
    from core.selectors.municipio import en_zona_del_municipio  # noqa: PLC0415 - necesita django.setup()

    # Cada orden corre en la zona horaria del municipio: su «hoy» (encargos vigentes, reglas del perfil,
    # alertas) y las horas que imprime son las del municipio, no las del servidor.
    with unidad_de_trabajo(), en_zona_del_municipio():
        execute_from_command_line(["secretaria", *sys.argv[1:]])


if __name__ == "__main__":
    main()
