"""Lo que el área certificaciones registra en el núcleo: menú, permisos de los roles, acceso a archivos,
fuentes certificables y demo.

Se importa desde `apps.ready()`.
"""

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from certificaciones import permissions as acceso
from certificaciones.fuentes import Fuente, registrar_fuente
from core import roles
from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar
from core.permissions import registrar_acceso_archivo

PDF = "application/pdf"

# --- Permisos de los roles ---
roles.registrar_permisos(
    roles.SECRETARIO, acceso.CONFIGURAR, acceso.GESTIONAR, acceso.VER, acceso.CERTIFICAR_TITULAR
)
roles.registrar_permisos(roles.PROSECRETARIO, acceso.GESTIONAR, acceso.VER, acceso.CERTIFICAR_POR_ENCARGO)
roles.registrar_permisos(roles.MESA, acceso.GESTIONAR, acceso.VER)


# --- Menú ---
for entrada in [
    Entrada(
        "Certificaciones", "Solicitudes", "certificaciones:solicitudes", orden=60, visible=acceso.en_menu
    ),
    Entrada("Certificaciones", "Nueva solicitud", "certificaciones:solicitud-crear", acceso.GESTIONAR, 61),
    Entrada(
        "Certificaciones",
        "Registro de certificaciones",
        "certificaciones:registro",
        orden=62,
        visible=acceso.en_menu,
    ),
    Entrada("Certificaciones", "Fedatarios", "certificaciones:fedatarios", acceso.CONFIGURAR, 68),
    Entrada("Certificaciones", "Tarifas", "certificaciones:tarifas", acceso.CONFIGURAR, 69),
]:
    registrar(entrada)


# --- Acceso a archivos ---
@registrar_acceso_archivo
def _quien_ve_el_certificado_ve_su_pdf_y_su_original(usuario, archivo) -> bool:
    if acceso.certificados_visibles(usuario).filter(pdf=archivo.pk).exists():
        return True
    return (
        acceso.solicitudes_visibles(usuario)
        .filter(fuente_clave="archivo", fuente_id=str(archivo.pk))
        .exists()
    )


# --- Fuentes certificables del registro y de ventanilla ---
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

registrar_fuente(
    Fuente(
        clave="archivo",
        nombre="PDF del archivo (subido en ventanilla)",
        modelo="core.Archivo",
        tipos=_TODOS,
        pdf=_leer,
        sha256=lambda a: a.sha256,
        descripcion=lambda a: a.nombre_original,
        visible=_archivo_visible,
    )
)
registrar_fuente(
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
    )
)
registrar_fuente(
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
    )
)


# --- Fuentes de otras áreas: actas del concejo, actos y sus artículos ---
# Se registran aquí y no en concejo/ ni en actos/: el conocimiento de qué se certifica y cómo (tipos,
# descripción en la hoja, transcripción del extracto) es de certificaciones, y así el concejo y actos no
# importan certificaciones (ni dependen de que esté instalada). Esta área tampoco los importa al cargar
# el módulo: cada fuente se registra solo si su app está instalada (`apps.is_installed`) y todo lo del
# concejo o de actos se importa dentro de las funciones (ARCHITECTURE: dos apps de dominio no se importan
# en el nivel del módulo). El modelo se nombra con "app.Modelo" y se resuelve al usarse, así que no
# importa el orden de INSTALLED_APPS (actos va después de certificaciones).
def _pdf_guardado(archivo) -> bytes:
    if archivo is None:
        raise ObjectDoesNotExist("El original no tiene PDF firmado.")
    return _leer(archivo)


def _acta_visible(usuario, acta) -> bool:
    """Firmada o publicada, con su PDF, y que `usuario` la vea en el concejo: quien ve el concejo, en su
    página interna (la sesión visible); cualquier otro, solo si está en las páginas públicas."""
    from concejo.integracion import VER_CONCEJO
    from concejo.models import Acta
    from concejo.permissions import actas_publicas, sesiones_publicas, sesiones_visibles
    from concejo.services.actas import ESTADOS_CON_ACTA

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


def _acto_firmado(acto) -> bool:
    from actos.models import Acto

    return acto.estado in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO) and bool(acto.archivo_id)


def _acto_visible(usuario, acto) -> bool:
    from actos.permissions import actos_visibles

    return _acto_firmado(acto) and actos_visibles(usuario).filter(pk=acto.pk).exists()


# El tipo de certificación según el tipo de acto (clave del perfil): la ordenanza y el acuerdo tienen el
# suyo; los demás (resoluciones, decretos, bandos, reglamentos…) se certifican como copia del documento.
_TIPO_DE_ACTO = {"ordenanza": "ordenanza", "acuerdo": "acuerdo"}


def _acto_tipos(acto) -> tuple[str, ...]:
    return (_TIPO_DE_ACTO.get(acto.tipo, "copia"), "extracto")


def _parte_certificable(parte) -> bool:
    from actos.models import Parte

    return parte.tipo in (
        Parte.Tipo.ARTICULO,
        Parte.Tipo.TRANSITORIA,
        Parte.Tipo.COMPLEMENTARIA,
        Parte.Tipo.FINAL,
        Parte.Tipo.DEROGATORIA,
    )


def _parte_nombre(parte) -> str:
    from actos.models import Parte

    if parte.tipo == Parte.Tipo.ARTICULO:
        return f"Artículo {parte.numero}".strip()
    return f"Disposición {parte.get_tipo_display().split()[-1].lower()} {parte.numero}".strip()


def _parte_transcripcion(parte) -> str:
    """Como lo imprime el acto: «Artículo 2. Epígrafe. Texto…»."""
    rotulo = f"{_parte_nombre(parte)}." if parte.tipo == "articulo" else f"{parte.numero}."
    if parte.epigrafe:
        rotulo = f"{rotulo} {parte.epigrafe}."
    return f"{rotulo} {parte.texto.strip()}".strip()


if apps.is_installed("concejo"):
    registrar_fuente(
        Fuente(
            clave="concejo.acta",
            nombre="Acta del concejo",
            modelo="concejo.Acta",
            tipos=("acta", "extracto"),
            pdf=lambda acta: _pdf_guardado(acta.archivo),
            sha256=lambda acta: acta.sha256,
            descripcion=_acta_descripcion,
            visible=_acta_visible,
        )
    )

if apps.is_installed("actos"):
    registrar_fuente(
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
        )
    )
    registrar_fuente(
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
        )
    )


# --- Demostración (después del registro, del concejo y de actos: certifica sus documentos, un acta y
# actos publicados; actos carga en 60 y 61) ---
def _cargar_demo(municipio):
    from certificaciones.demo import cargar

    cargar(municipio)


registrar_cargador(62, _cargar_demo)
