"""Pista de auditoría: cadena de hashes, verificación desde la consola y páginas de consulta."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.models import CadenaAuditoria, Evento
from core.selectors.auditoria import diferencias, eventos_filtrados, historial_de
from core.services.auditoria import calcular_hash, registrar_evento, verificar_cadena
from core.tests.consultas import con_sesion
from core.tests.factories import UnidadFactory

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


def test_encadenar_sin_cabeza_la_crea_y_luego_va_en_dos_viajes(secretario):
    """Sin cabeza (base nueva) el primer evento la crea por el camino de siempre; los siguientes (en
    PostgreSQL, en sentencias preparadas) siguen la cadena con ids crecientes y mueven la cabeza."""
    CadenaAuditoria.objects.all().delete()
    eventos = [
        registrar_evento(por=secretario, accion="prueba.encadenar", despues={"n": n}) for n in range(4)
    ]
    assert [e.hash_anterior for e in eventos[1:]] == [e.hash for e in eventos[:-1]]
    assert [e.pk for e in eventos] == sorted(e.pk for e in eventos)
    guardados = list(Evento.objects.filter(pk__in=[e.pk for e in eventos]).order_by("pk"))
    assert [(g.hash, g.despues) for g in guardados] == [(e.hash, {"n": n}) for n, e in enumerate(eventos)]
    cabeza = CadenaAuditoria.objects.get(pk=1)
    assert (cabeza.ultimo_hash, cabeza.ultimo_id) == (eventos[-1].hash, eventos[-1].pk)
    assert verificar_cadena().intacta
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
                ['INSERT INTO "core_evento"%'],
            )
            assert cursor.fetchall()


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


# --- Páginas de consulta ---------------------------------------------------------------------


@pytest.fixture
def eventos_variados(secretario, prosecretario, unidad_gdu):
    a = registrar_evento(
        por=secretario,
        accion="core.unidad.editar",
        objeto=unidad_gdu,
        antes={"nombre": "Gerencia de Obras", "activa": True},
        despues={"nombre": "Gerencia de Desarrollo Urbano", "activa": True},
    )
    b = registrar_evento(por=prosecretario, accion="core.persona.crear", despues={"nombres": "Ana Quispe"})
    c = registrar_evento(por=None, accion="core.numero.asignar", despues={"numero": 1})
    return a, b, c


def test_pagina_lista_y_filtra(cliente_de, secretario, eventos_variados):
    a, b, c = eventos_variados
    cliente = cliente_de(secretario)
    html = cliente.get(reverse("core:auditoria")).content.decode()
    for e in eventos_variados:
        assert f'data-evento="{e.pk}"' in html
    html = cliente.get(reverse("core:auditoria"), {"accion": "core.persona"}).content.decode()
    assert f'data-evento="{b.pk}"' in html and f'data-evento="{a.pk}"' not in html
    html = cliente.get(reverse("core:auditoria"), {"texto": "desarrollo"}).content.decode()
    assert f'data-evento="{a.pk}"' in html and f'data-evento="{c.pk}"' not in html
    html = cliente.get(reverse("core:auditoria"), {"actor": b.actor_id}).content.decode()
    assert f'data-evento="{b.pk}"' in html and f'data-evento="{a.pk}"' not in html
    ct = ContentType.objects.get_for_model(a.objeto_tipo.model_class())
    html = cliente.get(reverse("core:auditoria"), {"objeto_tipo": ct.pk}).content.decode()
    assert f'data-evento="{a.pk}"' in html and f'data-evento="{b.pk}"' not in html


def test_filtro_por_fechas_locales(secretario, eventos_variados):
    hoy = timezone.localdate()
    assert eventos_filtrados(desde=hoy, hasta=hoy).count() == 3
    assert eventos_filtrados(desde=hoy + timedelta(days=1)).count() == 0
    assert eventos_filtrados(hasta=hoy - timedelta(days=1)).count() == 0
    assert eventos_filtrados(objeto_tipo="core.UnidadOrganica").get() == eventos_variados[0]


def test_filtro_con_fechas_malas_muestra_mensaje(cliente_de, secretario, eventos_variados):
    r = cliente_de(secretario).get(reverse("core:auditoria"), {"desde": "2026-05-10", "hasta": "2026-05-01"})
    assert r.status_code == 200
    assert "«Hasta» no puede ser anterior a «Desde»." in r.content.decode()
    r = cliente_de(secretario).get(reverse("core:auditoria"), {"desde": "ayer"})
    assert "Escriba una fecha válida (AAAA-MM-DD)." in r.content.decode()


def test_pagina_paginada_con_consultas_fijas(
    cliente_de, secretario, prosecretario, django_assert_num_queries
):
    for i in range(60):
        registrar_evento(
            por=secretario if i % 2 else prosecretario,
            accion="prueba.carga",
            objeto=UnidadFactory(),
            despues={"i": i},
        )
    cliente = cliente_de(secretario)
    cliente.get(reverse("core:auditoria"))
    # sesión, usuario, permisos (2), conteo, página de eventos, opciones de usuarios y de tipos,
    # municipio, notificaciones
    with django_assert_num_queries(con_sesion(10)):
        r = cliente.get(reverse("core:auditoria"), {"accion": "prueba", "pagina": 2})
    html = r.content.decode()
    assert "Página 2 de 2" in html
    assert html.count("data-evento=") == 10
    assert "accion=prueba&amp;pagina=1" in html


def test_detalle_del_evento_con_diferencias(cliente_de, secretario, eventos_variados):
    a = eventos_variados[0]
    html = cliente_de(secretario).get(reverse("core:evento", args=[a.pk])).content.decode()
    assert "core.unidad.editar" in html
    assert '<tr data-campo="nombre" class="table-warning">' in html
    assert "Gerencia de Obras" in html and "Gerencia de Desarrollo Urbano" in html
    assert '<tr data-campo="activa">' in html
    assert a.hash in html


def test_diferencias_con_anidados_y_campos_nuevos(secretario):
    e = registrar_evento(
        por=secretario, accion="prueba", antes={"a": {"x": 1}, "b": 1}, despues={"a": {"x": 2}, "c": "nuevo"}
    )
    filas = {f["campo"]: f for f in diferencias(Evento.objects.get(pk=e.pk))}
    assert filas["a"]["cambio"] and '"x": 2' in filas["a"]["despues"]
    assert filas["b"]["cambio"] and filas["b"]["despues"] == ""
    assert filas["c"]["cambio"] and filas["c"]["antes"] == ""


@pytest.mark.parametrize("persona", ["mesa_de_partes", "regidor", "jefe_unidad", "ajeno"])
def test_sin_permiso_403(request, cliente_de, eventos_variados, persona):
    cliente = cliente_de(request.getfixturevalue(persona))
    assert cliente.get(reverse("core:auditoria")).status_code == 403
    assert cliente.get(reverse("core:evento", args=[eventos_variados[0].pk])).status_code == 403


def test_prosecretario_puede_ver(cliente_de, prosecretario, eventos_variados):
    assert cliente_de(prosecretario).get(reverse("core:auditoria")).status_code == 200


def test_evento_inexistente_404(cliente_de, secretario):
    assert cliente_de(secretario).get(reverse("core:evento", args=[999999])).status_code == 404


def test_auditoria_solo_lectura(cliente_de, secretario, eventos_variados):
    assert cliente_de(secretario).post(reverse("core:auditoria")).status_code == 405
    assert Evento.objects.count() == 3


def test_historial_de_un_objeto(secretario, unidad_gdu, eventos_variados):
    otro = registrar_evento(por=secretario, accion="core.unidad.desactivar", objeto=unidad_gdu)
    assert list(historial_de(unidad_gdu)) == [otro, eventos_variados[0]]


@pytest.mark.parametrize(
    "ip,guardada",
    [
        ("::FFFF:192.0.2.1", "::ffff:192.0.2.1"),
        ("2001:0DB8::0001", "2001:db8::1"),
        ("no-es-ip", None),
        ("", None),
    ],
)
def test_ip_se_normaliza_antes_del_hash(secretario, ip, guardada):
    evento = registrar_evento(por=secretario, accion="prueba.ip", ip=ip)
    releido = Evento.objects.get(pk=evento.pk)
    assert releido.ip == guardada
    assert calcular_hash(releido) == releido.hash
    assert verificar_cadena().intacta
