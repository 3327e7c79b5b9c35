import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _cache_limpia():
    """Los límites por IP viven en la caché: cada prueba empieza sin contadores."""
    cache.clear()
    yield
    cache.clear()
