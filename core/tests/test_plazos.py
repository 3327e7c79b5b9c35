"""LA función de plazos y el comando `secretaria plazo`, con fechas reales de 2026.

Feriados nacionales que el paquete `holidays` da para PE en 2026 (comprobado al escribir estas pruebas):
01-01 Año Nuevo; 04-02 Jueves Santo; 04-03 Viernes Santo; 04-05 Domingo de Resurrección; 05-01 Día del
Trabajo; 06-07 Batalla de Arica; 06-29 San Pedro y San Pablo; 07-23 Fuerza Aérea; 07-28 Independencia;
07-29 Gran Parada Militar; 08-06 Batalla de Junín; 08-30 Santa Rosa de Lima; 10-08 Combate de Angamos;
11-01 Todos los Santos; 12-08 Inmaculada Concepción; 12-09 Batalla de Ayacucho; 12-25 Navidad.
Cada fecha esperada se contó a mano con ese calendario (2026-11-23 es lunes).
"""

import subprocess
import sys
from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.models import DiaCalendario, Evento
from core.services.calendario import es_habil
from core.services.perfiles import ErrorPerfil, fijar_regla_local
from core.services.plazos import (
    anticipacion_completa,
    calcular_plazo,
    calcular_plazo_meses,
    calcular_vencimiento,
    dias_habiles_entre,
    regla_de_plazo,
)
from core.tests.factories import MunicipioFactory

D = date.fromisoformat

CASOS_NACIONALES = [
    # (perfil, desde, días, tipo, vence esperado, por qué)
    ("PE", "2026-11-23", 10, "habiles", "2026-12-07", "dos fines de semana saltados"),
    ("PE", "2026-12-04", 3, "habiles", "2026-12-11", "8 Inmaculada Concepción y 9 Ayacucho no cuentan"),
    ("PE", "2026-12-23", 2, "habiles", "2026-12-28", "Navidad (viernes) y fin de semana"),
    ("PE", "2026-07-27", 1, "habiles", "2026-07-30", "Fiestas Patrias 28 y 29 de julio"),
    ("PE", "2026-04-01", 2, "habiles", "2026-04-07", "Semana Santa: 2 y 3 de abril"),
    ("PE", "2026-06-26", 1, "habiles", "2026-06-30", "San Pedro y San Pablo, lunes 29"),
    (
        "PE",
        "2026-11-22",
        10,
        "habiles",
        "2026-12-07",
        "recibido en domingo: se tiene por recibido el lunes 23",
    ),
    ("PE", "2026-11-21", 10, "habiles", "2026-12-07", "recibido en sábado: igual que el domingo"),
    ("PE", "2026-12-08", 1, "habiles", "2026-12-11", "recibido en feriado: recepción el 10, vence el 11"),
    ("PE", "2026-11-22", 0, "habiles", "2026-11-23", "cero días: el mismo día de la recepción efectiva"),
    ("PE", "2026-11-23", 10, "calendario", "2026-12-03", "días calendario, vence en jueves"),
    ("PE", "2026-11-23", 6, "calendario", "2026-11-30", "vence en domingo 29: se corre al lunes"),
    ("PE", "2026-12-18", 7, "calendario", "2026-12-28", "vence en Navidad: se corre sobre el fin de semana"),
    ("EC", "2026-02-13", 1, "habiles", "2026-02-18", "Carnaval 16 y 17 de febrero"),
    ("CO", "2026-07-17", 1, "habiles", "2026-07-21", "Independencia, lunes 20 de julio"),
    ("MX", "2026-09-15", 1, "habiles", "2026-09-17", "Independencia, 16 de septiembre"),
    ("MX-AGU", "2026-09-15", 1, "habiles", "2026-09-17", "un estado usa los feriados nacionales de MX"),
]


@pytest.mark.parametrize("perfil,desde,dias,tipo,vence,porque", CASOS_NACIONALES)
def test_plazo_con_feriados_nacionales(perfil, desde, dias, tipo, vence, porque):
    plazo = calcular_plazo(desde=D(desde), dias=dias, tipo=tipo, perfil=perfil)
    assert plazo.vence == D(vence), porque
    assert len(plazo.dias_contados) == dias


