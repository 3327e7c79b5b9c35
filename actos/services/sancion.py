"""Sanción, observación (veto), objeción o promulgación: la etapa entre la aprobación y la publicación.

La regla es del perfil, por tipo de acto (`actos.sancion`):
`acuerdo = { quien = "alcalde", puede = ["sancionar", "objetar"], plazo = { tipo = "por_articulos",
tramos = [[20, 5], [50, 10], [0, 20]], unidad = "habiles" }, insistencia = "simple_presentes",
plazo_tras_insistencia = { dias = 8, unidad = "habiles" } }` — CO, Ley 136 arts. 78-79: 5 días hasta 20
artículos, 10 hasta 50, 20 si son más (`0` = sin límite). Un tipo sin regla no tiene la etapa.

- La etapa se abre al firmar (numerar) el acto del concejo: el plazo se cuenta desde ese día con los días
  hábiles del núcleo (`core.services.plazos.calcular_plazo`).
- El alcalde sanciona o promulga (la etapa termina) u observa/objeta (con motivo).
- Si el concejo insiste, se enlaza la votación confirmada y aprobada con la mayoría que pide el perfil
  (`concejo.reglas`); corre el plazo para sancionar tras la insistencia.
- No se publica hasta que la etapa termina (`exigir_etapa_completa`, que llama `ciclo.publicar`).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from actos.models import Acto, Parte, Sancion
from actos.permissions import puede_revisar
from actos.selectors.sancion import ACCIONES_QUE_OBSERVAN, ACCIONES_QUE_TERMINAN, decisiones_posibles
from concejo import reglas
from concejo.models import Votacion
from core.services.auditoria import registrar_evento
from core.services.perfiles import ClaveDesconocida, regla_vigente
from core.services.plazos import calcular_plazo

NOMBRES = {
    "sancionar": "sanción",
    "promulgar": "promulgación",
    "objetar": "objeción",
    "observar": "observación",
}


def regla_para(tipo: str, fecha: date | None = None) -> tuple[dict, str] | None:
    """(regla del perfil para `tipo`, fuente), o None si el tipo no tiene etapa de sanción."""
    try:
        regla = regla_vigente("actos.sancion", fecha=fecha)
    except ClaveDesconocida:
        return None
    fila = regla.valor.get(tipo) if isinstance(regla.valor, dict) else None
    return (fila, regla.fuente) if isinstance(fila, dict) else None


def dias_del_plazo(plazo: dict | None, articulos: int) -> tuple[int, str] | None:
    """Los días y la unidad del plazo: fijo (`dias`) o por número de artículos (`tramos`)."""
    if not isinstance(plazo, dict):
        return None
    unidad = plazo.get("unidad", "habiles")
    if plazo.get("tipo") == "por_articulos":
        for hasta, dias in plazo.get("tramos", []):
            if not hasta or articulos <= hasta:
                return int(dias), unidad
        return None
    if plazo.get("dias") is not None:
        return int(plazo["dias"]), unidad
    return None


def _vence(desde: date, plazo: dict | None, articulos: int) -> date | None:
    dias = dias_del_plazo(plazo, articulos)
    if dias is None:
        return None
    return calcular_plazo(desde=desde, dias=dias[0], tipo=dias[1]).vence


def abrir_etapa(*, acto: Acto, por, dia: date) -> Sancion | None:
    """Abre la etapa si el perfil la tiene para el tipo (lo llama la firma, dentro de su transacción)."""
    encontrada = regla_para(acto.tipo, dia)
    if encontrada is None or acto.organo != Acto.Organo.CONCEJO:
        return None
    regla, fuente = encontrada
    articulos = acto.partes.filter(tipo=Parte.Tipo.ARTICULO).count()
    sancion = Sancion.objects.create(
        acto=acto,
        quien=str(regla.get("quien", "alcalde")),
        puede=list(regla.get("puede", ["sancionar"])),
        recibido_en=dia,
        articulos=articulos,
        vence=_vence(dia, regla.get("plazo"), articulos),
        regla=fuente,
    )
    registrar_evento(
        por=por,
        accion="actos.sancion.abrir",
        objeto=acto,
        antes=None,
        despues={"vence": sancion.vence, "articulos": articulos, "puede": sancion.puede},
    )
    return sancion


def exigir_etapa_completa(acto: Acto) -> None:
    """ValidationError si el acto tiene una etapa de sanción sin terminar."""
    sancion = Sancion.objects.filter(acto=acto).first()
    if sancion is not None and not sancion.completa:
        vence = f" (vence el {sancion.vence:%d/%m/%Y})" if sancion.vence else ""
        raise ValidationError(
            f"No se publica antes de terminar la etapa de sanción: está «{sancion.get_estado_display().lower()}»{vence}."
        )


def _tomar(acto: Acto, por) -> Sancion:
    if not puede_revisar(por):
        raise PermissionDenied("Solo la Secretaría General registra la sanción de un acto.")
    sancion = Sancion.objects.select_for_update().filter(acto=acto).first()
    if sancion is None:
        raise ValidationError("Este acto no tiene etapa de sanción según el perfil.")
    return sancion


def _fecha_valida(fecha, desde: date) -> date:
    fecha = fecha or timezone.localdate()
    if fecha > timezone.localdate():
        raise ValidationError({"fecha": ["La fecha no puede ser futura."]})
    if fecha < desde:
        raise ValidationError({"fecha": [f"La fecha no puede ser anterior al {desde:%d/%m/%Y}."]})
    return fecha


@transaction.atomic
def decidir(
    *, acto: Acto, por, decision: str, fecha: date | None = None, motivo: str = "", sancionado_por: str = ""
) -> Sancion:
    """Registra lo que decidió quien sanciona: sancionar o promulgar (termina la etapa), u observar u
    objetar (con motivo; el concejo puede insistir). Solo las decisiones que el perfil admite."""
    sancion = _tomar(acto, por)
    decision = (decision or "").strip()
    if sancion.completa:
        raise ValidationError("La etapa de sanción ya terminó.")
    posibles = decisiones_posibles(sancion)
    if decision not in posibles:
        raise ValidationError({"decision": [f"Elija una de: {', '.join(posibles)}."]})
    motivo = (motivo or "").strip()
    if decision in ACCIONES_QUE_OBSERVAN and not motivo:
        raise ValidationError({"motivo": [f"Escriba los motivos de la {NOMBRES[decision]}."]})
    fecha = _fecha_valida(fecha, sancion.recibido_en)
    antes = {"estado": sancion.estado, "decision": sancion.decision}
    sancion.decision = decision
    sancion.decidido_en = fecha
    sancion.decidido_por = por
    sancion.motivo = motivo if decision in ACCIONES_QUE_OBSERVAN else sancion.motivo
    sancion.sancionado_por = (sancionado_por or "").strip()[:200]
    sancion.estado = (
        Sancion.Estado.SANCIONADO if decision in ACCIONES_QUE_TERMINAN else Sancion.Estado.OBJETADO
    )
    sancion.save()
    registrar_evento(
        por=por,
        accion=f"actos.sancion.{decision}",
        objeto=sancion.acto,
        antes=antes,
        despues={
            "estado": sancion.estado,
            "decision": decision,
            "fecha": fecha,
            "motivo": motivo,
            "fuera_de_plazo": bool(sancion.vence and fecha > sancion.vence),
        },
    )
    return sancion


def _mayoria_cumplida(votacion: Votacion, codigo: str) -> bool:
    """Si la votación alcanzó la mayoría `codigo`: la propia de la votación o, sobre el número legal, con
    los votos a favor (`concejo.reglas.requeridos`)."""
    if votacion.mayoria == codigo:
        return votacion.resultado == Votacion.Resultado.APROBADO
    mayoria = reglas.DEFINICIONES.get(codigo)
    if mayoria is None or mayoria.base != "legal":
        return False
    numero_legal = votacion.sesion.organo.periodo.numero_legal
    return votacion.a_favor >= reglas.requeridos(mayoria.fraccion, numero_legal)


@transaction.atomic
def registrar_insistencia(*, acto: Acto, por, votacion: Votacion) -> Sancion:
    """El concejo insiste ante la observación u objeción: la votación confirmada y aprobada con la mayoría
    del perfil queda enlazada y corre el plazo para sancionar tras la insistencia."""
    sancion = _tomar(acto, por)
    if sancion.estado != Sancion.Estado.OBJETADO:
        raise ValidationError("Solo se insiste ante un acto observado u objetado.")
    encontrada = regla_para(acto.tipo, sancion.recibido_en)
    regla = encontrada[0] if encontrada else {}
    codigo = str(regla.get("insistencia", ""))
    if not codigo:
        raise ValidationError("El perfil no prevé la insistencia del concejo para este tipo de acto.")
    votacion = Votacion.objects.select_related("sesion__organo__periodo").get(pk=votacion.pk)
    if votacion.estado != Votacion.Estado.CONFIRMADA or votacion.resultado != Votacion.Resultado.APROBADO:
        raise ValidationError({"votacion": ["La votación de insistencia debe estar confirmada y aprobada."]})
    nombre = reglas.MAYORIAS.get(codigo, codigo)
    if not _mayoria_cumplida(votacion, codigo):
        raise ValidationError(
            {"votacion": [f"La insistencia requiere {nombre.lower()}: esa votación no la alcanzó."]}
        )
    dia = timezone.localtime(votacion.sesion.fecha).date()
    if sancion.decidido_en and dia < sancion.decidido_en:
        raise ValidationError({"votacion": ["La votación es anterior a la observación u objeción."]})
    antes = {"estado": sancion.estado, "vence": sancion.vence}
    sancion.votacion_insistencia = votacion
    sancion.estado = Sancion.Estado.INSISTIDO
    sancion.vence = _vence(dia, regla.get("plazo_tras_insistencia"), sancion.articulos)
    sancion.save(update_fields=["votacion_insistencia", "estado", "vence"])
    registrar_evento(
        por=por,
        accion="actos.sancion.insistencia",
        objeto=sancion.acto,
        antes=antes,
        despues={
            "estado": sancion.estado,
            "votacion": votacion.pk,
            "mayoria": codigo,
            "vence": sancion.vence,
        },
    )
    return sancion


def pendientes():
    """Los actos que esperan sanción (o sanción tras la insistencia), del plazo más próximo al más lejano."""
    return (
        Sancion.objects.exclude(estado=Sancion.Estado.SANCIONADO)
        .select_related("acto")
        .order_by("vence", "pk")
    )
