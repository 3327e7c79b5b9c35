"""Punto de entrada `secretaria`: los comandos de gestión del proyecto."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretaria.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["secretaria", *sys.argv[1:]])


if __name__ == "__main__":
    main()
