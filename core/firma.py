"""Firma PAdES con pyHanko y su validación, con el certificado del municipio (un PKCS#12).

Vive en el núcleo porque firman varias áreas (actas del concejo, certificados). Ajustes, leídos de
`settings` en cada llamada (las pruebas los cambian con el fixture `settings`):
- `SECRETARIA_CERT_PKCS12`: ruta del PKCS#12 (.p12/.pfx) con la clave privada que firma y su cadena (por
  omisión `var/certificados/municipio.p12`, que `secretaria demo` genera si falta);
- `SECRETARIA_CERT_CLAVE`: su contraseña;
- `SECRETARIA_CERT_RAICES`: PEM con las autoridades de confianza para verificar firmas; si falta, las que
  trae el propio PKCS#12.

También genera la autoridad y el certificado de demostración (`generar_pkcs12_demo`), para que
`make run` firme sin que nadie compre un certificado; en producción el municipio pone el suyo.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import pickle
import resource
import select
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, cast

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


def ruta_pkcs12() -> Path:
    return Path(settings.SECRETARIA_CERT_PKCS12)


def clave_pkcs12() -> bytes:
    return settings.SECRETARIA_CERT_CLAVE.encode("utf-8")


def ruta_raices() -> Path | None:
    ruta = settings.SECRETARIA_CERT_RAICES
    return Path(ruta) if ruta else None


_cache: dict[tuple, object] = {}
_cerrojo = threading.Lock()


def _corto(texto: str) -> str:
    # X.509 limita estos nombres a 64 bytes (UTF-8).
    while len(texto.encode("utf-8")) > 64:
        texto = texto[:-1]
    return texto


def generar_pkcs12_demo(ruta: Path, clave: bytes, *, organizacion: str, dias: int = 3650) -> None:
    """Crea en `ruta` un PKCS#12 con una autoridad raíz de demostración y un certificado de firma de
    `organizacion` emitido por ella (RSA 2048, SHA-256). La raíz va dentro como cadena: es la autoridad
    en la que confía la verificación pública cuando no se configura otra (`SECRETARIA_CERT_RAICES`).
    """
    from cryptography import x509  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan
    from cryptography.hazmat.primitives import hashes, serialization  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan
    from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan
    from cryptography.hazmat.primitives.serialization import pkcs12  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan

    ahora = datetime.now(UTC)
    clave_ca = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    nombre_ca = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _corto(organizacion)),
            x509.NameAttribute(NameOID.COMMON_NAME, _corto(f"Autoridad de demostración — {organizacion}")),
        ]
    )
    ca = (
        x509.CertificateBuilder()
        .subject_name(nombre_ca)
        .issuer_name(nombre_ca)
        .public_key(clave_ca.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(ahora - timedelta(days=1))
        .not_valid_after(ahora + timedelta(days=dias))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(clave_ca.public_key()), critical=False)
        .sign(clave_ca, hashes.SHA256())
    )
    clave_firma = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    firmante = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, _corto(organizacion)),
                    x509.NameAttribute(NameOID.COMMON_NAME, _corto(f"Secretaría General — {organizacion}")),
                ]
            )
        )
        .issuer_name(nombre_ca)
        .public_key(clave_firma.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(ahora - timedelta(days=1))
        .not_valid_after(ahora + timedelta(days=dias - 1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(clave_ca.public_key()), critical=False
        )
        .sign(clave_ca, hashes.SHA256())
    )
    datos = pkcs12.serialize_key_and_certificates(
        name=b"municipio",
        key=clave_firma,
        cert=firmante,
        cas=[ca],
        encryption_algorithm=serialization.BestAvailableEncryption(clave),
    )
    ruta.parent.mkdir(parents=True, exist_ok=True)
    temporal = ruta.with_suffix(".tmp")
    temporal.write_bytes(datos)
    temporal.chmod(0o600)
    temporal.replace(ruta)


def asegurar_certificado_demo(municipio) -> None:
    """Crea el PKCS#12 de demostración si falta (no toca uno existente: puede ser el real)."""
    ruta = ruta_pkcs12()
    if not ruta.exists():
        generar_pkcs12_demo(ruta, clave_pkcs12(), organizacion=municipio.nombre if municipio else "Municipio")


