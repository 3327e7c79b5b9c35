"""`secretaria bench-protocolo [--actos 1000]`: el benchmark del protocolo anual (bench/actos_protocolo.py).

Se vuelve a llamar con DATABASE_URL y SECRETARIA_VAR_DIR temporales (SQLite desechable, o PostgreSQL con
--postgres): no toca la base de la instalación ni sella ningún registro suyo.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.actos_protocolo import medir


class Command(BaseCommand):
    help = "Genera N actos firmados (unas 5 páginas cada uno) y mide la construcción del protocolo anual."

    def add_arguments(self, parser):
        parser.add_argument("--actos", type=int, default=1000)
        parser.add_argument(
            "--postgres", action="store_true", help="en un PostgreSQL desechable en vez de SQLite"
        )
        parser.add_argument(
            "--salida", default=str(Path(settings.BASE_DIR) / "bench" / "resultados" / "actos_protocolo.json")
        )

    def handle(self, *args, **o):
        if o["actos"] < 1:
            raise CommandError("--actos debe ser al menos 1.")
        if not os.environ.get("SECRETARIA_BENCH_PROTOCOLO_HIJO"):
            with tempfile.TemporaryDirectory(prefix="bench-protocolo-") as directorio:
                entorno = dict(
                    os.environ,
                    SECRETARIA_BENCH_PROTOCOLO_HIJO="1",
                    SECRETARIA_VAR_DIR=directorio,
                    MEDIA_ROOT=str(Path(directorio) / "media"),
                )
                orden = [sys.executable, "-m", "secretaria.cli", "bench-protocolo", *sys.argv[2:]]
                if o["postgres"]:
                    orden = [
                        sys.executable,
                        str(Path(settings.BASE_DIR) / "scripts" / "con_postgres.py"),
                        "--",
                        *orden,
                    ]
                else:
                    entorno["DATABASE_URL"] = f"sqlite:///{Path(directorio) / 'bench.sqlite3'}"
                sys.exit(subprocess.call(orden, env=entorno))

        call_command("migrate", verbosity=0, interactive=False)
        self.stdout.write(f"Base: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
        r = medir(actos=o["actos"], escribir=self.stdout.write)
        self.stdout.write(
            f"\n{r['actos']} actos, {r['paginas']} páginas en {r['segundos']} s ({r['paginas_por_segundo']} pág/s); "
            f"memoria pico: proceso {r['memoria_pico_mb_proceso']} MB, mayor hijo {r['memoria_pico_mb_hijo']} MB "
            f"(× {r['procesos']} procesos ≈ {r['memoria_pico_mb_total_estimada']} MB). "
            f"Objetivo < 180 s: {'sí' if r['cumple_tiempo'] else 'NO'}; < 1,5 GB: {'sí' if r['cumple_memoria'] else 'NO'}."
        )
        salida = Path(o["salida"])
        salida.parent.mkdir(parents=True, exist_ok=True)
        salida.write_text(json.dumps(r, indent=2, ensure_ascii=False))
        self.stdout.write(f"Escrito {salida}")
