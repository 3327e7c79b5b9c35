"""Registro en ráfaga (`numerar_y_auditar`): el número y los eventos se escriben al final, de una vez, y
la cadena de auditoría y la numeración siguen intactas (también con registros concurrentes)."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from core.models import Contador, Evento, NumeroRegistro
from core.services.auditoria import verificar_cadena
from core.tests.factories import PersonaFactory
from registro.models import Documento
from registro.services.recepcion import registrar_documento

LUNES = datetime(2026, 3, 2, 10, 30, tzinfo=ZoneInfo("America/Lima"))


def _registrar(por, persona, asunto="Solicito constancia"):
    return registrar_documento(asunto=asunto, folios=2, remitente=persona, por=por, recibido_en=LUNES)


def test_varios_registros_quedan_numerados_y_encadenados(mesa_de_partes):
    persona = PersonaFactory()
    docs = [_registrar(mesa_de_partes, persona, f"Solicitud {i}") for i in range(4)]
    assert [d.correlativo for d in docs] == [1, 2, 3, 4]
    for doc in docs:
        guardado = Documento.objects.select_related("numero").get(pk=doc.pk)
        assert (guardado.numero_texto, guardado.anio, guardado.correlativo) == (
            doc.numero_texto,
            2026,
            doc.correlativo,
        )
        assert guardado.numero.objeto_id == str(doc.pk) and guardado.numero.texto == doc.numero_texto
        evento_numero = Evento.objects.de_objeto(guardado.numero).get()
        evento_doc = Evento.objects.de_objeto(guardado).get()
        assert (
            evento_numero.accion == "core.numero.asignar"
            and evento_doc.accion == "registro.documento.registrar"
        )
        # El número se encadena justo antes del documento, y el evento guarda lo que quedó en la base.
        assert evento_doc.hash_anterior == evento_numero.hash and evento_doc.pk > evento_numero.pk
        assert evento_doc.despues["numero_texto"] == doc.numero_texto
        assert evento_numero.despues["asignado"] == guardado.numero.asignado.isoformat()
    assert verificar_cadena().intacta


def test_en_postgresql_la_rafaga_va_preparada_en_la_conexion(mesa_de_partes):
    """Los textos de la ráfaga se preparan una vez por conexión (PostgreSQL no los vuelve a analizar ni
    planificar); los registros siguientes dan lo mismo que el primero."""
    if connection.vendor != "postgresql":
        pytest.skip("Sentencias preparadas: solo PostgreSQL.")
    persona = PersonaFactory()
    docs = [_registrar(mesa_de_partes, persona, f"Solicitud {i}") for i in range(3)]
    assert [d.correlativo for d in docs] == [1, 2, 3]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        preparadas = [fila[0] for fila in cursor.fetchall()]
    assert any("FOR UPDATE" in p and "ultimo_hash" in p for p in preparadas)
    assert any(p.startswith('INSERT INTO "registro_documento"') for p in preparadas)
    assert any(p.startswith('INSERT INTO "core_evento"') for p in preparadas)
    assert verificar_cadena().intacta


@pytest.mark.django_db(transaction=True)
def test_sin_sentencias_preparadas_la_rafaga_da_lo_mismo(mesa_de_partes, settings):
    """Con DB_SENTENCIAS_PREPARADAS=0 (PgBouncer en modo «transaction») nada queda preparado y el registro
    numera y encadena igual."""
    if connection.vendor != "postgresql":
        pytest.skip("Sentencias preparadas: solo PostgreSQL.")
    settings.DB_SENTENCIAS_PREPARADAS = False
    connection.close()  # una conexión nueva, sin nada preparado de otra prueba
    persona = PersonaFactory()
    docs = [_registrar(mesa_de_partes, persona, f"Solicitud {i}") for i in range(3)]
    assert [d.correlativo for d in docs] == [1, 2, 3]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone() == (0,)
    assert verificar_cadena().intacta


def _sqlite_en_memoria() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.mark.django_db(transaction=True)
def test_registros_concurrentes_sin_saltos_ni_repetidos(mesa_de_partes):
    if _sqlite_en_memoria():
        pytest.skip("SQLite en memoria no espera los bloqueos entre hilos; en PostgreSQL corre siempre.")
    persona = PersonaFactory()
    _registrar(mesa_de_partes, persona)  # crea el contador del año y la cabeza de la cadena
    hilos_n, por_hilo = 8, 5
    barrera = threading.Barrier(hilos_n)
    errores: list[BaseException] = []
    candado = threading.Lock()

    def trabajar(k):
        try:
            barrera.wait(timeout=60)
            for i in range(por_hilo):
                _registrar(mesa_de_partes, persona, f"Hilo {k}-{i}")
        except BaseException as e:  # noqa: BLE001 - se informa abajo, en el hilo principal
            with candado:
                errores.append(e)
        finally:
            connection.close()

    hilos = [threading.Thread(target=trabajar, args=(k,)) for k in range(hilos_n)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(timeout=120)
    assert not errores, errores[:3]
    total = 1 + hilos_n * por_hilo
    numeros = list(NumeroRegistro.objects.order_by("numero").values_list("numero", flat=True))
    assert numeros == list(range(1, total + 1))
    assert sorted(Documento.objects.values_list("correlativo", flat=True)) == list(range(1, total + 1))
    assert Contador.objects.get().ultimo == total
    assert Evento.objects.filter(accion="registro.documento.registrar").count() == total
    assert verificar_cadena().intacta


def test_insert_del_documento_igual_al_del_orm(mesa_de_partes):
    # La ráfaga inserta el documento con el SQL guardado (`sql_compilado.sql_insertar`): el mismo que
    # compila el ORM, byte por byte, con los mismos parámetros.
    from core.tests.test_sql_compilado import comparar_con_el_orm

    doc = _registrar(mesa_de_partes, PersonaFactory())
    comparar_con_el_orm([Documento.objects.get(pk=doc.pk)])
