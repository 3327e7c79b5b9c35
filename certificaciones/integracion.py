"""Lo que el área certificaciones registra en el núcleo: menú, permisos de los roles, acceso a archivos,
fuentes certificables y demo.

Se importa desde `apps.ready()`.
"""

from core import roles
from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar
from core.permissions import registrar_acceso_archivo

from certificaciones import permissions as acceso
from certificaciones.fuentes import Fuente, registrar_fuente

PDF = "application/pdf"

# --- Permisos de los roles ---
roles.registrar_permisos(roles.SECRETARIO, acceso.CONFIGURAR, acceso.GESTIONAR, acceso.VER, acceso.CERTIFICAR_TITULAR)
roles.registrar_permisos(roles.PROSECRETARIO, acceso.GESTIONAR, acceso.VER, acceso.CERTIFICAR_POR_ENCARGO)
roles.registrar_permisos(roles.MESA, acceso.GESTIONAR, acceso.VER)


# --- Menú ---
for entrada in [
    Entrada("Certificaciones", "Solicitudes", "certificaciones:solicitudes", orden=60, visible=acceso.en_menu),
    Entrada("Certificaciones", "Nueva solicitud", "certificaciones:solicitud-crear", acceso.GESTIONAR, 61),
    Entrada("Certificaciones", "Registro de certificaciones", "certificaciones:registro", orden=62,
            visible=acceso.en_menu),
    Entrada("Certificaciones", "Fedatarios", "certificaciones:fedatarios", acceso.CONFIGURAR, 68),
    Entrada("Certificaciones", "Tarifas", "certificaciones:tarifas", acceso.CONFIGURAR, 69),
]:
    registrar(entrada)


# --- Acceso a archivos ---
@registrar_acceso_archivo
def _quien_ve_el_certificado_ve_su_pdf_y_su_original(usuario, archivo) -> bool:
    if acceso.certificados_visibles(usuario).filter(pdf=archivo.pk).exists():
        return True
    return acceso.solicitudes_visibles(usuario).filter(fuente_clave="archivo", fuente_id=str(archivo.pk)).exists()


# --- Fuentes certificables (el concejo y actos registrarán las suyas) ---
def _leer(archivo) -> bytes:
    with archivo.archivo.open("rb") as f:
        return f.read()


def _archivo_visible(usuario, archivo) -> bool:
    from django.http import Http404

    from core.permissions import obtener_archivo

    if archivo.tipo_mime != PDF:
        return False
    try:
        obtener_archivo(usuario, archivo.pk)
    except Http404:
        return False
    return True


def _documento_visible(usuario, documento_id) -> bool:
    from registro.permissions import documentos_visibles

    return documentos_visibles(usuario).filter(pk=documento_id).exists()


def _adjuntos_pdf(documento):
    return documento.adjuntos.filter(archivo__tipo_mime=PDF).select_related("archivo", "documento")


def _emitido_pdf(documento):
    from registro.models import Documento

    if documento.pdf_id and documento.estado != Documento.Estado.BORRADOR:
        return [documento]
    return []


_TODOS = ("copia", "acta", "acuerdo", "ordenanza", "extracto")

registrar_fuente(Fuente(
    clave="archivo", nombre="PDF del archivo (subido en ventanilla)", modelo="core.Archivo", tipos=_TODOS,
    pdf=_leer, sha256=lambda a: a.sha256, descripcion=lambda a: a.nombre_original, visible=_archivo_visible,
))
registrar_fuente(Fuente(
    clave="registro.adjunto", nombre="Adjunto de un documento del registro", modelo="registro.Adjunto", tipos=_TODOS,
    pdf=lambda adj: _leer(adj.archivo), sha256=lambda adj: adj.archivo.sha256,
    descripcion=lambda adj: f"{adj.descripcion or adj.archivo.nombre_original} ({adj.documento.numero_texto or adj.documento.codigo_seguimiento})",
    visible=lambda usuario, adj: adj.archivo.tipo_mime == PDF and _documento_visible(usuario, adj.documento_id),
    de_documento=_adjuntos_pdf,
))
registrar_fuente(Fuente(
    clave="registro.documento", nombre="Documento emitido", modelo="registro.Documento", tipos=_TODOS,
    pdf=lambda doc: _leer(doc.pdf), sha256=lambda doc: doc.pdf.sha256,
    descripcion=lambda doc: f"{doc.numero_texto} — {doc.asunto[:80]}",
    visible=lambda usuario, doc: bool(_emitido_pdf(doc)) and _documento_visible(usuario, doc.pk),
    de_documento=_emitido_pdf,
))


# --- Demostración (después del registro: certifica sus documentos) ---
def _cargar_demo(municipio):
    from certificaciones.demo import cargar

    cargar(municipio)


registrar_cargador(60, _cargar_demo)
