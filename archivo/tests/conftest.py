import pytest

from core import roles
from core.firma import generar_pkcs12_demo
from core.tests.factories import UnidadFactory, UsuarioFactory


@pytest.fixture
def archivero(municipio):
    """El jefe del Archivo central (rol «Archivo central»)."""
    return UsuarioFactory(
        username="archivo",
        unidad=UnidadFactory(sigla="UTDA", nombre="Trámite Documentario"),
        roles=[roles.ARCHIVO],
    )


CLAVE_P12 = b"clave-de-la-ca-de-prueba"


@pytest.fixture(scope="session")
def p12_de_prueba(tmp_path_factory):
    """PKCS#12 de prueba (autoridad raíz propia y un firmante) para firmar el acta de eliminación."""
    ruta = tmp_path_factory.mktemp("certificados") / "municipio.p12"
    generar_pkcs12_demo(ruta, CLAVE_P12, organizacion="Municipalidad de Prueba")
    return ruta


@pytest.fixture
def firma_de_prueba(p12_de_prueba, settings, tmp_path):
    """El certificado de prueba y los medios en un directorio temporal."""
    settings.SECRETARIA_CERT_PKCS12 = p12_de_prueba
    settings.SECRETARIA_CERT_CLAVE = CLAVE_P12.decode()
    settings.SECRETARIA_CERT_RAICES = None
    settings.MEDIA_ROOT = tmp_path / "media"
