"""Dentro de un registro (tipo y año) los números y las fechas de firma no se cruzan: un acto firmado con
fecha anterior a la de un número ya dado no toma el número siguiente (Nº 001 firmado el 07/12 y Nº 002
firmado el 28/10 se rechaza), salvo la excepción motivada que el perfil o una regla local admita.
Tabla por país: la regla es la misma en los cuatro perfiles (sin excepción por defecto)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actos.models import Acto
from actos.tests.factories import ActoFactory
from core.models import Evento, Municipio, ReglaLocal

TIPO = {"PE": "ordenanza", "EC": "ordenanza", "CO": "acuerdo", "MX": "reglamento"}
HOY = timezone.localdate()


def _firmar(cliente, acto, fecha: date, **extra):
    datos = {"fecha": fecha.isoformat(), **extra}
    return cliente.post(reverse("api-actos-firmar", args=[acto.pk]), datos, format="json")


def _aprobado(secretario, tipo):
    return ActoFactory(tipo=tipo, estado=Acto.Estado.APROBADO, creado_por=secretario)


@pytest.mark.parametrize("pais", list(TIPO))
def test_una_firma_anterior_no_toma_un_numero_posterior(pais, secretario, cliente_de):
    Municipio.objects.update(perfil=pais)
    cliente = cliente_de(secretario)
    tipo = TIPO[pais]
    primero, segundo = _aprobado(secretario, tipo), _aprobado(secretario, tipo)
    assert _firmar(cliente, primero, HOY).status_code == 200
    r = _firmar(cliente, segundo, HOY - timedelta(days=40))
    assert r.status_code == 400
    assert "no puede tomar un número posterior" in r.content.decode()
    segundo.refresh_from_db()
    assert segundo.numero is None and segundo.estado == Acto.Estado.APROBADO
    # El mismo día o después, sí.
    assert _firmar(cliente, segundo, HOY).status_code == 200
    assert Acto.objects.get(pk=segundo.pk).numero == 2


def test_en_orden_las_fechas_anteriores_se_cargan(secretario, cliente_de):
    """Cargar actos pasados en su orden sí se puede: 28/10 y luego 07/12."""
    cliente = cliente_de(secretario)
    a, b = _aprobado(secretario, "decreto"), _aprobado(secretario, "decreto")
    assert _firmar(cliente, a, HOY - timedelta(days=40)).status_code == 200
    assert _firmar(cliente, b, HOY).status_code == 200
    assert [x.numero for x in Acto.objects.filter(pk__in=[a.pk, b.pk]).order_by("firmado_en")] == [1, 2]


def test_la_excepcion_motivada_queda_registrada(secretario, cliente_de):
    ReglaLocal.objects.create(
        municipio=Municipio.objects.get(),
        clave="actos.excepciones_motivadas",
        valor={"firmantes": False, "orden_de_firma": True},
        vigente_desde=date(2000, 1, 1),
        fuente="Reglamento interno de Secretaría, art. 12",
    )
    cliente = cliente_de(secretario)
    primero, segundo = _aprobado(secretario, "decreto"), _aprobado(secretario, "decreto")
    assert _firmar(cliente, primero, HOY).status_code == 200
    r = _firmar(cliente, segundo, HOY - timedelta(days=3))
    assert r.status_code == 400 and "escriba su motivo" in r.content.decode()
    motivo = "Firmado en físico el día indicado; se registra tarde por corte del sistema"
    r = _firmar(cliente, segundo, HOY - timedelta(days=3), motivo_orden=motivo)
    assert r.status_code == 200
    segundo.refresh_from_db()
    assert segundo.numero == 2 and segundo.motivo_orden_firma == motivo
    evento = Evento.objects.get(accion="actos.acto.firmar", objeto_id=str(segundo.pk))
    assert evento.despues["motivo_orden_firma"] == motivo
    pagina = cliente.get(reverse("actos:acto", args=[segundo.pk])).content.decode()
    assert "Excepción al orden de firma" in pagina and motivo in pagina
