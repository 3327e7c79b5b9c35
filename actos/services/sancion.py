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
- Si el concejo acepta la observación u objeción en lugar de insistir (`aceptar_objecion`), el acto se
  retira: no se publica nunca, conserva su número (el registro no tiene saltos) con la nota del retiro, y
  el texto corregido, si se quiere, es un proyecto nuevo con su propio trámite y número.
- No se publica hasta que la etapa termina (`exigir_etapa_completa`, que llama `ciclo.publicar`).
- Vencido el plazo sin decisión, `avisar_vencidas` avisa una vez (en la aplicación y por correo) a la
  Secretaría General y a quien sanciona; lo corre cada día `secretaria alertas-actos`.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from actos.models import Acto, Parte, Sancion
from actos.permissions import puede_revisar
from actos.selectors import firmantes as firmantes_sel
from actos.selectors.sancion import ACCIONES_QUE_OBSERVAN, ACCIONES_QUE_TERMINAN, decisiones_posibles
from concejo import reglas
from concejo.models import Votacion
from core import roles
from core.services.auditoria import registrar_evento
from core.services.notificaciones import notificar
from core.services.numeracion import anular_numero
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


@transaction.atomic
def aceptar_objecion(
    *, acto: Acto, por, nota: str, fecha: date | None = None, votacion: Votacion | None = None
) -> Sancion:
    """El concejo acepta la observación u objeción en lugar de insistir: el acto se retira. No se publica
    nunca; conserva su número (el registro no tiene saltos y lo firmado no se edita) con la nota del
    retiro (sesión y votación): el número se anula en el registro con esa nota (`core.numero.anular`), así
    el protocolo anual lo lista como anulado y con su motivo. Si se dio la votación que aceptó la objeción, debe estar confirmada y
    aprobada y no ser anterior a la objeción. Evento `actos.sancion.aceptar_objecion`."""
    sancion = _tomar(acto, por)
    if sancion.estado != Sancion.Estado.OBJETADO:
        raise ValidationError(
            "Solo se acepta la objeción de un acto observado u objetado (y sin insistencia)."
        )
    nota = (nota or "").strip()
    if not nota:
        raise ValidationError(
            {"nota": ["Escriba la nota del retiro: en qué sesión y votación aceptó el concejo la objeción."]}
        )
    if len(nota) > 2000:
        raise ValidationError({"nota": ["La nota no puede pasar de 2000 caracteres."]})
    desde = sancion.decidido_en or sancion.recibido_en
    fecha = _fecha_valida(fecha, desde)
    if votacion is not None:
        votacion = Votacion.objects.select_related("sesion").get(pk=votacion.pk)
        if votacion.estado != Votacion.Estado.CONFIRMADA or votacion.resultado != Votacion.Resultado.APROBADO:
            raise ValidationError(
                {"votacion": ["La votación que acepta la objeción debe estar confirmada y aprobada."]}
            )
        if timezone.localtime(votacion.sesion.fecha).date() < desde:
            raise ValidationError({"votacion": ["La votación es anterior a la observación u objeción."]})
    acto = Acto.objects.select_for_update(of=("self",)).get(pk=sancion.acto_id)
    if acto.estado != Acto.Estado.FIRMADO:
        raise ValidationError(f"El acto está «{acto.get_estado_display().lower()}»: no se retira.")
    antes = {"estado": sancion.estado, "acto_estado": acto.estado}
    acto.estado = Acto.Estado.RETIRADO
    acto.save(update_fields=["estado"])
    # El número queda en el registro, anulado con la nota (y así lo lista el protocolo anual).
    if acto.registro is not None:
        motivo = f"Retirado: el concejo aceptó la observación u objeción. {nota}"
        anular_numero(numero=acto.registro, motivo=motivo[:500], por=por)
    sancion.estado = Sancion.Estado.RETIRADO
    sancion.retirado_en = fecha
    sancion.nota_retiro = nota
    sancion.votacion_aceptacion = votacion
    sancion.save(update_fields=["estado", "retirado_en", "nota_retiro", "votacion_aceptacion"])
    registrar_evento(
        por=por,
        accion="actos.sancion.aceptar_objecion",
        objeto=acto,
        antes=antes,
        despues={
            "estado": sancion.estado,
            "acto_estado": acto.estado,
            "numero": acto.numero_texto,
            "fecha": fecha,
            "nota": nota,
            "votacion": votacion.pk if votacion is not None else None,
        },
    )
    return sancion


