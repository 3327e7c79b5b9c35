"""Hoja de ruta: derivar, aceptar, devolver, atender y concluir documentos.

Cada paso es una línea de `Derivacion` (o el cambio de estado de una) y un evento de auditoría, en la
misma transacción que mantiene al día lo desnormalizado del documento (`unidad_actual`, `estado`,
`responsable_actual`), que es lo que leen las bandejas.

Reglas:
- Un documento tiene a lo sumo una línea *para acción* abierta (pendiente o recibida): la unidad que
  lo tiene. Las copias (*para conocimiento*) no mueven el documento.
- Solo deriva quien lo tiene: su unidad (`unidad_actual`), la Secretaría General
  (`registro.ver_todo_registro`) o la mesa de partes que lo acaba de registrar y aún no lo derivó.
  TUO Ley 27444, art. 143: lo recibido se deriva el mismo día.
- Un documento de un expediente viaja con todo el expediente.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core import roles
from core.models import UnidadOrganica
from core.services.auditoria import instantanea, registrar_evento
from core.services.plazos import calcular_plazo
from registro.models import Derivacion, Documento
from registro.services.alertas import avisar_derivacion

ESTADOS_ABIERTOS = Derivacion.ESTADOS_ABIERTOS
MAXIMO_PLAZO_DIAS = 365
_CAMPOS_DOC = ["estado", "unidad_actual", "responsable_actual", "cerrado_en"]
_CAMPOS_LINEA = ["estado", "aceptado_en", "aceptado_por", "cerrado_en", "cerrado_por", "motivo"]


def _ve_todo(usuario) -> bool:
    return usuario.has_perm(roles.VER_TODO_REGISTRO)


def linea_abierta(documento: Documento) -> Derivacion | None:
    """La línea para acción abierta (pendiente o recibida) del documento, si la hay."""
    return (
        Derivacion.objects.filter(
            documento=documento, tipo=Derivacion.Tipo.ACCION, estado__in=ESTADOS_ABIERTOS
        )
        .order_by("-secuencia")
        .first()
    )


def puede_derivar(documento: Documento, usuario) -> bool:
    """Si `usuario` puede mover `documento`: su unidad lo tiene, ve todo el registro, o es la mesa de
    partes que lo registró y aún no lo derivó (TUO Ley 27444, art. 143: se deriva el mismo día).
    """
    if documento.cerrado or not usuario.is_authenticated:
        return False
    if _ve_todo(usuario):
        return True
    if usuario.unidad_id and documento.unidad_actual_id == usuario.unidad_id:
        return True
    recien_registrado = documento.estado in (Documento.Estado.REGISTRADO, Documento.Estado.OBSERVADO)
    suyo = usuario.pk in (documento.recibido_por_id, documento.creado_por_id)
    return (
        recien_registrado
        and suyo
        and usuario.has_perm(roles.REGISTRAR_DOCUMENTO)
        and not documento.derivaciones.filter(tipo=Derivacion.Tipo.ACCION).exists()
    )


def _plazo(plazo_dias, desde: datetime):
    if plazo_dias in (None, ""):
        return None, None
    try:
        plazo_dias = int(plazo_dias)
    except (TypeError, ValueError):
        raise ValidationError(
            {"plazo_dias": ["El plazo debe ser un número entero de días hábiles."]}
        ) from None
    if not 1 <= plazo_dias <= MAXIMO_PLAZO_DIAS:
        raise ValidationError(
            {"plazo_dias": [f"El plazo debe estar entre 1 y {MAXIMO_PLAZO_DIAS} días hábiles."]}
        )
    return plazo_dias, calcular_plazo(desde=desde, dias=plazo_dias, tipo="habiles").vence


def _siguiente_secuencia(documento: Documento) -> int:
    return (documento.derivaciones.aggregate(m=Max("secuencia"))["m"] or 0) + 1


def _bloquear(documento: Documento) -> Documento:
    return (
        Documento.objects.select_for_update(of=("self",)).select_related("unidad_actual").get(pk=documento.pk)
    )


def _nueva_linea(
    documento,
    *,
    tipo,
    de_unidad,
    por,
    a_unidad,
    a_usuario=None,
    instrucciones="",
    plazo_dias=None,
    vence=None,
    anterior=None,
    ahora,
) -> Derivacion:
    linea = Derivacion.objects.create(
        documento=documento,
        secuencia=_siguiente_secuencia(documento),
        anterior=anterior,
        tipo=tipo,
        de_unidad=de_unidad,
        de_usuario=por,
        a_unidad=a_unidad,
        a_usuario=a_usuario,
        instrucciones=instrucciones,
        plazo_dias=plazo_dias,
        vence=vence,
        enviado_en=ahora,
    )
    # Aviso en la aplicación al jefe de la unidad de destino y al destinatario (misma transacción).
    avisar_derivacion(linea)
    return linea


def derivacion_inicial(*, documento: Documento, a_unidad: UnidadOrganica, por) -> Derivacion:
    """Primera línea de la hoja de ruta cuando el registro ya envía el documento a su unidad (la del
    procedimiento o la elegida al registrar): esa unidad lo tiene «por recibir» desde el primer minuto y
    puede recibirlo, atenderlo o devolverlo (TUO Ley 27444, art. 143: lo recibido se deriva el mismo día).
    Se llama dentro de la transacción de `registrar_documento`, cuyo evento de auditoría la incluye.
    """
    actor = por if getattr(por, "pk", None) else None
    return _nueva_linea(
        documento,
        tipo=Derivacion.Tipo.ACCION,
        de_unidad=getattr(actor, "unidad", None),
        por=actor,
        a_unidad=a_unidad,
        vence=documento.vence,
        ahora=documento.recibido_en or timezone.now(),
    )


def _validar_destinos(a_unidad, copias: Iterable, a_usuario) -> list[UnidadOrganica]:
    errores: dict[str, list[str]] = {}
    if a_unidad is None:
        errores["a_unidad"] = ["Elija la unidad a la que deriva el documento."]
    elif not a_unidad.activa:
        errores["a_unidad"] = [f"La unidad {a_unidad.sigla} no está activa."]
    copias = [u for u in dict.fromkeys(copias or ()) if a_unidad is None or u.pk != a_unidad.pk]
    inactivas = [u.sigla for u in copias if not u.activa]
    if inactivas:
        errores["copias"] = [f"No se envían copias a unidades inactivas: {', '.join(inactivas)}."]
    if a_usuario is not None and a_unidad is not None and a_usuario.unidad_id != a_unidad.pk:
        errores["a_usuario"] = [f"{a_usuario.get_full_name() or a_usuario} no pertenece a {a_unidad.sigla}."]
    if errores:
        raise ValidationError(errores)
    return copias


def _derivar_uno(documento, *, a_unidad, por, instrucciones, plazo_dias, vence, copias, a_usuario, ahora):
    documento = _bloquear(documento)
    if documento.cerrado:
        raise ValidationError(
            f"{documento.numero_texto or documento.codigo_seguimiento} ya está cerrado "
            f"({documento.get_estado_display().lower()}): no se deriva."
        )
    if not puede_derivar(documento, por):
        raise ValidationError(
            f"{documento.numero_texto or documento.codigo_seguimiento} no está en la bandeja "
            "de su unidad: solo quien lo tiene puede derivarlo."
        )
    antes = instantanea(documento, _CAMPOS_DOC)
    anterior = linea_abierta(documento)
    if anterior is not None:
        if anterior.a_unidad_id == a_unidad.pk and a_usuario is None:
            raise ValidationError(
                f"{documento.numero_texto or documento.codigo_seguimiento} ya está en {a_unidad.sigla}."
            )
        anterior.estado = Derivacion.Estado.DERIVADA
        anterior.aceptado_en = anterior.aceptado_en or ahora
        anterior.aceptado_por = anterior.aceptado_por or por
        anterior.cerrado_en, anterior.cerrado_por = ahora, por
        anterior.save(update_fields=_CAMPOS_LINEA)
    de_unidad = anterior.a_unidad if anterior is not None else (documento.unidad_actual or por.unidad)
    linea = _nueva_linea(
        documento,
        tipo=Derivacion.Tipo.ACCION,
        de_unidad=de_unidad,
        por=por,
        a_unidad=a_unidad,
        a_usuario=a_usuario,
        instrucciones=instrucciones,
        plazo_dias=plazo_dias,
        # Sin plazo propio, la línea vence cuando vence el documento: así la bandeja ordena por `vence`.
        vence=vence or documento.vence,
        anterior=anterior,
        ahora=ahora,
    )
    for unidad in copias:
        _nueva_linea(
            documento,
            tipo=Derivacion.Tipo.COPIA,
            de_unidad=de_unidad,
            por=por,
            a_unidad=unidad,
            instrucciones=instrucciones,
            anterior=linea,
            ahora=ahora,
        )
    documento.unidad_actual = a_unidad
    documento.responsable_actual = a_usuario
    documento.save(update_fields=["unidad_actual", "responsable_actual"])
    registrar_evento(
        por=por,
        accion="registro.documento.derivar",
        objeto=documento,
        antes=antes,
        despues={
            **instantanea(documento, _CAMPOS_DOC),
            "derivacion": linea.pk,
            "secuencia": linea.secuencia,
            "copias": [u.sigla for u in copias],
            "instrucciones": instrucciones,
            "plazo_dias": plazo_dias,
        },
    )
    return linea


@transaction.atomic
def derivar(
    *,
    documento: Documento,
    a_unidad: UnidadOrganica,
    por,
    instrucciones: str = "",
    plazo_dias: int | None = None,
    copias: Iterable[UnidadOrganica] = (),
    a_usuario=None,
) -> Derivacion:
    """Deriva `documento` a `a_unidad` para acción (y a `copias` para conocimiento) con instrucciones y
    un plazo opcional en días hábiles (`calcular_plazo`). Cierra como DERIVADA la línea abierta de quien
    lo tenía y abre una PENDIENTE en la unidad destino. Si el documento pertenece a un expediente,
    deriva todos los documentos abiertos del expediente que su unidad tiene (viajan juntos). Devuelve
    la línea del documento pedido. ValidationError en español si no se puede; nada cambia.
    """
    instrucciones = (instrucciones or "").strip()
    copias = _validar_destinos(a_unidad, copias, a_usuario)
    ahora = timezone.now()
    plazo_dias, vence = _plazo(plazo_dias, ahora)
    documentos = [documento]
    actual: Mapping[str, Any] = (
        Documento.objects.filter(pk=documento.pk).values("expediente_id", "unidad_actual_id").first() or {}
    )
    if actual.get("expediente_id"):
        hermanos = (
            Documento.objects.filter(
                expediente_id=actual["expediente_id"], unidad_actual_id=actual["unidad_actual_id"]
            )
            .abiertos()
            .exclude(pk=documento.pk)
            .order_by("id")
        )
        documentos += list(hermanos)
    principal = None
    for doc in documentos:
        linea = _derivar_uno(
            doc,
            a_unidad=a_unidad,
            por=por,
            instrucciones=instrucciones,
            plazo_dias=plazo_dias,
            vence=vence,
            copias=copias,
            a_usuario=a_usuario,
            ahora=ahora,
        )
        principal = principal or linea
    return cast(Derivacion, principal)  # la línea de `documento`, el primero de `documentos`


@transaction.atomic
def derivar_en_lote(
    *,
    documentos: Iterable[Documento],
    a_unidad: UnidadOrganica,
    por,
    instrucciones: str = "",
    plazo_dias: int | None = None,
) -> list[Derivacion]:
    """Deriva varios documentos a la vez, todos o ninguno: si alguno no se puede derivar, nada cambia y
    el ValidationError nombra cada documento que falló y por qué.
    """
    documentos = list(dict.fromkeys(documentos))
    if not documentos:
        raise ValidationError("Seleccione al menos un documento para derivar.")
    _validar_destinos(a_unidad, (), None)
    plazo_dias, _ = _plazo(plazo_dias, timezone.now())
    lineas, errores, expedientes = [], [], set()
    for doc in documentos:
        if doc.expediente_id in expedientes:
            continue  # ya viajó con su expediente en este mismo lote
        if doc.expediente_id:
            expedientes.add(doc.expediente_id)
        try:
            with transaction.atomic():
                lineas.append(
                    derivar(
                        documento=doc,
                        a_unidad=a_unidad,
                        por=por,
                        instrucciones=instrucciones,
                        plazo_dias=plazo_dias,
                    )
                )
        except ValidationError as e:
            errores.append(" ".join(e.messages))
    if errores:
        # Todo o nada: se deshace también lo ya derivado en este lote.
        transaction.set_rollback(True)
        raise ValidationError(["No se derivó ningún documento. " + " ".join(errores)])
    return lineas


def _linea_de_mi_unidad(derivacion: Derivacion, por, *, tipo=Derivacion.Tipo.ACCION) -> Derivacion:
    linea = (
        Derivacion.objects.select_for_update(of=("self",))
        .select_related("documento", "a_unidad", "de_unidad")
        .get(pk=derivacion.pk)
    )
    if not (_ve_todo(por) or (por.unidad_id and linea.a_unidad_id == por.unidad_id)):
        raise ValidationError("Esta derivación no es de su unidad.")
    if linea.tipo != tipo:
        if tipo == Derivacion.Tipo.ACCION:
            raise ValidationError("Las copias para conocimiento no se tramitan: solo se marcan como leídas.")
        raise ValidationError("Esta derivación es para acción, no una copia.")
    if linea.estado not in ESTADOS_ABIERTOS:
        raise ValidationError(f"Esta derivación ya está cerrada ({linea.get_estado_display().lower()}).")
    return linea


def _evento_linea(por, accion, linea, antes_linea, antes_doc=None):
    despues = instantanea(linea, _CAMPOS_LINEA)
    if antes_doc is not None:
        despues["documento"] = instantanea(linea.documento, _CAMPOS_DOC)
    registrar_evento(
        por=por,
        accion=accion,
        objeto=linea,
        antes={**antes_linea, **({"documento": antes_doc} if antes_doc is not None else {})},
        despues=despues,
    )


@transaction.atomic
def aceptar(*, derivacion: Derivacion, por) -> Derivacion:
    """La unidad destino acusa recibo de una derivación para acción: la línea pasa a RECIBIDA, el
    documento a EN TRÁMITE y su responsable es quien lo recibe (o el usuario al que se derivó).
    """
    linea = _linea_de_mi_unidad(derivacion, por)
    if linea.estado != Derivacion.Estado.PENDIENTE:
        raise ValidationError("Esta derivación ya fue recibida.")
    documento = _bloquear(linea.documento)
    linea.documento = documento
    antes, antes_doc = instantanea(linea, _CAMPOS_LINEA), instantanea(documento, _CAMPOS_DOC)
    linea.estado = Derivacion.Estado.ACEPTADA
    linea.aceptado_en, linea.aceptado_por = timezone.now(), por
    linea.save(update_fields=_CAMPOS_LINEA)
    if documento.estado == Documento.Estado.REGISTRADO:
        documento.estado = Documento.Estado.EN_TRAMITE
    documento.responsable_actual = linea.a_usuario or por
    documento.save(update_fields=["estado", "responsable_actual"])
    _evento_linea(por, "registro.derivacion.aceptar", linea, antes, antes_doc)
    return linea


@transaction.atomic
def devolver(*, derivacion: Derivacion, motivo: str, por) -> Derivacion:
    """Devuelve a la unidad que envió una derivación para acción, con el motivo (obligatorio). La línea
    queda DEVUELTA y se abre una nueva, pendiente, hacia la unidad de origen. Devuelve la nueva línea.
    """
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo de la devolución."]})
    linea = _linea_de_mi_unidad(derivacion, por)
    if linea.de_unidad_id is None:
        raise ValidationError("Esta derivación no tiene unidad de origen a la que devolver.")
    documento = _bloquear(linea.documento)
    linea.documento = documento
    antes, antes_doc = instantanea(linea, _CAMPOS_LINEA), instantanea(documento, _CAMPOS_DOC)
    ahora = timezone.now()
    linea.estado = Derivacion.Estado.DEVUELTA
    linea.cerrado_en, linea.cerrado_por, linea.motivo = ahora, por, motivo
    linea.save(update_fields=_CAMPOS_LINEA)
    nueva = _nueva_linea(
        documento,
        tipo=Derivacion.Tipo.ACCION,
        de_unidad=linea.a_unidad,
        por=por,
        a_unidad=linea.de_unidad,
        a_usuario=linea.de_usuario
        if linea.de_usuario and linea.de_usuario.unidad_id == linea.de_unidad_id
        else None,
        instrucciones=f"Devuelto: {motivo}",
        vence=documento.vence,
        anterior=linea,
        ahora=ahora,
    )
    documento.unidad_actual = linea.de_unidad
    documento.responsable_actual = nueva.a_usuario
    documento.save(update_fields=["unidad_actual", "responsable_actual"])
    _evento_linea(por, "registro.derivacion.devolver", linea, antes, antes_doc)
    return nueva


@transaction.atomic
def atender(*, derivacion: Derivacion, por, respuesta: str = "") -> Derivacion:
    """Da por atendida la acción pedida: la línea queda ATENDIDA con la respuesta. Como es la línea
    para acción abierta del documento (solo hay una), el documento queda ATENDIDO y cerrado. Sin la
    respuesta (o la acción realizada) no se cierra: es lo que luego explica el cierre.
    """
    if not (respuesta or "").strip():
        raise ValidationError(
            {"respuesta": ["Escriba la respuesta o la acción realizada: sin ella el documento no se cierra."]}
        )
    linea = _linea_de_mi_unidad(derivacion, por)
    documento = _bloquear(linea.documento)
    linea.documento = documento
    antes, antes_doc = instantanea(linea, _CAMPOS_LINEA), instantanea(documento, _CAMPOS_DOC)
    ahora = timezone.now()
    linea.estado = Derivacion.Estado.ATENDIDA
    linea.aceptado_en = linea.aceptado_en or ahora
    linea.aceptado_por = linea.aceptado_por or por
    linea.cerrado_en, linea.cerrado_por, linea.motivo = ahora, por, (respuesta or "").strip()
    linea.save(update_fields=_CAMPOS_LINEA)
    documento.estado = Documento.Estado.ATENDIDO
    documento.cerrado_en = ahora
    documento.responsable_actual = por
    documento.save(update_fields=["estado", "cerrado_en", "responsable_actual"])
    _evento_linea(por, "registro.derivacion.atender", linea, antes, antes_doc)
    return linea


@transaction.atomic
def concluir(*, documento: Documento, por, motivo: str) -> Documento:
    """Archiva o cierra un documento sin respuesta (p. ej. duplicado, desistimiento), con el motivo
    (obligatorio). Solo quien lo tiene; la línea para acción abierta queda CONCLUIDA.
    """
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo para concluir el documento."]})
    documento = _bloquear(documento)
    if documento.cerrado:
        raise ValidationError(f"El documento ya está cerrado ({documento.get_estado_display().lower()}).")
    if not puede_derivar(documento, por):
        raise ValidationError("Solo la unidad que tiene el documento puede concluirlo.")
    antes = instantanea(documento, _CAMPOS_DOC)
    ahora = timezone.now()
    linea = linea_abierta(documento)
    if linea is not None:
        linea.estado = Derivacion.Estado.CONCLUIDA
        linea.aceptado_en = linea.aceptado_en or ahora
        linea.aceptado_por = linea.aceptado_por or por
        linea.cerrado_en, linea.cerrado_por, linea.motivo = ahora, por, motivo
        linea.save(update_fields=_CAMPOS_LINEA)
    documento.estado = Documento.Estado.CONCLUIDO
    documento.cerrado_en = ahora
    documento.save(update_fields=["estado", "cerrado_en"])
    registrar_evento(
        por=por,
        accion="registro.documento.concluir",
        objeto=documento,
        antes=antes,
        despues={**instantanea(documento, _CAMPOS_DOC), "motivo": motivo},
    )
    return documento


@transaction.atomic
def marcar_copia_leida(*, derivacion: Derivacion, por) -> Derivacion:
    """La unidad que recibió una copia para conocimiento la da por leída (ARCHIVADA)."""
    linea = _linea_de_mi_unidad(derivacion, por, tipo=Derivacion.Tipo.COPIA)
    antes = instantanea(linea, _CAMPOS_LINEA)
    ahora = timezone.now()
    linea.estado = Derivacion.Estado.ARCHIVADA
    linea.aceptado_en, linea.aceptado_por = ahora, por
    linea.cerrado_en, linea.cerrado_por = ahora, por
    linea.save(update_fields=_CAMPOS_LINEA)
    _evento_linea(por, "registro.derivacion.leer_copia", linea, antes)
    return linea