def _clave_cache(ruta: Path, *extra) -> tuple:
    try:
        return (str(ruta), ruta.stat().st_mtime_ns, *extra)
    except FileNotFoundError:
        raise ImproperlyConfigured(
            f"No se encontró el certificado del municipio en {ruta}. Configure SECRETARIA_CERT_PKCS12 "
            "(o corra `secretaria demo`, que crea uno de demostración)."
        ) from None


def firmante():
    """El `SimpleSigner` de pyHanko con la clave y la cadena del PKCS#12 configurado (en caché por ruta y
    fecha del archivo: cambiar el archivo lo recarga)."""
    from pyhanko.sign import signers  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan

    ruta, clave = ruta_pkcs12(), clave_pkcs12()
    llave = ("firmante", *_clave_cache(ruta, clave))
    with _cerrojo:
        if llave not in _cache:
            signer = signers.SimpleSigner.load_pkcs12(str(ruta), passphrase=clave)
            if signer is None:
                raise ImproperlyConfigured(
                    f"No se pudo abrir el certificado {ruta}: revise SECRETARIA_CERT_CLAVE."
                )
            _cache[llave] = signer
        return _cache[llave]


def raices_de_confianza() -> list[asn1_x509.Certificate]:
    """Las autoridades en que confía la verificación: las de `SECRETARIA_CERT_RAICES` o, si no se
    configuró, las autoridades autofirmadas que trae el PKCS#12 del municipio."""
    from pyhanko.keys import load_certs_from_pemder  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan

    ruta = ruta_raices()
    if ruta is not None:
        llave = ("raices", *_clave_cache(ruta))
        with _cerrojo:
            if llave not in _cache:
                _cache[llave] = list(load_certs_from_pemder([str(ruta)]))
            return cast(list[asn1_x509.Certificate], _cache[llave])  # lo guardado bajo «raices»
    signer = firmante()
    certificados = [*signer.cert_registry, signer.signing_cert]
    return [c for c in certificados if c.self_signed] or [signer.signing_cert]


