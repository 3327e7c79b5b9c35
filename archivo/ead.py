"""El cuadro de clasificación con sus expedientes en EAD3 (Encoded Archival Description 3, Society of American
Archivists), el formato de intercambio de descripciones archivísticas (AtoM, ArchivesSpace).

Correspondencia con ISAD(G): el fondo es `archdesc level="fonds"`; la sección y la subsección, `c
level="subfonds"`; la serie y la subserie, `series` y `subseries`; el expediente, `file`. La retención va en
`appraisal` y la reserva en `accessrestrict`. Se exporta solo lo que quien pide puede ver (un expediente
reservado no aparece para quien no tiene acceso). Las pruebas validan el resultado contra
`../shared/standards/ead3/ead3.xsd`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from django.db.models import Count, Max, Min, QuerySet, Sum
from django.utils import timezone

from archivo.models import Expediente, NodoCuadro
from archivo.selectors.cuadro import vigentes_por_nodo
from archivo.selectors.perfil import etapas, instrumento
from core.models import Municipio

NS = "http://ead3.archivists.org/schema/"
NIVEL_EAD = {
    NodoCuadro.Nivel.FONDO: "fonds",
    NodoCuadro.Nivel.SECCION: "subfonds",
    NodoCuadro.Nivel.SUBSECCION: "subfonds",
    NodoCuadro.Nivel.SERIE: "series",
    NodoCuadro.Nivel.SUBSERIE: "subseries",
}


def _e(padre: ET.Element, etiqueta: str, texto: str | None = None, **atributos: str) -> ET.Element:
    hijo = ET.SubElement(padre, f"{{{NS}}}{etiqueta}", {k: v for k, v in atributos.items() if v is not None})
    if texto is not None:
        hijo.text = texto
    return hijo


def _parrafo(padre: ET.Element, etiqueta: str, texto: str, **atributos: str) -> None:
    _p = _e(padre, etiqueta, **atributos)
    _e(_p, "p", texto)


def _retencion(retencion, nombres: dict[str, str], sigla: str) -> str:
    plazos = "; ".join(f"{nombres.get(k, k)}: {v} años" for k, v in retencion.plazos.items())
    texto = (
        f"{sigla} versión {retencion.version}, vigente desde el {retencion.vigente_desde:%d/%m/%Y}. {plazos}. "
        f"Disposición final: {retencion.get_disposicion_display().lower()}."
    )
    return f"{texto} Base legal: {retencion.base_legal}." if retencion.base_legal else texto


def _expediente(padre: ET.Element, exp: Expediente, nombres: dict[str, str]) -> None:
    c = _e(padre, "c", level="file", id=f"exp-{exp.pk}")
    did = _e(c, "did")
    _e(did, "unitid", exp.codigo)
    _e(did, "unittitle", exp.titulo)
    desde, hasta = getattr(exp, "fecha_desde", None), getattr(exp, "fecha_hasta", None)
    desde, hasta = desde or exp.abierto_en, hasta or desde or exp.abierto_en
    _e(
        did,
        "unitdate",
        f"{desde:%d/%m/%Y} – {hasta:%d/%m/%Y}",
        normal=f"{desde.isoformat()}/{hasta.isoformat()}",
        unitdatetype="inclusive",
    )
    folios = getattr(exp, "total_folios", None) or 0
    fisica = _e(did, "physdescstructured", coverage="whole", physdescstructuredtype="materialtype")
    _e(fisica, "quantity", str(folios))
    _e(fisica, "unittype", "folios")
    _e(did, "physdesc", f"Soporte: {exp.get_soporte_display().lower()}.")
    if exp.ubicacion:
        _e(did, "physloc", exp.ubicacion)
    _e(did, "origination").append(_nombre_corporativo(exp.unidad.nombre))
    if exp.restringido:
        hasta_txt = f" hasta el {exp.reservado_hasta:%d/%m/%Y}" if exp.reservado_hasta else ""
        _parrafo(
            c,
            "accessrestrict",
            f"{exp.get_acceso_display()}{hasta_txt}. Fundamento: {exp.fundamento_acceso}.",
        )
    else:
        _parrafo(c, "accessrestrict", "Público.")
    estado = f"{exp.get_estado_display()}; etapa: {nombres.get(exp.etapa, exp.etapa)}."
    if exp.indice_sha256:
        estado += f" SHA-256 del índice electrónico: {exp.indice_sha256}."
    _parrafo(c, "processinfo", estado)


def _nombre_corporativo(nombre: str) -> ET.Element:
    corp = ET.Element(f"{{{NS}}}corpname")
    _e(corp, "part", nombre)
    return corp


def _anotar(expedientes: QuerySet[Expediente]) -> QuerySet[Expediente]:
    return expedientes.select_related("unidad").annotate(
        fecha_desde=Min("piezas__fecha"),
        fecha_hasta=Max("piezas__fecha"),
        total_folios=Max("piezas__folio_final"),
        n_piezas=Count("piezas"),
        total_paginas=Sum("piezas__paginas"),
    )


def ead3(expedientes: QuerySet[Expediente], municipio: Municipio | None = None) -> bytes:
    """El EAD3 (bytes UTF-8) del cuadro entero con los `expedientes` dados (los que quien pide puede ver)."""
    ET.register_namespace("", NS)
    municipio = municipio or Municipio.objects.order_by("pk").first()
    nombre_municipio = municipio.nombre if municipio else "Municipio"
    inst = instrumento()
    nombres = {e.clave: e.nombre for e in etapas()}
    nodos = list(NodoCuadro.objects.select_related("unidad").order_by("codigo"))
    hijos: dict[int | None, list[NodoCuadro]] = {}
    for n in nodos:
        hijos.setdefault(n.padre_id, []).append(n)
    por_nodo: dict[int, list[Expediente]] = {}
    for exp in _anotar(expedientes).order_by("codigo"):
        por_nodo.setdefault(exp.nodo_id, []).append(exp)
    vigentes = vigentes_por_nodo()

    raiz = ET.Element(f"{{{NS}}}ead")
    control = _e(raiz, "control")
    sigla = municipio.sigla if municipio else "MUN"
    _e(control, "recordid", f"{sigla}-cuadro-de-clasificacion")
    titulo = _e(_e(control, "filedesc"), "titlestmt")
    _e(titulo, "titleproper", f"Cuadro de clasificación documental y {inst['nombre']} — {nombre_municipio}")
    _e(control, "maintenancestatus", value="derived")
    _e(_e(control, "maintenanceagency"), "agencyname", nombre_municipio)
    idioma = _e(control, "languagedeclaration")
    _e(idioma, "language", "español", langcode="spa")
    _e(idioma, "script", "latino", scriptcode="Latn")
    evento = _e(_e(control, "maintenancehistory"), "maintenanceevent")
    _e(evento, "eventtype", value="derived")
    ahora = timezone.localtime()
    _e(
        evento,
        "eventdatetime",
        f"{ahora:%d/%m/%Y %H:%M}",
        standarddatetime=ahora.isoformat(timespec="seconds"),
    )
    _e(evento, "agenttype", value="machine")
    _e(evento, "agent", "Secretaría (exportación EAD3 del archivo)")

    fondos = hijos.get(None, [])
    unico = fondos[0] if len(fondos) == 1 else None
    archdesc = _e(raiz, "archdesc", level="fonds" if unico else "recordgrp")
    did = _e(archdesc, "did")
    _e(did, "unitid", unico.codigo if unico else sigla)
    _e(did, "unittitle", unico.nombre if unico else nombre_municipio)
    _e(did, "origination").append(_nombre_corporativo(nombre_municipio))
    dsc = _e(archdesc, "dsc")

    def describir(padre: ET.Element, lista: Iterable[NodoCuadro]) -> None:
        for nodo in lista:
            c = _e(padre, "c", level=NIVEL_EAD[NodoCuadro.Nivel(nodo.nivel)], id=f"cuadro-{nodo.pk}")
            d = _e(c, "did")
            _e(d, "unitid", nodo.codigo)
            _e(d, "unittitle", nodo.nombre)
            if nodo.unidad:
                _e(d, "origination").append(_nombre_corporativo(nodo.unidad.nombre))
            if nodo.descripcion:
                _parrafo(c, "scopecontent", nodo.descripcion)
            if (r := vigentes.get(nodo.pk)) is not None:
                _parrafo(c, "appraisal", _retencion(r, nombres, inst["sigla"] or inst["nombre"]))
            describir(c, hijos.get(nodo.pk, []))
            for exp in por_nodo.get(nodo.pk, []):
                _expediente(c, exp, nombres)

    describir(dsc, hijos.get(unico.pk, []) if unico else fondos)
    ET.indent(raiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        raiz, encoding="utf-8", xml_declaration=False
    )


DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"


def dublin_core(exp: Expediente) -> bytes:
    """Un expediente en Dublin Core simple (`oai_dc:dc`, los 15 elementos de DCMES 1.1 que aplican)."""
    ET.register_namespace("oai_dc", OAI_DC)
    ET.register_namespace("dc", DC)
    anotado = _anotar(Expediente.objects.filter(pk=exp.pk)).select_related("nodo").get()
    raiz = ET.Element(f"{{{OAI_DC}}}dc")

    def dc(nombre: str, texto: str) -> None:
        ET.SubElement(raiz, f"{{{DC}}}{nombre}").text = texto

    municipio = Municipio.objects.order_by("pk").first()
    dc("identifier", anotado.codigo)
    dc("title", anotado.titulo)
    dc("creator", anotado.unidad.nombre)
    if municipio:
        dc("publisher", municipio.nombre)
    dc("subject", f"{anotado.nodo.codigo} {anotado.nodo.nombre}")
    desde = getattr(anotado, "fecha_desde", None) or anotado.abierto_en
    hasta = getattr(anotado, "fecha_hasta", None) or desde
    dc("date", f"{desde.isoformat()}/{hasta.isoformat()}")
    dc("type", "Expediente")
    dc("format", f"{anotado.get_soporte_display()}; {getattr(anotado, 'total_folios', None) or 0} folios")
    dc("language", "spa")
    dc(
        "rights",
        anotado.get_acceso_display() + (f": {anotado.fundamento_acceso}" if anotado.restringido else ""),
    )
    if anotado.ubicacion:
        dc("coverage", anotado.ubicacion)
    ET.indent(raiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        raiz, encoding="utf-8", xml_declaration=False
    )
