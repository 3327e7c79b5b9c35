"""Numeración de registros: consecutiva, sin saltos, por serie y año, segura con concurrencia."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from core.models import Contador, Evento, NumeroRegistro, Serie
from core.services.auditoria import verificar_cadena
from core.services.numeracion import (
    anular_numero,
    cerrar_anio,
    crear_serie,
    formatear,
    siguiente_numero,
    validar_formato,
)
from core.tests.factories import MunicipioFactory, UsuarioFactory


@pytest.fixture
def serie(secretario):
    return crear_serie(
        codigo="ordenanza",
        nombre="Ordenanzas municipales",
        formato="ORDENANZA MUNICIPAL Nº {numero:03d}-{anio}-{sigla}",
        por=secretario,
    )


def test_crear_serie_audita(secretario, unidad_sg):
    serie = crear_serie(
        codigo="memo-sg",
        nombre="Memorandos",
        formato="MEMO {numero:04d}-{anio}-{unidad}",
        unidad=unidad_sg,
        por=secretario,
    )
    evento = Evento.objects.get(accion="core.serie.crear")
    assert (evento.actor, evento.objeto_id) == (secretario, str(serie.pk))
    assert evento.despues["formato"] == "MEMO {numero:04d}-{anio}-{unidad}"
    assert formatear(serie, 7, 2026) == "MEMO 0007-2026-SG"


def test_numeros_consecutivos_con_formato_del_municipio(secretario, serie):
    textos = [siguiente_numero(serie, 2026, por=secretario).texto for _ in range(3)]
    assert textos == [
        "ORDENANZA MUNICIPAL Nº 001-2026-MDVE",
        "ORDENANZA MUNICIPAL Nº 002-2026-MDVE",
        "ORDENANZA MUNICIPAL Nº 003-2026-MDVE",
    ]
    assert Contador.objects.get(serie=serie, anio=2026).ultimo == 3
    eventos = Evento.objects.filter(accion="core.numero.asignar").order_by("id")
    assert [e.despues["numero"] for e in eventos] == [1, 2, 3]
    assert all(e.actor == secretario for e in eventos)


def test_numero_por_codigo_y_con_objeto(secretario, serie, unidad_gdu):
    numero = siguiente_numero("ordenanza", 2026, por=secretario, objeto=unidad_gdu)
    assert numero.objeto_id == str(unidad_gdu.pk)
    assert numero.objeto_tipo.model == "unidadorganica"
    with pytest.raises(ValidationError, match="No existe la serie"):
        siguiente_numero("no-existe", 2026, por=secretario)


def test_cada_anio_empieza_en_uno_y_las_series_no_se_mezclan(secretario, serie):
    otra = crear_serie(codigo="acuerdo", nombre="Acuerdos", formato="{numero}", por=secretario)
    assert siguiente_numero(serie, 2025, por=secretario).numero == 1
    assert siguiente_numero(serie, 2025, por=secretario).numero == 2
    assert siguiente_numero(serie, 2026, por=secretario).numero == 1
    assert siguiente_numero(otra, 2026, por=secretario).numero == 1
    assert siguiente_numero(serie, 2025, por=secretario).numero == 3


def test_transaccion_deshecha_no_consume_el_numero(secretario, serie):
    siguiente_numero(serie, 2026, por=secretario)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            assert siguiente_numero(serie, 2026, por=secretario).numero == 2
            raise RuntimeError("falla el registro del documento")
    assert siguiente_numero(serie, 2026, por=secretario).numero == 2
    assert list(NumeroRegistro.objects.filter(serie=serie).values_list("numero", flat=True)) == [1, 2]
    assert Evento.objects.filter(accion="core.numero.asignar").count() == 2
    assert verificar_cadena().intacta


def test_anular_conserva_el_numero_y_no_se_reutiliza(secretario, serie):
    primero = siguiente_numero(serie, 2026, por=secretario)
    anular_numero(numero=primero, motivo="Error de digitación en el asunto", por=secretario)
    primero.refresh_from_db()
    assert primero.anulado and primero.motivo_anulacion == "Error de digitación en el asunto"
    assert primero.anulado_en is not None
    assert siguiente_numero(serie, 2026, por=secretario).numero == 2
    evento = Evento.objects.get(accion="core.numero.anular")
    assert evento.antes["anulado"] is False and evento.despues["anulado"] is True
    assert evento.despues["motivo_anulacion"] == "Error de digitación en el asunto"


@pytest.mark.parametrize("motivo", ["", "   "])
def test_anular_sin_motivo_no_cambia_nada(secretario, serie, motivo):
    numero = siguiente_numero(serie, 2026, por=secretario)
    with pytest.raises(ValidationError, match="motivo de la anulación"):
        anular_numero(numero=numero, motivo=motivo, por=secretario)
    numero.refresh_from_db()
    assert not numero.anulado
    assert not Evento.objects.filter(accion="core.numero.anular").exists()


def test_no_se_anula_dos_veces(secretario, serie):
    numero = siguiente_numero(serie, 2026, por=secretario)
    anular_numero(numero=numero, motivo="Duplicado", por=secretario)
    with pytest.raises(ValidationError, match="ya está anulado"):
        anular_numero(numero=numero, motivo="Otra vez", por=secretario)
    numero.refresh_from_db()
    assert numero.motivo_anulacion == "Duplicado"


def test_anio_cerrado_no_da_numeros_ni_anula(secretario, serie):
    numero = siguiente_numero(serie, 2025, por=secretario)
    contador = cerrar_anio(serie=serie, anio=2025, por=secretario)
    assert contador.cerrado and contador.cerrado_en is not None
    with pytest.raises(ValidationError, match="2025 .* está cerrado"):
        siguiente_numero(serie, 2025, por=secretario)
    with pytest.raises(ValidationError, match="cerrado"):
        anular_numero(numero=numero, motivo="Tarde", por=secretario)
    with pytest.raises(ValidationError, match="ya está cerrado"):
        cerrar_anio(serie=serie, anio=2025, por=secretario)
    assert NumeroRegistro.objects.filter(serie=serie, anio=2025).count() == 1
    assert siguiente_numero(serie, 2026, por=secretario).numero == 1
    evento = Evento.objects.get(accion="core.serie.cerrar_anio")
    assert evento.objeto_id == str(serie.pk)
    assert evento.despues == {
        "anio": 2025,
        "ultimo": 1,
        "cerrado": True,
        "cerrado_en": evento.despues["cerrado_en"],
    }


def test_cerrar_un_anio_sin_numeros(secretario, serie):
    cerrar_anio(serie=serie, anio=2030, por=secretario)
    with pytest.raises(ValidationError):
        siguiente_numero(serie, 2030, por=secretario)
    assert Contador.objects.get(serie=serie, anio=2030).ultimo == 0


def test_serie_inactiva_y_anio_invalido(secretario, serie):
    with pytest.raises(ValidationError, match="fuera de rango"):
        siguiente_numero(serie, 0, por=secretario)
    Serie.objects.filter(pk=serie.pk).update(activa=False)
    serie.refresh_from_db()
    with pytest.raises(ValidationError, match="inactiva"):
        siguiente_numero(serie, 2026, por=secretario)
    assert not NumeroRegistro.objects.exists()


@pytest.mark.parametrize(
    "formato",
    [
        "{numero}",
        "Reg. {anio}-{numero:06d}",
        "ORDENANZA MUNICIPAL Nº {numero:03d}-{anio}-{sigla}",
        "{unidad}/{numero:>5}/{anio} {{literal}}",
    ],
)
def test_formatos_validos(formato):
    validar_formato(formato)


@pytest.mark.parametrize(
    "formato,mensaje",
    [
        ("", "Escriba el formato"),
        ("Reg. {anio}", "debe incluir el marcador {numero}"),
        ("{numero}-{mes}", "Marcador desconocido «{mes}»"),
        ("{numero}-{}", "Marcador desconocido"),
        ("{numero.real}", "Marcador desconocido"),
        ("{numero!r}", "conversiones"),
        ("{numero:{anio}}", "anidados"),
        ("{numero:03d", "llaves sin cerrar"),
        ("{numero}}", "llaves sin cerrar"),
        ("{numero}-{sigla:03d}", "especificación de formato no es válida"),
        ("{numero:0300d}", "pasaría de 250"),
    ],
)
def test_formatos_invalidos_con_mensaje(formato, mensaje):
    with pytest.raises(ValidationError) as error:
        validar_formato(formato)
    assert mensaje in " ".join(error.value.messages)


def test_crear_serie_invalida_no_crea_nada(secretario, serie):
    with pytest.raises(ValidationError) as error:
        crear_serie(codigo="ordenanza", nombre="", formato="{mes}", por=secretario)
    assert "Ya existe una serie con el código «ordenanza»." in error.value.message_dict["codigo"]
    assert error.value.message_dict["nombre"] == ["Escriba el nombre de la serie."]
    assert "Marcador desconocido" in error.value.message_dict["formato"][0]
    with pytest.raises(ValidationError) as error:
        crear_serie(codigo="con espacio", nombre="X", formato="{numero}", por=secretario)
    assert "código solo admite" in error.value.message_dict["codigo"][0]
    assert Serie.objects.count() == 1
    assert Evento.objects.filter(accion="core.serie.crear").count() == 1


def _sqlite_en_memoria() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.mark.django_db(transaction=True)
def test_cincuenta_transacciones_concurrentes_dan_1_a_50():
    if _sqlite_en_memoria():
        pytest.skip(
            "SQLite en memoria comparte caché entre hilos con bloqueos de tabla que no esperan; "
            "use SECRETARIA_TEST_SQLITE=/ruta/archivo para correrla en SQLite. En PostgreSQL corre siempre."
        )
    MunicipioFactory()
    usuario = UsuarioFactory(username="concurrente")
    serie = crear_serie(
        codigo="registro-entrada",
        nombre="Registro de entrada",
        formato="Reg. {anio}-{numero:06d}",
        por=usuario,
    )
    hilos_n = 50
    barrera = threading.Barrier(hilos_n)
    numeros: list[int] = []
    errores: list[BaseException] = []
    candado = threading.Lock()

    def trabajar():
        try:
            barrera.wait(timeout=60)
            with transaction.atomic():
                numero = siguiente_numero(serie, 2026, por=usuario)
            with candado:
                numeros.append(numero.numero)
        except BaseException as e:  # noqa: BLE001 - se informa abajo, en el hilo principal
            with candado:
                errores.append(e)
        finally:
            connection.close()

    hilos = [threading.Thread(target=trabajar) for _ in range(hilos_n)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(timeout=120)
    assert not errores, errores[:3]
    assert sorted(numeros) == list(range(1, hilos_n + 1))
    assert list(
        NumeroRegistro.objects.filter(serie=serie, anio=2026)
        .order_by("numero")
        .values_list("numero", flat=True)
    ) == list(range(1, hilos_n + 1))
    assert Contador.objects.get(serie=serie, anio=2026).ultimo == hilos_n
    assert Evento.objects.filter(accion="core.numero.asignar").count() == hilos_n
    assert verificar_cadena().intacta
