"""SQL compilado una vez (`core.sql_compilado`): el texto guardado y los parámetros de cada llamada son
exactamente los que da el ORM compilando de nuevo; lo que no es seguro de guardar se compila siempre."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models.sql import InsertQuery
from django.utils import timezone

from core import sql_compilado
from core.models import Encargo, Evento, NumeroRegistro, Persona, Serie
from core.services.numeracion import crear_serie, siguiente_numero
from core.sql_compilado import ConsultaCompilada, parametros_iguales, sql_insertar
from core.tests.factories import PersonaFactory

AHORA = datetime(2026, 3, 2, 15, 30, 45, 123456, tzinfo=UTC)


def _fresco(qs):
    compilador = qs.query.get_compiler(connection.alias)
    return compilador.as_sql()


def _igual_a_compilar_de_nuevo(consulta, *valores):
    _, sql, params = consulta.compilar(*valores)
    sql_orm, params_orm = _fresco(consulta.construir(*valores))
    assert sql == sql_orm
    assert parametros_iguales(params, params_orm), (params, params_orm)
    return sql, params


def _guardada(consulta):
    return consulta._plantillas[(connection.alias, connection.vendor, timezone.get_current_timezone_name())]


def test_parametros_iguales_compara_tipo_y_valor():
    assert parametros_iguales((1, "a", [2, None]), (1, "a", [2, None]))
    assert not parametros_iguales((1,), (True,)) and not parametros_iguales((1,), (1.0,))
    assert not parametros_iguales([1, 2], (1, 2)) and not parametros_iguales([1], [1, 2])

    class SinIgualdad:
        def __init__(self, obj):
            self.obj = obj

    assert parametros_iguales(SinIgualdad({"a": 1}), SinIgualdad({"a": 1}))
    assert not parametros_iguales(SinIgualdad({"a": 1}), SinIgualdad({"a": 2}))


def test_consulta_guardada_da_lo_mismo_que_el_orm(db):
    persona = PersonaFactory(tipo_documento="DNI", numero_documento="45871236")
    PersonaFactory(tipo_documento="DNI", numero_documento="11111111")
    consulta = ConsultaCompilada(
        lambda tipo, numero, pk: (
            Persona.objects.filter(tipo_documento=tipo, numero_documento=numero)
            .exclude(pk=pk)
            .order_by("pk")[:1]
        ),
        str,
        str,
        int,
    )
    primera = _igual_a_compilar_de_nuevo(consulta, "DNI", "45871236", 0)
    segunda = _igual_a_compilar_de_nuevo(consulta, "CE", "0001", 77)
    assert _guardada(consulta) is not None and primera[0] == segunda[0] and primera[1] != segunda[1]
    # Ejecutado, lee las filas de verdad, con el compilador guardado (sus conversores).
    compilador, sql, params = consulta.compilar("DNI", "45871236", 0)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        filas = list(compilador.results_iter(results=[cursor.fetchall()], tuple_expected=True))
    assert [f[0] for f in filas] == [persona.pk]


def test_fecha_como_argumento(db):
    consulta = ConsultaCompilada(
        lambda usuario_id, hoy: Encargo.objects.vigentes(hoy).filter(encargado_id=usuario_id), int, date
    )
    _igual_a_compilar_de_nuevo(consulta, 3, date(2026, 3, 2))
    _igual_a_compilar_de_nuevo(consulta, 8, date(2025, 12, 31))
    # En PostgreSQL la fecha va tal cual; SQLite la pasa a texto (el ORM la transforma): allí no se guarda.
    assert (_guardada(consulta) is not None) == (connection.vendor == "postgresql")


@pytest.mark.parametrize(
    ("construir", "tipo", "valores"),
    [
        pytest.param(lambda n: Serie.objects.order_by("pk")[:n], int, (3, 5), id="corte-en-el-texto"),
        pytest.param(
            lambda texto: Serie.objects.filter(nombre__contains=texto),
            str,
            ("Orde", "Memo"),
            id="valor-transformado",
        ),
        pytest.param(
            lambda texto: Serie.objects.filter(nombre__iexact=texto.strip()),
            str,
            (" Orde ", "Memo"),
            id="valor-recortado",
        ),
    ],
)
def test_lo_ambiguo_no_se_guarda_y_compila_siempre(db, construir, tipo, valores):
    consulta = ConsultaCompilada(construir, tipo)
    for valor in valores:
        _igual_a_compilar_de_nuevo(consulta, valor)
    assert _guardada(consulta) is None


def test_consulta_vacia_con_los_centinelas_no_se_guarda(db):
    # Con los centinelas el ORM no llega a armar SQL (EmptyResultSet): nada que guardar, y con los valores
    # reales se compila y falla o no como siempre.
    consulta = ConsultaCompilada(
        lambda pk: Serie.objects.filter(pk=pk) if pk < 100 else Serie.objects.none(), int
    )
    _igual_a_compilar_de_nuevo(consulta, 3)
    assert _guardada(consulta) is None
    with pytest.raises(EmptyResultSet):
        consulta.compilar(500)


def test_valor_de_otro_tipo_compila_como_siempre(db):
    consulta = ConsultaCompilada(lambda pk: Serie.objects.filter(unidad_id=pk), int)
    _igual_a_compilar_de_nuevo(consulta, 4)
    sql_nulo, params = _igual_a_compilar_de_nuevo(consulta, None)  # IS NULL: otra forma
    assert "IS NULL" in sql_nulo and not params
    _igual_a_compilar_de_nuevo(consulta, True)  # bool no pasa por int
    with pytest.raises(TypeError):
        ConsultaCompilada(lambda x: Serie.objects.filter(pk__in=x), list)
    with pytest.raises(TypeError):
        consulta.compilar()


def _insercion_orm(objetos):
    consulta = InsertQuery(type(objetos[0]))
    consulta.insert_values(type(objetos[0])._meta.concrete_fields, objetos)
    return consulta.get_compiler(connection=connection).as_sql()


def comparar_con_el_orm(objetos):
    """`sql_insertar` (ya con el texto guardado) frente al INSERT que compila el ORM: mismo SQL byte por
    byte, mismos parámetros, y los auto_now_add fijados en los objetos."""
    with mock.patch("django.utils.timezone.now", return_value=AHORA):
        sql_insertar(objetos)  # la primera vez va por el ORM y guarda el texto
        clave = (type(objetos[0]), None, len(objetos), connection.alias, connection.vendor)
        assert sql_compilado._inserciones[clave] is not None
        for objeto in objetos:
            for campo in objeto._meta.concrete_fields:
                if getattr(campo, "auto_now_add", False):
                    setattr(objeto, campo.attname, None)
        ((sql, params),) = sql_insertar(objetos)
        for objeto in objetos:
            for campo in objeto._meta.concrete_fields:
                if getattr(campo, "auto_now_add", False):
                    assert getattr(objeto, campo.attname) == AHORA
        ((sql_orm, params_orm),) = _insercion_orm(objetos)
    assert sql == sql_orm
    assert parametros_iguales(params, params_orm), (params, params_orm)


def test_insert_de_numero_y_eventos_igual_al_orm(secretario):
    serie = crear_serie(
        codigo="ordenanza", nombre="Ordenanzas", formato="ORD {numero:03d}-{anio}", por=secretario
    )
    numeros = [siguiente_numero(serie, 2026, por=secretario) for _ in range(2)]
    numero = NumeroRegistro.objects.get(pk=numeros[0].pk)
    comparar_con_el_orm([numero])
    # Los dos eventos de la ráfaga van en un INSERT (en PostgreSQL, con UNNEST: una lista por columna).
    eventos = list(Evento.objects.order_by("-pk")[:2])
    assert all(e.despues for e in eventos)  # con JSON
    comparar_con_el_orm(eventos)


def test_insert_de_un_documento_con_valores_que_el_orm_convierte(mesa_de_partes):
    """Los valores de exactamente el tipo del campo (texto, enteros, claves foráneas, None) pasan tal cual;
    los demás (un número como texto, un texto diferido, un miembro de enumeración, un booleano en un
    entero) los convierte el ORM: el resultado es siempre el suyo."""
    from django.utils.translation import gettext_lazy

    from registro.models import Documento
    from registro.tests.factories import DocumentoFactory

    doc = Documento.objects.get(pk=DocumentoFactory(por=mesa_de_partes).pk)
    campo = Documento._meta.get_field
    assert sql_compilado._tal_cual(campo("asunto"), connection) == (str, True)
    assert sql_compilado._tal_cual(campo("remitente"), connection) == (int, True)
    assert sql_compilado._tal_cual(campo("recibido_en"), connection) is None
    # En PostgreSQL el ORM envuelve los enteros que no son ids (Int4): esos van siempre por el ORM.
    assert (sql_compilado._tal_cual(campo("folios"), connection) is None) == (
        connection.vendor == "postgresql"
    )
    comparar_con_el_orm([doc])
    doc.folios, doc.asunto, doc.estado, doc.anio = (
        "7",
        gettext_lazy("Asunto diferido"),
        Documento.Estado.OBSERVADO,
        True,
    )
    doc.observaciones, doc.expediente_id = "", None
    comparar_con_el_orm([doc])
    ((_, params),) = sql_insertar([doc])
    assert 7 in params and "Asunto diferido" in params and 1 in params


def test_insert_con_expresion_va_por_el_orm(secretario):
    from django.db.models.functions import Now

    serie = crear_serie(
        codigo="ordenanza", nombre="Ordenanzas", formato="ORD {numero:03d}-{anio}", por=secretario
    )
    numero = NumeroRegistro.objects.get(pk=siguiente_numero(serie, 2026, por=secretario).pk)
    sql_insertar([numero])
    numero.anulado_en = Now()
    ((sql, params),) = sql_insertar([numero])
    ((sql_orm, params_orm),) = _insercion_orm([numero])
    assert (
        sql == sql_orm
        and "%s" in sql
        and len(params) == len(params_orm) == len(numero._meta.concrete_fields) - 1
    )


def test_insert_con_campos_elegidos(secretario):
    serie = crear_serie(
        codigo="ordenanza", nombre="Ordenanzas", formato="ORD {numero:03d}-{anio}", por=secretario
    )
    numero = NumeroRegistro.objects.get(pk=siguiente_numero(serie, 2026, por=secretario).pk)
    campos = [NumeroRegistro._meta.get_field(n) for n in ("serie", "anio", "numero", "texto", "asignado")]
    with mock.patch("django.utils.timezone.now", return_value=AHORA):
        for _ in range(2):
            ((sql, params),) = sql_insertar([numero], campos)
        consulta = InsertQuery(NumeroRegistro)
        consulta.insert_values(campos, [numero])
        ((sql_orm, params_orm),) = consulta.get_compiler(connection=connection).as_sql()
    assert sql_compilado._inserciones[(NumeroRegistro, tuple(campos), 1, connection.alias, connection.vendor)]
    assert sql == sql_orm and parametros_iguales(params, params_orm) and len(params) == 5


def test_otro_hilo_lee_con_su_conexion(db):
    import threading

    from django.db import connections

    consulta = ConsultaCompilada(lambda codigo: Serie.objects.filter(codigo=codigo), str)
    consulta.compilar("ordenanza")
    vistos = []

    def otro_hilo():
        try:
            vistos.append(consulta.compilar("memorando")[0].connection is connections["default"])
        finally:
            connections.close_all()

    hilo = threading.Thread(target=otro_hilo)
    hilo.start()
    hilo.join()
    assert vistos == [True] and consulta.compilar("x")[0].connection is connections["default"]


def test_la_zona_horaria_activa_es_parte_de_la_plantilla(db):
    # `__date` sobre una fecha y hora lleva la zona activa como parámetro: con otra zona, otra plantilla.
    consulta = ConsultaCompilada(lambda dia: NumeroRegistro.objects.filter(asignado__date=dia), date)
    for zona in ("America/Lima", "Europe/Madrid", "America/Lima"):
        with timezone.override(zona):
            _igual_a_compilar_de_nuevo(consulta, date(2026, 3, 2))
    assert len(consulta._plantillas) == 2
