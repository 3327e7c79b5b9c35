"""Páginas de series de registro: lista, creación, detalle, anulación y cierre de año."""

import pytest
from django.urls import reverse

from core.models import Contador, Evento, NumeroRegistro, Serie
from core.services.numeracion import crear_serie, siguiente_numero
from core.tests.consultas import con_sesion


@pytest.fixture
def serie(secretario):
    return crear_serie(
        codigo="registro-entrada",
        nombre="Registro de entrada",
        formato="Reg. {anio}-{numero:06d}",
        por=secretario,
    )


def _html(respuesta):
    return respuesta.content.decode()


def test_lista_muestra_series_y_contadores(cliente_de, secretario, serie):
    siguiente_numero(serie, 2025, por=secretario)
    siguiente_numero(serie, 2026, por=secretario)
    siguiente_numero(serie, 2026, por=secretario)
    html = _html(cliente_de(secretario).get(reverse("core:series")))
    assert "Registro de entrada" in html
    assert "2026: 2" in html and "2025: 1" in html
    assert 'name="formato"' in html


def test_lista_consultas_fijas(cliente_de, secretario, serie, django_assert_num_queries):
    otra = crear_serie(codigo="ordenanza", nombre="Ordenanzas", formato="{numero}", por=secretario)
    for s in (serie, otra):
        for anio in (2024, 2025, 2026):
            siguiente_numero(s, anio, por=secretario)
    cliente = cliente_de(secretario)
    cliente.get(reverse("core:series"))
    # sesión, usuario, permisos (2), municipio, notificaciones, series, contadores, unidades del formulario
    with django_assert_num_queries(con_sesion(9)):
        assert cliente.get(reverse("core:series")).status_code == 200


def test_crear_serie_desde_la_pagina(cliente_de, secretario, unidad_sg):
    r = cliente_de(secretario).post(
        reverse("core:serie-crear"),
        {
            "codigo": "memo-sg",
            "nombre": "Memorandos de la Secretaría",
            "formato": "MEMO Nº {numero:03d}-{anio}-{unidad}/{sigla}",
            "unidad": unidad_sg.pk,
        },
        follow=True,
    )
    serie = Serie.objects.get(codigo="memo-sg")
    assert r.redirect_chain[-1][0] == reverse("core:serie", args=[serie.pk])
    assert "Se creó la serie «Memorandos de la Secretaría»." in _html(r)
    assert serie.unidad == unidad_sg
    evento = Evento.objects.get(accion="core.serie.crear")
    assert evento.actor == secretario and evento.ip == "127.0.0.1"
    assert "core.serie.crear" in _html(r)  # el historial de la serie en su página


@pytest.mark.parametrize(
    "datos,mensaje",
    [
        ({"codigo": "", "nombre": "X", "formato": "{numero}"}, "Escriba el código de la serie."),
        (
            {"codigo": "x", "nombre": "X", "formato": "Reg. {anio}"},
            "El formato debe incluir el marcador {numero}.",
        ),
        ({"codigo": "x", "nombre": "X", "formato": "{numero}-{mes}"}, "Marcador desconocido «{mes}»"),
        (
            {"codigo": "registro-entrada", "nombre": "X", "formato": "{numero}"},
            "Ya existe una serie con el código",
        ),
    ],
)
def test_crear_serie_con_datos_malos_muestra_mensaje_y_no_crea(cliente_de, secretario, serie, datos, mensaje):
    r = cliente_de(secretario).post(reverse("core:serie-crear"), datos)
    assert r.status_code == 200
    assert mensaje in _html(r)
    assert Serie.objects.count() == 1
    assert Evento.objects.filter(accion="core.serie.crear").count() == 1


@pytest.mark.parametrize("nombre", ["core:serie-crear"])
def test_vistas_post_rechazan_get(cliente_de, secretario, nombre):
    assert cliente_de(secretario).get(reverse(nombre)).status_code == 405


def test_anular_y_cerrar_rechazan_get(cliente_de, secretario, serie):
    numero = siguiente_numero(serie, 2026, por=secretario)
    cliente = cliente_de(secretario)
    assert cliente.get(reverse("core:numero-anular", args=[numero.pk])).status_code == 405
    assert cliente.get(reverse("core:serie-cerrar-anio", args=[serie.pk])).status_code == 405
    numero.refresh_from_db()
    assert not numero.anulado


@pytest.mark.parametrize("persona", ["prosecretario", "mesa_de_partes", "regidor", "ajeno"])
def test_sin_permiso_403_y_nada_cambia(request, cliente_de, secretario, serie, persona):
    numero = siguiente_numero(serie, 2026, por=secretario)
    cliente = cliente_de(request.getfixturevalue(persona))
    assert cliente.get(reverse("core:series")).status_code == 403
    assert cliente.get(reverse("core:serie", args=[serie.pk])).status_code == 403
    assert (
        cliente.post(
            reverse("core:serie-crear"), {"codigo": "x", "nombre": "X", "formato": "{numero}"}
        ).status_code
        == 403
    )
    assert cliente.post(reverse("core:numero-anular", args=[numero.pk]), {"motivo": "x"}).status_code == 403
    assert (
        cliente.post(
            reverse("core:serie-cerrar-anio", args=[serie.pk]), {"anio": 2026, "confirmar": "on"}
        ).status_code
        == 403
    )
    numero.refresh_from_db()
    assert not numero.anulado
    assert Serie.objects.count() == 1 and not Contador.objects.filter(cerrado=True).exists()


