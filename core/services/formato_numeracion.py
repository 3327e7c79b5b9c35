"""El formato de los números de registro (`Serie.formato`): qué marcadores admite y cómo se comprueba.

Es cálculo puro sobre el texto de la plantilla; lo usan la numeración (al crear o cambiar una serie) y los
perfiles (al fijar una regla local `numeracion.formato.*`).
"""

from __future__ import annotations

import string
from typing import cast

from django.core.exceptions import ValidationError

from core.models import NumeroRegistro, Serie

MARCADORES = ("numero", "anio", "sigla", "unidad")
# Dos CharField: su max_length es un entero (el tipo de Field lo admite None).
_LARGO_TEXTO = cast(int, NumeroRegistro._meta.get_field("texto").max_length)
_LARGO_FORMATO = cast(int, Serie._meta.get_field("formato").max_length)


def validar_formato(formato: str) -> None:
    """Comprueba que la plantilla de numeración lleve {numero} y solo los marcadores admitidos.

    Admite especificaciones de formato (`{numero:03d}`, `{numero:06d}`), pero no índices,
    atributos, conversiones ni marcadores anidados; la prueba final es formatear un número de
    ejemplo. Lanza ValidationError con un mensaje en español que dice qué corregir.
    """
    formato = formato or ""
    if not formato.strip():
        raise ValidationError("Escriba el formato del número, p. ej. «Reg. {anio}-{numero:06d}».")
    if len(formato) > _LARGO_FORMATO:
        raise ValidationError(f"El formato no puede pasar de {_LARGO_FORMATO} caracteres.")
    try:
        partes = list(string.Formatter().parse(formato))
    except ValueError:
        raise ValidationError(
            "El formato tiene llaves sin cerrar o sueltas. Use {numero}, {anio}, {sigla} o {unidad}; "
            "para una llave literal escriba {{ o }}."
        ) from None
    usados = set()
    for _literal, campo, especificacion, conversion in partes:
        if campo is None:
            continue
        if campo not in MARCADORES:
            raise ValidationError(
                f"Marcador desconocido «{{{campo}}}». "
                "Solo se admiten {numero}, {anio}, {sigla} y {unidad}."
            )
        if conversion:
            raise ValidationError(f"No se admiten conversiones («!{conversion}») en los marcadores.")
        if "{" in (especificacion or ""):
            raise ValidationError("No se admiten marcadores anidados dentro de otro marcador.")
        usados.add(campo)
    if "numero" not in usados:
        raise ValidationError("El formato debe incluir el marcador {numero}.")
    try:
        ejemplo = formato.format(numero=999999, anio=2026, sigla="SIGLA", unidad="UNIDAD")
    except (ValueError, TypeError):
        raise ValidationError(
            "Una especificación de formato no es válida para su marcador: {numero} y {anio} son números "
            "(p. ej. {numero:03d}); {sigla} y {unidad} son texto."
        ) from None
    if len(ejemplo) > _LARGO_TEXTO:
        raise ValidationError(f"El número formateado pasaría de {_LARGO_TEXTO} caracteres.")
