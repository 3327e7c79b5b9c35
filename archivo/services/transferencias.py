"""Transferencias documentales: una unidad transfiere a la etapa siguiente sus expedientes cerrados que
cumplieron los años de la etapa actual, con un inventario (al estilo del FUID); el archivo que recibe revisa
fila por fila (acepta u observa con su motivo). Lo aceptado cambia de etapa y de ubicación, y el expediente
guarda el cambio en su historial. También el inventario en XLSX y en PDF."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from archivo.models import CambioDeEtapa, Expediente, ItemTransferencia, Transferencia
from archivo.selectors.perfil import instrumento, nombre_de_etapa
from archivo.selectors.transferencias import (
    destino,
    fin_de_etapa,
    inventario,
    propuestas,
    sin_transferencia_en_curso,
)
from archivo.services.expedientes import UBICACION
from core.models import Notificacion, UnidadOrganica
from core.rendering import render_pdf
from core.services.auditoria import bloquear_cadena, instantanea, registrar_evento
from core.services.notificaciones import notificar

MAXIMO_ITEMS = 2000


def _unidad_de_conservacion(expediente: Expediente) -> str:
    partes = [("Caja", expediente.caja), ("Carpeta", expediente.carpeta)]
    return ", ".join(f"{n} {v}" for n, v in partes if v)


@transaction.atomic
def preparar_transferencia(
    *,
    unidad: UnidadOrganica,
    expedientes: list[Expediente],
    frecuencia_consulta: str = ItemTransferencia.Frecuencia.BAJA,
    notas: str = "",
    por,
) -> Transferencia:
    """Prepara y envía la transferencia de los `expedientes` de `unidad` a la etapa siguiente. Todos deben
    ser de la unidad, estar cerrados, en la misma etapa, haber cumplido sus años en ella y no estar en otra
    transferencia en revisión. Numera la transferencia por año (`TR-2026-0001`)."""
    if frecuencia_consulta not in ItemTransferencia.Frecuencia.values:
        raise ValidationError(
            {"frecuencia_consulta": ["Elija la frecuencia de consulta: alta, media, baja o ninguna."]}
        )
    if unidad is None:
        raise ValidationError({"unidad": ["Indique la unidad que transfiere."]})
    if not expedientes:
        raise ValidationError({"expedientes": ["Elija al menos un expediente para transferir."]})
    if len(expedientes) > MAXIMO_ITEMS:
        raise ValidationError(f"Una transferencia lleva a lo más {MAXIMO_ITEMS} expedientes.")
    hoy = timezone.localdate()
    # Orden de cerrojos (docs/desarrollo.md): la cabeza de la cadena de auditoría, luego las filas.
    bloquear_cadena()
    pks = sorted({e.pk for e in expedientes})
    bloqueados = {
        e.pk: e
        for e in Expediente.objects.select_for_update()
        .filter(pk__in=pks)
        .select_related("retencion", "nodo")
        .prefetch_related("cambios_de_etapa")
        .order_by("pk")
    }
    errores: list[str] = []
    origenes, destinos = set(), set()
    for pk in pks:
        exp = bloqueados[pk]
        if exp.unidad_id != unidad.pk:
            errores.append(f"{exp.codigo}: no es de la unidad {unidad.sigla}.")
            continue
        if exp.estado == Expediente.Estado.ELIMINADO:
            errores.append(f"{exp.codigo}: fue eliminado.")
            continue
        if not exp.cerrado:
            errores.append(f"{exp.codigo}: está abierto; solo se transfiere un expediente cerrado.")
            continue
        if exp.items_transferencia.filter(revision=ItemTransferencia.Revision.PENDIENTE).exists():
            errores.append(f"{exp.codigo}: ya está en una transferencia en revisión.")
            continue
        vence, hacia = fin_de_etapa(exp), destino(exp)
        if hacia is None:
            errores.append(
                f"{exp.codigo}: no pasa a otra etapa desde {nombre_de_etapa(exp.etapa)} "
                f"(disposición final: {exp.retencion.get_disposicion_display().lower()})."
            )
            continue
        if vence is None or vence > hoy:
            cuando = f" el {vence:%d/%m/%Y}" if vence else ""
            errores.append(
                f"{exp.codigo}: aún no cumple sus años en {nombre_de_etapa(exp.etapa)} (los cumple{cuando})."
            )
            continue
        origenes.add(exp.etapa)
        destinos.add(hacia.clave)
    if errores:
        raise ValidationError(errores)
    if len(origenes) > 1:
        raise ValidationError("Todos los expedientes de una transferencia deben estar en la misma etapa.")
    origen, hacia_clave = origenes.pop(), destinos.pop()
    ultimo = Transferencia.objects.filter(anio=hoy.year).aggregate(m=Max("correlativo"))["m"] or 0
    transferencia = Transferencia.objects.create(
        numero=f"TR-{hoy.year}-{ultimo + 1:04d}",
        anio=hoy.year,
        correlativo=ultimo + 1,
        unidad=unidad,
        etapa_origen=origen,
        etapa_destino=hacia_clave,
        notas=(notas or "").strip(),
        preparada_por=por if getattr(por, "pk", None) else None,
    )
    for orden, pk in enumerate(sorted(pks, key=lambda p: bloqueados[p].codigo), start=1):
        exp = bloqueados[pk]
        folios = exp.piezas.aggregate(m=Max("folio_final"))["m"] or 0
        ItemTransferencia.objects.create(
            transferencia=transferencia,
            orden=orden,
            expediente=exp,
            unidad_conservacion=_unidad_de_conservacion(exp)[:120],
            folios=folios,
            frecuencia_consulta=frecuencia_consulta,
        )
    despues = instantanea(transferencia)
    despues["expedientes"] = [bloqueados[pk].codigo for pk in pks]
    registrar_evento(por=por, accion="archivo.transferencia.preparar", objeto=transferencia, despues=despues)
    return transferencia


@transaction.atomic
def revisar_item(
    *,
    item: ItemTransferencia,
    decision: str,
    motivo: str = "",
    por,
    **ubicacion: str,
) -> ItemTransferencia:
    """El archivo que recibe revisa una fila del inventario: la **acepta** (el expediente pasa a la etapa de
    destino, con la ubicación nueva que se indique, y su historial guarda el cambio) o la **observa** con su
    motivo (el expediente se queda donde estaba y puede ir en otra transferencia). Un expediente de papel o
    híbrido aceptado necesita su ubicación nueva. Cuando no queda fila pendiente, la transferencia queda
    recibida."""
    motivo = (motivo or "").strip()
    desconocidos = set(ubicacion) - set(UBICACION)
    if desconocidos:
        raise ValidationError(f"Campo de ubicación desconocido: {', '.join(sorted(desconocidos))}.")
    nueva = {k: (v or "").strip() for k, v in ubicacion.items()}
    if decision not in (ItemTransferencia.Revision.ACEPTADO, ItemTransferencia.Revision.OBSERVADO):
        raise ValidationError({"decision": ["Elija «aceptado» u «observado»."]})
    if decision == ItemTransferencia.Revision.OBSERVADO and not motivo:
        raise ValidationError({"motivo": ["Diga por qué observa este expediente."]})
    bloquear_cadena()
    item = ItemTransferencia.objects.select_for_update().select_related("transferencia").get(pk=item.pk)
    transferencia = Transferencia.objects.select_for_update().get(pk=item.transferencia_id)
    if item.revision != ItemTransferencia.Revision.PENDIENTE:
        raise ValidationError(f"El expediente n.º {item.orden} ya se revisó ({item.get_revision_display()}).")
    exp = Expediente.objects.select_for_update().get(pk=item.expediente_id)
    if (
        decision == ItemTransferencia.Revision.ACEPTADO
        and exp.soporte != Expediente.Soporte.ELECTRONICO
        and not any(nueva.values())
    ):
        raise ValidationError(
            {
                "edificio": [
                    "Indique dónde queda el expediente en el archivo que lo recibe (edificio, sala, caja…)."
                ]
            }
        )
    antes = instantanea(item, ["revision", "motivo"])
    antes_exp = instantanea(exp, ["etapa", *UBICACION])
    ahora = timezone.now()
    item.revision, item.motivo = decision, motivo
    item.revisado_en, item.revisado_por = ahora, por if getattr(por, "pk", None) else None
    item.save(update_fields=["revision", "motivo", "revisado_en", "revisado_por"])
    despues: dict[str, Any] = {"revision": decision, "motivo": motivo, "expediente": exp.codigo}
    if decision == ItemTransferencia.Revision.ACEPTADO:
        anterior = exp.ubicacion
        exp.etapa = transferencia.etapa_destino
        for campo, valor in nueva.items():
            if valor:
                setattr(exp, campo, valor)
        exp.save(update_fields=["etapa", *UBICACION])
        CambioDeEtapa.objects.create(
            expediente=exp,
            etapa_anterior=transferencia.etapa_origen,
            etapa=transferencia.etapa_destino,
            fecha=timezone.localdate(ahora),
            transferencia=transferencia,
            ubicacion_anterior=anterior[:500],
            registrado_por=item.revisado_por,
        )
        despues["expediente_antes"] = antes_exp
        despues["expediente_despues"] = instantanea(exp, ["etapa", *UBICACION])
    registrar_evento(
        por=por, accion="archivo.transferencia.revisar", objeto=item, antes=antes, despues=despues
    )
    if not transferencia.items.filter(revision=ItemTransferencia.Revision.PENDIENTE).exists():
        transferencia.estado, transferencia.recibida_en = Transferencia.Estado.RECIBIDA, ahora
        transferencia.save(update_fields=["estado", "recibida_en"])
        registrar_evento(
            por=por,
            accion="archivo.transferencia.recibir",
            objeto=transferencia,
            despues={
                "aceptados": transferencia.items.filter(revision=ItemTransferencia.Revision.ACEPTADO).count(),
                "observados": transferencia.items.filter(
                    revision=ItemTransferencia.Revision.OBSERVADO
                ).count(),
            },
        )
    return item


COLUMNAS = [
    "N.º de orden",
    "Código",
    "Nombre de la serie o subserie",
    "Título del expediente",
    "Fecha inicial",
    "Fecha final",
    "Unidad de conservación",
    "Folios",
    "Soporte",
    "Frecuencia de consulta",
    "Notas",
    "Revisión",
]


def _cabecera(transferencia: Transferencia) -> list[tuple[str, str]]:
    return [
        ("Transferencia", transferencia.numero),
        ("Unidad que transfiere", f"{transferencia.unidad.sigla} — {transferencia.unidad.nombre}"),
        ("De", nombre_de_etapa(transferencia.etapa_origen)),
        ("A", nombre_de_etapa(transferencia.etapa_destino)),
        ("Preparada", f"{timezone.localtime(transferencia.preparada_en):%d/%m/%Y}"),
        ("Instrumento", instrumento()["nombre"]),
    ]


def inventario_xlsx(transferencia: Transferencia) -> bytes:
    """El inventario de la transferencia en XLSX: la cabecera y una fila por expediente."""
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Inventario"
    for etiqueta, valor in _cabecera(transferencia):
        hoja.append([etiqueta, valor])
        hoja.cell(row=hoja.max_row, column=1).font = Font(bold=True)
    hoja.append([])
    hoja.append(COLUMNAS)
    for celda in hoja[hoja.max_row]:
        celda.font = Font(bold=True)
        celda.alignment = Alignment(wrap_text=True)
    for f in inventario(transferencia):
        revision = f["revision"] + (f": {f['motivo']}" if f["motivo"] else "")
        hoja.append(
            [
                f["orden"],
                f["codigo"],
                f["serie"],
                f["titulo"],
                f["fecha_inicial"],
                f["fecha_final"],
                f["unidad_conservacion"],
                f["folios"],
                f["soporte"],
                f["frecuencia"],
                f["notas"],
                revision,
            ]
        )
    for letra, ancho in zip("ABCDEFGHIJKL", (8, 22, 36, 40, 12, 12, 20, 8, 12, 12, 24, 24), strict=True):
        hoja.column_dimensions[letra].width = ancho
    for fila in hoja.iter_rows(min_row=len(_cabecera(transferencia)) + 3, min_col=5, max_col=6):
        for celda in fila:
            celda.number_format = "DD/MM/YYYY"
    libro.properties.title = f"Inventario de transferencia {transferencia.numero}"
    salida = BytesIO()
    libro.save(salida)
    return salida.getvalue()


def inventario_pdf(transferencia: Transferencia) -> bytes:
    """El inventario de la transferencia en PDF (A4 apaisado), con los espacios para las firmas."""
    return render_pdf(
        "archivo/inventario_pdf.html",
        {
            "transferencia": transferencia,
            "cabecera": _cabecera(transferencia),
            "filas": inventario(transferencia),
        },
    )


def titulo_aviso(anio: int) -> str:
    return f"Transferencias documentales por hacer en {anio}"


@transaction.atomic
def avisar_transferencias(*, anio: int | None = None, hoy: date | None = None) -> int:
    """Avisa (en la aplicación y por correo) al jefe de cada unidad que tiene expedientes por transferir en
    `anio` (los que ya cumplieron y los que cumplen en el año), una vez por año y jefe. Deja el evento
    `archivo.transferencia.avisos` si avisó a alguien; devuelve a cuántos."""
    hoy = hoy or timezone.localdate()
    anio = anio or hoy.year
    por_unidad: dict[int, list] = {}
    for p in propuestas(sin_transferencia_en_curso(), anio, hoy=hoy):
        por_unidad.setdefault(p.unidad.pk, []).append(p)
    titulo = titulo_aviso(anio)
    avisados = 0
    unidades = UnidadOrganica.objects.filter(pk__in=list(por_unidad), jefe__is_active=True).select_related(
        "jefe"
    )
    for unidad in unidades:
        jefe = unidad.jefe
        if jefe is None or Notificacion.objects.filter(usuario=jefe, titulo=titulo).exists():
            continue
        lineas = [
            f"- De {p.origen.nombre.lower()} a {p.destino.nombre.lower()}: {len(p.filas)} expediente(s), "
            f"{p.cumplidos} ya cumplieron sus años."
            for p in por_unidad[unidad.pk]
        ]
        mensaje = f"{unidad.nombre} tiene expedientes por transferir en {anio}:\n" + "\n".join(lineas)
        url = f"{reverse('archivo:por-transferir')}?anio={anio}"
        notificar(usuario=jefe, titulo=titulo, mensaje=mensaje, url=url, correo=True)
        avisados += 1
    if avisados:
        registrar_evento(
            por=None,
            accion="archivo.transferencia.avisos",
            despues={"anio": anio, "jefes_avisados": avisados},
        )
    return avisados