def test_el_calculo_en_dias_habiles_cuadra_con_dias_habiles_entre():
    for perfil, desde, dias, tipo, vence, _ in CASOS_NACIONALES:
        if tipo == "habiles":
            assert dias_habiles_entre(D(desde), D(vence), perfil=perfil) == dias


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dia_local,tipo,dias,vence",
    [
        # 26/11 feriado local: el décimo día pasa al 10/12 (8 y 9 son feriados nacionales).
        ("2026-11-26", DiaCalendario.Tipo.FERIADO_LOCAL, 10, "2026-12-10"),
        # 27/11 día no laborable decretado: igual efecto.
        ("2026-11-27", DiaCalendario.Tipo.NO_LABORABLE, 10, "2026-12-10"),
        # Sábado 28/11 trabajado: cuenta como día 5 y el plazo vence el viernes 4/12.
        ("2026-11-28", DiaCalendario.Tipo.LABORABLE, 10, "2026-12-04"),
        # Feriado nacional recuperado (8/12 declarado laborable): cuenta.
        ("2026-12-08", DiaCalendario.Tipo.LABORABLE, 11, "2026-12-08"),
    ],
)
def test_plazo_con_el_calendario_local(municipio, dia_local, tipo, dias, vence):
    DiaCalendario.objects.create(municipio=municipio, fecha=D(dia_local), tipo=tipo, descripcion="Prueba")
    assert calcular_plazo(desde=D("2026-11-23"), dias=dias, municipio=municipio).vence == D(vence)
    # Sin municipio, solo feriados nacionales: el día local no influye.
    assert calcular_plazo(desde=D("2026-11-23"), dias=dias, perfil="PE").vence != D(vence)


@pytest.mark.django_db
def test_el_calendario_de_otro_municipio_no_cuenta(municipio):
    otro = MunicipioFactory(sigla="OTRO", nombre="Otra municipalidad")
    DiaCalendario.objects.create(
        municipio=otro,
        fecha=D("2026-11-26"),
        tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
        descripcion="Aniversario",
    )
    assert calcular_plazo(desde=D("2026-11-23"), dias=10, municipio=municipio).vence == D("2026-12-07")
    assert calcular_plazo(desde=D("2026-11-23"), dias=10, municipio=otro).vence == D("2026-12-10")


@pytest.mark.django_db
def test_municipio_que_atiende_sabados(municipio):
    municipio.trabaja_sabados = True
    municipio.save()
    # 24, 25, 26, 27 y el sábado 28 es el quinto día.
    assert calcular_plazo(desde=D("2026-11-23"), dias=5, municipio=municipio).vence == D("2026-11-28")
    assert es_habil(D("2026-11-28"), municipio=municipio) == (True, "día hábil")
    assert es_habil(D("2026-11-29"), municipio=municipio) == (False, "domingo")


def test_pausa_detiene_el_reloj():
    # Día 1 el 24/11; 25-27 en pausa; luego 30, 1, 2, 3, 4, 7 (días 2-7); 8 y 9 feriados; 10, 11, 14.
    plazo = calcular_plazo(
        desde=D("2026-11-23"),
        dias=10,
        perfil="PE",
        pausas=[(D("2026-11-25"), D("2026-11-27"))],
        explicar=True,
    )
    assert plazo.vence == D("2026-12-14")
    assert "2026-11-25 (miércoles): no se cuenta — plazo suspendido (pausa)" in plazo.explicacion
    assert (
        dias_habiles_entre(
            D("2026-11-23"), D("2026-12-14"), perfil="PE", pausas=[(D("2026-11-25"), D("2026-11-27"))]
        )
        == 10
    )


def test_prorroga_anade_dias():
    # Vencía el 7/12; 8 y 9 feriados; 5 días más: 10, 11, 14, 15, 16.
    plazo = calcular_plazo(desde=D("2026-11-23"), dias=10, perfil="PE", prorroga=5, explicar=True)
    assert plazo.vence == D("2026-12-16")
    assert "2026-12-16 (miércoles): día 15 de 15 (prórroga)" in plazo.explicacion


