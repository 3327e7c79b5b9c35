"""`core.api.serializadores.validar`: la instancia del serializador que se reutiliza en un hilo da lo mismo que una
nueva, con datos buenos y malos y en cualquier orden."""

import threading

import pytest
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from core.api.serializadores import validar


class Anidada(serializers.Serializer):
    tipo = serializers.ChoiceField(choices=[("DNI", "DNI"), ("RUC", "RUC")])
    numero = serializers.CharField(max_length=8)


class Entrada(serializers.Serializer):
    asunto = serializers.CharField(max_length=20)
    folios = serializers.IntegerField(min_value=1)
    persona = Anidada(required=False, allow_null=True, default=None)
    nota = serializers.CharField(required=False, allow_blank=True, default="")


CASOS = [
    {"asunto": "Solicitud", "folios": 3},
    {"asunto": "", "folios": 0},
    {"asunto": "Otra", "folios": 2, "persona": {"tipo": "DNI", "numero": "12345678"}, "nota": "urgente"},
    {"asunto": "x" * 21, "folios": "tres", "persona": {"tipo": "PAS", "numero": "123456789"}},
    {"asunto": "Sin persona", "folios": 1, "persona": None},
    {"folios": 5},
    {"asunto": "Última", "folios": 7, "persona": {"tipo": "RUC", "numero": "2060"}},
]


def _con_drf(datos):
    s = Entrada(data=datos)
    return ("ok", dict(s.validated_data)) if s.is_valid() else ("error", s.errors)


def _reutilizada(datos):
    try:
        return "ok", validar(Entrada, datos)
    except ValidationError as e:
        return "error", e.detail


@pytest.mark.parametrize("orden", [CASOS, list(reversed(CASOS)), CASOS[1::2] + CASOS[::2]])
def test_da_lo_mismo_que_una_instancia_nueva_en_cualquier_orden(orden):
    for datos in orden:
        assert _reutilizada(datos) == _con_drf(datos), datos


def test_cada_hilo_tiene_su_instancia():
    resultados = {}

    def trabajar(k):
        resultados[k] = [_reutilizada(d) for d in CASOS]

    hilos = [threading.Thread(target=trabajar, args=(k,)) for k in range(4)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    esperado = [_con_drf(d) for d in CASOS]
    assert all(r == esperado for r in resultados.values())