def pendientes():
    """Los actos que esperan sanción (o sanción tras la insistencia) u observados, del plazo más próximo al
    más lejano (sin los sancionados ni los retirados)."""
    return (
        Sancion.objects.exclude(estado__in=[Sancion.Estado.SANCIONADO, Sancion.Estado.RETIRADO])
        .select_related("acto")
        .order_by("vence", "pk")
    )


# --- Aviso de los plazos vencidos ----------------------------------------------------------------

ESPERAN_SANCION = (Sancion.Estado.PENDIENTE, Sancion.Estado.INSISTIDO)


def vencida(sancion: Sancion, hoy: date | None = None) -> bool:
    """El plazo para sancionar venció sin decisión (pendiente o tras la insistencia)."""
    hoy = hoy or timezone.localdate()
    return bool(sancion.estado in ESPERAN_SANCION and sancion.vence and sancion.vence < hoy)


def _destinatarios(sancion: Sancion, fecha: date) -> list:
    """La Secretaría General (rol) y quien sanciona ese día según la organización (con su usuario)."""
    usuarios = {
        u.pk: u
        for u in get_user_model().objects.filter(is_active=True, groups__name=roles.SECRETARIO).order_by("pk")
    }
    for candidato in firmantes_sel.ocupantes(sancion.quien, fecha):
        usuario = candidato.usuario
        if usuario is not None and usuario.is_active:
            usuarios.setdefault(usuario.pk, usuario)
    return list(usuarios.values())


@transaction.atomic
def avisar_vencidas(*, fecha: date | None = None) -> int:
    """Avisa (en la aplicación y por correo) de cada acto cuyo plazo de sanción venció sin decisión: a la
    Secretaría General y a quien sanciona (el alcalde que la organización registra ese día). Un aviso por
    acto y vencimiento: `avisado_vence` guarda el vencimiento avisado (tras la insistencia corre otro
    plazo, y su vencimiento se avisa aparte). Evento `actos.sancion.aviso_vencida` por acto. Devuelve de
    cuántos actos avisó."""
    fecha = fecha or timezone.localdate()
    etapas = list(
        Sancion.objects.select_for_update(of=("self",))
        .filter(estado__in=ESPERAN_SANCION, vence__lt=fecha)
        .filter(Q(avisado_vence__isnull=True) | ~Q(avisado_vence=F("vence")))
        .select_related("acto")
        .order_by("vence", "pk")
    )
    for etapa in etapas:
        acto = etapa.acto
        quienes = _destinatarios(etapa, fecha)
        titulo = f"Sanción vencida: {acto}"[:200]
        mensaje = (
            f"El {etapa.vence:%d/%m/%Y} venció el plazo para la sanción de {acto} («{acto.titulo}») sin que se "
            f"registrara la decisión ({etapa.get_estado_display().lower()}). No se publica hasta que termine "
            f"la etapa. Regla: {etapa.regla}"
        )
        for usuario in quienes:
            notificar(
                usuario=usuario,
                titulo=titulo,
                mensaje=mensaje,
                url=reverse("actos:acto", args=[acto.pk]),
                correo=True,
            )
        etapa.avisado_vence = etapa.vence
        etapa.save(update_fields=["avisado_vence"])
        registrar_evento(
            por=None,
            accion="actos.sancion.aviso_vencida",
            objeto=acto,
            antes=None,
            despues={
                "vence": etapa.vence,
                "estado": etapa.estado,
                "avisados": [u.pk for u in quienes],
                "fecha": fecha,
            },
        )
    return len(etapas)
