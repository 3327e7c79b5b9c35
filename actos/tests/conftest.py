"""Las pruebas de actos firman con el alcalde que la organización registra (`actos.firmantes`)."""

import pytest

from actos.tests.factories import presidente_del_concejo
from core.firma import generar_pkcs12_demo

CLAVE_P12 = b"clave-de-prueba-actos"


@pytest.fixture(scope="session")
def p12_actos(tmp_path_factory):
    """PKCS#12 de prueba (autoridad propia y firmante), uno por sesión."""
    ruta = tmp_path_factory.mktemp("certificados-actos") / "municipio.p12"
    generar_pkcs12_demo(ruta, CLAVE_P12, organizacion="Municipalidad de Prueba")
    return ruta


@pytest.fixture(autouse=True)
def _certificado(p12_actos, settings):
    """Los actos se firman PAdES con el certificado del municipio, como en producción."""
    settings.SECRETARIA_CERT_PKCS12 = p12_actos
    settings.SECRETARIA_CERT_CLAVE = CLAVE_P12.decode()
    settings.SECRETARIA_CERT_RAICES = None


@pytest.fixture(autouse=True)
def _alcalde(request):
    """Pedro Ramos Salas ocupa el asiento de alcalde en toda prueba con base de datos, y Gustavo Adolfo
    Henao Ruiz preside el concejo (Mesa Directiva: firma los acuerdos de Colombia)."""
    if "demo" in request.node.name or "demo" in request.module.__name__:
        return  # la demostración registra su propio concejo, con su alcalde
    nombres = set(request.fixturenames)
    marca = request.node.get_closest_marker("django_db")
    if "transactional_db" in nombres or (marca is not None and marca.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif "db" in nombres or marca is not None:
        request.getfixturevalue("db")
    else:
        return
    presidente_del_concejo()
