"""Relaciones entre actos (modifica, deroga, deroga parcialmente, reglamenta, fe de erratas, concuerda) y el
estado consolidado que se deduce de ellas: aún no vigente, vigente, modificado, derogado (nunca se teclea).

Una relación la declara el acto que dispone (`origen`) sobre uno ya numerado (`destino`); solo cuenta para
la vigencia cuando el acto que dispone está publicado y ya rige (su `vigente_desde` llegó): un proyecto
que propone derogar no deroga nada, y una ordenanza derogatoria publicada hoy que rige mañana deroga
mañana. Por eso la vigencia se calcula al leer, con la fecha del día: guardada, envejecería sola.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actos.models import Acto, Relacion
from actos.permissions import puede_redactar, puede_revisar
from core.busqueda import indexar
from core.services.auditoria import instantanea, registrar_evento

CAMPOS = ["origen", "destino", "tipo", "partes", "nota"]
# Relaciones que cambian el texto vigente del destino.
QUE_MODIFICAN = (Relacion.Tipo.MODIFICA, Relacion.Tipo.DEROGA_PARCIAL, Relacion.Tipo.FE_DE_ERRATAS)


def _eids(texto: str) -> list[str]:
    return [e.strip() for e in (texto or "").replace(";", ",").split(",") if e.strip()]


@transaction.atomic
def relacionar(*, origen: Acto, destino: Acto, tipo: str, por, partes: str = "", nota: str = "") -> Relacion:
    """Declara que `origen` modifica / deroga / reglamenta / corrige a `destino` (o solo sus `partes`,
    eIds separados por comas). Quien redacta el acto lo hace mientras es editable; la Secretaría General
    también después (catalogar una relación omitida). El destino debe estar numerado (firmado o
    publicado). La vigencia del destino se deduce de sus relaciones al leerla (`vigencia_de`).
    """
    if not (puede_revisar(por) or (origen.editable and puede_redactar(por, origen))):
        raise PermissionDenied("No tiene permiso para relacionar este acto.")
    errores: dict[str, list[str]] = {}
    if tipo not in Relacion.Tipo.values:
        errores["tipo"] = ["Elija el tipo de relación (modifica, deroga, reglamenta…)."]
    if destino is None:
        errores["destino"] = ["Elija el acto afectado."]
    elif destino.pk == origen.pk:
        errores["destino"] = ["Un acto no se relaciona consigo mismo."]
    elif destino.estado not in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO):
        errores["destino"] = ["El acto afectado debe estar firmado (con número)."]
    elif Relacion.objects.filter(origen=origen, destino=destino, tipo=tipo).exists():
        errores["destino"] = ["Esa relación ya está registrada."]
    eids = _eids(partes)
    if destino is not None and eids and "destino" not in errores:
        existentes = set(destino.partes.values_list("eid", flat=True))
        faltan = [e for e in eids if e not in existentes]
        if faltan:
            errores["partes"] = [f"El acto afectado no tiene {', '.join(faltan)}."]
    if tipo == Relacion.Tipo.DEROGA_PARCIAL and not eids:
        errores.setdefault("partes", []).append(
            "Una derogación parcial dice qué partes deroga (p. ej. art_2)."
        )
    if len(", ".join(eids)) > 300:
        errores.setdefault("partes", []).append("Demasiadas partes: no pueden pasar de 300 caracteres.")
    if errores:
        raise ValidationError(errores)
    relacion = Relacion.objects.create(
        origen=origen, destino=destino, tipo=tipo, partes=", ".join(eids), nota=(nota or "").strip()
    )
    registrar_evento(
        por=por, accion="actos.relacion.crear", objeto=relacion, despues=instantanea(relacion, CAMPOS)
    )
    return relacion


@transaction.atomic
def quitar_relacion(*, relacion: Relacion, por) -> None:
    """Quita una relación declarada por error, solo mientras el acto que dispone no está publicado."""
    origen = relacion.origen
    if not (puede_revisar(por) or (origen.editable and puede_redactar(por, origen))):
        raise PermissionDenied("No tiene permiso para quitar esta relación.")
    if origen.estado == Acto.Estado.PUBLICADO:
        raise ValidationError("El acto que dispone ya está publicado: su relación no se quita.")
    antes = instantanea(relacion, CAMPOS)
    registrar_evento(por=por, accion="actos.relacion.quitar", objeto=relacion, antes=antes)
    relacion.delete()


@dataclass(frozen=True)
class EstadoVigencia:
    """La vigencia consolidada de un acto en un día: `codigo` (Acto.Vigencia) y `desde`, la fecha que la
    explica cuando hace falta (aún no vigente: desde cuándo regirá; derogado: desde cuándo)."""

    codigo: str
    desde: date | None = None

    @property
    def etiqueta(self) -> str:
        return str(Acto.Vigencia(self.codigo).label)

    def __str__(self) -> str:
        if self.codigo == Acto.Vigencia.NO_VIGENTE and self.desde:
            return f"{self.etiqueta} (vigente desde {self.desde:%d/%m/%Y})"
        return self.etiqueta


def _rige(vigente_desde: date | None, hoy: date) -> bool:
    return vigente_desde is None or vigente_desde <= hoy


EN_VIGOR_POSIBLE = (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO)


def _estado(acto: Acto, filas, hoy: date) -> EstadoVigencia:
    """`filas`: (tipo, vigente_desde del acto que dispone) de las relaciones de actos publicados."""
    # Rige lo publicado y, si no requiere publicación (entra en vigor con su firma o notificación), lo
    # firmado que ya tiene fecha de entrada en vigor (`actos.services.vigencia`).
    if acto.estado not in EN_VIGOR_POSIBLE or acto.vigente_desde is None:
        return EstadoVigencia(Acto.Vigencia.NO_VIGENTE)
    if not _rige(acto.vigente_desde, hoy):
        return EstadoVigencia(Acto.Vigencia.NO_VIGENTE, acto.vigente_desde)
    en_vigor = [(tipo, desde) for tipo, desde in filas if _rige(desde, hoy)]
    derogaciones = [desde for tipo, desde in en_vigor if tipo == Relacion.Tipo.DEROGA]
    if derogaciones:
        return EstadoVigencia(Acto.Vigencia.DEROGADO, min((d for d in derogaciones if d), default=None))
    if any(tipo in QUE_MODIFICAN for tipo, _d in en_vigor):
        return EstadoVigencia(Acto.Vigencia.MODIFICADO)
    return EstadoVigencia(Acto.Vigencia.VIGENTE)


def _relaciones_en_vigor(destinos):
    return Relacion.objects.filter(
        destino__in=destinos, origen__estado__in=EN_VIGOR_POSIBLE, origen__vigente_desde__isnull=False
    )


def vigencia_de(acto: Acto, *, hoy: date | None = None) -> EstadoVigencia:
    """La vigencia consolidada de `acto` en `hoy` (por omisión, hoy): publicado y con `vigente_desde`
    llegado, vigente; derogado o modificado si un acto publicado que ya rige lo deroga o lo modifica
    (la derogación cuenta desde el `vigente_desde` del acto derogatorio). Una consulta si está publicado."""
    return vigencias([acto], hoy=hoy)[acto.pk]


def vigencias(actos, *, hoy: date | None = None) -> dict[int, EstadoVigencia]:
    """{pk: EstadoVigencia} de varios actos (una página de una lista) con una sola consulta."""
    hoy = hoy or timezone.localdate()
    actos = list(actos)
    por_acto: dict[int, list] = {a.pk: [] for a in actos}
    publicados = [a.pk for a in actos if a.estado in EN_VIGOR_POSIBLE and a.vigente_desde is not None]
    if publicados:
        for destino, tipo, desde in _relaciones_en_vigor(publicados).values_list(
            "destino_id", "tipo", "origen__vigente_desde"
        ):
            por_acto[destino].append((tipo, desde))
    return {a.pk: _estado(a, por_acto[a.pk], hoy) for a in actos}


def anotar_vigencias(actos, *, hoy: date | None = None) -> None:
    """Pone en cada acto de `actos` su `vigencia_actual` (EstadoVigencia), para las listas."""
    actos = list(actos)
    calculadas = vigencias(actos, hoy=hoy)
    for acto in actos:
        acto.vigencia_actual = calculadas[acto.pk]


def vigencia_calculada(acto: Acto, *, hoy: date | None = None) -> str:
    """El código de la vigencia de `acto` hoy (Acto.Vigencia): vigente, modificado, derogado, no_vigente."""
    return vigencia_de(acto, hoy=hoy).codigo


def estado_consolidado(acto: Acto) -> list[dict]:
    """Lo que otros actos publicados dispusieron sobre `acto`, para mostrarlo en su página:
    [{"texto": "Artículo 3 modificado por ORDENANZA … Nº …", "tipo", "origen", "partes", "en_vigor", "desde"}].
    Lo dispuesto por un acto publicado que aún no rige se lista con «(desde el dd/mm/aaaa)»."""
    filas = []
    hoy = timezone.localdate()
    relaciones = (
        Relacion.objects.filter(destino=acto, origen__estado=Acto.Estado.PUBLICADO)
        .select_related("origen")
        .order_by("origen__publicado_en", "creada")
    )
    etiquetas = {p.eid: str(p) for p in acto.partes.all()}
    verbos: dict[str, str] = {  # clave: Relacion.Tipo (un str), como `Relacion.tipo`
        Relacion.Tipo.MODIFICA: "Modificado por",
        Relacion.Tipo.DEROGA: "Derogado por",
        Relacion.Tipo.DEROGA_PARCIAL: "Derogado por",
        Relacion.Tipo.REGLAMENTA: "Reglamentado por",
        Relacion.Tipo.FE_DE_ERRATAS: "Corregido (fe de erratas) por",
        Relacion.Tipo.CONCORDA: "Concuerda con",
    }
    for r in relaciones:
        eids = _eids(r.partes)
        verbo = verbos[r.tipo]
        if eids:
            quien = ", ".join(etiquetas.get(e, e) for e in eids)
            texto = f"{quien} {verbo.lower()} {r.origen}"
        else:
            texto = f"{verbo} {r.origen}"
        en_vigor = _rige(r.origen.vigente_desde, hoy)
        if not en_vigor:
            # Publicado pero aún no rige: se anuncia con su fecha y no cuenta para la vigencia.
            texto = f"{texto} (desde el {r.origen.vigente_desde:%d/%m/%Y})"
        filas.append(
            {
                "texto": texto,
                "verbo": f"{verbo} {r.origen}",
                "tipo": r.tipo,
                "origen": r.origen,
                "partes": eids,
                "nota": r.nota,
                "en_vigor": en_vigor,
                "desde": r.origen.vigente_desde,
            }
        )
    return filas


def afectaciones_por_parte(consolidado: list[dict]) -> dict[str, list[str]]:
    """{eid: ["Modificado por …"]} para anotar cada artículo en la página del acto, a partir de su
    `estado_consolidado` (que la página ya calcula: no se consulta dos veces)."""
    resultado: dict[str, list[str]] = {}
    for fila in consolidado:
        for eid in fila["partes"]:
            verbo = (
                fila["verbo"] if fila["en_vigor"] else f"{fila['verbo']} (desde el {fila['desde']:%d/%m/%Y})"
            )
            resultado.setdefault(eid, []).append(verbo)
    return resultado


def indexar_acto(acto: Acto) -> None:
    """Pone el acto publicado en el índice de búsqueda (tipo «acto»): número y título como título;
    temas y el texto de sus partes como texto."""
    texto = "\n".join([acto.temas, *(p.texto for p in acto.partes.all())])
    indexar(
        acto,
        tipo="acto",
        titulo=f"{acto.numero_texto} {acto.titulo}",
        texto=texto,
        url=reverse("normativa:acto", args=[acto.pk]),
        fecha=acto.firmado_en,
        ambito=acto.tipo,
    )
