"""HEAD en las páginas públicas (issue 20, punto 7): responde lo mismo que GET, sin cuerpo; lo que solo
admite POST sigue con 405; y HEAD no cuenta como escritura (CSRF no lo detiene)."""

import pytest


@pytest.mark.parametrize(
    "ruta", ["/", "/verificar/", "/normativa/", "/consulta/", "/mesa-de-partes-virtual/"]
)
def test_head_de_una_pagina_publica_es_get_sin_cuerpo(client, municipio, ruta):
    get = client.get(ruta)
    head = client.head(ruta)
    assert get.status_code == 200, ruta
    assert head.status_code == 200, ruta
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    # El largo es el de su propio GET; una página con formulario cambia de un pedido a otro (token CSRF).
    if b"csrfmiddlewaretoken" in get.content:
        assert abs(int(head["Content-Length"]) - len(get.content)) < 16
    else:
        assert int(head["Content-Length"]) == len(get.content)


def test_head_de_una_pagina_interna_sin_ingreso_redirige_como_get(client, municipio):
    head = client.head("/registro/bandeja/")
    assert head.status_code == 302 and "/ingresar/" in head["Location"]


def test_head_no_abre_lo_que_solo_admite_post(cliente_de, secretario):
    # /salir/ solo admite POST: HEAD (visto como GET) recibe el mismo 405 que GET.
    assert cliente_de(secretario).head("/salir/").status_code == 405


def test_head_en_la_api_con_token(client, municipio):
    assert client.head("/api/v1/registro/documentos/").status_code in (401, 403)
