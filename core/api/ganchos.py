"""Ganchos de drf-spectacular que corrigen el esquema entero (SPECTACULAR_SETTINGS «POSTPROCESSING_HOOKS»)."""

_ERROR = {"$ref": "#/components/schemas/Error"}


def respuesta_400_en_listas_paginadas(result, generator, request, public):
    """Toda operación con `?pagina=` puede contestar 400 (página inválida o fuera de rango:
    core.api.paginacion); se documenta aquí una vez, en vez de en cada vista."""
    for ruta in result.get("paths", {}).values():
        for operacion in ruta.values():
            if not isinstance(operacion, dict):
                continue
            if any(p.get("name") == "pagina" for p in operacion.get("parameters", [])):
                operacion.setdefault("responses", {}).setdefault(
                    "400",
                    {
                        "description": "Página inválida o fuera de rango; `campos.pagina` dice por qué.",
                        "content": {"application/json": {"schema": _ERROR}},
                    },
                )
    return result
