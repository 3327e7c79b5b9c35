"""Numeración de los actos: un registro por tipo y año, sin saltos, también con firmas simultáneas (hilos,
en SQLite de archivo y en PostgreSQL); cada tipo del perfil tiene su formato en PE, EC, CO y MX."""

from datetime import date

import pytest
from django.db import connection

from actos.models import Acto
from actos.services.ciclo import firmar
from actos.tests.factories import ActoFactory, acto_firmado
from core import roles
from core.models import NumeroRegistro
from core.services.auditoria import verificar_cadena
from core.services.numeracion import validar_formato
from core.services.perfiles import valor
from core.tests.concurrencia import a_la_vez
from core.tests.factories import MunicipioFactory, UsuarioFactory


@pytest.mark.parametrize("perfil", ["PE", "EC", "CO", "MX", "MX-AGU", "MX-MEX"])
def test_cada_instrumento_del_perfil_tiene_su_formato_de_numero(perfil):
    tipos = valor("instrumentos", perfil=perfil)
    assert {"ordenanza", "acuerdo"} & {t["codigo"] for t in tipos} or perfil.startswith("MX")
    for tipo in tipos:
        assert tipo["organo"] in ("concejo", "alcalde")
        formato = valor(f"numeracion.formato.{tipo['codigo']}", perfil=perfil)
        validar_formato(formato)
    regla = valor("actos.publicacion", perfil=perfil)
    assert regla["medios"] and regla["regla"]
    assert valor("actos.vigencia_dias", perfil=perfil) in (0, 1)


@pytest.mark.django_db
def test_cada_tipo_y_anio_tiene_su_registro(secretario):
    d1 = acto_firmado(por=secretario, tipo="decreto", fecha=date(2025, 12, 30))
    d2 = acto_firmado(por=secretario, tipo="decreto", fecha=date(2026, 1, 2))
    o1 = acto_firmado(por=secretario, tipo="ordenanza", fecha=date(2026, 1, 3))
    d3 = acto_firmado(por=secretario, tipo="decreto", fecha=date(2026, 1, 4))
    assert (d1.anio, d1.numero, d1.numero_texto) == (2025, 1, "DECRETO DE ALCALDÍA Nº 001-2025-MDVE")
    assert (d2.anio, d2.numero) == (2026, 1)
    assert (d3.anio, d3.numero) == (2026, 2)
    assert (o1.numero, o1.numero_texto) == (1, "ORDENANZA MUNICIPAL Nº 001-2026-MDVE")


def _sqlite_en_memoria() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.mark.django_db(transaction=True)
def test_firmas_simultaneas_dan_numeros_seguidos_por_tipo():
    if _sqlite_en_memoria():
        pytest.skip(
            "Use SECRETARIA_TEST_SQLITE=/ruta/archivo para correrla en SQLite; en PostgreSQL corre siempre."
        )
    MunicipioFactory()
    secretario = UsuarioFactory(username="secretario-concurrente", roles=[roles.SECRETARIO])
    por_tipo = {"decreto": 6, "ordenanza": 6}
    actos = [
        ActoFactory(tipo=t, estado="aprobado", creado_por=secretario)
        for t, n in por_tipo.items()
        for _ in range(n)
    ]
    errores = a_la_vez(
        (lambda a=a: firmar(acto=a, por=secretario, firmante="Pedro Ramos", cargo_firmante="Alcalde"))
        for a in actos
    )
    assert not errores, errores[:3]
    for tipo, n in por_tipo.items():
        numeros = sorted(Acto.objects.filter(tipo=tipo).values_list("numero", flat=True))
        assert numeros == list(range(1, n + 1))
        assert NumeroRegistro.objects.filter(serie__codigo=tipo).count() == n
    assert Acto.objects.filter(estado="firmado", sha256__regex=r"^[0-9a-f]{64}$").count() == len(actos)
    assert verificar_cadena().intacta
