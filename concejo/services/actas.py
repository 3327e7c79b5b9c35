"""El acta: se genera del registro de la sesión, se edita como borrador (web o Word), se aprueba en una
sesión posterior con su propio punto de agenda, se firma (PDF con SHA-256) y se publica.

Estados: borrador → aprobada → firmada → publicada. Solo el borrador se edita; después, cualquier
corrección es una fe de erratas (registro nuevo ligado al acta, ARCHITECTURE.md invariante 2).
El texto es HTML simple limpiado con una lista blanca (nh3): párrafos, títulos, listas y tablas. Lo
mismo que se guarda es lo que exporta e importa el .docx, así el viaje de ida y vuelta no pierde nada.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from dataclasses import dataclass

import nh3
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from concejo.models import (
    Acta,
    Asistencia,
    FeErratas,
    IntegranteComision,
    Intervencion,
    Miembro,
    PuntoAgenda,
    Sesion,
    Votacion,
    Voto,
)
from core.firma import firmar_pdf
from core.models import Evento, Municipio
from core.rendering import render_pdf
from core.services.archivos import guardar_archivo, validar_archivo
from core.services.auditoria import encargo_vigente, registrar_evento

# --- HTML permitido -----------------------------------------------------------------------------

ETIQUETAS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "strong",
    "em",
    "u",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATRIBUTOS = {"th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
_BLOQUES = ("h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "blockquote")
_FIN_DE_BLOQUE = re.compile(r"(</(?:{})>|<(?:ul|ol|table|thead|tbody|tr)>)".format("|".join(_BLOQUES)))

MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TAMANO_MAXIMO_DOCX = 10 * 1024 * 1024
ESTADOS_CON_ACTA = (Sesion.Estado.LEVANTADA, Sesion.Estado.SIN_QUORUM)


def limpiar_html(texto: str) -> str:
    """El HTML del acta reducido a la lista blanca (sin scripts, estilos, enlaces ni atributos salvo
    colspan/rowspan), con un salto de línea tras cada bloque para que el editor sea legible."""
    limpio = nh3.clean(texto or "", tags=ETIQUETAS, attributes=ATRIBUTOS, strip_comments=True, link_rel=None)
    limpio = re.sub(r">\s+<", "><", limpio.strip())
    limpio = re.sub(r"\s+(</(?:p|li|h[1-4]|td|th|blockquote)>)", r"\1", limpio)
    return _FIN_DE_BLOQUE.sub(r"\1\n", limpio).strip()


def sha256_texto(texto: str) -> str:
    return hashlib.sha256(texto.encode()).hexdigest()


def _resumen(acta: Acta) -> dict:
    """Lo que el evento de auditoría guarda del acta (el texto entero queda en la fila; aquí su huella)."""
    return {
        "estado": acta.estado,
        "version": acta.version,
        "texto_sha256": sha256_texto(acta.texto),
        "longitud": len(acta.texto),
    }


def _bloquear(acta: Acta) -> Acta:
    return (
        Acta.objects.select_for_update(of=("self",))
        .select_related("sesion", "sesion__organo")
        .get(pk=acta.pk)
    )


def _exigir_borrador(acta: Acta) -> None:
    if not acta.editable:
        raise ValidationError(
            f"El acta está {acta.get_estado_display().lower()}: ya no se edita. "
            "Las correcciones se hacen con una fe de erratas."
        )


# --- Generar del registro -----------------------------------------------------------------------


@dataclass
class GrupoVotos:
    etiqueta: str
    nombres: list[str]


def _nombre(miembro: Miembro | None) -> str:
    return miembro.persona.nombre_completo if miembro is not None else ""


def _grupos(votacion: Votacion) -> list[GrupoVotos]:
    por_sentido: dict[str, list[str]] = {}
    for voto in votacion.votos.all():
        por_sentido.setdefault(voto.sentido, []).append(_nombre(voto.miembro))
    return [
        GrupoVotos(f"{etiqueta} ({len(por_sentido[valor])})", por_sentido[valor])
        for valor, etiqueta in Voto.Sentido.choices
        if por_sentido.get(valor)
    ]


def _suspensiones(sesion: Sesion) -> list[dict]:
    """Suspensiones (cuartos intermedios) y reanudaciones tomadas de la auditoría de la sesión: el modelo
    no guarda esas horas, el evento sí (quien conduce la sesión lo escribe al suspender o reanudar)."""
    eventos = Evento.objects.de_objeto(sesion).order_by("momento", "id").values_list("accion", "momento")
    filas: list[dict] = []
    for accion, momento in eventos:
        if accion.endswith(".suspender"):
            filas.append({"desde": momento, "hasta": None})
        elif accion.endswith(".reanudar") and filas and filas[-1]["hasta"] is None:
            filas[-1]["hasta"] = momento
    return filas


def contexto_acta(sesion: Sesion) -> dict:
    """Todo lo que dice el acta, leído del registro de la sesión en pocas consultas."""
    asistencias = list(
        Asistencia.objects.filter(sesion=sesion)
        .select_related("miembro__persona")
        .order_by("miembro__orden", "id")
    )
    votaciones = (
        Votacion.objects.exclude(estado=Votacion.Estado.ANULADA)
        .select_related("voto_dirimente__persona")
        .prefetch_related(
            Prefetch("votos", Voto.objects.select_related("miembro__persona").order_by("miembro__orden"))
        )
    )
    puntos = list(
        PuntoAgenda.objects.filter(sesion=sesion)
        .select_related("acta_de", "proponente__persona")
        .prefetch_related(
            Prefetch(
                "intervenciones", Intervencion.objects.select_related("miembro__persona").order_by("orden")
            ),
            Prefetch("votaciones", votaciones.order_by("numero")),
            "decisiones",
        )
        .order_by("orden")
    )
    for punto in puntos:
        punto.filas_votacion = [  # type: ignore[attr-defined]  # un dato más para la plantilla, no un campo
            {
                "votacion": v,
                "grupos": _grupos(v)
                if v.forma in (Votacion.Forma.NOMINAL, Votacion.Forma.NOMINAL_RAZONADA)
                else [],
                "fundamentos": [x for x in v.votos.all() if x.fundamento],
                "calculo": v.calculo or {},
            }
            for v in punto.votaciones.all()
        ]
    presentes = [a for a in asistencias if a.estado == Asistencia.Estado.PRESENTE]
    return {
        "sesion": sesion,
        "organo": sesion.organo,
        "tipo": sesion.tipo.replace("_", " "),
        "preside": sesion.preside.persona.nombre_completo if sesion.preside is not None else "",
        "asistencias": asistencias,
        "presentes": presentes,
        "ausentes": [a for a in asistencias if a.estado != Asistencia.Estado.PRESENTE],
        "tardanzas": [a for a in presentes if a.llegada],
        "retiros": [a for a in presentes if a.retiro],
        "quorum": sesion.quorum or {},
        "puntos": puntos,
        "suspensiones": _suspensiones(sesion),
        "sin_quorum": sesion.estado == Sesion.Estado.SIN_QUORUM,
    }


def texto_generado(sesion: Sesion) -> str:
    """El HTML del acta a partir del registro (plantilla `concejo/despues/acta_texto.html`), ya limpio."""
    return limpiar_html(render_to_string("concejo/despues/acta_texto.html", contexto_acta(sesion)))


@transaction.atomic
def generar_acta(*, sesion: Sesion, por) -> Acta:
    """Genera el borrador del acta desde el registro de la sesión concluida (asistencia, quórum, agenda,
    intervenciones, votaciones con nombres y cálculo, decisiones, horas). Si ya hay borrador, lo vuelve a
    generar (se pierden las ediciones, sube la versión); un acta aprobada no se regenera.
    """
    sesion = (
        Sesion.objects.select_for_update(of=("self",))
        .select_related("organo", "preside__persona")
        .get(pk=sesion.pk)
    )
    if sesion.estado not in ESTADOS_CON_ACTA:
        raise ValidationError(
            f"La sesión está «{sesion.get_estado_display().lower()}»: el acta se genera cuando la sesión concluye."
        )
    texto = texto_generado(sesion)
    acta = Acta.objects.select_for_update().filter(sesion=sesion).first()
    if acta is None:
        acta = Acta.objects.create(sesion=sesion, texto=texto)
        registrar_evento(por=por, accion="concejo.acta.generar", objeto=acta, despues=_resumen(acta))
        return acta
    _exigir_borrador(acta)
    antes = _resumen(acta)
    acta.texto = texto
    acta.version += 1
    acta.save(update_fields=["texto", "version"])
    registrar_evento(
        por=por, accion="concejo.acta.regenerar", objeto=acta, antes=antes, despues=_resumen(acta)
    )
    return acta


@transaction.atomic
def editar_acta(*, acta: Acta, texto: str, por, origen: str = "web") -> Acta:
    """Guarda el texto editado del borrador, limpio con la lista blanca; sube la versión y audita.
    Un acta aprobada (o más) no se edita: se corrige con `agregar_fe_de_erratas`."""
    acta = _bloquear(acta)
    _exigir_borrador(acta)
    limpio = limpiar_html(texto)
    if not re.sub(r"<[^>]+>", "", limpio).strip():
        raise ValidationError({"texto": ["El acta no puede quedar vacía."]})
    if limpio == acta.texto:
        return acta
    antes = _resumen(acta)
    acta.texto = limpio
    acta.version += 1
    acta.save(update_fields=["texto", "version"])
    registrar_evento(
        por=por,
        accion="concejo.acta.editar",
        objeto=acta,
        antes=antes,
        despues={**_resumen(acta), "origen": origen},
    )
    return acta


# --- DOCX: ida y vuelta -------------------------------------------------------------------------


def _texto_plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


def _runs(parrafo, nodo, formato: frozenset = frozenset()) -> None:
    """Escribe en `parrafo` el contenido en línea de `nodo` (texto, strong/b, em/i, u, br)."""
    if nodo.text:
        _run(parrafo, nodo.text, formato)
    for hijo in nodo:
        etiqueta = hijo.tag if isinstance(hijo.tag, str) else ""
        if etiqueta == "br":
            parrafo.add_run().add_break()
        else:
            extra = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u"}.get(etiqueta)
            _runs(parrafo, hijo, formato | {extra} if extra else formato)
        if hijo.tail:
            _run(parrafo, hijo.tail, formato)


def _run(parrafo, texto: str, formato) -> None:
    texto = _texto_plano(texto)
    if not texto:
        return
    run = parrafo.add_run(texto)
    run.bold = True if "b" in formato else None
    run.italic = True if "i" in formato else None
    run.underline = True if "u" in formato else None


def _celdas(fila):
    return [c for c in fila if isinstance(c.tag, str) and c.tag in ("th", "td")]


def _tabla_docx(documento, nodo) -> None:
    filas = list(nodo.iter("tr"))
    if not filas:
        return
    columnas = max(len(_celdas(f)) for f in filas) or 1
    tabla = documento.add_table(rows=len(filas), cols=columnas)
    tabla.style = "Table Grid"
    for i, fila in enumerate(filas):
        for j, celda in enumerate(_celdas(fila)):
            parrafo = tabla.cell(i, j).paragraphs[0]
            _runs(parrafo, celda, frozenset({"b"}) if celda.tag == "th" else frozenset())


def exportar_docx(acta: Acta) -> bytes:
    """El borrador como .docx: títulos con los estilos «Título N» de Word, párrafos con negrita/cursiva,
    listas con viñetas o numeradas y tablas. El membrete va en el encabezado de página."""
    import docx  # noqa: PLC0415 - python-docx es pesado y solo lo usa la exportación a Word
    from lxml import html as lhtml  # noqa: PLC0415 - solo con python-docx, en la exportación a Word

    documento = docx.Document()
    municipio = Municipio.objects.actual()
    encabezado = documento.sections[0].header.paragraphs[0]
    encabezado.text = municipio.nombre if municipio else "Secretaría General"
    documento.core_properties.title = str(acta)
    for nodo in lhtml.fragments_fromstring(acta.texto or "<p></p>"):
        if not isinstance(nodo, lhtml.HtmlElement):
            continue
        etiqueta = nodo.tag
        if etiqueta in ("h1", "h2", "h3", "h4"):
            _runs(documento.add_heading(level=int(etiqueta[1])), nodo)
        elif etiqueta in ("ul", "ol"):
            estilo = "List Bullet" if etiqueta == "ul" else "List Number"
            for item in nodo.iter("li"):
                _runs(documento.add_paragraph(style=estilo), item)
        elif etiqueta == "table":
            _tabla_docx(documento, nodo)
        elif etiqueta == "blockquote":
            _runs(documento.add_paragraph(style="Quote"), nodo)
        else:
            _runs(documento.add_paragraph(), nodo)
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()


def _html_runs(parrafo) -> str:
    """El contenido en línea de un párrafo de Word como HTML (runs vecinos con el mismo formato se unen)."""
    partes: list[tuple[tuple, str]] = []
    for run in parrafo.runs:
        texto = run.text
        if not texto:
            continue
        formato = (bool(run.bold), bool(run.italic), bool(run.underline))
        if partes and partes[-1][0] == formato:
            partes[-1] = (formato, partes[-1][1] + texto)
        else:
            partes.append((formato, texto))
    salida = []
    for (negrita, cursiva, subrayado), texto in partes:
        contenido = html.escape(texto, quote=False).replace("\n", "<br>")
        if subrayado:
            contenido = f"<u>{contenido}</u>"
        if cursiva:
            contenido = f"<em>{contenido}</em>"
        if negrita:
            contenido = f"<strong>{contenido}</strong>"
        salida.append(contenido)
    return "".join(salida)


def _es_lista(parrafo) -> str | None:
    estilo = (parrafo.style.name if parrafo.style is not None else "") or ""
    if estilo.startswith("List Number"):
        return "ol"
    if estilo.startswith("List Bullet"):
        return "ul"
    p_pr = parrafo._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return "ul"
    return None


def _celda_toda_en_negrita(celda) -> bool:
    runs = [r for p in celda.paragraphs for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _tabla_html(tabla) -> str:
    filas = []
    for fila in tabla.rows:
        vistas, celdas = set(), []
        for celda in fila.cells:  # una celda combinada se repite: se toma una vez
            if id(celda._tc) not in vistas:
                vistas.add(id(celda._tc))
                celdas.append(celda)
        filas.append(celdas)
    if not filas:
        return ""
    cabecera = all(_celda_toda_en_negrita(c) for c in filas[0]) and len(filas) > 1

    def contenido(celda, sin_negrita=False):
        partes = [_html_runs(p) for p in celda.paragraphs]
        texto = "<br>".join(p for p in partes if p)
        return texto.replace("<strong>", "").replace("</strong>", "") if sin_negrita else texto

    salida = ["<table>"]
    if cabecera:
        salida.append(
            "<thead><tr>" + "".join(f"<th>{contenido(c, True)}</th>" for c in filas[0]) + "</tr></thead>"
        )
        filas = filas[1:]
    salida.append("<tbody>")
    for celdas in filas:
        salida.append("<tr>" + "".join(f"<td>{contenido(c)}</td>" for c in celdas) + "</tr>")
    salida.append("</tbody></table>")
    return "".join(salida)


def docx_a_html(contenido: bytes) -> str:
    """Lee un .docx y devuelve el HTML del acta: títulos («Heading N»/«Título N» → hN, «Title» → h1),
    párrafos con negrita/cursiva/subrayado, listas (viñetas y numeradas) y tablas; lo demás se ignora."""
    import docx  # noqa: PLC0415 - python-docx es pesado y solo lo usa la importación de Word
    from docx.table import Table  # noqa: PLC0415 - python-docx, solo en la importación de Word

    documento = docx.Document(io.BytesIO(contenido))
    salida: list[str] = []
    lista_abierta: str | None = None
    for bloque in documento.iter_inner_content():
        if isinstance(bloque, Table):
            tipo, html_bloque = None, _tabla_html(bloque)
        else:
            tipo = _es_lista(bloque)
            interior = _html_runs(bloque)
            if not interior.strip():
                continue
            estilo = (bloque.style.name if bloque.style is not None else "") or ""
            nivel = re.match(r"(?:Heading|Título|Titulo)\s*(\d)", estilo)
            if tipo:
                html_bloque = f"<li>{interior}</li>"
            elif estilo == "Title":
                html_bloque = f"<h1>{interior}</h1>"
            elif nivel:
                html_bloque = f"<h{min(int(nivel.group(1)), 4)}>{interior}</h{min(int(nivel.group(1)), 4)}>"
            elif "Quote" in estilo or "Cita" in estilo:
                html_bloque = f"<blockquote>{interior}</blockquote>"
            else:
                html_bloque = f"<p>{interior}</p>"
        if lista_abierta and tipo != lista_abierta:
            salida.append(f"</{lista_abierta}>")
            lista_abierta = None
        if tipo and lista_abierta is None:
            salida.append(f"<{tipo}>")
            lista_abierta = tipo
        salida.append(html_bloque)
    if lista_abierta:
        salida.append(f"</{lista_abierta}>")
    return limpiar_html("".join(salida))


@transaction.atomic
def importar_docx(*, acta: Acta, archivo, por) -> Acta:
    """Reemplaza el texto del borrador con el de un .docx (el exportado y editado en Word): valida el
    archivo por su contenido y tamaño, lo convierte a HTML limpio y lo guarda como nueva versión; el
    evento anota el SHA-256 del .docx recibido."""
    _exigir_borrador(acta)
    validado = validar_archivo(
        archivo, tipos_permitidos=[MIME_DOCX, "application/zip"], tamano_maximo=TAMANO_MAXIMO_DOCX
    )
    archivo.seek(0)
    try:
        texto = docx_a_html(archivo.read())
    except Exception as e:  # python-docx lanza varios tipos ante un ZIP que no es un documento de Word
        raise ValidationError({"archivo": ["El archivo no es un documento de Word (.docx) legible."]}) from e
    if not re.sub(r"<[^>]+>", "", texto).strip():
        raise ValidationError({"archivo": ["El documento de Word no tiene texto."]})
    version = acta.version
    acta = editar_acta(acta=acta, texto=texto, por=por, origen=f"docx:{validado.sha256}")
    registrar_evento(
        por=por,
        accion="concejo.acta.importar_docx",
        objeto=acta,
        despues={"docx_sha256": validado.sha256, "cambio": acta.version != version, "version": acta.version},
    )
    return acta


# --- Aprobación en una sesión posterior ---------------------------------------------------------


@transaction.atomic
def aprobar_acta(*, acta: Acta, votacion: Votacion, por=None) -> Acta:
    """El acta queda aprobada por la votación confirmada «aprobado» de su punto de agenda (sección
    «acta», `acta_de` = la sesión del acta) en una sesión posterior del mismo órgano. Desde aquí no se
    edita más."""
    acta = _bloquear(acta)
    punto = votacion.punto
    sesion = votacion.sesion
    if punto.seccion != PuntoAgenda.Seccion.ACTA or punto.acta_de_id != acta.sesion_id:
        raise ValidationError("La votación no es la del punto de aprobación de esta acta.")
    if votacion.estado != Votacion.Estado.CONFIRMADA or votacion.resultado != Votacion.Resultado.APROBADO:
        raise ValidationError("El acta se aprueba solo con una votación confirmada con resultado «aprobado».")
    if sesion.organo_id != acta.sesion.organo_id or sesion.fecha <= acta.sesion.fecha:
        raise ValidationError("El acta se aprueba en una sesión posterior del mismo órgano.")
    _exigir_borrador(acta)
    antes = _resumen(acta)
    acta.estado = Acta.Estado.APROBADA
    acta.aprobada_en = sesion
    acta.votacion_aprobacion = votacion
    acta.save(update_fields=["estado", "aprobada_en", "votacion_aprobacion"])
    registrar_evento(
        por=por,
        accion="concejo.acta.aprobar",
        objeto=acta,
        antes=antes,
        despues={**_resumen(acta), "aprobada_en": sesion.pk, "votacion": votacion.pk},
    )
    return acta


def al_confirmar_votacion(votacion: Votacion, por=None) -> Acta | None:
    """Gancho que llama la confirmación de una votación (parte «durante»): si es la del punto de
    aprobación de un acta y salió «aprobado», el acta queda aprobada. Si el acta de esa sesión no se ha
    generado, la confirmación falla con un mensaje claro: no se aprueba un texto que no existe."""
    punto = votacion.punto
    if punto.seccion != PuntoAgenda.Seccion.ACTA or punto.acta_de_id is None:
        return None
    if votacion.estado != Votacion.Estado.CONFIRMADA or votacion.resultado != Votacion.Resultado.APROBADO:
        return None
    acta = Acta.objects.filter(sesion_id=punto.acta_de_id).first()
    if acta is None:
        raise ValidationError(
            f"No hay borrador del acta de la {punto.acta_de}: genérelo antes de someterlo a aprobación."
        )
    return aprobar_acta(acta=acta, votacion=votacion, por=por)


# --- Fe de erratas ------------------------------------------------------------------------------


@transaction.atomic
def agregar_fe_de_erratas(*, acta: Acta, texto: str, por) -> FeErratas:
    """Corrige un acta ya aprobada sin tocarla: una fe de erratas numerada, ligada al acta y auditada.
    Se muestra y publica junto al acta. Un borrador no la necesita: se edita."""
    acta = _bloquear(acta)
    if acta.editable:
        raise ValidationError("El acta aún es un borrador: corríjala editándola.")
    texto = (texto or "").strip()
    if not texto:
        raise ValidationError({"texto": ["Escriba la corrección."]})
    if len(texto) > 5000:
        raise ValidationError({"texto": ["La corrección no puede pasar de 5.000 caracteres."]})
    numero = (acta.erratas.aggregate(m=Max("numero"))["m"] or 0) + 1
    errata = FeErratas.objects.create(acta=acta, numero=numero, texto=texto, por=por)
    registrar_evento(
        por=por,
        accion="concejo.acta.fe_de_erratas",
        objeto=acta,
        despues={"numero": numero, "texto": texto, "estado_acta": acta.estado},
    )
    return errata


# --- Firma y publicación ------------------------------------------------------------------------


def _presidente(sesion: Sesion) -> dict:
    """Quien firma por el órgano: quien presidió la sesión; si no quedó anotado, el alcalde del periodo
    (pleno) o el presidente de la comisión en esa fecha."""
    miembro = sesion.preside
    cargo = "Presidente de la sesión"
    if miembro is None and sesion.organo.es_pleno:
        miembro = (
            sesion.organo.periodo.miembros.filter(rol=Miembro.Rol.ALCALDE).select_related("persona").first()
        )
        cargo = "Alcalde"
    elif miembro is None:
        fecha = timezone.localdate(sesion.fecha)
        integrante = (
            IntegranteComision.objects.filter(
                organo=sesion.organo,
                funcion=IntegranteComision.Funcion.PRESIDENTE,
                desde__lte=fecha,
            )
            .exclude(hasta__lt=fecha)
            .select_related("miembro__persona")
            .first()
        )
        miembro = integrante.miembro if integrante else None
        cargo = f"Presidente de la {sesion.organo.nombre}"
    elif miembro.rol == Miembro.Rol.ALCALDE:
        cargo = "Alcalde"
    return {"nombre": _nombre(miembro) or "—", "cargo": cargo, "por_encargo": None}


def _secretario(por) -> dict:
    encargo = encargo_vigente(por)
    por_encargo = None
    if encargo is not None:
        titular = encargo.titular
        cargo = (
            encargo.cargo.nombre
            if encargo.cargo is not None
            else (titular.cargo.nombre if titular.cargo is not None else "")
        )
        por_encargo = {"titular": titular.get_full_name() or titular.username, "cargo": cargo}
    return {
        "nombre": por.get_full_name() or por.username,
        "cargo": por.cargo.nombre if getattr(por, "cargo_id", None) else "Secretaría General",
        "por_encargo": por_encargo,
    }


def render_pdf_acta(acta: Acta, firmantes: list[dict]) -> bytes:
    """El PDF del acta: membrete del municipio, número de página, el texto aprobado, la constancia de
    aprobación y el bloque de firmas."""
    return render_pdf(
        "concejo/despues/acta_pdf.html",
        {
            "acta": acta,
            "sesion": acta.sesion,
            "titulo": str(acta),
            "firmantes": firmantes,
        },
    )


def _firmar_pades(contenido: bytes, acta: Acta) -> tuple[bytes, bool]:
    """Firma PAdES (`core.firma`) si hay certificado del municipio configurado; si no, el PDF tal cual
    (quedan los firmantes y el SHA-256). Devuelve el PDF y si lleva firma PAdES."""
    try:
        return firmar_pdf(contenido, razon=f"Firma del {acta}"[:200]), True
    except ImproperlyConfigured:  # sin certificado del municipio: sin PAdES, con hash y firmantes
        return contenido, False


@transaction.atomic
def firmar_acta(*, acta: Acta, por) -> Acta:
    """Genera el PDF del acta aprobada con el bloque de firmas (presidente y Secretario General, «por
    encargo» si quien firma actúa en nombre del titular), lo guarda con su SHA-256 y deja el acta
    firmada."""
    acta = _bloquear(acta)
    if acta.estado != Acta.Estado.APROBADA:
        raise ValidationError("Solo se firma un acta aprobada y aún sin firmar.")
    acta.sesion = Sesion.objects.select_related("organo__periodo", "preside__persona").get(pk=acta.sesion_id)
    firmantes = [_presidente(acta.sesion), _secretario(por)]
    contenido, pades = _firmar_pades(render_pdf_acta(acta, firmantes), acta)
    nombre = slugify(f"acta-{acta.sesion.tipo}-{acta.sesion.numero}-{acta.sesion.anio}")[:100]
    archivo = guardar_archivo(
        archivo=SimpleUploadedFile(f"{nombre}.pdf", contenido, content_type="application/pdf"),
        por=por,
        tipos_permitidos=["application/pdf"],
        tamano_maximo=max(len(contenido), 1),
    )
    antes = _resumen(acta)
    acta.estado = Acta.Estado.FIRMADA
    acta.firmada_en = timezone.now()
    acta.archivo = archivo
    acta.sha256 = archivo.sha256
    acta.firmantes = firmantes
    acta.save(update_fields=["estado", "firmada_en", "archivo", "sha256", "firmantes"])
    registrar_evento(
        por=por,
        accion="concejo.acta.firmar",
        objeto=acta,
        antes=antes,
        despues={**_resumen(acta), "pdf_sha256": acta.sha256, "firmantes": firmantes, "pades": pades},
    )
    return acta


@transaction.atomic
def publicar_acta(*, acta: Acta, por) -> Acta:
    """Publica el acta firmada: aparece en las páginas públicas de la sesión con su PDF."""
    acta = _bloquear(acta)
    if acta.estado != Acta.Estado.FIRMADA:
        raise ValidationError("Solo se publica un acta firmada.")
    antes = _resumen(acta)
    acta.estado = Acta.Estado.PUBLICADA
    acta.publicada_en = timezone.now()
    acta.save(update_fields=["estado", "publicada_en"])
    registrar_evento(
        por=por,
        accion="concejo.acta.publicar",
        objeto=acta,
        antes=antes,
        despues={**_resumen(acta), "publicada_en": acta.publicada_en.isoformat()},
    )
    return acta
