"""La demostración del archivo por país: cada país arma su cuadro con los códigos de su tabla, la retención en
las etapas de su perfil, una versión futura que no toca el pasado y sus expedientes (uno reservado, con el
fundamento de su ley); cargar dos veces no crea nada. Sin la demostración entera: solo el organigrama."""

import pytest

from archivo import demo
from archivo.models import Expediente, NodoCuadro, Prestamo, Retencion
from core import roles
from core.demo_paises import PAISES
from core.models import Municipio
from core.tests.factories import UnidadFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pais", ["PE", "EC", "CO", "MX"])
def test_cada_pais_tiene_su_cuadro_y_sus_expedientes(pais):
    datos = PAISES[pais]
    municipio = Municipio.objects.create(
        nombre=datos.nombre, sigla=datos.sigla, perfil=datos.perfil, zona_horaria=datos.zona_horaria
    )
    for u in datos.unidades:
        UnidadFactory(sigla=u.sigla, nombre=u.nombre)
    UsuarioFactory(username="archivo", roles=[roles.ARCHIVO])

    demo.cargar(municipio)
    series = NodoCuadro.objects.filter(nivel__in=["serie", "subserie"])
    assert 15 <= series.count() <= 25
    assert NodoCuadro.objects.get(nivel="fondo").codigo == datos.sigla
    # Las etapas con plazo son las del perfil del país (PE periférico, EC intermedio, MX concentración).
    claves = {
        "PE": {"gestion", "periferico", "central"},
        "EC": {"gestion", "central", "intermedio"},
        "CO": {"gestion", "central"},
        "MX": {"tramite", "concentracion"},
    }[pais]
    assert all(set(r.plazos) == claves for r in Retencion.objects.all())
    # Una versión 2 futura; los expedientes abiertos hoy guardan la 1.
    v2 = Retencion.objects.get(version=2)
    assert v2.vigente_desde.month == 1 and v2.disposicion == "digitalizacion"
    assert not Expediente.objects.filter(retencion=v2).exists()
    reservado = Expediente.objects.get(acceso="reservado")
    assert reservado.fundamento_acceso == demo.POR_PAIS[pais].reserva
    assert Expediente.objects.count() == 4
    # Un préstamo entregado, con su fecha de devolución.
    assert Prestamo.objects.get().estado == "entregado"

    conteos = NodoCuadro.objects.count(), Retencion.objects.count(), Expediente.objects.count()
    demo.cargar(municipio)
    assert (NodoCuadro.objects.count(), Retencion.objects.count(), Expediente.objects.count()) == conteos
    assert Prestamo.objects.count() == 1
