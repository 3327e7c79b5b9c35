"""Fixtures del área: una autoridad certificadora de prueba (una por sesión), medios en un directorio
temporal, la caché limpia (límites por IP) y ayudas para armar solicitudes."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certificaciones.services.solicitudes import crear_solicitud, registrar_pago
from core.firma import generar_pkcs12_demo
from core.tests.factories import PersonaFactory

CLAVE_P12 = b"clave-de-la-ca-de-prueba"


@pytest.fixture(scope="session")
def p12_de_prueba(tmp_path_factory):
    """PKCS#12 con una autoridad raíz propia de las pruebas y un firmante emitido por ella."""
    ruta = tmp_path_factory.mktemp("certificados") / "municipio.p12"
    generar_pkcs12_demo(ruta, CLAVE_P12, organizacion="Municipalidad de Prueba")
    return ruta


@pytest.fixture
def raiz_de_prueba(p12_de_prueba):
    """El certificado de la autoridad raíz de las pruebas (asn1crypto), sacado del PKCS#12."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _clave, _cert, cadena = pkcs12.load_key_and_certificates(p12_de_prueba.read_bytes(), CLAVE_P12)
    return x509.Certificate.load(cadena[0].public_bytes(Encoding.DER))


@pytest.fixture(autouse=True)
def entorno_de_certificados(p12_de_prueba, settings, tmp_path):
    settings.SECRETARIA_CERT_PKCS12 = p12_de_prueba
    settings.SECRETARIA_CERT_CLAVE = CLAVE_P12.decode()
    settings.SECRETARIA_CERT_RAICES = None
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def pdf_de_prueba(paginas: int = 2) -> bytes:
    from pypdf import PdfWriter

    escritor = PdfWriter()
    for _ in range(paginas):
        escritor.add_blank_page(595, 842)
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def firma_valida_segun_pyhanko(datos: bytes, raiz) -> bool:
    """La firma del PDF, validada con el propio validador de pyHanko contra la autoridad `raiz`."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    firma = PdfFileReader(io.BytesIO(datos)).embedded_signatures[0]
    estado = validate_pdf_signature(firma, ValidationContext(trust_roots=[raiz]))
    return estado.bottom_line and estado.coverage == SignatureCoverageLevel.ENTIRE_FILE


def subida(nombre: str = "original.pdf", datos: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        nombre, datos if datos is not None else pdf_de_prueba(), content_type="application/pdf"
    )


@pytest.fixture
def persona(db):
    return PersonaFactory(numero_documento="45871236", nombres="Juan Carlos", apellidos="Ramírez Poma")


@pytest.fixture
def lista(persona, secretario):
    """lista(tipo="copia", por=secretario, publico=False) -> una solicitud pagada, lista para emitir."""

    def _lista(tipo="copia", por=None, publico=False, texto=""):
        por = por or secretario
        con_original = tipo != "constancia"
        s = crear_solicitud(
            tipo=tipo,
            solicitante=persona,
            asunto="Resolución de Alcaldía Nº 012-2026-MDVE",
            por=por,
            archivo=subida() if con_original else None,
            texto=texto
            or (
                "Texto del artículo 5."
                if tipo == "extracto"
                else "Que no adeuda."
                if tipo == "constancia"
                else ""
            ),
            publico=publico,
        )
        if s.monto > Decimal("0"):
            s = registrar_pago(
                solicitud=s,
                recibo_numero="R-1",
                recibo_fecha=timezone.localdate(),
                recibo_monto=s.monto,
                por=por,
            )
        return s

    return _lista


@pytest.fixture
def encargo_vigente(secretario, prosecretario):
    from core.services.encargos import crear_encargo

    hoy = timezone.localdate()
    return crear_encargo(
        titular=secretario,
        encargado=prosecretario,
        cargo=None,
        desde=hoy - timedelta(days=1),
        hasta=hoy + timedelta(days=5),
        documento="Res. 1-2026",
        motivo="Vacaciones",
        por=secretario,
    )
