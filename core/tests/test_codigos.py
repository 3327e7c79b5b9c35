"""Códigos al azar: alfabeto sin confundibles, largo pedido, reparto uniforme y un solo pedido al sistema."""

from collections import Counter

from core import codigos
from core.codigos import ALFABETO, codigo_al_azar


def test_largo_y_alfabeto():
    for largo in (1, 12, 20, 40):
        codigo = codigo_al_azar(largo)
        assert len(codigo) == largo and set(codigo) <= set(ALFABETO)
    assert not set("01IOL") & set(ALFABETO)


def test_reparto_uniforme_de_los_caracteres_y_de_las_posiciones():
    # 1.000 códigos de 31 caracteres: cada carácter sale ~1.000 veces (desvío ~31), y también cada uno en
    # la primera y en la última posición ~32 veces. Márgenes de más de 6 desvíos: esta prueba no falla
    # por azar, solo si el reparto está sesgado (p. ej. cifras tomadas con módulo de un número chico).
    muestras = [codigo_al_azar(31) for _ in range(1000)]
    total = Counter("".join(muestras))
    assert set(total) == set(ALFABETO)
    assert all(800 < n < 1200 for n in total.values()), total
    for posicion in (0, 30):
        en_posicion = Counter(m[posicion] for m in muestras)
        assert max(en_posicion.values()) < 75, en_posicion


def test_un_solo_pedido_al_generador_del_sistema(monkeypatch):
    pedidos = []
    original = codigos.secrets.token_bytes
    monkeypatch.setattr(codigos.secrets, "token_bytes", lambda n: pedidos.append(n) or original(n))
    codigo_al_azar(12)
    assert pedidos == [24]
