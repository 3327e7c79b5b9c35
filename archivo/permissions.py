"""Acceso al archivo: el cuadro, la tabla de retención y los expedientes. Lo ajeno responde 404.

- Ven el cuadro y los expedientes **públicos** quienes tienen `archivo.ver_archivo` (todos los roles de
  funcionario). Un expediente **reservado o confidencial** solo lo ven la unidad que lo produce y quienes
  tienen `archivo.ver_reservados` (Archivo central, Secretaría General); para los demás no existe (404), ni
  siquiera en las listas.
- Abren expedientes y archivan en ellos: la unidad productora con `archivo.abrir_expediente`, y quien tiene
  `archivo.gestionar_expedientes` (Archivo central) en los de cualquier unidad.
- El cuadro y la tabla de retención los gestiona quien tiene `archivo.gestionar_cuadro`.
- Una transferencia la ven su unidad y quien las recibe (`archivo.recibir_transferencias`, el Archivo
  central); la prepara quien abre expedientes de esa unidad; la revisa quien las recibe.
- Un préstamo lo ve quien lo pidió y quien gestiona préstamos (`archivo.gestionar_prestamos`). Mientras está
  entregado y no vence, quien lo tiene ve el expediente aunque sea reservado (acceso por tiempo limitado).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from archivo.models import Eliminacion, Expediente, NodoCuadro, Prestamo, Transferencia

VER = "archivo.ver_archivo"
GESTIONAR_CUADRO = "archivo.gestionar_cuadro"
ABRIR = "archivo.abrir_expediente"
GESTIONAR_EXPEDIENTES = "archivo.gestionar_expedientes"
VER_RESERVADOS = "archivo.ver_reservados"
RECIBIR = "archivo.recibir_transferencias"
PRESTAMOS = "archivo.gestionar_prestamos"
ELIMINACION = "archivo.gestionar_eliminacion"


def _pk(pk) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404 from None


def ve_archivo(usuario) -> bool:
    return bool(usuario and usuario.is_authenticated and usuario.has_perm(VER))


def expedientes_visibles(usuario) -> QuerySet[Expediente]:
    """Los expedientes que `usuario` puede ver (sin ordenar ni cargar relaciones): los públicos si ve el
    archivo; los reservados y confidenciales, solo los de su unidad o todos con `ver_reservados`."""
    if not ve_archivo(usuario):
        return Expediente.objects.none()
    if usuario.has_perm(VER_RESERVADOS):
        return Expediente.objects.all()
    condicion = Q(acceso=Expediente.Acceso.PUBLICO)
    if usuario.unidad_id:
        condicion |= Q(unidad=usuario.unidad_id)
    # El préstamo entregado y no vencido abre el expediente a quien lo tiene (acceso por tiempo limitado).
    prestados = Prestamo.objects.filter(
        solicitante=usuario.pk, estado=Prestamo.Estado.ENTREGADO, vence__gte=timezone.localdate()
    ).values("expediente_id")
    condicion |= Q(pk__in=prestados)
    return Expediente.objects.filter(condicion)


def obtener_expediente(usuario, pk, *, editar: bool = False) -> Expediente:
    """El expediente `pk` si `usuario` puede verlo; Http404 si no existe o es ajeno (un reservado no
    existe para quien no tiene acceso). Con `editar=True`, además debe poder archivar en él
    (`puede_editar`); si lo ve pero no puede, Http404 tampoco: la vista pide antes el permiso (403)."""
    expediente = (
        expedientes_visibles(usuario)
        .select_related("nodo", "nodo__padre", "retencion", "unidad", "creado_por", "cerrado_por")
        .filter(pk=_pk(pk))
        .first()
    )
    if expediente is None or (editar and not puede_editar(usuario, expediente)):
        raise Http404
    return expediente


def puede_abrir(usuario, unidad=None) -> bool:
    """Si `usuario` abre expedientes (de `unidad`, si se da): la unidad propia con `abrir_expediente`, o
    cualquiera con `gestionar_expedientes`."""
    if not (usuario and usuario.is_authenticated):
        return False
    if usuario.has_perm(GESTIONAR_EXPEDIENTES):
        return True
    if not usuario.has_perm(ABRIR) or not usuario.unidad_id:
        return False
    return unidad is None or getattr(unidad, "pk", unidad) == usuario.unidad_id


def puede_editar(usuario, expediente: Expediente) -> bool:
    return puede_abrir(usuario, expediente.unidad_id)


def gestiona_cuadro(usuario) -> bool:
    return bool(usuario and usuario.is_authenticated and usuario.has_perm(GESTIONAR_CUADRO))


def obtener_nodo(usuario, pk) -> NodoCuadro:
    """El nivel `pk` del cuadro para quien ve el archivo; Http404 si no existe o no ve el archivo."""
    if not ve_archivo(usuario):
        raise Http404
    nodo = NodoCuadro.objects.select_related("padre", "unidad").filter(pk=_pk(pk)).first()
    if nodo is None:
        raise Http404
    return nodo


def recibe_transferencias(usuario) -> bool:
    return bool(usuario and usuario.is_authenticated and usuario.has_perm(RECIBIR))


def transferencias_visibles(usuario) -> QuerySet[Transferencia]:
    """Las transferencias de la unidad de `usuario`, o todas si las recibe."""
    if not ve_archivo(usuario):
        return Transferencia.objects.none()
    if recibe_transferencias(usuario) or usuario.has_perm(GESTIONAR_EXPEDIENTES):
        return Transferencia.objects.all()
    if not usuario.unidad_id:
        return Transferencia.objects.none()
    return Transferencia.objects.filter(unidad=usuario.unidad_id)


def obtener_transferencia(usuario, pk) -> Transferencia:
    """La transferencia `pk` si `usuario` la ve; Http404 si no existe o es ajena."""
    transferencia = (
        transferencias_visibles(usuario).select_related("unidad", "preparada_por").filter(pk=_pk(pk)).first()
    )
    if transferencia is None:
        raise Http404
    return transferencia


def gestiona_prestamos(usuario) -> bool:
    return bool(usuario and usuario.is_authenticated and usuario.has_perm(PRESTAMOS))


def prestamos_visibles(usuario) -> QuerySet[Prestamo]:
    """Los préstamos que pidió `usuario`, o todos si gestiona préstamos."""
    if not ve_archivo(usuario):
        return Prestamo.objects.none()
    if gestiona_prestamos(usuario):
        return Prestamo.objects.all()
    return Prestamo.objects.filter(solicitante=usuario.pk)


def obtener_prestamo(usuario, pk) -> Prestamo:
    prestamo = (
        prestamos_visibles(usuario)
        .select_related("expediente", "solicitante", "entregado_por", "recibido_por")
        .filter(pk=_pk(pk))
        .first()
    )
    if prestamo is None:
        raise Http404
    return prestamo


def gestiona_eliminacion(usuario) -> bool:
    """Quien propone, revisa, registra la aprobación y ejecuta eliminaciones, y pone retenciones legales."""
    return bool(usuario and usuario.is_authenticated and usuario.has_perm(ELIMINACION))


def obtener_eliminacion(usuario, pk) -> Eliminacion:
    """La eliminación `pk` para quien las gestiona; Http404 para cualquier otro."""
    if not gestiona_eliminacion(usuario):
        raise Http404
    eliminacion = Eliminacion.objects.select_related("acta").filter(pk=_pk(pk)).first()
    if eliminacion is None:
        raise Http404
    return eliminacion
