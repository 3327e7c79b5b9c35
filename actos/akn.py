"""El acto en Akoma Ntoso 3.0 (OASIS LegalDocML), válido contra el esquema oficial estricto.

Estructura: `<act>` con `<meta>` (identificación FRBR de obra, expresión y manifestación con URI de país y
municipio, publicación, ciclo de vida, modificaciones pasivas y referencias), `<preface>` (tipo, número,
título), `<preamble>` (vistos como citas, considerandos como recitales, fórmula), `<body>` (artículos,
agrupados en capítulos si hay títulos; las disposiciones como `hcontainer`) y `<conclusions>` (firmas).

URI de la obra: `/akn/<país>-<sigla>/act/<tipo>/<año>/<número>` (p. ej. `/akn/pe-mdve/act/ordenanza/2026/5`);
de la expresión: `…/spa@<fecha de publicación o de firma>`; de la manifestación: `…/!main.xml`.
Los eId de las partes son los del acto (`art_3`), así la cita `#art_3` vale en la página y en el XML.
"""

from __future__ import annotations

import re

from django.utils import timezone
from lxml import etree

from actos.models import Acto, Parte, Relacion
from actos.selectors.instrumentos import nombre_de_tipo
from actos.services.relaciones import vigencia_calculada
from core.models import Municipio
from core.services.perfiles import valor

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
E = f"{{{NS}}}"
DISPOSICIONES = {
    Parte.Tipo.TRANSITORIA: "disposicionTransitoria",
    Parte.Tipo.COMPLEMENTARIA: "disposicionComplementaria",
    Parte.Tipo.FINAL: "disposicionFinal",
    Parte.Tipo.DEROGATORIA: "disposicionDerogatoria",
}
MODIFICACIONES = {
    Relacion.Tipo.MODIFICA: "substitution",
    Relacion.Tipo.DEROGA: "repeal",
    Relacion.Tipo.DEROGA_PARCIAL: "repeal",
    Relacion.Tipo.FE_DE_ERRATAS: "substitution",
}


def _el(padre, nombre: str, texto: str | None = None, **atributos) -> etree._Element:
    nodo = etree.SubElement(padre, E + nombre, {k.rstrip("_"): str(v) for k, v in atributos.items()})
    if texto is not None:
        nodo.text = texto
    return nodo


def _parrafos(padre, texto: str) -> None:
    lineas = [x.strip() for x in (texto or "").splitlines() if x.strip()] or [""]
    for linea in lineas:
        _el(padre, "p", linea)


def _slug(texto: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (texto or "").lower()).strip("-") or "x"


def uri_obra(acto: Acto, municipio=None) -> str:
    municipio = municipio or Municipio.objects.actual()
    pais = (municipio.perfil if municipio else "pe").split("-")[0].lower()
    sigla = _slug(municipio.sigla) if municipio else "municipio"
    tipo = _slug(acto.tipo).replace("-", "_")
    if acto.numero:
        return f"/akn/{pais}-{sigla}/act/{tipo}/{acto.anio}/{acto.numero}"
    return f"/akn/{pais}-{sigla}/act/{tipo}/{timezone.localdate(acto.creado).year}/proyecto-{acto.pk}"


