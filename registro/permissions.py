"""Acceso a los documentos del registro: una unidad ve su bandeja; el resto, 404.

Un documento es visible para quien:
- tiene `registro.ver_todo_registro` (Secretaría General), o
- lo registró o lo creó, o
- pertenece a una unidad que lo tiene ahora, lo emitió, lo derivó, lo recibió (para acción o copia)
  o es destinataria interna, o es el usuario destinatario interno.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from core import roles
from registro.models import Derivacion, DestinatarioInterno, Documento


def documentos_visibles(usuario) -> QuerySet[Documento]:
    """Los documentos que `usuario` puede ver (sin ordenar ni cargar relaciones)."""
    if not usuario.is_authenticated:
        return Documento.objects.none()
    if usuario.has_perm(roles.VER_TODO_REGISTRO):
        return Documento.objects.all()
    condicion = Q(recibido_por=usuario) | Q(creado_por=usuario)
    unidad = usuario.unidad_id
    if unidad:
        derivaciones = Derivacion.objects.filter(documento=OuterRef("pk")).filter(
            Q(a_unidad=unidad) | Q(de_unidad=unidad)
        )
        condicion |= Q(unidad_actual=unidad) | Q(unidad_origen=unidad) | Exists(derivaciones)
    destinos = DestinatarioInterno.objects.filter(documento=OuterRef("pk")).filter(
        Q(usuario=usuario) | (Q(unidad=unidad) if unidad else Q(pk__in=[]))
    )
    # Los destinatarios internos ven el documento desde su firma, no el borrador.
    condicion |= Exists(destinos) & ~Q(estado=Documento.Estado.BORRADOR)
    return Documento.objects.filter(condicion)


def obtener_documento(usuario, pk, *, editar: bool = False) -> Documento:
    """El documento `pk` si `usuario` puede verlo; Http404 si no existe o es ajeno (los ids no revelan nada).

    Con `editar=True` además exige que el documento esté en la bandeja de la unidad del usuario (o que
    tenga `ver_todo_registro`), porque solo quien lo tiene puede moverlo.
    """
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    documento = (
        documentos_visibles(usuario)
        .select_related("remitente", "tipo_documental", "procedimiento", "unidad_actual", "unidad_origen")
        .filter(pk=pk)
        .first()
    )
    if documento is None:
        raise Http404
    if editar and not usuario.has_perm(roles.VER_TODO_REGISTRO):
        if documento.unidad_actual_id != usuario.unidad_id and documento.creado_por_id != usuario.pk:
            raise Http404
    return documento


def adjunto_visible(usuario, archivo) -> bool:
    """Quien ve un documento ve sus adjuntos (`core.permissions.registrar_acceso_archivo`)."""
    return documentos_visibles(usuario).filter(adjuntos__archivo=archivo).exists()
