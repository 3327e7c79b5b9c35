#!/usr/bin/env python3
"""Ejecuta un comando con un clúster PostgreSQL desechable y DATABASE_URL apuntando a él.

    python scripts/con_postgres.py -- .venv/bin/pytest -n 2

Crea el clúster en un directorio temporal (initdb no corre como root: si somos root, el clúster
pertenece al usuario `postgres`), lo arranca en 127.0.0.1 en un puerto libre, corre el comando y
lo destruye al salir, pase lo que pase. Devuelve el código de salida del comando.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def _bindir() -> Path:
    env = os.environ.get("PG_BINDIR")
    if env:
        return Path(env)
    try:
        return Path(subprocess.check_output(["pg_config", "--bindir"], text=True).strip())
    except (OSError, subprocess.CalledProcessError):
        pass
    for candidato in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidato / "initdb").exists():
            return candidato
    sys.exit("No encuentro los binarios de PostgreSQL (initdb). Instale postgresql o defina PG_BINDIR.")


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        sys.exit("Uso: con_postgres.py -- COMANDO ...")
    bindir = _bindir()
    raiz = Path(tempfile.mkdtemp(prefix="secretaria-pg-"))
    datos, socket_dir = raiz / "datos", raiz / "sock"
    socket_dir.mkdir()
    como: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(raiz, "postgres")
        shutil.chown(socket_dir, "postgres")
        os.chmod(raiz, 0o755)
        como = ["runuser", "-u", "postgres", "--"]
    puerto = _puerto_libre()
    log = raiz / "postgres.log"
    try:
        subprocess.run(
            [
                *como,
                str(bindir / "initdb"),
                "-D",
                str(datos),
                "-A",
                "trust",
                "-U",
                "secretaria",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        opciones = (
            f"-p {puerto} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB"
        )
        if como:
            subprocess.run(["touch", str(log)], check=True)
            shutil.chown(log, "postgres")
        subprocess.run(
            [*como, str(bindir / "pg_ctl"), "-D", str(datos), "-o", opciones, "-l", str(log), "-w", "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        entorno = dict(os.environ, DATABASE_URL=f"postgres://secretaria@127.0.0.1:{puerto}/postgres")
        print(f"PostgreSQL desechable en 127.0.0.1:{puerto}", file=sys.stderr, flush=True)
        return subprocess.call(argv, env=entorno)
    finally:
        if (datos / "postmaster.pid").exists():
            subprocess.run(
                [*como, str(bindir / "pg_ctl"), "-D", str(datos), "-m", "immediate", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        shutil.rmtree(raiz, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
