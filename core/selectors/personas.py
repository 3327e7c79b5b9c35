"""Lecturas de personas para páginas, API y reportes."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.models import Persona
from core.services.personas import normalizar_numero


def buscar_personas(texto: str) -> QuerySet[Persona]:
    """Personas cuyo número de documento empieza por `texto` o cuyo nombre contiene cada palabra de `texto`.

    Mayúsculas y minúsculas dan igual: icontains, y además la palabra en minúsculas, porque el LIKE de
    SQLite solo ignora mayúsculas en ASCII (así «GUTIÉRREZ» encuentra «Gutiérrez»). Las tildes cuentan.
    """
    texto = (texto or "").strip()
    personas = Persona.objects.all()
    if not texto:
        return personas
    numero = normalizar_numero(texto)
    por_documento = Q(numero_documento__startswith=numero) if numero else Q(pk__in=[])
    por_nombre = Q()
    for palabra in texto.split():
        coincide = Q()
        for variante in {palabra, palabra.lower()}:
            coincide |= (
                Q(nombres__icontains=variante)
                | Q(apellidos__icontains=variante)
                | Q(razon_social__icontains=variante)
            )
        por_nombre &= coincide
    return personas.filter(por_documento | por_nombre)
