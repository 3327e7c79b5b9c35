#!/usr/bin/env python3
"""Revisa los mensajes de commit (docs/desarrollo.md, «Puertas de CI y commits»).

    python scripts/revisar_commits.py            # los commits desde que rige la regla hasta HEAD
    python scripts/revisar_commits.py --archivo F  # un mensaje (el gancho commit-msg de .githooks/)

Cada mensaje: un asunto de hasta 72 caracteres, sin punto final; una línea en blanco; y un cuerpo que diga
por qué. La regla rige desde el commit `DESDE` (la historia anterior no se reescribe); en un clon sin ese
commit (p. ej. superficial) se revisa solo HEAD. Los commits de fusión no se revisan. Sale con 1 y dice qué
commit y qué regla si alguno no cumple.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

DESDE = "64f7af1da3c91e33758e5dce27e6ae147c533464"  # el primer commit con la regla (2026-12-07)
LARGO_MAXIMO = 72


def problemas(mensaje: str) -> list[str]:
    lineas = [linea for linea in mensaje.splitlines() if not linea.startswith("#")]
    while lineas and not lineas[-1].strip():
        lineas.pop()
    if not lineas or not lineas[0].strip():
        return ["falta el asunto"]
    asunto, resto = lineas[0], lineas[1:]
    errores = []
    if len(asunto) > LARGO_MAXIMO:
        errores.append(f"el asunto tiene {len(asunto)} caracteres (máximo {LARGO_MAXIMO})")
    if asunto.rstrip().endswith("."):
        errores.append("el asunto termina en punto")
    if resto and resto[0].strip():
        errores.append("falta la línea en blanco entre el asunto y el cuerpo")
    if not any(linea.strip() for linea in resto):
        errores.append("falta el cuerpo que dice por qué")
    return errores


def _git(*argumentos: str) -> str:
    return subprocess.run(["git", *argumentos], check=True, capture_output=True, text=True).stdout


def _commits() -> list[str]:
    tiene_desde = (
        subprocess.run(["git", "cat-file", "-e", f"{DESDE}^{{commit}}"], capture_output=True).returncode == 0
    )
    rango = [f"{DESDE}^..HEAD"] if tiene_desde else ["-1", "HEAD"]
    return _git("rev-list", "--no-merges", *rango).split()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archivo", help="revisar solo este mensaje (gancho commit-msg)")
    opciones = parser.parse_args(argv)
    if opciones.archivo:
        with open(opciones.archivo, encoding="utf-8") as f:
            errores = problemas(f.read())
        for error in errores:
            print(f"Mensaje de commit: {error}.", file=sys.stderr)
        return 1 if errores else 0
    malos = 0
    for commit in _commits():
        errores = problemas(_git("log", "-1", "--format=%B", commit))
        if errores:
            malos += 1
            asunto = _git("log", "-1", "--format=%s", commit).strip()
            print(f"{commit[:10]} «{asunto[:60]}»: {'; '.join(errores)}.", file=sys.stderr)
    return 1 if malos else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
