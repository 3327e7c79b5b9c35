"""Lecturas del registro para la página del documento, el cargo, la API y los catálogos."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from registro.models import Adjunto, Derivacion, Documento, Procedimiento, TipoDocumental


def adjuntos_de(documento: Documento) -> QuerySet[Adjunto]:
    """Los adjuntos del documento con su archivo, el principal primero."""
    return documento.adjuntos.select_related("archivo").order_by("-es_principal", "id")


def hoja_de_ruta(documento: Documento) -> QuerySet[Derivacion]:
    """Las líneas de la hoja de ruta en orden, con las unidades y personas de cada paso."""
    return documento.derivaciones.select_related(
        "de_unidad", "de_usuario", "a_unidad", "a_usuario", "aceptado_por", "cerrado_por"
    ).order_by("secuencia")


def documento_para_pagina(documento: Documento) -> Documento:
    """El documento ya obtenido por la función de acceso, con quien lo recibió cargado (para el cargo)."""
    return Documento.objects.select_related(
        "remitente",
        "tipo_documental",
        "procedimiento",
        "procedimiento__unidad_responsable",
        "unidad_actual",
        "recibido_por",
        "numero",
    ).get(pk=documento.pk)


def procedimientos(*, texto: str = "", incluir_inactivos: bool = True) -> QuerySet[Procedimiento]:
    """El catálogo de procedimientos (TUPA) con su unidad responsable, por código."""
    qs = Procedimiento.objects.select_related("unidad_responsable").order_by("codigo")
    if not incluir_inactivos:
        qs = qs.filter(activo=True)
    texto = (texto or "").strip()
    if texto:
        qs = qs.filter(Q(codigo__icontains=texto) | Q(nombre__icontains=texto))
    return qs


def tipos_documentales() -> QuerySet[TipoDocumental]:
    return TipoDocumental.objects.order_by("nombre")