def akn_de_acto(acto: Acto) -> bytes:
    """El XML Akoma Ntoso 3.0 del acto (bytes UTF-8 con declaración XML)."""
    municipio = Municipio.objects.actual()
    pais = (municipio.perfil if municipio else "PE").split("-")[0].lower()
    partes = list(acto.partes.order_by("orden"))
    nombre_tipo = nombre_de_tipo(acto.tipo)
    fecha_obra = timezone.localdate(acto.firmado_en) if acto.firmado_en else timezone.localdate(acto.creado)
    fecha_expresion = acto.publicado_en or fecha_obra
    obra = uri_obra(acto, municipio)
    expresion = f"{obra}/spa@{fecha_expresion.isoformat()}"
    autor = "#concejo" if acto.organo == Acto.Organo.CONCEJO else "#alcalde"

    raiz = etree.Element(E + "akomaNtoso", nsmap={None: NS})
    documento = _el(
        raiz,
        "act",
        name=_slug(acto.tipo).replace("-", "_"),
        contains="originalVersion"
        if vigencia_calculada(acto) != Acto.Vigencia.MODIFICADO
        else "singleVersion",
    )

    # --- meta ---
    meta = _el(documento, "meta")
    identificacion = _el(meta, "identification", source="#secretaria")
    w = _el(identificacion, "FRBRWork")
    _el(w, "FRBRthis", value=f"{obra}/!main")
    _el(w, "FRBRuri", value=obra)
    _el(w, "FRBRdate", date=fecha_obra.isoformat(), name="firma" if acto.firmado_en else "creacion")
    _el(w, "FRBRauthor", href=autor)
    _el(w, "FRBRcountry", value=pais)
    _el(w, "FRBRsubtype", value=_slug(acto.tipo).replace("-", "_"))
    _el(w, "FRBRnumber", value=str(acto.numero) if acto.numero else f"proyecto-{acto.pk}")
    _el(w, "FRBRname", value=acto.numero_texto or f"Proyecto de {nombre_tipo.lower()}")
    _el(w, "FRBRprescriptive", value="true")
    x = _el(identificacion, "FRBRExpression")
    _el(x, "FRBRthis", value=f"{expresion}/!main")
    _el(x, "FRBRuri", value=expresion)
    _el(x, "FRBRdate", date=fecha_expresion.isoformat(), name="publicacion" if acto.publicado_en else "firma")
    _el(x, "FRBRauthor", href=autor)
    _el(x, "FRBRlanguage", language="spa")
    m = _el(identificacion, "FRBRManifestation")
    _el(m, "FRBRthis", value=f"{expresion}/!main.xml")
    _el(m, "FRBRuri", value=f"{expresion}.akn")
    _el(m, "FRBRdate", date=timezone.localdate().isoformat(), name="transformacion")
    _el(m, "FRBRauthor", href="#secretaria")
    _el(m, "FRBRformat", value="application/akn+xml")

    if acto.publicado_en:
        _el(
            meta,
            "publication",
            date=acto.publicado_en.isoformat(),
            name=_slug(acto.medio_publicacion),
            showAs=acto.medio_publicacion,
        )

    eventos = []
    if acto.firmado_en:
        eventos.append((fecha_obra, "firma", "generation"))
    if acto.publicado_en:
        eventos.append((acto.publicado_en, "publicacion", "generation" if not eventos else "amendment"))
    entrantes = list(
        Relacion.objects.filter(destino=acto, origen__estado=Acto.Estado.PUBLICADO)
        .select_related("origen")
        .order_by("origen__publicado_en", "pk")
    )
    for r in entrantes:
        if r.tipo in MODIFICACIONES:
            eventos.append(
                (
                    r.origen.publicado_en,
                    f"rel_{r.pk}",
                    "repeal" if r.tipo == Relacion.Tipo.DEROGA else "amendment",
                )
            )
    if eventos:
        ciclo = _el(meta, "lifecycle", source="#secretaria")
        for fecha, nombre, tipo in eventos:
            _el(
                ciclo,
                "eventRef",
                date=fecha.isoformat(),
                eId=f"e_{nombre}",
                source=f"#ref_{nombre}",
                type=tipo,
            )

    modificaciones = [r for r in entrantes if r.tipo in MODIFICACIONES]
    if modificaciones:
        analisis = _el(meta, "analysis", source="#secretaria")
        pasivas = _el(analisis, "passiveModifications")
        for r in modificaciones:
            mod = _el(pasivas, "textualMod", type=MODIFICACIONES[r.tipo], eId=f"pmod_{r.pk}")
            _el(mod, "source", href=f"#ref_rel_{r.pk}")
            destinos = [e.strip() for e in r.partes.split(",") if e.strip()] or [""]
            for eid in destinos:
                _el(mod, "destination", href=f"#{eid}" if eid else "#")

    referencias = _el(meta, "references", source="#secretaria")
    if acto.firmado_en:
        _el(referencias, "original", eId="ref_firma", href=f"{obra}/!main", showAs=acto.numero_texto)
    if acto.publicado_en:
        _el(
            referencias,
            "passiveRef",
            eId="ref_publicacion",
            href=f"{expresion}/!main",
            showAs=acto.medio_publicacion,
        )
    for r in entrantes:
        _el(
            referencias,
            "passiveRef",
            eId=f"ref_rel_{r.pk}",
            href=uri_obra(r.origen, municipio),
            showAs=r.origen.numero_texto,
        )
    organizacion = f"/akn/ontology/organization/{pais}/{_slug(municipio.sigla) if municipio else 'municipio'}"
    _el(
        referencias,
        "TLCOrganization",
        eId="secretaria",
        href=f"{organizacion}.secretaria-general",
        showAs="Secretaría General",
    )
    _el(
        referencias,
        "TLCOrganization",
        eId="concejo",
        href=f"{organizacion}.concejo",
        showAs=str(valor("vocabulario.concejo")),
    )
    _el(
        referencias,
        "TLCRole",
        eId="alcalde",
        href=f"/akn/ontology/role/{pais}/alcalde",
        showAs=str(valor("vocabulario.alcalde")).capitalize(),
    )
    _el(
        referencias,
        "TLCRole",
        eId="secretario",
        href=f"/akn/ontology/role/{pais}/secretario-general",
        showAs="Secretario General",
    )

    # --- preface ---
    prefacio = _el(documento, "preface")
    p = _el(prefacio, "p", class_="title")
    _el(p, "docType", nombre_tipo)
    p2 = _el(prefacio, "p", class_="number")
    _el(p2, "docNumber", acto.numero_texto or "Proyecto")
    if acto.firmado_en:
        p3 = _el(prefacio, "p", class_="date")
        _el(p3, "docDate", f"{fecha_obra:%d/%m/%Y}", date=fecha_obra.isoformat())
    p4 = _el(prefacio, "p", class_="title")
    _el(p4, "docTitle", acto.titulo)

    # --- preamble ---
    vistos = [p for p in partes if p.tipo == Parte.Tipo.VISTO]
    considerandos = [p for p in partes if p.tipo == Parte.Tipo.CONSIDERANDO]
    formulas = [p for p in partes if p.tipo == Parte.Tipo.FORMULA]
    if vistos or considerandos or formulas:
        preambulo = _el(documento, "preamble")
        if vistos:
            citas = _el(preambulo, "citations", eId="citations")
            for v in vistos:
                _parrafos(_el(citas, "citation", eId=v.eid), v.texto)
        if considerandos:
            recitales = _el(preambulo, "recitals", eId="recitals")
            intro = _el(recitales, "intro")
            _el(intro, "p", "CONSIDERANDO:")
            for c in considerandos:
                _parrafos(_el(recitales, "recital", eId=c.eid), c.texto)
        for f in formulas:
            _parrafos(_el(preambulo, "formula", name="enactingFormula", eId=f.eid), f.texto)

    # --- body ---
    cuerpo = _el(documento, "body")
    capitulo = None
    hay_cuerpo = False
    for parte in partes:
        if parte.tipo in (Parte.Tipo.VISTO, Parte.Tipo.CONSIDERANDO, Parte.Tipo.FORMULA):
            continue
        hay_cuerpo = True
        if parte.tipo == Parte.Tipo.TITULO:
            capitulo = _el(cuerpo, "chapter", eId=parte.eid.replace("tit_", "chp_"))
            _el(capitulo, "num", parte.numero)
            _el(capitulo, "heading", parte.texto.strip().splitlines()[0] if parte.texto.strip() else "")
            continue
        if parte.tipo == Parte.Tipo.ARTICULO:
            padre = capitulo if capitulo is not None else cuerpo
            articulo = _el(padre, "article", eId=parte.eid)
            _el(articulo, "num", f"Artículo {parte.numero}.")
            if parte.epigrafe:
                _el(articulo, "heading", parte.epigrafe)
            _parrafos(_el(articulo, "content"), parte.texto)
            continue
        capitulo = None
        contenedor = _el(cuerpo, "hcontainer", eId=parte.eid, name=DISPOSICIONES[parte.tipo])
        _el(contenedor, "num", parte.numero)
        if parte.epigrafe:
            _el(contenedor, "heading", parte.epigrafe)
        _parrafos(_el(contenedor, "content"), parte.texto)
    if not hay_cuerpo:
        # El esquema exige contenido en el cuerpo: un proyecto aún sin artículos lo dice.
        vacio = _el(cuerpo, "hcontainer", eId="hcontainer_1", name="sinTexto")
        _parrafos(_el(vacio, "content"), "Proyecto sin artículos redactados.")

    # --- conclusions ---
    if acto.firmante or acto.refrendado_por_id:
        conclusiones = _el(documento, "conclusions")
        if acto.firmante:
            nombre, _sep, cargo = acto.firmante.rpartition(", ")
            firma = _el(_el(conclusiones, "p"), "signature")
            _el(firma, "person", nombre or cargo, refersTo="#alcalde")
            if nombre:
                _el(firma, "role", cargo, refersTo="#alcalde")
        if acto.refrendado_por_id:
            secretario = acto.refrendado_por.get_full_name() or acto.refrendado_por.username
            firma = _el(_el(conclusiones, "p"), "signature")
            _el(firma, "person", secretario, refersTo="#secretario")
            rol = "Secretario General (da fe)"
            if acto.por_encargo_de_id:
                titular = acto.por_encargo_de.get_full_name() or acto.por_encargo_de.username
                rol += f", por encargo de {titular}"
            _el(firma, "role", rol, refersTo="#secretario")

    return etree.tostring(raiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)
