"""Entrada en vigor de un acto: la que dispone el propio acto o, si no dice nada, la del perfil para su tipo.

El acto puede decir que rige (`Acto.ModoVigencia`): en una fecha; con su publicación; N días después de
publicado; con su firma o con su notificación (estos dos, actos que no requieren publicación, como una
resolución que se notifica al interesado). Si no lo dice, manda la regla del perfil por instrumento
(`actos.entrada_en_vigor`); y si el perfil no la tiene para el tipo, «N días tras la publicación» con los
días de `actos.vigencia_dias` (PE: el día siguiente, Ley 27972 art. 44).

Una norma que requiere publicación no rige sin ella aunque fije una fecha anterior (PE: Const. art. 109):
rige en la fecha fijada o en la de publicación, la que sea posterior. `vigente_desde` se guarda cuando se
conoce (al firmar, publicar o notificar); el estado consolidado se sigue deduciendo al leer
(`actos.services.relaciones.vigencia_de`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from actos.models import Acto
from actos.permissions import puede_redactar, puede_revisar
from core.services.auditoria import registrar_evento
from core.services.perfiles import ClaveDesconocida, regla_vigente, valor

Modo = Acto.ModoVigencia
SIN_PUBLICACION = (Modo.FIRMA, Modo.NOTIFICACION)


@dataclass(frozen=True)
class ReglaVigencia:
    """Cómo entra en vigor un acto: el modo, los días (si cuentan tras la publicación), la fecha (si la
    fija el acto), de dónde sale (el acto o el perfil) y la fuente."""

    modo: str
    dias: int | None = None
    fecha: date | None = None
    origen: str = "perfil"
    fuente: str = ""

    @property
    def requiere_publicacion(self) -> bool:
        return self.modo not in SIN_PUBLICACION

    def __str__(self) -> str:
        textos: dict[str, str] = {
            Modo.FECHA: f"el {self.fecha:%d/%m/%Y} (y no antes de su publicación)"
            if self.fecha
            else "en una fecha",
            Modo.PUBLICACION: "el día de su publicación",
            Modo.DIAS_TRAS_PUBLICACION: (
                "el día siguiente de su publicación"
                if self.dias == 1
                else f"{self.dias} días después de su publicación"
            ),
            Modo.FIRMA: "con su firma (no requiere publicación)",
            Modo.NOTIFICACION: "con su notificación (no requiere publicación)",
        }
        texto = textos.get(self.modo, self.modo)
        quien = "lo dispone el propio acto" if self.origen == "acto" else f"perfil: {self.fuente}"
        return f"Rige {texto} — {quien}"


def regla_del_perfil(tipo: str, fecha: date | None = None) -> ReglaVigencia:
    """La regla del perfil para `tipo` (`actos.entrada_en_vigor`), o «N días tras la publicación» con
    `actos.vigencia_dias` si el perfil no la tiene para el tipo."""
    try:
        regla = regla_vigente("actos.entrada_en_vigor", fecha=fecha)
        fila = regla.valor.get(tipo) if isinstance(regla.valor, dict) else None
    except ClaveDesconocida:
        regla, fila = None, None
    dias_regla = regla_vigente("actos.vigencia_dias", fecha=fecha)
    if isinstance(fila, dict) and fila.get("modo") in Modo.values:
        modo = fila["modo"]
        dias = fila.get("dias", dias_regla.valor) if modo == Modo.DIAS_TRAS_PUBLICACION else None
        return ReglaVigencia(
            modo, int(dias) if dias is not None else None, fuente=regla.fuente if regla else ""
        )
    return ReglaVigencia(Modo.DIAS_TRAS_PUBLICACION, int(dias_regla.valor), fuente=dias_regla.fuente)


def regla_de(acto: Acto) -> ReglaVigencia:
    """La regla que se aplica a `acto`: la suya si la dispone; si no, la del perfil para su tipo."""
    if acto.vigencia_modo:
        dias = acto.vigencia_dias
        if acto.vigencia_modo == Modo.DIAS_TRAS_PUBLICACION and dias is None:
            dias = int(valor("actos.vigencia_dias"))
        return ReglaVigencia(acto.vigencia_modo, dias, acto.vigencia_fecha, origen="acto")
    fecha = timezone.localdate(acto.firmado_en) if acto.firmado_en else None
    return regla_del_perfil(acto.tipo, fecha)


def vigente_desde(acto: Acto) -> date | None:
    """Desde cuándo rige `acto` con lo que se sabe hoy (firma, publicación, notificación), o None."""
    regla = regla_de(acto)
    if regla.modo == Modo.FIRMA:
        return timezone.localdate(acto.firmado_en) if acto.firmado_en else None
    if regla.modo == Modo.NOTIFICACION:
        return acto.notificado_en
    if acto.publicado_en is None:
        return None  # lo que requiere publicación no rige sin ella
    if regla.modo == Modo.PUBLICACION:
        return acto.publicado_en
    if regla.modo == Modo.FECHA:
        return max(regla.fecha, acto.publicado_en) if regla.fecha else acto.publicado_en
    return acto.publicado_en + timedelta(days=regla.dias or 0)


def requiere_publicacion(acto: Acto) -> bool:
    return regla_de(acto).requiere_publicacion


@transaction.atomic
def fijar_entrada_en_vigor(
    *, acto: Acto, por, modo: str, fecha: date | None = None, dias: int | None = None
) -> Acto:
    """Anota lo que el acto dispone sobre su entrada en vigor (antes de firmarlo: es parte de su texto).
    `modo` vacío vuelve a la regla del perfil."""
    acto = Acto.objects.select_for_update(of=("self",)).get(pk=acto.pk)
    if not (puede_revisar(por) or puede_redactar(por, acto)):
        raise PermissionDenied("No tiene permiso para editar este acto.")
    if not acto.editable:
        raise ValidationError(
            "El acto ya está firmado: su entrada en vigor es la que dispuso; corríjala con otro acto."
        )
    modo = (modo or "").strip()
    errores: dict[str, list[str]] = {}
    if modo and modo not in Modo.values:
        errores["modo"] = [
            "Elija cómo entra en vigor: " + "; ".join(str(e.label).lower() for e in Modo) + "."
        ]
    if modo == Modo.FECHA and not isinstance(fecha, date):
        errores["fecha"] = ["Indique la fecha en que entra en vigor."]
    if modo == Modo.DIAS_TRAS_PUBLICACION and (dias is None or not 0 <= int(dias) <= 3650):
        errores["dias"] = ["Indique cuántos días después de la publicación entra en vigor (0 a 3650)."]
    if errores:
        raise ValidationError(errores)
    antes = {
        "vigencia_modo": acto.vigencia_modo,
        "vigencia_fecha": acto.vigencia_fecha,
        "vigencia_dias": acto.vigencia_dias,
    }
    acto.vigencia_modo = modo
    acto.vigencia_fecha = fecha if modo == Modo.FECHA else None
    acto.vigencia_dias = int(dias) if modo == Modo.DIAS_TRAS_PUBLICACION and dias is not None else None
    acto.save(update_fields=["vigencia_modo", "vigencia_fecha", "vigencia_dias"])
    despues = {
        "vigencia_modo": acto.vigencia_modo,
        "vigencia_fecha": acto.vigencia_fecha,
        "vigencia_dias": acto.vigencia_dias,
    }
    registrar_evento(por=por, accion="actos.acto.entrada_en_vigor", objeto=acto, antes=antes, despues=despues)
    return acto


@transaction.atomic
def registrar_notificacion(*, acto: Acto, por, fecha: date) -> Acto:
    """Anota la fecha en que se notificó un acto firmado que rige con su notificación; desde ella rige."""
    if not puede_revisar(por):
        raise PermissionDenied("Solo la Secretaría General registra la notificación de un acto.")
    acto = Acto.objects.select_for_update(of=("self",)).get(pk=acto.pk)
    if acto.estado not in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO):
        raise ValidationError("Solo se notifica un acto firmado.")
    if regla_de(acto).modo != Modo.NOTIFICACION:
        raise ValidationError("Este acto no entra en vigor con su notificación: no hace falta registrarla.")
    if not isinstance(fecha, date):
        raise ValidationError({"fecha": ["Indique la fecha de notificación."]})
    if fecha > timezone.localdate():
        raise ValidationError({"fecha": ["La fecha de notificación no puede ser futura."]})
    if acto.firmado_en and fecha < timezone.localdate(acto.firmado_en):
        raise ValidationError({"fecha": ["No se notifica antes de la firma."]})
    antes = {"notificado_en": acto.notificado_en, "vigente_desde": acto.vigente_desde}
    acto.notificado_en = fecha
    acto.vigente_desde = vigente_desde(acto)
    acto.save(update_fields=["notificado_en", "vigente_desde"])
    registrar_evento(
        por=por,
        accion="actos.acto.notificar",
        objeto=acto,
        antes=antes,
        despues={"notificado_en": acto.notificado_en, "vigente_desde": acto.vigente_desde},
    )
    return acto
