"""Seguimiento de la ejecución de los actos: tareas con unidad responsable y plazo, informes de avance con
evidencia, alertas antes y después del vencimiento y el tablero por unidad (issue 5; a la manera del
«Accountability» de Decidim).

Reglas:
- Solo un acto firmado o publicado ordena algo: antes no hay nada que ejecutar.
- El plazo en días se calcula con la única función de plazos (`core.services.plazos.calcular_plazo`,
  días hábiles del municipio, contados desde el día en que se asigna la tarea).
- Informan avance los usuarios de la unidad responsable y la Secretaría (`actos.gestionar_seguimiento`);
  para los demás la tarea no existe (404). El avance no retrocede; al 100 % la tarea queda cumplida y
  para eso se exige la evidencia.
- «Atrasada» no es un estado que se guarde: es una tarea abierta cuyo plazo ya pasó.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from actos.models import Acto, Avance, Parte, Tarea
from actos.permissions import gestiona, tareas_visibles
from core.models import Notificacion, UnidadOrganica, Usuario
from core.services.archivos import guardar_archivo
from core.services.auditoria import instantanea, registrar_evento
from core.services.notificaciones import notificar
from core.services.plazos import calcular_plazo

ABIERTAS = (Tarea.Estado.PENDIENTE, Tarea.Estado.EN_CURSO)
# Días hábiles de anticipación de la alerta «por vencer» (ajuste ACTOS_ALERTA_DIAS_ANTES).
DIAS_ANTES = settings.ACTOS_ALERTA_DIAS_ANTES
MAXIMO_PLAZO_DIAS = 365
MAX_LISTADAS = 15
CAMPOS = ["descripcion", "unidad", "vence", "estado", "avance", "cumplida_en", "parte"]


# --- Auxiliares -----------------------------------------------------------------------------------


def atrasada(tarea: Tarea, hoy: date | None = None) -> bool:
    return tarea.estado in ABIERTAS and tarea.vence < (hoy or timezone.localdate())


def _url(nombre: str, *args) -> str:
    try:
        return reverse(nombre, args=args)
    except NoReverseMatch:
        return ""


# --- Tareas ----------------------------------------------------------------------------------------


def _plazo(vence: date | None, plazo_dias, hoy: date) -> tuple[date, dict]:
    if (vence is None) == (plazo_dias in (None, "")):
        raise ValidationError(
            {"vence": ["Indique la fecha de vencimiento o el plazo en días hábiles (uno de los dos)."]}
        )
    if vence is not None:
        if vence < hoy:
            raise ValidationError(
                {"vence": ["La fecha de vencimiento no puede ser anterior a la de asignación."]}
            )
        return vence, {}
    try:
        dias = int(plazo_dias)
    except (TypeError, ValueError):
        raise ValidationError(
            {"plazo_dias": ["El plazo debe ser un número entero de días hábiles."]}
        ) from None
    if not 1 <= dias <= MAXIMO_PLAZO_DIAS:
        raise ValidationError({"plazo_dias": [f"El plazo va de 1 a {MAXIMO_PLAZO_DIAS} días hábiles."]})
    return calcular_plazo(desde=hoy, dias=dias).vence, {"plazo_dias": dias}


@transaction.atomic
def crear_tarea(
    *,
    acto: Acto,
    por,
    unidad: UnidadOrganica,
    descripcion: str,
    vence: date | None = None,
    plazo_dias: int | None = None,
    parte: Parte | None = None,
    asignada_el: date | None = None,
) -> Tarea:
    """Asigna a `unidad` lo que el acto (o su artículo `parte`) ordena, con vencimiento en `vence` o a
    `plazo_dias` días hábiles desde `asignada_el` (hoy por omisión; una fecha pasada sirve para cargar
    tareas anteriores, nunca futura); avisa al jefe de la unidad y deja el evento `actos.tarea.crear`.
    """
    if not gestiona(por):
        raise ValidationError("No tiene permiso para gestionar el seguimiento de los actos.")
    if acto.estado not in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO):
        raise ValidationError("Solo se asignan tareas a un acto firmado o publicado.")
    descripcion = (descripcion or "").strip()
    errores = {}
    if not descripcion:
        errores["descripcion"] = ["Escriba qué debe hacerse."]
    elif len(descripcion) > 4000:
        errores["descripcion"] = ["La descripción no puede pasar de 4000 caracteres."]
    if unidad is None or not unidad.activa:
        errores["unidad"] = ["Elija una unidad orgánica activa."]
    if parte is not None and parte.acto_id != acto.pk:
        errores["parte"] = ["El artículo elegido no es de este acto."]
    if errores:
        raise ValidationError(errores)
    hoy = timezone.localdate()
    if asignada_el is not None and asignada_el > hoy:
        raise ValidationError({"asignada_el": ["La fecha de asignación no puede ser futura."]})
    vence, extra = _plazo(vence, plazo_dias, asignada_el or hoy)
    tarea = Tarea.objects.create(
        acto=acto, parte=parte, descripcion=descripcion, unidad=unidad, vence=vence, creada_por=por
    )
    registrar_evento(
        por=por,
        accion="actos.tarea.crear",
        objeto=tarea,
        despues={**instantanea(tarea, CAMPOS), "acto": acto.pk, **extra},
    )
    if unidad.jefe is not None and unidad.jefe.is_active:
        notificar(
            usuario=unidad.jefe,
            titulo=f"Nueva tarea de seguimiento: {acto}"[:200],
            mensaje=f"{descripcion[:500]}\nVence el {vence:%d/%m/%Y}.",
            url=_url("actos:tarea", tarea.pk),
        )
    return tarea


def _bloquear(tarea: Tarea) -> Tarea:
    return Tarea.objects.select_for_update().select_related("acto", "unidad").get(pk=tarea.pk)


@transaction.atomic
def informar_avance(*, tarea: Tarea, por, texto: str, porcentaje, evidencia=None) -> Avance:
    """Registra un informe de avance de la unidad responsable (o de la Secretaría) con su evidencia
    guardada por `core.services.archivos` (tipo y tamaño validados, SHA-256). El avance no baja; con el
    100 % la tarea queda cumplida y se exige la evidencia. Evento `actos.tarea.informar_avance`.
    """
    tarea = _bloquear(tarea)
    if not (gestiona(por) or (por.unidad_id and por.unidad_id == tarea.unidad_id)):
        raise ValidationError("Solo la unidad responsable o la Secretaría informan el avance de esta tarea.")
    if tarea.estado not in ABIERTAS:
        raise ValidationError(f"La tarea está {tarea.get_estado_display().lower()}: ya no admite informes.")
    texto = (texto or "").strip()
    errores = {}
    if not texto:
        errores["texto"] = ["Escriba el informe de avance."]
    try:
        porcentaje = int(porcentaje)
    except (TypeError, ValueError):
        errores["porcentaje"] = ["El avance es un número de 0 a 100."]
    else:
        if not 0 <= porcentaje <= 100:
            errores["porcentaje"] = ["El avance es un número de 0 a 100."]
        elif porcentaje < tarea.avance:
            errores["porcentaje"] = [f"El avance no puede bajar: ya se informó {tarea.avance} %."]
        elif porcentaje == 100 and not evidencia:
            errores["evidencia"] = ["Para dar la tarea por cumplida adjunte la evidencia."]
    if errores:
        raise ValidationError(errores)
    archivo = None
    if evidencia:
        try:
            archivo = guardar_archivo(archivo=evidencia, por=por)
        except ValidationError as e:
            raise ValidationError({"evidencia": e.messages}) from None
    antes = instantanea(tarea, CAMPOS)
    avance = Avance.objects.create(
        tarea=tarea, texto=texto, porcentaje=porcentaje, evidencia=archivo, por=por
    )
    tarea.avance = porcentaje
    if porcentaje == 100:
        tarea.estado = Tarea.Estado.CUMPLIDA
        tarea.cumplida_en = timezone.now()
    else:
        tarea.estado = Tarea.Estado.EN_CURSO
    tarea.save(update_fields=["avance", "estado", "cumplida_en"])
    registrar_evento(
        por=por,
        accion="actos.tarea.informar_avance",
        objeto=tarea,
        antes=antes,
        despues={
            **instantanea(tarea, CAMPOS),
            "avance_id": avance.pk,
            "evidencia_sha256": archivo.sha256 if archivo else "",
        },
    )
    return avance


@transaction.atomic
def cancelar_tarea(*, tarea: Tarea, por, motivo: str) -> Tarea:
    """La Secretaría cancela una tarea abierta (p. ej. el artículo que la ordenaba fue derogado); el motivo
    es obligatorio y queda como último informe de la tarea y en el evento `actos.tarea.cancelar`.
    """
    if not gestiona(por):
        raise ValidationError("Solo la Secretaría cancela tareas de seguimiento.")
    tarea = _bloquear(tarea)
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo de la cancelación."]})
    if tarea.estado not in ABIERTAS:
        raise ValidationError(f"La tarea ya está {tarea.get_estado_display().lower()}.")
    antes = instantanea(tarea, CAMPOS)
    Avance.objects.create(tarea=tarea, texto=f"Tarea cancelada: {motivo}", porcentaje=tarea.avance, por=por)
    tarea.estado = Tarea.Estado.CANCELADA
    tarea.save(update_fields=["estado"])
    registrar_evento(
        por=por,
        accion="actos.tarea.cancelar",
        objeto=tarea,
        antes=antes,
        despues={**instantanea(tarea, CAMPOS), "motivo": motivo},
    )
    return tarea


# --- Tablero ---------------------------------------------------------------------------------------

PESTANAS = {
    "pendientes": "Pendientes",
    "atrasadas": "Atrasadas",
    "cumplidas": "Cumplidas",
    "canceladas": "Canceladas",
    "todas": "Todas",
}


@dataclass
class FilaUnidad:
    unidad: UnidadOrganica
    pendientes: int = 0
    atrasadas: int = 0
    cumplidas: int = 0


@dataclass
class Tablero:
    pestana: str
    tareas: list[Tarea]
    unidades: list[FilaUnidad] = field(default_factory=list)
    totales: dict[str, int] = field(default_factory=dict)


def filtrar(qs: QuerySet[Tarea], pestana: str, hoy: date) -> QuerySet[Tarea]:
    if pestana == "pendientes":
        return qs.filter(estado__in=ABIERTAS, vence__gte=hoy)
    if pestana == "atrasadas":
        return qs.filter(estado__in=ABIERTAS, vence__lt=hoy)
    if pestana == "cumplidas":
        return qs.filter(estado=Tarea.Estado.CUMPLIDA)
    if pestana == "canceladas":
        return qs.filter(estado=Tarea.Estado.CANCELADA)
    return qs


def tablero(
    usuario,
    *,
    pestana: str = "pendientes",
    unidad: UnidadOrganica | None = None,
    tipo: str = "",
    anio: int | None = None,
    texto: str = "",
    hoy: date | None = None,
    limite: int = 200,
) -> Tablero:
    """El tablero de seguimiento: por unidad, cuántas tareas están pendientes, atrasadas y cumplidas, y la
    lista de la pestaña elegida con los filtros (unidad, tipo y año del acto, texto). La Secretaría ve
    todas las unidades; el personal de una unidad, la suya. Tres consultas sea cual sea el tamaño.
    """
    hoy = hoy or timezone.localdate()
    pestana = pestana if pestana in PESTANAS else "pendientes"
    qs = tareas_visibles(usuario)
    if unidad is not None:
        qs = qs.filter(unidad=unidad)
    if tipo:
        qs = qs.filter(acto__tipo=tipo)
    if anio:
        qs = qs.filter(acto__anio=anio)
    if texto:
        qs = qs.filter(
            Q(descripcion__icontains=texto)
            | Q(acto__titulo__icontains=texto)
            | Q(acto__numero_texto__icontains=texto)
        )
    abiertas = Q(estado__in=ABIERTAS)
    conteos = (
        qs.order_by()
        .values("unidad")
        .annotate(
            pendientes=Count("id", filter=abiertas & Q(vence__gte=hoy)),
            atrasadas=Count("id", filter=abiertas & Q(vence__lt=hoy)),
            cumplidas=Count("id", filter=Q(estado=Tarea.Estado.CUMPLIDA)),
        )
    )
    por_unidad = {c["unidad"]: c for c in conteos}
    unidades = UnidadOrganica.objects.filter(pk__in=list(por_unidad)).order_by("orden", "sigla")
    filas = [
        FilaUnidad(
            unidad=u,
            pendientes=por_unidad[u.pk]["pendientes"],
            atrasadas=por_unidad[u.pk]["atrasadas"],
            cumplidas=por_unidad[u.pk]["cumplidas"],
        )
        for u in unidades
    ]
    totales = {k: sum(getattr(f, k) for f in filas) for k in ("pendientes", "atrasadas", "cumplidas")}
    tareas = list(filtrar(qs, pestana, hoy).order_by("vence", "id")[:limite])
    for t in tareas:
        t.atrasada = atrasada(t, hoy)  # type: ignore[attr-defined]  # un dato más para la plantilla, no un campo
    return Tablero(pestana=pestana, tareas=tareas, unidades=filas, totales=totales)


# --- Alertas ---------------------------------------------------------------------------------------


def titulo_alerta(fecha: date) -> str:
    # La fecha en el título es la marca de idempotencia: no se avisa dos veces el mismo día.
    return f"Seguimiento de actos: plazos al {fecha:%d/%m/%Y}"


def _linea(t: Tarea) -> str:
    return f"- {t.acto} ({t.unidad.sigla}, vence {t.vence:%d/%m/%Y}, {t.avance} %): {t.descripcion[:100]}"


def _bloque(titulo: str, tareas: list[Tarea]) -> list[str]:
    if not tareas:
        return []
    lineas = [f"{titulo}: {len(tareas)}", *[_linea(t) for t in tareas[:MAX_LISTADAS]]]
    if len(tareas) > MAX_LISTADAS:
        lineas.append(f"  … y {len(tareas) - MAX_LISTADAS} más (véalas en el tablero de seguimiento).")
    return [*lineas, ""]


@transaction.atomic
def enviar_alertas(*, fecha: date | None = None, dias: int | None = None) -> int:
    """Avisa a cada jefe de unidad (en la aplicación y por correo) de las tareas abiertas de su unidad
    vencidas y de las que vencen dentro de `dias` días hábiles (ACTOS_ALERTA_DIAS_ANTES, 3 por omisión).
    Una vez por día y jefe: si ya tiene el aviso con el título de esa fecha, no se repite. Deja el evento
    `actos.seguimiento.alertas` si avisó a alguien. Devuelve a cuántos jefes avisó.
    """
    fecha = fecha or timezone.localdate()
    dias = DIAS_ANTES if dias is None else dias
    horizonte = calcular_plazo(desde=fecha, dias=dias).vence if dias > 0 else fecha
    tareas = (
        Tarea.objects.filter(
            estado__in=ABIERTAS,
            vence__lte=horizonte,
            unidad__jefe__isnull=False,
            unidad__jefe__is_active=True,
        )
        .select_related("acto", "unidad__jefe")
        .order_by("vence", "id")
    )
    por_jefe: dict[int, tuple] = {}
    for t in tareas:
        jefe = cast(Usuario, t.unidad.jefe)  # el filtro: unidad__jefe__isnull=False
        _, vencidas, proximas = por_jefe.setdefault(jefe.pk, (jefe, [], []))
        (vencidas if t.vence < fecha else proximas).append(t)
    titulo = titulo_alerta(fecha)
    ya = set(
        Notificacion.objects.filter(usuario_id__in=list(por_jefe), titulo=titulo).values_list(
            "usuario_id", flat=True
        )
    )
    url = _url("actos:seguimiento")
    avisados = 0
    for jefe_id, (jefe, vencidas, proximas) in por_jefe.items():
        if jefe_id in ya:
            continue
        mensaje = "\n".join(
            _bloque("Vencidas", vencidas) + _bloque(f"Vencen hasta el {horizonte:%d/%m/%Y}", proximas)
        ).strip()
        notificar(usuario=jefe, titulo=titulo, mensaje=mensaje, url=url, correo=True)
        avisados += 1
    if avisados:
        registrar_evento(
            por=None,
            accion="actos.seguimiento.alertas",
            despues={"fecha": fecha.isoformat(), "dias": dias, "jefes_avisados": avisados},
        )
    return avisados
