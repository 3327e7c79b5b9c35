import pytest

from core import roles
from core.tests.factories import UnidadFactory, UsuarioFactory


@pytest.fixture
def archivero(municipio):
    """El jefe del Archivo central (rol «Archivo central»)."""
    return UsuarioFactory(
        username="archivo",
        unidad=UnidadFactory(sigla="UTDA", nombre="Trámite Documentario"),
        roles=[roles.ARCHIVO],
    )