def test_explicacion_dice_por_que_salta_cada_dia():
    plazo = calcular_plazo(desde=D("2026-12-04"), dias=3, perfil="PE", explicar=True)
    assert plazo.explicacion == [
        "2026-12-04 (viernes): recepción (día hábil); se cuenta desde el día siguiente",
        "2026-12-05 (sábado): no se cuenta — sábado (la oficina no atiende)",
        "2026-12-06 (domingo): no se cuenta — domingo",
        "2026-12-07 (lunes): día 1 de 3",
        "2026-12-08 (martes): no se cuenta — feriado nacional: Inmaculada Concepción",
        "2026-12-09 (miércoles): no se cuenta — feriado nacional: Batalla de Ayacucho",
        "2026-12-10 (jueves): día 2 de 3",
        "2026-12-11 (viernes): día 3 de 3",
        "Vence: 2026-12-11 (viernes)",
    ]
    assert plazo.dias_contados == [D("2026-12-07"), D("2026-12-10"), D("2026-12-11")]
    assert calcular_plazo(desde=D("2026-12-04"), dias=3, perfil="PE").explicacion == []


def test_fecha_hora_se_lee_en_la_zona_del_municipio():
    # 03:00 UTC del 24/11 son las 22:00 del 23/11 en Lima: se recibió el lunes 23.
    desde = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    assert calcular_plazo(desde=desde, dias=10, perfil="PE").recepcion == D("2026-11-23")


