"""Verificación pública: por código o subiendo el PDF (huella SHA-256 y firma PAdES)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import BinaryIO

from actos.models import Acto
from certificaciones import conf
from certificaciones.models import Certificado, normalizar_codigo
from core.firma import ResultadoFirma, validar_firma, validar_firma_acotada


def por_codigo(codigo: str) -> Certificado | None:
    """El certificado del código (admite minúsculas, espacios y guiones), o None."""
    codigo = normalizar_codigo(codigo)
    if len(codigo) < 16:
        return None
    return Certificado.objects.select_related("pdf").filter(codigo=codigo).first()


@dataclass(frozen=True)
class Comprobacion:
    """El resultado de subir un PDF: si es exactamente uno emitido y qué dice su firma."""

    coincide: bool
    sha256: str
    certificado: Certificado | None
    firma: ResultadoFirma
    acto: Acto | None = None  # el acto firmado (ordenanza, decreto…) cuyo PDF es exactamente este

    def como_json(self) -> dict:
        c = self.certificado
        return {
            "coincide": self.coincide,
            "firma_valida": self.firma.valida,
            "codigo": c.codigo if c else None,
            "sha256": self.sha256,
            "firmante": self.firma.firmante or None,
            "motivo_firma": self.firma.motivo,
            "numero": c.numero_texto if c else None,
            "tipo": c.get_tipo_display() if c else None,
            "emitido_en": c.emitido_en.isoformat() if c else None,
            "revocado": c.revocado if c else None,
            "motivo_revocacion": (c.motivo_revocacion or None) if c else None,
            "acto": (
                {
                    "id": self.acto.pk,
                    "numero": self.acto.numero_texto,
                    "titulo": self.acto.titulo,
                    "estado": self.acto.estado,
                    "firmado_en": self.acto.firmado_en.isoformat() if self.acto.firmado_en else None,
                }
                if self.acto
                else None
            ),
        }


_TROZO = 1024 * 1024


def huella_de(flujo: BinaryIO) -> str:
    """SHA-256 de un archivo abierto en binario, leído por trozos (un certificado puede pesar decenas de
    MB: no hace falta tenerlo entero en memoria para la huella). Deja el archivo al principio."""
    flujo.seek(0)
    resumen = hashlib.sha256()
    while trozo := flujo.read(_TROZO):
        resumen.update(trozo)
    flujo.seek(0)
    return resumen.hexdigest()


def comprobar_pdf(archivo: bytes | BinaryIO, *, codigo: str = "") -> Comprobacion:
    """Compara la huella del PDF con las de los certificados emitidos y valida su firma con pyHanko.

    `archivo`: los bytes o el archivo subido abierto en binario (la huella se calcula por trozos y pyHanko
    lee del mismo archivo). Con `codigo`, solo coincide si es exactamente el PDF de ese certificado (sirve
    para confirmar una copia no pública sin revelarla). Un solo byte distinto cambia la huella y, dentro
    de lo firmado, rompe la firma; una firma ilegible es «no válida» y la huella responde igual.
    """
    flujo = io.BytesIO(archivo) if isinstance(archivo, (bytes, bytearray)) else archivo
    huella = huella_de(flujo)
    certificados = Certificado.objects.filter(sha256=huella)
    if codigo:
        certificados = certificados.filter(codigo=normalizar_codigo(codigo))
    certificado = certificados.first()
    acto = None
    if certificado is None and not codigo:
        # El PDF firmado de un acto (actos.services.ciclo.guardar_pdf_firmado) también se verifica aquí.
        acto = (
            Acto.objects.filter(sha256=huella, estado__in=(Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO))
            .exclude(sha256="")
            .first()
        )
    coincide = certificado is not None or acto is not None
    if coincide:  # salió de aquí: su firma se valida sin tope, en este proceso
        return Comprobacion(True, huella, certificado, validar_firma(flujo), acto)
    # Un PDF de cualquiera: su firma se valida con tope de CPU y memoria (core.firma, «acotada»).
    firma = validar_firma_acotada(flujo, segundos_cpu=conf.firma_segundos_cpu(), megas=conf.firma_megas())
    return Comprobacion(False, huella, None, firma, None)
