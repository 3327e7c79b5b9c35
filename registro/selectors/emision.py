"""Lecturas de documentos internos y de salida: lo emitido por una unidad, lo recibido internamente y el
registro de salida con el estado de su despacho."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from core.models import NumeroRegistro
from registro.models import DestinatarioInterno, Documento, Envio
from registro.permissions import documentos_visibles

SERIE_SALIDA = "registro_salida"


def numeros_de_salida(ids) -> dict[int, NumeroRegistro]:
    """{id de documento: su número del registro de salida}, en una consulta."""
    tipo = ContentType.objects.get_for_model(Documento)
    filas = NumeroRegistro.objects.filter(
        serie__codigo=SERIE_SALIDA, objeto_tipo=tipo, objeto_id__in=[str(i) for i in ids]
    )
    return {int(n.objeto_id): n for n in filas}


def emitidos_de_unidad(usuario) -> QuerySet[Documento]:
    """Internos y de salida de la unidad del usuario: borradores primero, luego lo más reciente."""
    if not usuario.unidad_id:
        return Documento.objects.none()
    return (
        Documento.objects.filter(unidad_origen=usuario.unidad_id, clase__in=("interno", "salida"))
        .select_related("tipo_documental", "firmado_por", "creado_por")
        .annotate(
            es_borrador=Case(
                When(estado="borrador", then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("es_borrador", "-firmado_en", "-id")
    )


def recibidos_internos(usuario) -> QuerySet[DestinatarioInterno]:
    """Documentos internos firmados dirigidos al usuario o a su unidad: no leídos primero."""
    condicion = Q(usuario=usuario)
    if usuario.unidad_id:
        condicion |= Q(unidad=usuario.unidad_id)
    return (
        DestinatarioInterno.objects.filter(condicion)
        .exclude(documento__estado=Documento.Estado.BORRADOR)
        .select_related("documento", "documento__unidad_origen", "documento__tipo_documental", "leido_por")
        .annotate(
            no_leido=Case(
                When(leido_en__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("no_leido", "-documento__firmado_en", "-id")
    )


def registro_de_salida(usuario) -> QuerySet[Documento]:
    """Documentos de salida firmados que el usuario puede ver, con sus envíos (sin N+1)."""
    return (
        documentos_visibles(usuario)
        .filter(clase=Documento.Clase.SALIDA)
        .exclude(estado=Documento.Estado.BORRADOR)
        .select_related("unidad_origen", "destinatario", "tipo_documental")
        .prefetch_related(Prefetch("envios", queryset=Envio.objects.order_by("intento")))
        .order_by("-firmado_en", "-id")
    )


def destinatarios_de(documento: Documento) -> list[DestinatarioInterno]:
    return list(documento.destinatarios.select_related("unidad", "usuario", "leido_por").order_by("id"))


def archivo_de_emitido_visible(usuario, archivo) -> bool:
    """Regla de acceso a archivos: quien ve un documento emitido ve su PDF y los cargos de entrega."""
    visibles = documentos_visibles(usuario)
    return visibles.filter(Q(pdf=archivo.pk) | Q(envios__cargo_entrega=archivo.pk)).exists()