def _fuera_del_bucle(funcion, *args, **kwargs):
    """pyHanko ofrece su API síncrona con `asyncio.run`, que no se puede llamar si este hilo ya tiene un
    bucle de eventos corriendo (servidor ASGI, Playwright en las pruebas): entonces se corre en otro hilo."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return funcion(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as ejecutor:
        return ejecutor.submit(funcion, *args, **kwargs).result()


def firmar_pdf(pdf: bytes, *, razon: str, lugar: str = "") -> bytes:
    """Firma `pdf` (PAdES B-B, SHA-256) con el certificado del municipio y devuelve el PDF firmado."""
    return _fuera_del_bucle(_firmar_pdf, pdf, razon=razon, lugar=lugar)


def _firmar_pdf(pdf: bytes, *, razon: str, lugar: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan
    from pyhanko.sign import fields, signers  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan

    escritor = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    metadatos = signers.PdfSignatureMetadata(
        field_name="FirmaSecretaria",
        reason=razon,
        location=lugar or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    salida = io.BytesIO()
    signers.PdfSigner(metadatos, signer=firmante()).sign_pdf(escritor, output=salida)
    return salida.getvalue()


@dataclass(frozen=True)
class ResultadoFirma:
    """Lo que la verificación dice de las firmas de un PDF. `valida` es None si no trae firma."""

    valida: bool | None
    firmante: str = ""
    motivo: str = ""
    firmado_en: datetime | None = None


def validar_firma(pdf: bytes | BinaryIO) -> ResultadoFirma:
    """Valida la última firma del PDF con pyHanko contra las raíces de confianza: íntegra, criptográficamente
    válida, de un certificado de confianza y que cubra el archivo entero (nada añadido después).

    Corre en este proceso y sin tope: para PDF que salieron de aquí (su huella coincide con uno emitido).
    Un PDF de cualquiera va por `validar_firma_acotada`."""
    # Las raíces son configuración, no el archivo subido: si faltan, que se sepa (no es «firma no válida»).
    return _fuera_del_bucle(_validar_firma, pdf, raices_de_confianza())


# --- Validación acotada de PDF ajenos ---------------------------------------------------------------------
# pyHanko lee un PDF mal formado con rutas lentas: busca la marca %%EOF hacia atrás byte a byte (unos 2 s
# de CPU por MB, y crece) y descomprime lo que el archivo declare. La verificación es pública, así que un
# PDF de cualquiera se valida en un proceso hijo (os.fork: cuesta milisegundos y hereda pyHanko ya
# importado) con tope de CPU y de memoria, y solo si pasa antes una revisión barata de su forma. El hijo no
# toca la base ni los archivos abiertos: valida, escribe el resultado en un tubo y sale con os._exit (sin
# finalizadores, que cerrarían las conexiones del padre).


def _importar_lo_del_hijo() -> None:
    """Importa en el padre lo que el hijo usará: un hijo no debe importar nada (otro hilo del padre podía
    tener tomado un cerrojo al bifurcar)."""
    import pyhanko.pdf_utils.reader  # noqa: F401, PLC0415 - tarda en importarse; pocas solicitudes la usan
    import pyhanko.sign.validation  # noqa: F401, PLC0415 - ídem
    import pyhanko.sign.validation.status  # noqa: F401, PLC0415 - ídem
    import pyhanko_certvalidator  # noqa: F401, PLC0415 - ídem


def revision_previa(flujo: BinaryIO) -> ResultadoFirma | None:
    """Lo que se sabe sin pyHanko: un PDF termina con %%EOF en su último KB (ISO 32000-1, 7.5.5); sin esa
    marca, pyHanko la buscaría hacia atrás por todo el archivo. None si hay que preguntarle a pyHanko.
    Lee solo la cola del archivo."""
    flujo.seek(0, io.SEEK_END)
    flujo.seek(max(0, flujo.tell() - 1024))
    cola = flujo.read()
    flujo.seek(0)
    if b"%%EOF" not in cola:
        return ResultadoFirma(False, motivo="El archivo está dañado o incompleto: no termina como un PDF.")
    return None


def validar_firma_acotada(pdf: bytes | BinaryIO, *, segundos_cpu: int, megas: int) -> ResultadoFirma:
    """`validar_firma` para un PDF de cualquiera: en un proceso hijo que el sistema corta al pasar
    `segundos_cpu` de CPU o `megas` MB de memoria más de los que ya ocupaba (y que se mata si pasa el triple
    de ese tiempo en reloj, por una máquina cargada). Si se corta, la firma queda sin comprobar y se dice.

    Con un archivo abierto, el hijo lo lee por su cuenta (hereda el descriptor): el padre no carga el PDF
    en memoria y, mientras espera, no lo toca; al volver, lo deja al principio."""
    flujo = io.BytesIO(pdf) if isinstance(pdf, (bytes, bytearray)) else pdf
    if (previa := revision_previa(flujo)) is not None:
        return previa
    raices = raices_de_confianza()
    _importar_lo_del_hijo()
    lectura, escritura = os.pipe()
    pid = os.fork()
    if pid == 0:  # el hijo
        try:
            os.close(lectura)
            _topes_del_hijo(segundos_cpu, megas)
            resultado = _fuera_del_bucle(_validar_firma, flujo, raices)
            with os.fdopen(escritura, "wb") as salida:
                salida.write(pickle.dumps(resultado))
        finally:
            os._exit(0)
    os.close(escritura)
    datos = _leer_con_plazo(lectura, time.monotonic() + 3 * segundos_cpu + 5)
    if os.waitpid(pid, os.WNOHANG) == (0, 0):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    flujo.seek(0)
    resultado = pickle.loads(datos) if datos else None  # noqa: S301 - lo escribió nuestro propio hijo
    if not isinstance(resultado, ResultadoFirma):
        logger.info("Validación de firma cortada por su tope")
        return ResultadoFirma(
            None,
            motivo="No se pudo comprobar la firma de este archivo: su estructura es demasiado compleja "
            "para la verificación pública. La comparación con lo emitido sí se hizo.",
        )
    return resultado


def _topes_del_hijo(segundos_cpu: int, megas: int) -> None:
    usados = resource.getrusage(resource.RUSAGE_SELF)
    cpu = int(usados.ru_utime + usados.ru_stime) + segundos_cpu  # el hijo empieza en cero; por si acaso
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    with open("/proc/self/statm") as f:  # páginas de memoria virtual que ya ocupa (lo heredado)
        virtual = int(f.read().split()[0]) * resource.getpagesize()
    tope = virtual + megas * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (tope, tope))


def _leer_con_plazo(descriptor: int, limite: float) -> bytes:
    """Lee el tubo hasta que el hijo lo cierre o se acabe el plazo (entonces devuelve lo leído, vacío)."""
    partes: list[bytes] = []
    try:
        while (queda := limite - time.monotonic()) > 0:
            listos, _, _ = select.select([descriptor], [], [], queda)
            if not listos:
                return b""
            trozo = os.read(descriptor, 1 << 16)
            if not trozo:
                return b"".join(partes)
            partes.append(trozo)
        return b""
    finally:
        os.close(descriptor)


def _validar_firma(pdf: bytes | BinaryIO, raices: list[asn1_x509.Certificate]) -> ResultadoFirma:
    from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan

    contexto = ValidationContext(trust_roots=raices, allow_fetching=False)
    try:
        estado = _estado_de_la_firma(pdf, contexto)
    except MemoryError:  # el tope del hijo (validar_firma_acotada): no es «firma no válida»
        raise
    except Exception as e:  # noqa: BLE001 — ver la nota de _estado_de_la_firma
        logger.info("Firma ilegible en un PDF subido a la verificación (%s: %s)", type(e).__name__, e)
        return ResultadoFirma(
            False, motivo="El archivo está dañado o alterado: su firma no se pudo leer ni validar."
        )
    if estado is None:
        return ResultadoFirma(None, motivo="El PDF no trae firma digital.")
    nombre = _nombre_firmante(estado)
    if not estado.intact:
        return ResultadoFirma(
            False, nombre, "El contenido cambió después de firmarse: la firma ya no corresponde."
        )
    if not estado.valid:
        return ResultadoFirma(False, nombre, "La firma no es criptográficamente válida.")
    if not estado.trusted:
        return ResultadoFirma(
            False, nombre, "La firma es íntegra, pero su certificado no es de una autoridad de confianza."
        )
    if estado.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return ResultadoFirma(False, nombre, "Se añadió contenido al PDF después de la firma.")
    try:
        firmado_en = estado.signer_reported_dt
    except Exception:  # noqa: BLE001 — una fecha /M ilegible no invalida lo ya comprobado
        firmado_en = None
    return ResultadoFirma(True, nombre, "Firma válida.", firmado_en)


def _estado_de_la_firma(pdf: bytes | BinaryIO, contexto):
    """El estado pyHanko de la última firma del PDF, o None si no trae firma.

    El PDF viene de cualquiera (la verificación es pública): un byte cambiado en el diccionario de la
    firma, en su CMS o en el xref hace que pyHanko, pypdf o asn1crypto fallen con excepciones de toda
    clase (AttributeError por un algoritmo de resumen ilegible, PdfReadError por una fecha /M rota,
    ValueError, KeyError…). Quien llama trata cualquiera de ellas como «firma no válida»: nunca un 500.
    Por eso aquí también se leen los datos del estado que se calculan al pedirlos (resumen, cobertura).
    """
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan

    flujo = io.BytesIO(pdf) if isinstance(pdf, (bytes, bytearray)) else pdf
    flujo.seek(0)
    lector = PdfFileReader(flujo, strict=False)
    firmas = lector.embedded_signatures
    if not firmas:
        return None
    estado = validate_pdf_signature(firmas[-1], contexto)
    _ = (estado.intact, estado.valid, estado.trusted, estado.coverage)
    return estado


def _nombre_firmante(estado) -> str:
    try:
        if estado.signing_cert is None:
            return ""
        sujeto = estado.signing_cert.subject
        return sujeto.native.get("common_name") or sujeto.human_friendly
    except Exception:  # noqa: BLE001 — un nombre ilegible no cambia el veredicto
        return ""
