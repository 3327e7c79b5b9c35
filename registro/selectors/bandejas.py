"""Bandejas: lo que una unidad (o una persona) tiene que recibir, tramitar o leer.

Escala (10.000 documentos abiertos en una unidad, p95 < 100 ms en PostgreSQL): cada pestaña es una
consulta que entra por un índice de registro/models.py —`deriv_bandeja_idx` (a_unidad, estado),
`deriv_persona_idx` (a_usuario, estado) o `doc_bandeja_idx` (unidad_actual, estado, vence)— y ordena
por (vence, id) con límite, sin subconsultas por fila. Las pestañas de una sola (estado, tipo) salen ya
ordenadas de `deriv_bandeja_orden_idx` (a_unidad, estado, tipo, vence, id): la página lee 50 entradas
del índice en vez de juntar y ordenar los 10.000 abiertos. Los contadores de las pestañas son una
consulta agregada (conteos condicionales) sobre las derivaciones abiertas de la unidad y otra para los
sin derivar; sin filtros, la vista reutiliza el de la pestaña como total de la paginación.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from registro.models import Derivacion, Documento
from registro.selectors.busqueda import filtrar_por_texto

ACCION, COPIA = Derivacion.Tipo.ACCION, Derivacion.Tipo.COPIA
PENDIENTE, ACEPTADA = Derivacion.Estado.PENDIENTE, Derivacion.Estado.ACEPTADA
ABIERTAS = Derivacion.ESTADOS_ABIERTOS
SIN_DERIVAR_ESTADOS = (Documento.Estado.REGISTRADO, Documento.Estado.OBSERVADO)

PESTANAS = {
    "por_recibir": "Por recibir",
    "en_tramite": "En trámite",
    "sin_derivar": "Registrados sin derivar",
    "copias": "Copias",
    "derivados": "Derivados por mi unidad",
    "vencidos": "Vencidos",
}
PESTANA_INICIAL = "por_recibir"
_ETIQUETAS_LINEA = dict(Derivacion.Estado.choices)
_ETIQUETAS_DOCUMENTO = dict(Documento.Estado.choices)
_RELACIONES = (
    "documento",
    "documento__remitente",
    "documento__procedimiento",
    "de_unidad",
    "a_unidad",
    "a_usuario",
)
# Lo que muestra la página de la bandeja (registro/bandeja.html): sin procedimiento ni persona destinataria.
# Cada JOIN de más encarece el plan: con los seis, PostgreSQL tardaba ~5 ms en planificar una consulta
# que ejecuta en 1 ms; con estos cuatro, ~1 ms.
RELACIONES_PAGINA = ("documento", "documento__remitente", "de_unidad", "a_unidad")


@dataclass
class Filtros:
    estado: str = ""
    prioridad: str = ""
    procedimiento: int | None = None
    desde: date | None = None
    hasta: date | None = None
    vence_hasta: date | None = None
    texto: str = ""


@dataclass
class Fila:
    """Una fila de bandeja: el documento y, si la hay, la línea de la hoja de ruta que lo trae."""

    documento: Documento
    linea: Derivacion | None = None
    hoy: date = field(default_factory=timezone.localdate)

    @property
    def vence(self) -> date | None:
        return self.linea.vence if self.linea is not None and self.linea.vence else self.documento.vence

    @property
    def vencido(self) -> bool:
        return self.vence is not None and self.vence < self.hoy and not self.documento.cerrado

    @cached_property
    def url(self) -> str:
        """El enlace al documento (la fila lo usa dos veces: una sola resolución de URL)."""
        return reverse("registro:documento", args=[self.documento.pk])

    @property
    def estado(self) -> str:
        """El estado que muestra la fila: el de la línea si la hay, si no el del documento. Sin
        `get_estado_display`, que arma el diccionario de opciones traducidas en cada llamada."""
        if self.linea is not None:
            return _ETIQUETAS_LINEA.get(self.linea.estado, self.linea.estado)
        return _ETIQUETAS_DOCUMENTO.get(self.documento.estado, self.documento.estado)

    @property
    def debio_derivarse(self) -> bool:
        """TUO Ley 27444, art. 143: lo recibido se deriva el mismo día; esto ya pasó de ese día."""
        if self.linea is not None or self.documento.recibido_en is None:
            return False
        return timezone.localtime(self.documento.recibido_en).date() < self.hoy


def _inicio_dia(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.min))


def _filtrar(qs: QuerySet, filtros: Filtros, prefijo: str) -> QuerySet:
    """Aplica los filtros a `qs`; `prefijo` es "documento__" si las filas son derivaciones."""
    p = prefijo
    if filtros.estado:
        qs = qs.filter(**{f"{p}estado": filtros.estado})
    if filtros.prioridad:
        qs = qs.filter(**{f"{p}prioridad": filtros.prioridad})
    if filtros.procedimiento:
        qs = qs.filter(**{f"{p}procedimiento_id": filtros.procedimiento})
    # Rangos de fecha y hora (no __date), para que la comparación use el índice de recibido_en.
    if filtros.desde:
        qs = qs.filter(**{f"{p}recibido_en__gte": _inicio_dia(filtros.desde)})
    if filtros.hasta:
        qs = qs.filter(**{f"{p}recibido_en__lt": _inicio_dia(filtros.hasta + timedelta(days=1))})
    if filtros.vence_hasta:
        qs = qs.filter(vence__lte=filtros.vence_hasta)
    if filtros.texto:
        qs = filtrar_por_texto(qs, filtros.texto, prefijo=p)
    return qs


def _orden(qs: QuerySet) -> QuerySet:
    return qs.order_by(F("vence").asc(nulls_last=True), "id")


def lineas_de_unidad(
    unidad_id: int, pestana: str, filtros: Filtros | None = None, *, relaciones: tuple[str, ...] = _RELACIONES
) -> QuerySet:
    """Las filas de la pestaña `pestana` de la bandeja de la unidad, ya ordenadas por vencimiento.

    Devuelve derivaciones (con su documento y las `relaciones` en el mismo JOIN) salvo en
    «sin_derivar», que devuelve documentos registrados en la unidad que aún no tienen hoja de ruta.
    """
    filtros = filtros or Filtros()
    hoy = timezone.localdate()
    if pestana == "sin_derivar":
        lineas = Derivacion.objects.filter(documento=OuterRef("pk"))
        qs = (
            Documento.objects.filter(unidad_actual_id=unidad_id, estado__in=SIN_DERIVAR_ESTADOS)
            .filter(~Exists(lineas))
            .select_related("remitente", "procedimiento")
        )
        return _orden(_filtrar(qs, filtros, ""))
    base = Derivacion.objects.select_related(*relaciones)
    if pestana == "en_tramite":
        qs = base.filter(a_unidad_id=unidad_id, estado=ACEPTADA, tipo=ACCION)
    elif pestana == "copias":
        qs = base.filter(a_unidad_id=unidad_id, estado=PENDIENTE, tipo=COPIA)
    elif pestana == "derivados":
        qs = base.filter(de_unidad_id=unidad_id, estado__in=ABIERTAS, tipo=ACCION).exclude(
            a_unidad_id=unidad_id
        )
    elif pestana == "vencidos":
        qs = base.filter(a_unidad_id=unidad_id, estado__in=ABIERTAS, tipo=ACCION, vence__lt=hoy)
    else:
        qs = base.filter(a_unidad_id=unidad_id, estado=PENDIENTE, tipo=ACCION)
    return _orden(_filtrar(qs, filtros, "documento__"))


def lineas_de_usuario(
    usuario_id: int, filtros: Filtros | None = None, *, relaciones: tuple[str, ...] = _RELACIONES
) -> QuerySet:
    """Las derivaciones abiertas dirigidas a esa persona (bandeja personal), por vencimiento."""
    qs = Derivacion.objects.select_related(*relaciones).filter(a_usuario_id=usuario_id, estado__in=ABIERTAS)
    return _orden(_filtrar(qs, filtros or Filtros(), "documento__"))


def filas(objetos) -> list[Fila]:
    """Envuelve la página (derivaciones o documentos) en filas con lo que la plantilla muestra."""
    hoy = timezone.localdate()
    resultado = []
    for obj in objetos:
        if isinstance(obj, Derivacion):
            resultado.append(Fila(documento=obj.documento, linea=obj, hoy=hoy))
        else:
            resultado.append(Fila(documento=obj, hoy=hoy))
    return resultado


def contadores(unidad_id: int) -> dict[str, int]:
    """Cuántos hay en cada pestaña de la unidad salvo «derivados»: por recibir, en trámite, copias y
    vencidos (una consulta agregada) y sin derivar (otra). Son las mismas condiciones de
    `lineas_de_unidad` sin filtros, así sirven también de total de la paginación."""
    hoy = timezone.localdate()
    conteos = Derivacion.objects.filter(a_unidad_id=unidad_id, estado__in=ABIERTAS).aggregate(
        por_recibir=Count("pk", filter=Q(estado=PENDIENTE, tipo=ACCION)),
        en_tramite=Count("pk", filter=Q(estado=ACEPTADA, tipo=ACCION)),
        copias=Count("pk", filter=Q(estado=PENDIENTE, tipo=COPIA)),
        vencidos=Count("pk", filter=Q(tipo=ACCION, vence__lt=hoy)),
    )
    conteos["sin_derivar"] = lineas_de_unidad(unidad_id, "sin_derivar").order_by().count()
    return conteos