@pytest.mark.parametrize(
    "argumentos,mensaje",
    [
        ({"dias": -1}, "no pueden ser negativos"),
        ({"dias": 3, "prorroga": -2}, "no pueden ser negativos"),
        ({"dias": 3, "tipo": "meses"}, "Tipo de plazo desconocido"),
        ({"dias": 3, "pausas": [(D("2026-11-27"), D("2026-11-25"))]}, "termina antes de empezar"),
    ],
)
def test_datos_invalidos(argumentos, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        calcular_plazo(desde=D("2026-11-23"), perfil="PE", **argumentos)


def test_perfil_desconocido():
    with pytest.raises(ErrorPerfil, match="no existe"):
        calcular_plazo(desde=D("2026-11-23"), dias=3, perfil="ZZ")


@pytest.mark.django_db
def test_un_plazo_largo_no_consulta_por_dia(municipio, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # días locales por año (2) y regla local del sábado
        calcular_plazo(desde=D("2026-11-23"), dias=60, municipio=municipio)


# --- Comando `secretaria plazo` ------------------------------------------------------------------


def _plazo(*args):
    salida = StringIO()
    call_command("plazo", *args, stdout=salida)
    return salida.getvalue().splitlines()


def test_comando_imprime_el_vencimiento_en_la_ultima_linea():
    assert _plazo("--perfil", "PE", "--desde", "2026-11-23", "--dias", "10") == ["2026-12-07"]
    assert (
        _plazo("--perfil", "pe", "--desde", "2026-11-23", "--dias", "6", "--calendario")[-1] == "2026-11-30"
    )


def test_comando_explicar():
    lineas = _plazo("--perfil", "PE", "--desde", "2026-12-04", "--dias", "3", "--explicar")
    assert lineas[-1] == "2026-12-11"
    assert "2026-12-08 (martes): no se cuenta — feriado nacional: Inmaculada Concepción" in lineas


def test_comando_pausa_y_prorroga():
    lineas = _plazo(
        "--perfil", "PE", "--desde", "2026-11-23", "--dias", "10", "--pausa", "2026-11-25:2026-11-27"
    )
    assert lineas[-1] == "2026-12-14"
    assert (
        _plazo("--perfil", "PE", "--desde", "2026-11-23", "--dias", "10", "--prorroga", "5")[-1]
        == "2026-12-16"
    )


@pytest.mark.django_db
def test_comando_con_municipio_usa_su_calendario(municipio):
    DiaCalendario.objects.create(
        municipio=municipio,
        fecha=D("2026-11-26"),
        tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
        descripcion="Aniversario",
    )
    lineas = _plazo("--municipio", "mdve", "--desde", "2026-11-23", "--dias", "10", "--explicar")
    assert lineas[-1] == "2026-12-10"
    assert "2026-11-26 (jueves): no se cuenta — feriado local: Aniversario" in lineas
    # Sin --municipio, solo feriados nacionales.
    assert _plazo("--perfil", "PE", "--desde", "2026-11-23", "--dias", "10")[-1] == "2026-12-07"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args,mensaje",
    [
        (
            ["--perfil", "XX", "--desde", "2026-11-23", "--dias", "10"],
            "perfil de jurisdicción «XX» no existe",
        ),
        (["--perfil", "PE", "--desde", "23/11/2026", "--dias", "10"], "no es una fecha válida"),
        (["--perfil", "PE", "--desde", "2026-11-23", "--dias", "-3"], "no puede ser negativo"),
        (["--perfil", "PE", "--desde", "2026-11-23", "--dias", "diez"], "no es un número entero"),
        (["--perfil", "PE", "--desde", "2026-11-23"], "Indique --dias"),
        (["--desde", "2026-11-23", "--dias", "3"], "Indique --perfil"),
        (["--municipio", "NOEXISTE", "--desde", "2026-11-23", "--dias", "3"], "No existe un municipio"),
        (["--perfil", "PE", "--desde", "2026-11-23", "--dias", "3", "--pausa", "2026-11-25"], "--pausa"),
    ],
)
def test_comando_entrada_mala(args, mensaje):
    with pytest.raises(CommandError, match=mensaje):
        call_command("plazo", *args, stdout=StringIO())


def test_consola_real_secretaria_plazo():
    secretaria = Path(sys.executable).parent / "secretaria"
    bien = subprocess.run(
        [secretaria, "plazo", "--perfil", "PE", "--desde", "2026-11-23", "--dias", "10", "--explicar"],
        capture_output=True,
        text=True,
        timeout=600,  # una orden de consola; bajo carga arrancar Django tarda
    )
    assert bien.returncode == 0, bien.stderr
    lineas = bien.stdout.strip().splitlines()
    assert lineas[-1] == "2026-12-07"
    assert "2026-11-28 (sábado): no se cuenta — sábado (la oficina no atiende)" in lineas
    mal = subprocess.run(
        [secretaria, "plazo", "--perfil", "PE", "--desde", "2026-02-30", "--dias", "10"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert mal.returncode != 0
    assert "no es una fecha válida" in mal.stderr
    assert mal.stdout == ""


# --- Plazos en meses y años (de fecha a fecha; DOMAIN.md, «Working days») ---------------------------

CASOS_MESES = [
    # (perfil, desde, meses, años, vence esperado, por qué)
    ("PE", "2025-01-31", 1, 0, "2025-02-28", "31/01 + 1 mes: febrero no tiene 31, último día (CC 183)"),
    ("PE", "2026-05-29", 1, 0, "2026-06-30", "vence el 29/06, San Pedro y San Pablo: se corre al 30"),
    ("PE", "2028-02-29", 0, 1, "2029-02-28", "29/02 + 1 año: 2029 no es bisiesto, 28/02"),
    ("PE", "2026-03-10", 2, 0, "2026-05-11", "vence el domingo 10/05: se corre al lunes"),
    ("EC", "2025-01-31", 1, 0, "2025-02-28", "COA 160: último día del mes"),
    ("EC", "2026-07-10", 1, 0, "2026-08-11", "10/08 Primer Grito: se corre al 11"),
    (
        "EC",
        "2028-02-29",
        0,
        1,
        "2029-03-01",
        "29/02/2028 es Carnaval: recibido el 01/03, vence el 01/03/2029",
    ),
    ("EC", "2029-02-28", 0, 1, "2030-02-28", "un año de fecha a fecha"),
    ("CO", "2025-01-31", 1, 0, "2025-02-28", "CGP 118: último día del mes"),
    ("CO", "2026-04-20", 3, 0, "2026-07-21", "20/07 Independencia: Ley 4 de 1913, art. 62"),
    ("CO", "2028-02-29", 0, 1, "2029-02-28", "29/02 + 1 año"),
    ("CO", "2026-01-31", 1, 0, "2026-03-02", "recibido el sábado: cuenta desde el lunes 2 de febrero"),
    ("MX", "2025-01-31", 1, 0, "2025-02-28", "perfil MX: último día del mes"),
    ("MX", "2026-06-16", 3, 0, "2026-09-17", "16/09 Independencia: se corre al 17"),
    ("MX", "2028-02-29", 0, 1, "2029-02-28", "29/02 + 1 año"),
    ("MX", "2026-01-15", 6, 1, "2027-07-15", "un año y seis meses, de fecha a fecha"),
]


@pytest.mark.parametrize("perfil,desde,meses,anios,vence,porque", CASOS_MESES)
def test_plazo_en_meses_y_anios_por_pais(perfil, desde, meses, anios, vence, porque):
    plazo = calcular_plazo_meses(desde=D(desde), meses=meses, anios=anios, perfil=perfil)
    assert plazo.vence == D(vence), porque
    assert any(r.startswith("plazos.computo_meses = 'fecha_a_fecha'") for r in plazo.reglas_aplicadas)
    assert plazo.explicacion[-1].startswith(f"Vence: {vence}")


def test_el_dia_que_falta_y_el_dia_inhabil_citan_su_regla():
    plazo = calcular_plazo_meses(desde=D("2025-01-31"), meses=1, perfil="CO")
    assert any(
        "plazos.dia_faltante = 'ultimo_del_mes'" in r and "art. 118" in r for r in plazo.reglas_aplicadas
    )
    corrido = calcular_plazo_meses(desde=D("2026-04-20"), meses=3, perfil="CO")
    assert any("Ley 4 de 1913, art. 62" in r and "[confianza L]" in r for r in corrido.reglas_aplicadas)
    assert any("feriado nacional" in linea for linea in corrido.explicacion)


@pytest.fixture
def municipio_zacatecas(municipio, secretario):
    """Un municipio de Zacatecas: el perfil MX con la regla del día que falta fijada localmente."""
    municipio.perfil = "MX"
    municipio.zona_horaria = "America/Mexico_City"
    municipio.save()
    fijar_regla_local(
        municipio=municipio,
        clave="plazos.dia_faltante",
        valor="primer_habil_siguiente",
        vigente_desde=D("2000-01-01"),
        fuente="Ley de Procedimiento Administrativo del Estado de Zacatecas",
        por=secretario,
    )
    return municipio


@pytest.mark.django_db
@pytest.mark.parametrize(
    "desde,meses,anios,vence,falta,porque",
    [
        (
            "2026-03-31",
            1,
            0,
            "2026-05-04",
            True,
            "31/04 no existe: 1 de mayo (feriado), sábado y domingo; lunes 4",
        ),
        ("2028-02-29", 0, 1, "2029-03-01", True, "29/02/2029 no existe: primer día hábil de marzo, jueves 1"),
        (
            "2026-01-15",
            1,
            0,
            "2026-02-16",
            False,
            "el 15/02 existe (domingo): la regla no se aplica, se corre",
        ),
    ],
)
def test_regla_de_zacatecas_por_regla_local(municipio_zacatecas, desde, meses, anios, vence, falta, porque):
    plazo = calcular_plazo_meses(desde=D(desde), meses=meses, anios=anios, municipio=municipio_zacatecas)
    assert plazo.vence == D(vence), porque
    aplicada = [r for r in plazo.reglas_aplicadas if r.startswith("plazos.dia_faltante")]
    if not falta:
        assert not aplicada
    else:
        assert aplicada and "Zacatecas" in aplicada[0] and "regla local" in aplicada[0]


def test_el_perfil_de_zacatecas_trae_su_regla_del_dia_faltante():
    """MX-ZAC (core/perfiles/mx/ZAC.toml) la trae sin regla local; el resto de México, el último del mes."""
    zac = calcular_plazo_meses(desde=D("2026-03-31"), meses=1, perfil="MX-ZAC")
    assert zac.vence == D("2026-05-04")  # 31/04 no existe: 1 de mayo feriado, fin de semana, lunes 4
    assert any(r.startswith("plazos.dia_faltante") and "Zacatecas" in r for r in zac.reglas_aplicadas)
    mx = calcular_plazo_meses(desde=D("2026-03-31"), meses=1, perfil="MX")
    assert mx.vence == D("2026-04-30")


@pytest.mark.django_db
def test_regla_local_que_no_corre_el_vencimiento_inhabil(municipio, secretario):
    fijar_regla_local(
        municipio=municipio,
        clave="plazos.vencimiento_inhabil",
        valor="mismo_dia",
        vigente_desde=D("2020-01-01"),
        fuente="Ordenanza de prueba",
        por=secretario,
    )
    plazo = calcular_plazo_meses(desde=D("2026-05-29"), meses=1, municipio=municipio)
    assert plazo.vence == D("2026-06-29")
    assert "no se corre" in plazo.explicacion[-2]


@pytest.mark.django_db
def test_regla_local_con_valor_que_no_sirve(municipio, secretario):
    fijar_regla_local(
        municipio=municipio,
        clave="plazos.dia_faltante",
        valor="el_que_sea",
        vigente_desde=D("2020-01-01"),
        fuente="Ordenanza mal escrita",
        por=secretario,
    )
    with pytest.raises(ErrorPerfil, match="debe ser «ultimo_del_mes» o «primer_habil_siguiente»"):
        calcular_plazo_meses(desde=D("2025-01-31"), meses=1, municipio=municipio)


@pytest.mark.parametrize(
    "argumentos,mensaje",
    [
        ({"meses": -1}, "no pueden ser negativos"),
        ({"meses": 0}, "al menos un mes o un año"),
    ],
)
def test_plazo_en_meses_datos_invalidos(argumentos, mensaje):
    with pytest.raises(ValueError, match=mensaje):
        calcular_plazo_meses(desde=D("2026-01-15"), perfil="PE", **argumentos)


@pytest.mark.parametrize(
    "perfil,cantidad,unidad,confianza",
    [
        ("PE", 2, "dias_habiles", "L"),  # TUO Ley 27444, art. 136
        ("EC", 10, "dias_habiles", "?"),
        ("CO", 1, "meses", "L"),  # Ley 1755 de 2015, art. 17: un mes, no 30 días hábiles
        ("MX", 5, "dias_habiles", "?"),
    ],
)
def test_el_plazo_de_subsanacion_nombra_su_unidad(perfil, cantidad, unidad, confianza):
    regla = regla_de_plazo("subsanacion", perfil=perfil, fecha=D("2026-03-02"))
    assert (regla.cantidad, regla.unidad, regla.confianza) == (cantidad, unidad, confianza)
    assert regla.fuente


@pytest.mark.django_db
def test_regla_local_nueva_gana_a_la_antigua(municipio, secretario):
    for clave, valor in [
        ("plazos.subsanacion_dias", 4),
        ("plazos.subsanacion", {"cantidad": 15, "unidad": "dias_calendario"}),
    ]:
        fijar_regla_local(
            municipio=municipio,
            clave=clave,
            valor=valor,
            vigente_desde=D("2026-01-01"),
            fuente="Ordenanza",
            por=secretario,
        )
    regla = regla_de_plazo("subsanacion", municipio=municipio, fecha=D("2026-03-02"))
    assert (regla.cantidad, regla.unidad, regla.local) == (15, "dias_calendario", True)
    assert regla.texto == "15 días calendario"


@pytest.mark.django_db
def test_regla_local_de_plazo_mal_escrita(municipio, secretario):
    fijar_regla_local(
        municipio=municipio,
        clave="plazos.subsanacion",
        valor={"cantidad": 2, "unidad": "semanas"},
        vigente_desde=D("2026-01-01"),
        fuente="Ordenanza",
        por=secretario,
    )
    with pytest.raises(ErrorPerfil, match="la unidad es dias_habiles"):
        regla_de_plazo("subsanacion", municipio=municipio, fecha=D("2026-03-02"))


@pytest.mark.parametrize(
    "unidad,vence",
    [
        ("dias_habiles", "2026-03-04"),
        ("dias_calendario", "2026-03-04"),
        ("meses", "2026-05-04"),
        ("anios", "2028-03-02"),
    ],
)
def test_calcular_vencimiento_por_unidad(unidad, vence):
    plazo = calcular_vencimiento(desde=D("2026-03-02"), cantidad=2, unidad=unidad, perfil="PE")
    assert plazo.vence == D(vence)


def test_calcular_vencimiento_unidad_desconocida():
    with pytest.raises(ValueError, match="Unidad de plazo desconocida: «semanas»"):
        calcular_vencimiento(desde=D("2026-03-02"), cantidad=2, unidad="semanas", perfil="PE")


@pytest.mark.parametrize(
    "notificado,cantidad,unidad,ultimo",
    [
        ("2027-03-06", 3, "dias_calendario", "2027-03-09"),  # sábado: domingo, lunes y martes
        ("2027-03-06", 5, "dias_habiles", "2027-03-15"),  # sábado: se tiene por recibido el lunes 8
    ],
)
def test_anticipacion_en_dias_calendario_cuenta_desde_la_notificacion(notificado, cantidad, unidad, ultimo):
    assert anticipacion_completa(
        notificado=D(notificado), cantidad=cantidad, unidad=unidad, perfil="PE"
    ) == D(ultimo)


def test_comando_en_meses_imprime_la_regla_y_su_fuente():
    salida = StringIO()
    call_command("plazo", "--perfil", "CO", "--desde", "2025-01-31", "--meses", "1", stdout=salida)
    lineas = salida.getvalue().strip().splitlines()
    assert lineas[-1] == "2025-02-28"
    texto = salida.getvalue()
    assert "Regla aplicada: plazos.dia_faltante = 'ultimo_del_mes'" in texto
    assert "Código General del Proceso, art. 118" in texto


def test_comando_en_anios():
    salida = StringIO()
    call_command("plazo", "--perfil", "PE", "--desde", "2028-02-29", "--anios", "1", stdout=salida)
    assert salida.getvalue().strip().splitlines()[-1] == "2029-02-28"


@pytest.mark.django_db
def test_comando_en_meses_con_municipio_de_zacatecas(municipio_zacatecas):
    salida = StringIO()
    call_command("plazo", "--municipio", "mdve", "--desde", "2026-03-31", "--meses", "1", stdout=salida)
    assert salida.getvalue().strip().splitlines()[-1] == "2026-05-04"
    assert "Zacatecas" in salida.getvalue() and "[regla local]" in salida.getvalue()


@pytest.mark.parametrize(
    "args,mensaje",
    [
        (["--meses", "uno"], "no es un número entero de meses"),
        (["--anios", "-1"], "--anios no puede ser negativo"),
        (["--meses", "1", "--dias", "3"], "no los dos"),
        (["--meses", "1", "--calendario"], "solo valen con --dias"),
        (["--meses", "1", "--pausa", "2026-01-01:2026-01-02"], "solo valen con --dias"),
        (["--meses", "0"], "al menos un mes o un año"),
    ],
)
def test_comando_en_meses_entrada_mala(args, mensaje):
    with pytest.raises(CommandError, match=mensaje):
        call_command("plazo", "--perfil", "PE", "--desde", "2026-01-15", *args, stdout=StringIO())


@pytest.mark.django_db
def test_la_clave_antigua_se_fija_por_la_pagina_y_rechaza_negativos(cliente_de, secretario, municipio):
    cliente = cliente_de(secretario)
    datos = {"clave": "plazos.subsanacion_dias", "vigente_desde": "2026-01-01", "fuente": "Ordenanza 1-2026"}
    malo = cliente.post(reverse("core:perfil-regla-fijar"), {**datos, "valor": "-3"}, follow=True)
    assert "Los días no pueden ser negativos." in malo.content.decode()
    assert not municipio.reglas_locales.exists()
    bueno = cliente.post(reverse("core:perfil-regla-fijar"), {**datos, "valor": "4"})
    assert bueno.status_code == 302
    regla = regla_de_plazo("subsanacion", municipio=municipio, fecha=D("2026-03-02"))
    assert (regla.cantidad, regla.unidad, regla.local) == (4, "dias_habiles", True)
    assert Evento.objects.filter(accion="core.regla_local.fijar").count() == 1
