"""Códigos al azar que una persona dicta, teclea o lee del papel (seguimiento, verificación)."""

import secrets

# Sin caracteres confundibles (0/O, 1/I/L).
ALFABETO = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def codigo_al_azar(largo: int) -> str:
    """`largo` caracteres de `ALFABETO` (~4,95 bits cada uno), de `secrets`: no se adivina ni se enumera.

    Un solo pedido de bytes al generador del sistema (no uno por carácter, como `secrets.choice`): 16 bits
    al azar por carácter, leídos como cifras en base 31. Las `largo` cifras bajas de un número uniforme de
    16·largo bits se apartan de las uniformes a lo sumo en 31^largo / 2^(16·largo) < 2^(-11·largo).
    """
    n = len(ALFABETO)
    valor = int.from_bytes(secrets.token_bytes(2 * largo), "big")
    cifras = []
    for _ in range(largo):
        valor, cifra = divmod(valor, n)
        cifras.append(ALFABETO[cifra])
    return "".join(cifras)
