"""`core.versiones`: cualquier escritura en una tabla de un grupo le da al grupo una versión nueva (en los dos
motores y por cualquier camino: ORM, `update()`, `bulk_create`, SQL a mano), las demás tablas no; las
migraciones guardan el SQL que `sql_disparadores` genera hoy; y la memoria del proceso guarda por versión."""

from datetime import date
from importlib import import_module

import pytest
from django.db import connection

from core import versiones
from core.models import DiaCalendario, Municipio, ReglaLocal, Serie, VersionDeDatos
from core.sql import Tabla
from core.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def _version(grupo="configuracion"):
    return VersionDeDatos.objects.get(grupo=grupo).valor


def test_cada_escritura_da_una_version_nueva_y_otras_tablas_no(municipio):
    Serie.objects.create(codigo="prueba", nombre="Prueba", formato="{numero}")
    vistas = [_version()]

    def cambio():
        vistas.append(_version())
        assert vistas[-1] != vistas[-2], "la escritura no cambió la versión"

    dia = DiaCalendario.objects.create(
        municipio=municipio,
        fecha=date(2026, 7, 1),
        tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
        descripcion="Prueba",
    )
    cambio()
    Municipio.objects.filter(pk=municipio.pk).update(telefono="01-555")  # sin señales ni save()
    cambio()
    ReglaLocal.objects.bulk_create(
        [
            ReglaLocal(
                municipio=municipio,
                clave="plazos.respuesta_peticion",
                valor=7,
                vigente_desde=date(2020, 1, 1),
            )
        ]
    )
    cambio()
    serie = Tabla(Serie)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {serie} SET {serie.nombre} = {serie.nombre}")
    cambio()
    dia.delete()
    cambio()
    PersonaFactory()  # otra tabla: no es configuración
    assert _version() == vistas[-1]
    assert len(set(vistas)) == len(vistas)  # ninguna se repite


@pytest.mark.parametrize("motor", ["postgresql", "sqlite"])
def test_la_migracion_guarda_el_sql_que_se_genera_hoy(motor):
    migracion = import_module("core.migrations.0004_versiones_sin_repetir")
    congelado = migracion.DISPARADORES_POSTGRESQL if motor == "postgresql" else migracion.DISPARADORES_SQLITE
    assert congelado == versiones.sql_disparadores("configuracion", motor)
    assert migracion.FUNCION_POSTGRESQL == versiones.sql_funcion_postgresql()


def test_la_memoria_guarda_por_version_y_no_sin_version():
    memoria = versiones.Memoria("prueba", maximo=2)
    calculos = []

    def calcular(valor):
        return lambda: calculos.append(valor) or valor

    assert memoria.obtener(1, "a", calcular("uno")) == "uno"
    assert memoria.obtener(1, "a", calcular("otro")) == "uno"  # guardado
    assert memoria.obtener(2, "a", calcular("dos")) == "dos"  # otra versión
    assert memoria.obtener(None, "a", calcular("sin")) == "sin"
    assert memoria.obtener(None, "a", calcular("sin2")) == "sin2"  # sin versión no se guarda
    memoria.obtener(3, "a", calcular("tres"))
    assert memoria.obtener(1, "a", calcular("uno de nuevo")) == "uno de nuevo"  # salió la más vieja
    assert calculos == ["uno", "dos", "sin", "sin2", "tres", "uno de nuevo"]


def test_tras_vaciar_la_base_los_grupos_vuelven_a_tener_fila():
    VersionDeDatos.objects.all().delete()
    versiones.asegurar_filas()
    assert set(VersionDeDatos.objects.values_list("grupo", flat=True)) >= set(versiones.GRUPOS)