def test_anonimo_va_al_ingreso(client, serie):
    r = client.get(reverse("core:series"))
    assert r.status_code == 302 and reverse("login") in r["Location"]


def test_inexistente_404(cliente_de, secretario):
    cliente = cliente_de(secretario)
    assert cliente.get(reverse("core:serie", args=[999999])).status_code == 404
    assert cliente.post(reverse("core:numero-anular", args=[999999]), {"motivo": "x"}).status_code == 404
    assert (
        cliente.post(
            reverse("core:serie-cerrar-anio", args=[999999]), {"anio": 2026, "confirmar": "on"}
        ).status_code
        == 404
    )


def test_detalle_lista_numeros_del_anio_con_anulados(cliente_de, secretario, serie):
    siguiente_numero(serie, 2025, por=secretario)
    uno = siguiente_numero(serie, 2026, por=secretario)
    siguiente_numero(serie, 2026, por=secretario)
    cliente = cliente_de(secretario)
    r = cliente.post(
        reverse("core:numero-anular", args=[uno.pk]),
        {"motivo": "Documento registrado dos veces"},
        follow=True,
    )
    html = _html(r)
    assert "Se anuló el número Reg. 2026-000001." in html
    assert "Anulado" in html and "Documento registrado dos veces" in html
    assert "Reg. 2026-000002" in html and "Reg. 2025-000001" not in html
    uno.refresh_from_db()
    assert uno.anulado and uno.motivo_anulacion == "Documento registrado dos veces"
    evento = Evento.objects.get(accion="core.numero.anular")
    assert evento.actor == secretario and evento.objeto_id == str(uno.pk)
    html_2025 = _html(cliente.get(reverse("core:serie", args=[serie.pk]), {"anio": 2025}))
    assert "Reg. 2025-000001" in html_2025


def test_anular_sin_motivo_muestra_mensaje_y_no_cambia(cliente_de, secretario, serie):
    numero = siguiente_numero(serie, 2026, por=secretario)
    r = cliente_de(secretario).post(
        reverse("core:numero-anular", args=[numero.pk]), {"motivo": "  "}, follow=True
    )
    assert "Escriba el motivo de la anulación." in _html(r)
    numero.refresh_from_db()
    assert not numero.anulado
    assert not Evento.objects.filter(accion="core.numero.anular").exists()


def test_cerrar_anio_con_confirmacion(cliente_de, secretario, serie):
    siguiente_numero(serie, 2025, por=secretario)
    r = cliente_de(secretario).post(
        reverse("core:serie-cerrar-anio", args=[serie.pk]), {"anio": 2025, "confirmar": "on"}, follow=True
    )
    assert "Se cerró el año 2025 de la serie «Registro de entrada»." in _html(r)
    assert Contador.objects.get(serie=serie, anio=2025).cerrado
    evento = Evento.objects.get(accion="core.serie.cerrar_anio")
    assert evento.despues["anio"] == 2025 and evento.actor == secretario
    assert "core.serie.cerrar_anio" in _html(r)


@pytest.mark.parametrize(
    "datos,mensaje",
    [
        ({"anio": 2025}, "Marque la casilla para confirmar el cierre del año."),
        ({"anio": "", "confirmar": "on"}, "Indique el año que se cierra."),
        ({"anio": "dos mil", "confirmar": "on"}, "El año debe ser un número."),
    ],
)
def test_cerrar_anio_sin_confirmar_o_sin_anio_no_cierra(cliente_de, secretario, serie, datos, mensaje):
    siguiente_numero(serie, 2025, por=secretario)
    r = cliente_de(secretario).post(reverse("core:serie-cerrar-anio", args=[serie.pk]), datos, follow=True)
    assert mensaje in _html(r)
    assert not Contador.objects.filter(cerrado=True).exists()
    assert not Evento.objects.filter(accion="core.serie.cerrar_anio").exists()


def test_cerrar_anio_ya_cerrado_muestra_mensaje(cliente_de, secretario, serie):
    cliente = cliente_de(secretario)
    cliente.post(reverse("core:serie-cerrar-anio", args=[serie.pk]), {"anio": 2025, "confirmar": "on"})
    r = cliente.post(
        reverse("core:serie-cerrar-anio", args=[serie.pk]), {"anio": 2025, "confirmar": "on"}, follow=True
    )
    assert "ya está cerrado" in _html(r)
    assert Evento.objects.filter(accion="core.serie.cerrar_anio").count() == 1
    assert NumeroRegistro.objects.count() == 0
