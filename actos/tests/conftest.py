"""Las pruebas de actos firman con el alcalde que la organización registra (`actos.firmantes`)."""

import pytest

from actos.tests.factories import alcalde_en_funciones


@pytest.fixture(autouse=True)
def _alcalde(request):
    """Pedro Ramos Salas ocupa el asiento de alcalde en toda prueba con base de datos."""
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
    alcalde_en_funciones()
