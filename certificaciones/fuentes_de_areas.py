"""Lo que se certifica de las áreas de abajo: el PDF subido en ventanilla (núcleo), los adjuntos y los
documentos emitidos del registro, las actas del concejo y los actos con sus artículos.

Están aquí y no en cada área: qué se certifica y cómo (tipos, descripción en la hoja, transcripción del
extracto) es conocimiento de certificaciones, que está encima de esas áreas en las capas
(docs/desarrollo.md, «Capas»); ellas no saben que se las certifica. `CertificacionesConfig.ready()`
inscribe `FUENTES` en el registro de `certificaciones.fuentes`; un área que llegue encima de
certificaciones inscribe las suyas desde su propio `apps.py`.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils import timezone

from actos.models import Acto, Parte
from actos.permissions import actos_visibles
from certificaciones.fuentes import Fuente
from concejo.models import Acta
from concejo.permissions import VER_CONCEJO, actas_publicas, sesiones_publicas, sesiones_visibles
from concejo.services.actas import ESTADOS_CON_ACTA
from core.permissions import obtener_archivo
from registro.models import Documento
from registro.permissions import documentos_visibles

PDF = "application/pdf"
_TODOS = ("copia", "acta", "acuerdo", "ordenanza", "extracto")


def _leer(archivo) -> bytes:
    with archivo.archivo.open("rb") as f:
        return f.read()


def _pdf_guardado(archivo) -> bytes:
    if archivo is None:
        raise ObjectDoesNotExist("El original no tiene PDF firmado.")
    return _leer(archivo)


# --- El núcleo y el registro: PDF de ventanilla, adjuntos y documentos emitidos ---
def _archivo_visible(usuario, archivo) -> bool:
    if archivo.tipo_mime != PDF:
        return False
    try:
        obtener_archivo(usuario, archivo.pk)
    except Http404:
        return False
    return True


def _documento_visible(usuario, documento_id) -> bool:
    return documentos_visibles(usuario).filter(pk=documento_id).exists()


def _adjuntos_pdf(documento):
    return documento.adjuntos.filter(archivo__tipo_mime=PDF).select_related("archivo", "documento")


def _emitido_pdf(documento):
    if documento.pdf_id and documento.estado != Documento.Estado.BORRADOR:
        return [documento]
    return []


# --- El concejo: actas firmadas o publicadas ---
def _acta_visible(usuario, acta) -> bool:
    """Firmada o publicada, con su PDF, y que `usuario` la vea en el concejo: quien ve el concejo, en su
    página interna (la sesión visible); cualquier otro, solo si está en las páginas públicas."""
    if acta.estado not in (Acta.Estado.FIRMADA, Acta.Estado.PUBLICADA) or not acta.archivo_id:
        return False
    if usuario.is_authenticated and usuario.has_perm(VER_CONCEJO):
        return sesiones_visibles(usuario).filter(pk=acta.sesion_id).exists()
    return (
        actas_publicas()
        .filter(pk=acta.pk, sesion__in=sesiones_publicas().filter(estado__in=ESTADOS_CON_ACTA))
        .exists()
    )


def _acta_descripcion(acta) -> str:
    sesion = acta.sesion
    return (
        f"Acta de la sesión {sesion.tipo} Nº {sesion.numero}-{sesion.anio} del {sesion.organo.nombre}, "
        f"del {timezone.localtime(sesion.fecha):%d/%m/%Y}"
    )


# --- Actos: el acto firmado o publicado y sus artículos ---
def _acto_firmado(acto) -> bool:
    return acto.estado in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO) and bool(acto.archivo_id)


def _acto_visible(usuario, acto) -> bool:
    return _acto_firmado(acto) and actos_visibles(usuario).filter(pk=acto.pk).exists()


# El tipo de certificación según el tipo de acto (clave del perfil): la ordenanza y el acuerdo tienen el
# suyo; los demás (resoluciones, decretos, bandos, reglamentos…) se certifican como copia del documento.
_TIPO_DE_ACTO = {"ordenanza": "ordenanza", "acuerdo": "acuerdo"}


def _acto_tipos(acto) -> tuple[str, ...]:
    return (_TIPO_DE_ACTO.get(acto.tipo, "copia"), "extracto")


def _parte_certificable(parte) -> bool:
    return parte.tipo in (
        Parte.Tipo.ARTICULO,
        Parte.Tipo.TRANSITORIA,
        Parte.Tipo.COMPLEMENTARIA,
        Parte.Tipo.FINAL,
        Parte.Tipo.DEROGATORIA,
    )


def _parte_nombre(parte) -> str:
    if parte.tipo == Parte.Tipo.ARTICULO:
        return f"Artículo {parte.numero}".strip()
    return f"Disposición {parte.get_tipo_display().split()[-1].lower()} {parte.numero}".strip()


def _parte_transcripcion(parte) -> str:
    """Como lo imprime el acto: «Artículo 2. Epígrafe. Texto…»."""
    rotulo = f"{_parte_nombre(parte)}." if parte.tipo == "articulo" else f"{parte.numero}."
    if parte.epigrafe:
        rotulo = f"{rotulo} {parte.epigrafe}."
    return f"{rotulo} {parte.texto.strip()}".strip()


# En este orden las ofrece la página de un documento del registro.
FUENTES = (
    Fuente(
        clave="archivo",
        nombre="PDF del archivo (subido en ventanilla)",
        modelo="core.Archivo",
        tipos=_TODOS,
        pdf=_leer,
        sha256=lambda a: a.sha256,
        descripcion=lambda a: a.nombre_original,
        visible=_archivo_visible,
    ),
    Fuente(
        clave="registro.adjunto",
        nombre="Adjunto de un documento del registro",
        modelo="registro.Adjunto",
        tipos=_TODOS,
        pdf=lambda adj: _leer(adj.archivo),
        sha256=lambda adj: adj.archivo.sha256,
        descripcion=lambda adj: (
            f"{adj.descripcion or adj.archivo.nombre_original} ({adj.documento.numero_texto or adj.documento.codigo_seguimiento})"
        ),
        visible=lambda usuario, adj: (
            adj.archivo.tipo_mime == PDF and _documento_visible(usuario, adj.documento_id)
        ),
        de_documento=_adjuntos_pdf,
    ),
    Fuente(
        clave="registro.documento",
        nombre="Documento emitido",
        modelo="registro.Documento",
        tipos=_TODOS,
        pdf=lambda doc: _leer(doc.pdf),
        sha256=lambda doc: doc.pdf.sha256,
        descripcion=lambda doc: f"{doc.numero_texto} — {doc.asunto[:80]}",
        visible=lambda usuario, doc: bool(_emitido_pdf(doc)) and _documento_visible(usuario, doc.pk),
        de_documento=_emitido_pdf,
    ),
    Fuente(
        clave="concejo.acta",
        nombre="Acta del concejo",
        modelo="concejo.Acta",
        tipos=("acta", "extracto"),
        pdf=lambda acta: _pdf_guardado(acta.archivo),
        sha256=lambda acta: acta.sha256,
        descripcion=_acta_descripcion,
        visible=_acta_visible,
    ),
    Fuente(
        clave="actos.acto",
        nombre="Acto (ordenanza, acuerdo, resolución…)",
        modelo="actos.Acto",
        tipos=("ordenanza", "acuerdo", "copia", "extracto"),
        tipos_de=_acto_tipos,
        pdf=lambda acto: _pdf_guardado(acto.archivo),
        sha256=lambda acto: acto.sha256,
        descripcion=lambda acto: f"{acto.numero_texto} — {acto.titulo[:120]}",
        visible=_acto_visible,
    ),
    Fuente(
        clave="actos.parte",
        nombre="Artículo de un acto (extracto)",
        modelo="actos.Parte",
        tipos=("extracto",),
        pdf=lambda parte: _pdf_guardado(parte.acto.archivo),
        sha256=lambda parte: parte.acto.sha256,
        descripcion=lambda parte: f"{_parte_nombre(parte)} de {parte.acto.numero_texto}",
        visible=lambda usuario, parte: _parte_certificable(parte) and _acto_visible(usuario, parte.acto),
        transcripcion=_parte_transcripcion,
    ),
)
