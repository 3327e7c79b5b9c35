"""El contrato de `core.rapido.encadenar`: en PostgreSQL los eventos que encadena el camino rápido quedan
iguales a los del ORM (`DB_CAMINO_RAPIDO=0`) y la cadena intacta; en SQLite no hay camino rápido."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import CadenaAuditoria, Evento
from core.services.auditoria import (
    encadenar,
    instantanea,
    preparar_evento,
    registrar_evento,
    verificar_cadena,
)
from core.tests.factories import UnidadFactory

pytestmark = pytest.mark.django_db

_VARIA = {"id", "momento", "hash", "hash_anterior"}


def _eventos(por, unidad, accion):
    return [
        preparar_evento(por=por, accion=accion, objeto=unidad, despues={"paso": i, "lista": [1, 2.0, None]})
        for i in range(3)
    ]


def test_encadenar_deja_lo_mismo_por_los_dos_caminos(secretario, settings):
    unidad = UnidadFactory()
    registrar_evento(por=secretario, accion="prueba.calentar", objeto=unidad)  # la cabeza ya existe
    filas, consultas = {}, {}
    for encendido in (True, False):
        settings.DB_CAMINO_RAPIDO = encendido
        accion = f"prueba.camino.{encendido}"
        with CaptureQueriesContext(connection) as capturadas:
            encadenar(_eventos(secretario, unidad, accion))
        consultas[encendido] = len(capturadas)
        guardados = Evento.objects.filter(accion=accion).order_by("id")
        filas[encendido] = [
            {k: v for k, v in instantanea(e).items() if k not in _VARIA | {"accion"}} for e in guardados
        ]
    assert filas[True] == filas[False] and len(filas[True]) == 3
    cabeza = CadenaAuditoria.objects.get(pk=1)
    assert cabeza.ultimo_id == Evento.objects.order_by("-id").values_list("id", flat=True).first()
    assert verificar_cadena().intacta
    if connection.vendor == "postgresql":
        assert consultas[True] < consultas[False]
    else:
        assert consultas[True] == consultas[False]
