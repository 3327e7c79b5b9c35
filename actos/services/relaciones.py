"""Relaciones entre actos (modifica, deroga, deroga parcialmente, reglamenta, fe de erratas, concuerda) y el
estado consolidado que se deduce de ellas: vigente, modificado, derogado (nunca se teclea).

Una relación la declara el acto que dispone (`origen`) sobre uno ya numerado (`destino`); solo cuenta para
la vigencia cuando el acto que dispone está publicado: un proyecto que propone derogar no deroga nada.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from actos.models import Acto, Relacion
from actos.permissions import puede_redactar, puede_revisar
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
    publicado). Recalcula la vigencia del destino.
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
        errores.setdefault("partes", []).append("Una derogación parcial dice qué partes deroga (p. ej. art_2).")
    if len(", ".join(eids)) > 300:
        errores.setdefault("partes", []).append("Demasiadas partes: no pueden pasar de 300 caracteres.")
    if errores:
        raise ValidationError(errores)
    relacion = Relacion.objects.create(origen=origen, destino=destino, tipo=tipo, partes=", ".join(eids),
                                       nota=(nota or "").strip())
    registrar_evento(por=por, accion="actos.relacion.crear", objeto=relacion, despues=instantanea(relacion, CAMPOS))
    recalcular_vigencia(destino, por=por)
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
    destino = relacion.destino
    registrar_evento(por=por, accion="actos.relacion.quitar", objeto=relacion, antes=antes)
    relacion.delete()
    recalcular_vigencia(destino, por=por)


def vigencia_calculada(acto: Acto) -> str:
    """La vigencia que dicen las relaciones de actos publicados que afectan a `acto`."""
    if acto.estado != Acto.Estado.PUBLICADO:
        return Acto.Vigencia.NO_VIGENTE
    tipos = set(
        Relacion.objects.filter(destino=acto, origen__estado=Acto.Estado.PUBLICADO).values_list("tipo", flat=True)
    )
    if Relacion.Tipo.DEROGA in tipos:
        return Acto.Vigencia.DEROGADO
    if tipos & set(QUE_MODIFICAN):
        return Acto.Vigencia.MODIFICADO
    return Acto.Vigencia.VIGENTE


@transaction.atomic
def recalcular_vigencia(acto: Acto, *, por=None) -> Acto:
    """Recalcula y guarda la vigencia consolidada de `acto` desde sus relaciones; evento si cambia."""
    acto = Acto.objects.select_for_update(of=("self",)).get(pk=acto.pk)
    nueva = vigencia_calculada(acto)
    if nueva != acto.vigencia:
        antes = {"vigencia": acto.vigencia}
        acto.vigencia = nueva
        acto.save(update_fields=["vigencia"])
        registrar_evento(por=por, accion="actos.acto.vigencia", objeto=acto, antes=antes,
                         despues={"vigencia": nueva})
    return acto


def estado_consolidado(acto: Acto) -> list[dict]:
    """Lo que otros actos publicados dispusieron sobre `acto`, para mostrarlo en su página:
    [{"texto": "Artículo 3 modificado por ORDENANZA … Nº …", "tipo", "origen", "partes"}]."""
    filas = []
    relaciones = (
        Relacion.objects.filter(destino=acto, origen__estado=Acto.Estado.PUBLICADO)
        .select_related("origen")
        .order_by("origen__publicado_en", "creada")
    )
    etiquetas = {p.eid: str(p) for p in acto.partes.all()}
    verbos = {
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
        filas.append({"texto": texto, "verbo": f"{verbo} {r.origen}", "tipo": r.tipo, "origen": r.origen,
                      "partes": eids, "nota": r.nota})
    return filas


def afectaciones_por_parte(consolidado: list[dict]) -> dict[str, list[str]]:
    """{eid: ["Modificado por …"]} para anotar cada artículo en la página del acto, a partir de su
    `estado_consolidado` (que la página ya calcula: no se consulta dos veces)."""
    resultado: dict[str, list[str]] = {}
    for fila in consolidado:
        for eid in fila["partes"]:
            resultado.setdefault(eid, []).append(fila["verbo"])
    return resultado


def indexar_acto(acto: Acto) -> None:
    """Pone el acto publicado en el índice de búsqueda (tipo «acto»): número y título como título;
    temas y el texto de sus partes como texto."""
    from core.busqueda import indexar

    texto = "\n".join([acto.temas, *(p.texto for p in acto.partes.all())])
    indexar(
        acto, tipo="acto", titulo=f"{acto.numero_texto} {acto.titulo}", texto=texto,
        url=reverse("normativa:acto", args=[acto.pk]), fecha=acto.firmado_en, ambito=acto.tipo,
    )
