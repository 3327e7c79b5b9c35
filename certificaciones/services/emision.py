"""Emisión y revocación de certificados: quién certifica qué, el PDF certificado y su firma PAdES.

El PDF certificado son las páginas del original más una hoja de certificación (texto según el perfil
del municipio y el tipo, número del registro de certificaciones, fecha, funcionario y cargo, «por
encargo» cuando subroga, código de verificación y QR), firmado con el certificado del municipio.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date

import segno
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from certificaciones import fuentes
from certificaciones.models import (
    Certificado,
    Fedatario,
    Solicitud,
    TipoCertificacion,
    nuevo_codigo_verificacion,
)
from certificaciones.permissions import CERTIFICAR_POR_ENCARGO, CERTIFICAR_TITULAR
from certificaciones.services.solicitudes import SIN_ORIGINAL_ADJUNTO
from core.firma import firmar_pdf
from core.models import Encargo, Municipio, Usuario
from core.rendering import render_pdf
from core.services.archivos import guardar_archivo
from core.services.auditoria import encadenar, instantanea, preparar_evento, registrar_evento
from core.services.numeracion import serie_por_perfil, tomar_numero


@dataclass(frozen=True)
class Autoridad:
    """En calidad de qué certifica alguien hoy."""

    calidad: str
    cargo: str
    por_encargo_de: Usuario | None = None
    cargo_titular: str = ""
    fedatario: Fedatario | None = None


def _nombre(usuario) -> str:
    return (usuario.get_full_name() or usuario.username) if usuario else ""


def puede_intentar(usuario) -> bool:
    """Si `usuario` tiene alguna calidad para certificar (aunque hoy no le alcance): el resto recibe 403."""
    return usuario.is_authenticated and (
        usuario.has_perm(CERTIFICAR_TITULAR)
        or usuario.has_perm(CERTIFICAR_POR_ENCARGO)
        or Fedatario.objects.filter(usuario=usuario).exists()
    )


def autoridad_para(usuario, tipo: str, *, fecha: date | None = None, revocar: bool = False) -> Autoridad:
    """La calidad en que `usuario` puede certificar `tipo` en `fecha`, o ValidationError que dice por qué no.

    El Secretario General certifica siempre; el Pro-secretario solo mientras tiene un encargo vigente de
    quien es titular (y lo certificado dice «por encargo de»); un fedatario solo dentro del periodo y el
    alcance de su designación (TUO Ley 27444, art. 138). Revocar lo pueden solo los dos primeros.
    """
    fecha = fecha or timezone.localdate()
    if usuario.has_perm(CERTIFICAR_TITULAR):
        cargo = usuario.cargo.nombre if usuario.cargo_id else "Secretario General"
        return Autoridad(Certificado.Calidad.TITULAR, cargo)
    if usuario.has_perm(CERTIFICAR_POR_ENCARGO):
        for encargo in (
            Encargo.objects.vigentes(fecha)
            .filter(encargado=usuario)
            .select_related("titular", "cargo", "titular__cargo")
        ):
            if encargo.titular.is_active and encargo.titular.has_perm(CERTIFICAR_TITULAR):
                cargo_titular = encargo.cargo or encargo.titular.cargo
                return Autoridad(
                    Certificado.Calidad.POR_ENCARGO,
                    usuario.cargo.nombre if usuario.cargo_id else "Pro-secretario",
                    por_encargo_de=encargo.titular,
                    cargo_titular=cargo_titular.nombre if cargo_titular else "Secretario General",
                )
        raise ValidationError(
            "Sin un encargo vigente del Secretario General no puede certificar: el Pro-secretario certifica "
            "solo cuando lo subroga."
        )
    if revocar:
        raise ValidationError(
            "Solo el Secretario General (o quien lo subroga por encargo) puede revocar un certificado."
        )
    designaciones = list(Fedatario.objects.filter(usuario=usuario, cesado=False))
    if not designaciones:
        raise ValidationError("Usted no tiene designación de fedatario ni otra calidad para certificar.")
    vigentes = [d for d in designaciones if d.vigente_en(fecha)]
    if not vigentes:
        raise ValidationError(
            f"Su designación de fedatario no está vigente el {fecha:%d/%m/%Y} "
            f"({'; '.join(f'{d.resolucion}: {d.desde:%d/%m/%Y} a {d.hasta:%d/%m/%Y}' for d in designaciones)})."
        )
    for d in vigentes:
        if tipo in d.alcance:
            cargo = usuario.cargo.nombre if usuario.cargo_id else "Fedatario"
            return Autoridad(
                Certificado.Calidad.FEDATARIO,
                f"Fedatario ({d.resolucion})"
                if cargo == "Fedatario"
                else f"{cargo}, fedatario ({d.resolucion})",
                fedatario=d,
            )
    raise ValidationError(
        f"Su designación de fedatario no alcanza a «{TipoCertificacion(tipo).label}»; "
        f"alcanza a: {', '.join(n for d in vigentes for n in d.alcance_nombres())}."
    )


def pais(municipio: Municipio | None) -> str:
    return (municipio.perfil[:2] if municipio and municipio.perfil else "PE").upper()


def _folios(n: int) -> str:
    return f"{n} folio{'s' if n != 1 else ''}"


def texto_certificacion(
    *, tipo: str, pais_codigo: str, municipio_nombre: str, asunto: str, paginas: int, texto: str = ""
) -> str:
    """El texto de fe según el país y el tipo (DOMAIN, Fe pública), con el vocabulario de cada país:
    Perú «concejo municipal» y folios; Ecuador «Concejo Municipal» y fojas, y la certificación da fe de
    que el documento existe en el archivo, no de su autenticidad (COOTAD); Colombia «Concejo Municipal»,
    folios y «reposa en» (sus normas municipales son acuerdos, Ley 136 de 1994); México «Cabildo» y
    «Ayuntamiento», fojas útiles y la fórmula «para los fines legales a que haya lugar»."""
    archivo = (
        f"el archivo de la {municipio_nombre}"
        if municipio_nombre.lower().startswith("municipalidad")
        else f"el archivo de {municipio_nombre}"
    )
    if tipo == TipoCertificacion.CONSTANCIA:
        return f"HACE CONSTAR: {texto}"
    if tipo == TipoCertificacion.EXTRACTO:
        return (
            f"CERTIFICA: Que el texto que sigue es transcripción literal de {asunto}, cuyo original obra en "
            f"{archivo}: «{texto}»"
        )
    folios = _folios(paginas)
    fojas = folios.replace("folio", "foja")
    # Claves de tipo str: las de TipoCertificacion lo son y `tipo` llega como str.
    nombres: dict[str, str]
    if pais_codigo == "EC":
        nombres = {
            TipoCertificacion.ACTA: f"el acta {asunto}, de la sesión del Concejo Municipal",
            TipoCertificacion.ACUERDO: f"el acuerdo {asunto}, adoptado por el Concejo Municipal",
            TipoCertificacion.ORDENANZA: f"la ordenanza {asunto}, expedida por el Concejo Municipal",
        }
        documento = nombres.get(tipo, f"el presente documento, {asunto}")
        return (
            f"CERTIFICO: Que {documento}, de {fojas}, existe en {archivo}. La presente certificación da fe "
            "de su existencia en el archivo y no de la autenticidad de su contenido."
        )
    if pais_codigo == "CO":
        nombres = {
            TipoCertificacion.ACTA: f"del acta {asunto}, de la sesión del Concejo Municipal",
            TipoCertificacion.ACUERDO: f"del acuerdo {asunto}, expedido por el Concejo Municipal",
            TipoCertificacion.ORDENANZA: f"de la norma municipal {asunto}",
        }
        documento = nombres.get(tipo, f"de {asunto}")
        return (
            f"CERTIFICA: Que la presente es fiel copia {documento}, de {folios}, tomada de su original que "
            f"reposa en {archivo}."
        )
    if pais_codigo == "MX":
        nombres = {
            TipoCertificacion.ACTA: f"del acta de la sesión de Cabildo {asunto}",
            TipoCertificacion.ACUERDO: f"del acuerdo de Cabildo {asunto}",
            TipoCertificacion.ORDENANZA: f"del ordenamiento municipal {asunto}, aprobado por el Ayuntamiento en "
            "sesión de Cabildo",
        }
        documento = nombres.get(tipo, f"de {asunto}")
        return (
            f"CERTIFICA: Que la presente copia {documento}, constante de {fojas} {'útil' if paginas == 1 else 'útiles'}, concuerda fielmente "
            f"con su original que obra en {archivo}. Se expide para los fines legales a que haya lugar."
        )
    nombres = {
        TipoCertificacion.ACTA: "del acta",
        TipoCertificacion.ACUERDO: "del acuerdo",
        TipoCertificacion.ORDENANZA: "de la ordenanza",
    }
    descripcion = nombres.get(tipo, "del documento")
    return (
        f"CERTIFICO: Que la presente, de {folios}, es copia fiel {descripcion} {asunto}, cuyo "
        f"original obra en {archivo}, al que me remito en caso necesario."
    )


def url_verificacion(codigo: str) -> str:
    return f"{settings.SITE_URL}{reverse('verificar:codigo', args=[codigo])}"


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=3, border=2)


def _paginas(pdf: bytes) -> int:
    from pypdf import PdfReader  # noqa: PLC0415 - pypdf tarda ~0,2 s en importarse y solo lo usa la emisión

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _sin_campos_de_firma(escritor) -> None:
    """Quita de la copia los campos de firma que traiga el original (un acta o un acto firmados en PAdES).

    La firma del original no sobrevive a la copia (los bytes cambian) y su campo impediría firmar el
    certificado con el mismo nombre; lo que da fe del original es su SHA-256, guardado en el certificado.
    Si la firma era visible, su apariencia se estampa en la página para que la copia se vea igual."""
    from pypdf.generic import ArrayObject, NameObject  # noqa: PLC0415 - pypdf tarda ~0,2 s en importarse y solo lo usa la emisión

    def es_firma(anotacion) -> bool:
        campo = anotacion
        while campo is not None:
            if campo.get("/FT") is not None:
                return campo.get("/FT") == "/Sig"
            campo = campo.get("/Parent").get_object() if campo.get("/Parent") is not None else None
        return False

    for n, pagina in enumerate(escritor.pages):
        if "/Annots" not in pagina:
            continue
        quedan = ArrayObject()
        for i, ref in enumerate(pagina["/Annots"]):
            anotacion = ref.get_object()
            if anotacion.get("/Subtype") != "/Widget" or not es_firma(anotacion):
                quedan.append(ref)
                continue
            apariencia = (anotacion.get("/AP") or {}).get("/N")
            x0, y0, x1, y1 = (float(v) for v in anotacion.get("/Rect", [0, 0, 0, 0]))
            if apariencia is not None and abs(x1 - x0) > 0 and abs(y1 - y0) > 0:
                escritor._add_apstream_object(
                    pagina, apariencia.get_object(), f"firma_{n}_{i}", min(x0, x1), min(y0, y1)
                )
        pagina[NameObject("/Annots")] = quedan
    formulario = escritor._root_object.get("/AcroForm")
    if formulario is not None:
        formulario = formulario.get_object()
        campos = [c for c in formulario.get("/Fields", []) if c.get_object().get("/FT") != "/Sig"]
        formulario[NameObject("/Fields")] = ArrayObject(campos)
        if "/SigFlags" in formulario:
            del formulario["/SigFlags"]


def _unir(original: bytes | None, hoja: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 - pypdf tarda ~0,2 s en importarse y solo lo usa la emisión

    if original is None:
        return hoja
    escritor = PdfWriter(clone_from=PdfReader(io.BytesIO(original)))
    _sin_campos_de_firma(escritor)
    escritor.append(PdfReader(io.BytesIO(hoja)))
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def _original(solicitud: Solicitud) -> tuple[bytes | None, str]:
    """El PDF del original (o None) y su SHA-256, comprobado contra la huella guardada."""
    if not solicitud.fuente_clave:
        return None, ""
    f = fuentes.fuente(solicitud.fuente_clave)
    try:
        obj = fuentes.de_fila(solicitud.fuente_clave, solicitud.fuente_tipo_id, solicitud.fuente_id)
        if obj is None:  # una solicitud con fuente guarda también su tipo de contenido
            raise ObjectDoesNotExist
        pdf = f.pdf(obj)
    except (ObjectDoesNotExist, OSError):
        raise ValidationError(
            "No se pudo leer el original a certificar (ya no está en el almacenamiento)."
        ) from None
    huella = hashlib.sha256(pdf).hexdigest()
    guardada = f.sha256(obj)
    if guardada and guardada != huella:
        raise ValidationError(
            "El original guardado no coincide con su huella SHA-256: no se certifica un archivo alterado."
        )
    return pdf, huella


def emitir_certificado(*, solicitud: Solicitud, por) -> Certificado:
    """Emite, numera y firma el certificado de una solicitud lista (pagada o exonerada).

    Comprueba la calidad de quien certifica (`autoridad_para`), arma el PDF (original + hoja de
    certificación con QR), lo firma en PAdES con el certificado del municipio, lo guarda con su SHA-256 y
    deja los eventos en la misma transacción. El número sale del registro de certificaciones del año
    (sin saltos: si algo falla, no se consume). Si `por` no tiene calidad alguna, PermissionDenied.
    """
    if not puede_intentar(por):
        raise PermissionDenied
    if solicitud.estado != Solicitud.Estado.LISTA:
        raise ValidationError(
            "La solicitud ya tiene su certificado."
            if solicitud.estado == Solicitud.Estado.EMITIDA
            else "Falta registrar el pago (o la exoneración) antes de emitir."
        )
    autoridad = autoridad_para(por, solicitud.tipo)
    original, huella = _original(solicitud)
    adjunto = None if solicitud.tipo in SIN_ORIGINAL_ADJUNTO else original
    paginas = _paginas(original) if original is not None else 0
    municipio = Municipio.objects.actual()
    serie = serie_por_perfil("certificacion", por=por)
    with transaction.atomic():
        solicitud = Solicitud.objects.select_for_update().get(pk=solicitud.pk)
        if solicitud.estado != Solicitud.Estado.LISTA:
            raise ValidationError("La solicitud ya tiene su certificado.")
        ahora = timezone.now()
        anio = timezone.localtime(ahora).year
        numero, evento_numero = tomar_numero(serie, anio, por=por, objeto=solicitud, municipio=municipio)
        codigo = nuevo_codigo_verificacion()
        texto = texto_certificacion(
            tipo=solicitud.tipo,
            pais_codigo=pais(municipio),
            municipio_nombre=municipio.nombre if municipio else "",
            asunto=solicitud.asunto,
            paginas=paginas,
            texto=solicitud.texto,
        )
        url = url_verificacion(codigo)
        hoja = render_pdf(
            "certificaciones/pdf/hoja.html",
            {
                "titulo": numero.texto,
                "texto": texto,
                "autoridad": autoridad,
                "funcionario": _nombre(por),
                "titular": _nombre(autoridad.por_encargo_de),
                "fecha": timezone.localtime(ahora),
                "codigo": codigo,
                "url": url,
                "qr": _qr_svg(url),
                "tipo": TipoCertificacion(solicitud.tipo).label,
                "solicitante": solicitud.solicitante,
                "huella": huella,
                "paginas": paginas,
                "adjunto": adjunto is not None,
            },
            municipio=municipio,
        )
        firmado = firmar_pdf(
            _unir(adjunto, hoja),
            razon=f"{numero.texto} — código {codigo}",
            lugar=municipio.nombre if municipio else "",
        )
        archivo = guardar_archivo(
            archivo=ContentFile(firmado, name=f"certificado-{codigo}.pdf"),
            por=por,
            tipos_permitidos=["application/pdf"],
            tamano_maximo=max(settings.ARCHIVO_TAMANO_MAXIMO, len(firmado)),
        )
        certificado = Certificado.objects.create(
            solicitud=solicitud,
            tipo=solicitud.tipo,
            numero=numero,
            numero_texto=numero.texto,
            anio=anio,
            correlativo=numero.numero,
            emitido_en=ahora,
            funcionario=por,
            funcionario_nombre=_nombre(por),
            cargo=autoridad.cargo,
            calidad=autoridad.calidad,
            por_encargo_de=autoridad.por_encargo_de,
            por_encargo_de_nombre=_nombre(autoridad.por_encargo_de),
            fedatario=autoridad.fedatario,
            codigo=codigo,
            texto=texto,
            asunto=solicitud.asunto,
            fuente_clave=solicitud.fuente_clave,
            fuente_tipo_id=solicitud.fuente_tipo_id,
            fuente_id=solicitud.fuente_id,
            fuente_sha256=huella,
            paginas_originales=paginas,
            pdf=archivo,
            sha256=archivo.sha256,
            publico=solicitud.publico,
        )
        antes = instantanea(solicitud, ["estado"])
        solicitud.estado = Solicitud.Estado.EMITIDA
        solicitud.save(update_fields=["estado"])
        encadenar(
            [
                evento_numero,
                preparar_evento(
                    por=por,
                    accion="certificaciones.certificado.emitir",
                    objeto=certificado,
                    despues=instantanea(certificado),
                ),
                preparar_evento(
                    por=por,
                    accion="certificaciones.solicitud.emitir",
                    objeto=solicitud,
                    antes=antes,
                    despues=instantanea(solicitud, ["estado"]),
                ),
            ]
        )
    return certificado


@transaction.atomic
def revocar_certificado(*, certificado: Certificado, motivo: str, por) -> Certificado:
    """Revoca un certificado emitido por error: queda en el registro, con su número, su PDF y el motivo,
    y la verificación pública muestra «revocado». Solo el Secretario General o quien lo subroga."""
    if not puede_intentar(por):
        raise PermissionDenied
    autoridad_para(por, certificado.tipo, revocar=True)
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo de la revocación."]})
    certificado = Certificado.objects.select_for_update().get(pk=certificado.pk)
    if certificado.revocado:
        raise ValidationError("El certificado ya está revocado.")
    campos = ["revocado", "revocado_en", "revocado_por", "motivo_revocacion"]
    antes = instantanea(certificado, campos)
    certificado.revocado, certificado.revocado_en, certificado.revocado_por = True, timezone.now(), por
    certificado.motivo_revocacion = motivo
    certificado.save(update_fields=campos)
    registrar_evento(
        por=por,
        accion="certificaciones.certificado.revocar",
        objeto=certificado,
        antes=antes,
        despues=instantanea(certificado, campos),
    )
    return certificado
