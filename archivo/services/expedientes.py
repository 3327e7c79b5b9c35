"""Expedientes de archivo: abrirlos bajo una serie, archivar en orden documentos del registro y actos con
sus folios y su índice electrónico (SHA-256, fecha, páginas) y cerrarlos, lo que congela el índice."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from actos.models import Acto
from archivo.models import Expediente, NodoCuadro, Pieza
from archivo.selectors.cuadro import retencion_vigente
from archivo.selectors.perfil import etapas
from core.models import Archivo, UnidadOrganica
from core.services.auditoria import actualizar_con_auditoria, bloquear_cadena, instantanea, registrar_evento
from registro.models import Documento

UBICACION = ("edificio", "sala", "estante", "caja", "carpeta")


def _validar_acceso(acceso: str, fundamento: str, hasta: date | None, errores: dict) -> None:
    if acceso not in Expediente.Acceso.values:
        errores["acceso"] = ["Elija el nivel de acceso: público, reservado o confidencial."]
        return
    if acceso == Expediente.Acceso.PUBLICO:
        return
    if not fundamento:
        errores["fundamento_acceso"] = [
            "Un expediente reservado o confidencial necesita su fundamento legal."
        ]
    if acceso == Expediente.Acceso.RESERVADO and hasta is None:
        errores["reservado_hasta"] = ["Indique hasta cuándo dura la reserva."]
    if hasta is not None and hasta <= timezone.localdate():
        errores["reservado_hasta"] = ["La reserva debe durar hasta una fecha futura."]


@transaction.atomic
def abrir_expediente(
    *,
    nodo: NodoCuadro,
    unidad: UnidadOrganica,
    titulo: str,
    soporte: str = Expediente.Soporte.PAPEL,
    acceso: str = Expediente.Acceso.PUBLICO,
    fundamento_acceso: str = "",
    reservado_hasta: date | None = None,
    edificio: str = "",
    sala: str = "",
    estante: str = "",
    caja: str = "",
    carpeta: str = "",
    por,
) -> Expediente:
    """Abre un expediente de `unidad` clasificado en una serie o subserie (la subserie si la serie las tiene)
    con la versión de retención vigente hoy, que guarda para siempre. Su código es el de la serie, el año y un
    correlativo por serie y año. Empieza en la primera etapa del perfil (archivo de gestión o de trámite)."""
    titulo = (titulo or "").strip()
    fundamento_acceso = (fundamento_acceso or "").strip()
    hoy = timezone.localdate()
    errores: dict[str, list[str]] = {}
    if not titulo:
        errores["titulo"] = ["Escriba el título del expediente."]
    if soporte not in Expediente.Soporte.values:
        errores["soporte"] = ["Elija el soporte: papel, electrónico o híbrido."]
    _validar_acceso(acceso, fundamento_acceso, reservado_hasta, errores)
    retencion = None
    if nodo is None or not nodo.clasificable or not nodo.activo:
        errores["nodo"] = ["Elija una serie o subserie activa del cuadro de clasificación."]
    elif nodo.nivel == NodoCuadro.Nivel.SERIE and nodo.hijos.filter(activo=True).exists():
        errores["nodo"] = [f"La serie {nodo.codigo} tiene subseries: elija la subserie."]
    else:
        retencion = retencion_vigente(nodo, hoy)
        if retencion is None:
            errores["nodo"] = [f"La serie {nodo.codigo} no tiene retención vigente: fíjela antes de abrir."]
    if unidad is None:
        errores["unidad"] = ["Indique la unidad que produce el expediente."]
    if errores or retencion is None:
        raise ValidationError(errores)
    # Orden de cerrojos (docs/desarrollo.md): primero la cabeza de la cadena de auditoría, luego la fila
    # que numera (la serie).
    bloquear_cadena()
    NodoCuadro.objects.select_for_update().filter(pk=nodo.pk).first()
    ultimo = Expediente.objects.filter(nodo=nodo, anio=hoy.year).aggregate(m=Max("correlativo"))["m"] or 0
    expediente = Expediente.objects.create(
        codigo=f"{nodo.codigo}-{hoy.year}-{ultimo + 1:04d}",
        anio=hoy.year,
        correlativo=ultimo + 1,
        titulo=titulo,
        nodo=nodo,
        retencion=retencion,
        unidad=unidad,
        etapa=etapas(hoy)[0].clave,
        abierto_en=hoy,
        soporte=soporte,
        acceso=acceso,
        fundamento_acceso=fundamento_acceso if acceso != Expediente.Acceso.PUBLICO else "",
        reservado_hasta=reservado_hasta if acceso != Expediente.Acceso.PUBLICO else None,
        edificio=(edificio or "").strip(),
        sala=(sala or "").strip(),
        estante=(estante or "").strip(),
        caja=(caja or "").strip(),
        carpeta=(carpeta or "").strip(),
        creado_por=por if getattr(por, "pk", None) else None,
    )
    registrar_evento(
        por=por, accion="archivo.expediente.abrir", objeto=expediente, despues=instantanea(expediente)
    )
    return expediente


def _paginas_pdf(archivo: Archivo) -> int | None:
    if archivo.tipo_mime != "application/pdf":
        return None
    try:
        with archivo.archivo.open("rb") as f:
            return len(PdfReader(f).pages)
    except (OSError, PdfReadError, ValueError):
        return None


def _huella_de_datos(*partes: object) -> str:
    return hashlib.sha256(json.dumps([str(p) for p in partes], ensure_ascii=False).encode()).hexdigest()


def _datos_de_documento(documento: Documento) -> dict:
    """Título, fecha, páginas y SHA-256 de un documento del registro: el hash de su PDF firmado o de su
    primer adjunto; si no tiene archivo (papel), el de los datos de su asiento."""
    momento = documento.firmado_en or documento.recibido_en or documento.creado
    archivo = documento.pdf or next(
        iter(a.archivo for a in documento.adjuntos.select_related("archivo")), None
    )
    if archivo is not None:
        sha, origen = archivo.sha256, f"archivo «{archivo.nombre_original}»"
    else:
        sha = _huella_de_datos(documento.numero_texto, documento.asunto, documento.cuerpo, momento)
        origen = "datos del asiento del registro (sin archivo)"
    return {
        "titulo": f"{documento.numero_texto or documento.codigo_seguimiento} — {documento.asunto}"[:500],
        "fecha": timezone.localtime(momento).date(),
        "paginas": max(documento.folios or 0, 1),
        "sha256": sha,
        "origen_hash": origen[:200],
    }


def _datos_de_acto(acto: Acto) -> dict:
    """Título, fecha, páginas y SHA-256 del PDF firmado de un acto."""
    if acto.archivo is None or acto.firmado_en is None:
        raise ValidationError({"acto": ["Solo se archiva un acto firmado, con su PDF."]})
    return {
        "titulo": f"{acto.numero_texto} — {acto.titulo}"[:500],
        "fecha": timezone.localtime(acto.firmado_en).date(),
        "paginas": _paginas_pdf(acto.archivo) or 1,
        "sha256": acto.sha256 or acto.archivo.sha256,
        "origen_hash": f"PDF firmado «{acto.archivo.nombre_original}»"[:200],
    }


@transaction.atomic
def archivar(
    *,
    expediente: Expediente,
    documento: Documento | None = None,
    acto: Acto | None = None,
    paginas: int | None = None,
    por,
) -> Pieza:
    """Archiva en el expediente abierto un documento del registro o un acto firmado, al final del índice:
    su orden, sus folios (siguen a los del anterior), su fecha, sus páginas y su SHA-256. Un documento está
    en un solo expediente; un borrador o un documento anulado no se archiva."""
    if (documento is None) == (acto is None):
        raise ValidationError("Indique un documento del registro o un acto (uno de los dos).")
    bloquear_cadena()
    expediente = Expediente.objects.select_for_update().get(pk=expediente.pk)
    if expediente.cerrado:
        raise ValidationError("El expediente está cerrado: su índice ya no cambia.")
    if documento is not None:
        if documento.estado in (Documento.Estado.BORRADOR, Documento.Estado.ANULADO):
            raise ValidationError({"documento": ["Un borrador o un documento anulado no se archiva."]})
        otra = Pieza.objects.filter(documento=documento).select_related("expediente").first()
        datos = _datos_de_documento(documento)
    elif acto is not None:
        otra = Pieza.objects.filter(acto=acto).select_related("expediente").first()
        datos = _datos_de_acto(acto)
    if otra is not None:
        raise ValidationError(f"Ya está archivado en el expediente {otra.expediente.codigo}.")
    if paginas is not None:
        if paginas < 1:
            raise ValidationError({"paginas": ["Las páginas son al menos 1."]})
        datos["paginas"] = paginas
    ultima = expediente.piezas.order_by("-orden").first()
    folio = (ultima.folio_final + 1) if ultima else 1
    pieza = Pieza.objects.create(
        expediente=expediente,
        orden=(ultima.orden + 1) if ultima else 1,
        folio_inicial=folio,
        folio_final=folio + datos["paginas"] - 1,
        documento=documento,
        acto=acto,
        archivado_por=por if getattr(por, "pk", None) else None,
        **datos,
    )
    registrar_evento(por=por, accion="archivo.expediente.archivar", objeto=pieza, despues=instantanea(pieza))
    return pieza


def indice(expediente: Expediente) -> list[dict]:
    """El índice electrónico del expediente en orden, como datos (lo que se congela al cerrar)."""
    return [
        {
            "orden": p.orden,
            "folios": [p.folio_inicial, p.folio_final],
            "titulo": p.titulo,
            "fecha": p.fecha.isoformat(),
            "paginas": p.paginas,
            "sha256": p.sha256,
            "documento": p.documento_id,
            "acto": p.acto_id,
        }
        for p in expediente.piezas.order_by("orden")
    ]


def huella_del_indice(expediente: Expediente) -> str:
    """El SHA-256 del índice (JSON canónico): lo que prueba que el índice congelado no cambió."""
    texto = json.dumps(indice(expediente), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(texto.encode()).hexdigest()


@transaction.atomic
def cerrar_expediente(*, expediente: Expediente, por) -> Expediente:
    """Cierra el expediente: desde ahora no se archiva nada en él y su índice queda congelado con su SHA-256.
    Un expediente vacío no se cierra."""
    expediente = Expediente.objects.select_for_update().get(pk=expediente.pk)
    if expediente.cerrado:
        raise ValidationError("El expediente ya está cerrado.")
    if not expediente.piezas.exists():
        raise ValidationError("Un expediente sin documentos no se cierra.")
    campos = ["estado", "cerrado_en", "cerrado_por", "indice_sha256"]
    antes = instantanea(expediente, campos)
    expediente.estado = Expediente.Estado.CERRADO
    expediente.cerrado_en = timezone.now()
    expediente.cerrado_por = por if getattr(por, "pk", None) else None
    expediente.indice_sha256 = huella_del_indice(expediente)
    expediente.save(update_fields=campos)
    registrar_evento(
        por=por,
        accion="archivo.expediente.cerrar",
        objeto=expediente,
        antes=antes,
        despues=instantanea(expediente, campos),
    )
    return expediente


EDITABLES = (*UBICACION, "soporte", "acceso", "fundamento_acceso", "reservado_hasta")


@transaction.atomic
def actualizar_expediente(*, expediente: Expediente, por, **cambios) -> Expediente:
    """Cambia la ubicación física, el soporte o el nivel de acceso de un expediente (también cerrado: las cajas
    se mudan y las reservas vencen). El título, la serie y el índice no cambian. Las mismas reglas de acceso que
    al abrir: un reservado o confidencial con su fundamento; un reservado, con fecha de término futura."""
    cambios = {k: (v.strip() if isinstance(v, str) else v) for k, v in cambios.items()}
    if cambios.get("acceso", expediente.acceso) == Expediente.Acceso.PUBLICO:
        cambios["fundamento_acceso"], cambios["reservado_hasta"] = "", None

    def validar(e: Expediente) -> None:
        errores: dict[str, list[str]] = {}
        if e.soporte not in Expediente.Soporte.values:
            errores["soporte"] = ["Elija el soporte: papel, electrónico o híbrido."]
        _validar_acceso(e.acceso, e.fundamento_acceso, e.reservado_hasta, errores)
        if errores:
            raise ValidationError(errores)

    return actualizar_con_auditoria(
        expediente,
        por=por,
        accion="archivo.expediente.actualizar",
        cambios=cambios,
        editables=EDITABLES,
        validar=validar,
    )
