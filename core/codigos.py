"""Códigos al azar que una persona dicta, teclea o lee del papel (seguimiento, verificación)."""

import secrets

# Sin caracteres confundibles (0/O, 1/I/L).
ALFABETO = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def codigo_al_azar(largo: int) -> str:
    """`largo` caracteres de `ALFABETO` (~4,95 bits cada uno), de `secrets`: no se adivina ni se enumera."""
    return "".join(secrets.choice(ALFABETO) for _ in range(largo))
