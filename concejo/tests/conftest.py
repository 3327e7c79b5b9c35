"""Fixtures de las pruebas del concejo: el pleno y la sesión en vivo que comparten las de la sesión en vivo,
sus votaciones y su API (un módulo que define su propio `pleno` o `sesion` usa el suyo)."""

import pytest
from django.utils import timezone

from concejo.models import Sesion
from concejo.tests.factories import SesionFactory, concejo_completo


@pytest.fixture
def pleno(municipio):
    # Alcalde + 10 regidores: número legal 11; con todos hábiles el quórum es 6.
    return concejo_completo(regidores=10)


@pytest.fixture
def sesion(pleno):
    return SesionFactory(organo=pleno, fecha=timezone.now(), estado=Sesion.Estado.CONVOCADA, publica=False)
