"""Pista de auditoría: cadena de hashes, verificación desde la consola y páginas de consulta."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from core.models import CadenaAuditoria, Evento
from core.services.auditoria import calcular_hash, registrar_evento, verificar_cadena

ANTES_COMPLEJO = {
    "nombre": "Resolución de Alcaldía Nº 012-2026 — año «Bicentenario»",
    "monto": Decimal("1250.50"),
    "fecha": date(2026, 3, 15),
    "momento": datetime(2026, 3, 15, 10, 30, 15, 123456, tzinfo=timezone.get_fixed_timezone(-300)),
    "anidado": {"z": [1, 2.5, {"ñandú": "Ñuñoa"}], "a": None, "b": True},
    "tupla": (1, "dos"),
    "flotante_grande": 1e20,
    "flotante_entero": 5.0,
    "flotante_pequeno": 1.5e-07,
    "claves_numericas": {1: "uno", 2: "dos"},
    "nulo": "a\x00b",
}


def _cadena(usuario, n=5):
    return [
        registrar_evento(
            por=usuario,
            accion=f"prueba.evento.{i}",
            antes=ANTES_COMPLEJO if i % 2 else None,
            despues={"i": i, "texto": "acción número " + str(i), "lista": [date(2026, 1, i + 1)]},
            ip="2001:DB8:0:0:0:0:0:1" if i == 1 else "192.168.10.5",
        )
        for i in range(n)
    ]


def _verificar():
    from io import StringIO

    salida = StringIO()
    call_command("verificar-auditoria", stdout=salida)
    return salida.getvalue()


def test_eventos_complejos_verifican_intactos_tras_releerlos(secretario):
    creados = _cadena(secretario)
    for evento in Evento.objects.order_by("id"):
        assert calcular_hash(evento) == evento.hash
    releido = Evento.objects.get(pk=creados[1].pk)
    assert releido.antes["anidado"]["z"][2] == {"ñandú": "Ñuñoa"}
    assert releido.antes["monto"] == "1250.50"
    assert releido.antes["fecha"] == "2026-03-15"
    assert releido.antes["flotante_grande"] == 10**20
    assert releido.ip == "2001:db8::1"
    assert verificar_cadena().intacta
    assert "Cadena de auditoría íntegra: 5 eventos verificados." in _verificar()


def test_cadena_vacia_esta_integra(db):
    assert "íntegra: 0 eventos" in _verificar()


def test_evento_registra_actor_encadena_y_mueve_la_cabeza(secretario):
    primero, segundo = _cadena(secretario, 2)
    assert segundo.hash_anterior == primero.hash
    assert primero.hash_anterior == "0" * 64
    assert primero.actor == secretario
    cabeza = CadenaAuditoria.objects.get(pk=1)
    assert (cabeza.ultimo_id, cabeza.ultimo_hash) == (segundo.pk, segundo.hash)


def test_fila_alterada_en_sql_se_detecta_y_se_nombra(secretario):
    eventos = _cadena(secretario)
    victima = eventos[2]
    with connection.cursor() as c:
        c.execute("UPDATE core_evento SET accion = %s WHERE id = %s", ["prueba.maquillada", victima.pk])
    with pytest.raises(CommandError) as error:
        _verificar()
    mensaje = str(error.value)
    assert f"evento {victima.pk} " in mensaje
    assert "prueba.maquillada" in mensaje
    assert "alterado" in mensaje
    assert verificar_cadena().primer_roto == victima.pk


def test_fila_alterada_con_hash_recalculado_rompe_el_enlace_siguiente(secretario):
    eventos = _cadena(secretario)
    victima = Evento.objects.get(pk=eventos[1].pk)
    victima.actor_nombre = "Otra persona"
    nuevo_hash = calcular_hash(victima)
    with connection.cursor() as c:
        c.execute(
            "UPDATE core_evento SET actor_nombre = %s, hash = %s WHERE id = %s",
            ["Otra persona", nuevo_hash, victima.pk],
        )
    resultado = verificar_cadena()
    assert not resultado.intacta
    assert resultado.primer_roto == eventos[2].pk
    assert "no enlaza" in resultado.motivo


def test_fila_intermedia_eliminada_se_detecta(secretario):
    eventos = _cadena(secretario)
    with connection.cursor() as c:
        c.execute("DELETE FROM core_evento WHERE id = %s", [eventos[2].pk])
    with pytest.raises(CommandError) as error:
        _verificar()
    assert f"evento {eventos[3].pk} " in str(error.value)
    assert "no enlaza con el evento anterior" in str(error.value)


def test_ultima_fila_eliminada_se_detecta(secretario):
    eventos = _cadena(secretario)
    with connection.cursor() as c:
        c.execute("DELETE FROM core_evento WHERE id = %s", [eventos[-1].pk])
    with pytest.raises(CommandError) as error:
        _verificar()
    assert f"evento {eventos[-1].pk} (ya no existe" in str(error.value)
    assert "falta el último evento" in str(error.value)


def test_primera_fila_eliminada_se_detecta(secretario):
    eventos = _cadena(secretario)
    with connection.cursor() as c:
        c.execute("DELETE FROM core_evento WHERE id = %s", [eventos[0].pk])
    resultado = verificar_cadena()
    assert (resultado.intacta, resultado.primer_roto) == (False, eventos[1].pk)


def test_fila_anadida_por_fuera_se_detecta(secretario):
    eventos = _cadena(secretario, 2)
    falso = Evento(
        momento=timezone.now(), actor_nombre="intruso", accion="prueba.falsa", hash_anterior=eventos[-1].hash
    )
    falso.hash = calcular_hash(falso)
    falso.save(force_insert=True)  # sin pasar por registrar_evento: la cabeza no se mueve
    resultado = verificar_cadena()
    assert not resultado.intacta
    assert "cabeza" in resultado.motivo
