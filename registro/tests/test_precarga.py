"""Precarga del registro: en PostgreSQL, las cinco lecturas de configuración en un viaje, iguales a las del ORM,
y el registro con reglas locales, calendario local y encargo da lo mismo que leyendo cada cosa por separado."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import DiaCalendario, Encargo, Evento, Municipio, ReglaLocal, Serie
from core.services.auditoria import titular_por_encargo
from core.services.numeracion import serie_por_perfil
from core.tests.factories import PersonaFactory, UsuarioFactory
from registro import rapido as modulo
from registro.models import Documento
from registro.services.recepcion import CLAVE_SERIE, registrar_documento

VIERNES = datetime(2026, 3, 6, 10, 30, tzinfo=ZoneInfo("America/Lima"))


def _configurar(municipio, mesa, titular):
    ReglaLocal.objects.create(
        municipio=municipio,
        clave="plazos.respuesta_peticion",
        valor=5,
        vigente_desde=date(2020, 1, 1),
        fuente="Ordenanza de prueba",
    )
    ReglaLocal.objects.create(
        municipio=municipio,
        clave="plazos.respuesta_peticion",
        valor=99,
        vigente_desde=date(2030, 1, 1),
        fuente="Aún no vigente",
    )
    DiaCalendario.objects.create(
        municipio=municipio,
        fecha=date(2026, 3, 9),
        tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
        descripcion="Aniversario del distrito",
    )
    hoy = timezone.localdate()
    Encargo.objects.create(
        titular=titular, encargado=mesa, desde=hoy - timedelta(days=1), hasta=hoy + timedelta(days=1)
    )
    serie_por_perfil(CLAVE_SERIE, por=mesa)


def test_precarga_lee_lo_mismo_que_el_orm(municipio, mesa_de_partes, secretario):
    _configurar(municipio, mesa_de_partes, secretario)
    precarga = modulo.precargar(clave_serie=CLAVE_SERIE, usuario=mesa_de_partes, hoy=timezone.localdate())
    if connection.vendor != "postgresql":
        assert precarga is None
        return
    actual = Municipio.objects.actual()
    assert precarga.municipio == actual and precarga.municipio.sigla == actual.sigla
    assert precarga.reglas == list(actual.reglas_locales.order_by("-vigente_desde", "-pk"))
    # Los valores pasan por el conversor del JSONField (psycopg entrega jsonb como texto): 5, no "5".
    assert [r.valor for r in precarga.reglas] == [99, 5]
    assert precarga.serie == Serie.objects.get(codigo=CLAVE_SERIE)
    assert precarga.titular_encargo == titular_por_encargo(mesa_de_partes) == secretario.pk
    with CaptureQueriesContext(connection) as consultas:
        assert list(precarga.municipio.calendario.all()) == list(actual.calendario.all())
    assert len(consultas) == 1  # la de `actual.calendario`: la precargada no consulta


def test_registro_con_reglas_calendario_y_encargo_igual_con_y_sin_precarga(
    municipio, mesa_de_partes, secretario, monkeypatch
):
    _configurar(municipio, mesa_de_partes, secretario)
    persona = PersonaFactory()
    con = registrar_documento(
        asunto="Con precarga", folios=1, remitente=persona, por=mesa_de_partes, recibido_en=VIERNES
    )
    monkeypatch.setattr("registro.services.recepcion.precargar", lambda **_: None)
    sin = registrar_documento(
        asunto="Sin precarga", folios=1, remitente=persona, por=mesa_de_partes, recibido_en=VIERNES
    )
    # 5 días hábiles (regla local) desde el viernes 6, sin el lunes 9 (feriado local): vence el lunes 16.
    assert con.vence == sin.vence == date(2026, 3, 16)
    assert (con.correlativo, sin.correlativo) == (1, 2)
    for doc in (con, sin):
        guardado = Documento.objects.get(pk=doc.pk)
        assert guardado.numero_texto == doc.numero_texto and guardado.vence == doc.vence
        assert Evento.objects.de_objeto(guardado).get().por_encargo_de_id == secretario.pk


def test_sin_usuario_no_busca_encargo(municipio):
    UsuarioFactory()
    precarga = modulo.precargar(clave_serie="no-existe", usuario=None, hoy=timezone.localdate())
    if precarga is not None:
        assert precarga.titular_encargo is None and precarga.serie is None


def test_remitente_y_precarga(municipio, mesa_de_partes):
    import pytest
    from django.core.exceptions import ValidationError

    from registro.services.recepcion import remitente_y_precarga

    persona = PersonaFactory(numero_documento="45871236")
    encontrada, precarga = remitente_y_precarga(
        tipo_documento="DNI", numero_documento="4587-1236", por=mesa_de_partes
    )
    assert encontrada == persona
    assert (precarga is not None) == (connection.vendor == "postgresql")
    assert (
        remitente_y_precarga(tipo_documento="DNI", numero_documento="11111111", por=mesa_de_partes)[0] is None
    )
    with pytest.raises(ValidationError):
        remitente_y_precarga(tipo_documento="DNI", numero_documento="12", por=mesa_de_partes)


def test_fuera_de_otra_transaccion_el_commit_va_con_la_rafaga(transactional_db, municipio, mesa_de_partes):
    # Sin transacción de afuera, registrar_documento confirma en la ráfaga (PostgreSQL) y lo de on_commit
    # corre igual; los números siguen seguidos y la cadena intacta.
    from django.db import transaction

    from core.services.auditoria import verificar_cadena

    persona = PersonaFactory()
    confirmados = []
    primero = registrar_documento(
        asunto="Uno", folios=1, remitente=persona, por=mesa_de_partes, recibido_en=VIERNES
    )
    with transaction.atomic():
        transaction.on_commit(lambda: confirmados.append("otro"))
        segundo = registrar_documento(
            asunto="Dos", folios=1, remitente=persona, por=mesa_de_partes, recibido_en=VIERNES
        )
        # Dentro de la transacción de otro no se confirma nada todavía.
        assert not confirmados and connection.in_atomic_block
    tercero = registrar_documento(
        asunto="Tres", folios=1, remitente=persona, por=mesa_de_partes, recibido_en=VIERNES
    )
    assert confirmados == ["otro"] and not connection.in_atomic_block
    assert [primero.correlativo, segundo.correlativo, tercero.correlativo] == [1, 2, 3]
    assert Documento.objects.count() == 3 and verificar_cadena().intacta


def test_consultas_compiladas_una_vez_dan_lo_del_orm(municipio, mesa_de_partes, secretario):
    # El SQL guardado (`ConsultaCompilada`) con los parámetros de cada llamada es el que compila el ORM de
    # nuevo con los valores reales; en PostgreSQL, el único motor donde se precarga, todas se guardan.
    from core.sql_compilado import parametros_iguales

    hoy = timezone.localdate()
    llamadas = {
        "municipio": [(), ()],
        "reglas": [(), ()],
        "dias": [(), ()],
        "serie": [(CLAVE_SERIE,), ("memorando-sg",)],
        "encargo": [(mesa_de_partes.pk, hoy), (secretario.pk, date(2025, 12, 31))],
        "encargo_por_token": [("a" * 40, hoy), ("b" * 40, date(2025, 12, 31))],
        "remitente": [("DNI", "45871236"), ("CE", "000123456")],
    }
    assert set(llamadas) == set(modulo.CONSULTAS)
    for clave, valores in llamadas.items():
        consulta = modulo.CONSULTAS[clave]
        for args in valores:
            _, sql, params = consulta.compilar(*args)
            _, sql_orm, params_orm = modulo._compilar(consulta.construir(*args))
            assert sql == sql_orm, clave
            assert parametros_iguales(params, params_orm), (clave, params, params_orm)
        if connection.vendor == "postgresql":
            clave_plantilla = (connection.alias, connection.vendor, timezone.get_current_timezone_name())
            assert consulta._plantillas[clave_plantilla] is not None, clave


# Configuración guardada en el proceso con su versión (`core.versiones`; los disparadores se prueban en
# core/tests/test_versiones.py).


def test_la_configuracion_se_guarda_con_su_version_y_un_rollback_no_la_confunde(
    transactional_db, municipio, mesa_de_partes
):
    import pytest
    from django.db import transaction

    if connection.vendor != "postgresql":
        pytest.skip("solo PostgreSQL precarga")
    serie_por_perfil(CLAVE_SERIE, por=mesa_de_partes)
    hoy = timezone.localdate()
    precargar = lambda: modulo.precargar(clave_serie=CLAVE_SERIE, usuario=mesa_de_partes, hoy=hoy)  # noqa: E731
    primera = precargar()
    # Sin cambios, la siguiente no relee la configuración: mismos objetos, un solo viaje.
    with CaptureQueriesContext(connection) as consultas:
        segunda = precargar()
    assert segunda.municipio is primera.municipio and segunda.dias is primera.dias and len(consultas) == 0

    # Dentro de una transacción que luego se deshace: se ve (y se guarda) lo que esa transacción escribió, con
    # una versión que no se repite; deshecha, vuelve la versión de antes y con ella lo de antes.
    class Deshacer(Exception):
        pass

    with pytest.raises(Deshacer), transaction.atomic():
        DiaCalendario.objects.create(
            municipio=municipio,
            fecha=date(2026, 7, 3),
            tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
            descripcion="X",
        )
        assert [d.fecha for d in precargar().dias] == [date(2026, 7, 3)]
        raise Deshacer
    assert precargar().dias is primera.dias

    # Un día nuevo del calendario (de cualquier forma, aquí sin save()) da otra versión: la siguiente lo ve.
    DiaCalendario.objects.bulk_create(
        [
            DiaCalendario(
                municipio=municipio,
                fecha=date(2026, 7, 2),
                tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
                descripcion="Nuevo",
            )
        ]
    )
    tercera = precargar()
    assert tercera.municipio is not primera.municipio
    assert [d.fecha for d in tercera.dias] == [date(2026, 7, 2)]
    assert list(tercera.municipio.calendario.all()) == tercera.dias
    # Guardada de nuevo, y el calendario que arman los plazos con ella ya tiene el feriado.
    from core.services.calendario import Calendario

    assert precargar().dias is tercera.dias
    assert Calendario(municipio=precargar().municipio).es_habil(date(2026, 7, 2))[0] is False
