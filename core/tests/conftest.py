import pytest

from core.services.municipio import olvidar_zona_horaria


@pytest.fixture(autouse=True)
def _zona_horaria_olvidada():
    """La zona horaria del municipio se recuerda en el proceso: una prueba que la cambia no la deja a la
    siguiente (su municipio ya no existe tras la reversión)."""
    yield
    olvidar_zona_horaria()
