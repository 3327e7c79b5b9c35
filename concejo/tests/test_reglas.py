"""Quórum, mayorías y desempate por perfil: tablas de casos (funciones puras) y el cálculo sobre la base de datos."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from concejo import reglas
from concejo.models import Asistencia, EstadoMiembro, Miembro, Votacion, Voto
from concejo.selectors import cuerpo
from concejo.tests.factories import MiembroFactory, PuntoFactory, SesionFactory, concejo_completo
from core.services import perfiles
from core.tests.factories import MunicipioFactory

HOY = date(2026, 3, 10)


def regla_de(perfil: str, clave: str):
    return perfiles.valor(clave, perfil=perfil, fecha=HOY)


# --- Redondeo -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fraccion,n,esperado",
    [
        ("dos_tercios", 11, 8),
        ("dos_tercios", 12, 8),
        ("dos_tercios", 13, 9),
        ("dos_tercios", 9, 6),
        ("dos_tercios", 10, 7),
        ("dos_tercios", 3, 2),
        ("mitad_mas_uno", 11, 6),
        ("mitad_mas_uno", 12, 7),
        ("mitad_mas_uno", 9, 5),
        ("mitad_mas_uno", 10, 6),
        ("cuarta_parte", 13, 4),
        ("cuarta_parte", 12, 3),
        ("cuarta_parte", 17, 5),
        ("tres_quintos", 11, 7),
        ("tres_quintos", 10, 6),
    ],
)
def test_fracciones_redondean_hacia_arriba(fraccion, n, esperado):
    assert reglas.requeridos(fraccion, n) == esperado


def test_fraccion_desconocida():
    with pytest.raises(ValueError, match="Fracción desconocida"):
        reglas.requeridos("la_mitad", 10)


# --- Quórum por perfil ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "perfil,numero_legal,habiles,presentes,para,hay,requerido,base",
    [
        # Perú: mitad más uno de los hábiles (número legal menos licencias, suspensiones, vacancias).
        ("PE", 12, 12, 7, "decidir", True, 7, "habiles"),
        ("PE", 12, 12, 6, "decidir", False, 7, "habiles"),
        ("PE", 12, 10, 6, "decidir", True, 6, "habiles"),  # dos con licencia: bastan 6
        ("PE", 12, 9, 5, "decidir", True, 5, "habiles"),  # licencia, suspendido y vacado sin suplente
        # Ecuador y México: mayoría absoluta del número legal (las licencias no bajan la exigencia).
        ("EC", 9, 7, 5, "decidir", True, 5, "legal"),
        ("EC", 9, 7, 4, "decidir", False, 5, "legal"),
        ("MX", 11, 9, 6, "decidir", True, 6, "legal"),
        ("MX", 11, 9, 5, "decidir", False, 6, "legal"),
        ("MX-AGU", 11, 11, 6, "decidir", True, 6, "legal"),
        ("MX-MEX", 14, 14, 7, "decidir", False, 8, "legal"),
        # Colombia: la cuarta parte delibera, la mayoría de los miembros decide (Ley 136, art. 29).
        ("CO", 13, 13, 4, "deliberar", True, 4, "legal"),
        ("CO", 13, 13, 3, "deliberar", False, 4, "legal"),
        ("CO", 13, 13, 4, "decidir", False, 7, "legal"),
        ("CO", 13, 13, 7, "decidir", True, 7, "legal"),
        # Donde no hay regla propia para deliberar, vale la de decidir.
        ("PE", 12, 12, 4, "deliberar", False, 7, "habiles"),
    ],
)
def test_quorum_por_perfil(perfil, numero_legal, habiles, presentes, para, hay, requerido, base):
    q = reglas.quorum(
        regla=regla_de(perfil, "concejo.quorum"),
        numero_legal=numero_legal,
        habiles=habiles,
        presentes=presentes,
        para=para,
    )
    assert (q.hay_quorum, q.requerido, q.base, q.presentes) == (hay, requerido, base, presentes)
    assert q.base_numero == (numero_legal if base == "legal" else habiles)
    assert ("Hay quórum" if hay else "No hay quórum") in q.explicacion
    assert f"se requieren {requerido}" in q.explicacion
    assert q.como_dict()["requerido"] == requerido


def test_quorum_sin_nadie_no_hay_y_regla_mala_se_rechaza():
    assert not reglas.quorum(
        regla={"base": "legal", "fraccion": "cuarta_parte"}, numero_legal=0, habiles=0, presentes=0
    ).hay_quorum
    with pytest.raises(ValueError, match="mal formada"):
        reglas.quorum(
            regla={"base": "presentes", "fraccion": "mitad_mas_uno"}, numero_legal=9, habiles=9, presentes=5
        )
    with pytest.raises(ValueError, match="desconocida"):
        reglas.quorum(regla="inventada", numero_legal=9, habiles=9, presentes=5)
    # Los códigos de la versión anterior del perfil siguen valiendo.
    assert reglas.quorum(
        regla="mitad_mas_uno_miembros_habiles", numero_legal=12, habiles=10, presentes=6
    ).hay_quorum


# --- Mayorías, abstención, inhibición y desempate -------------------------------------------------


def votar(perfil, mayoria=None, *, af, ec, ab=0, inh=0, pres, legal=12, hab=12, dirimente=None, repeticion=0):
    return reglas.resultado(
        mayoria=mayoria or regla_de(perfil, "concejo.mayoria")["general"],
        a_favor=af,
        en_contra=ec,
        abstenciones=ab,
        inhibidos=inh,
        presentes=pres,
        numero_legal=legal,
        habiles=hab,
        desempate=regla_de(perfil, "concejo.desempate"),
        voto_dirimente=dirimente,
        repeticion=repeticion,
        abstencion=regla_de(perfil, "concejo.abstencion"),
        inhibicion=regla_de(perfil, "concejo.inhibicion"),
    )


@pytest.mark.parametrize(
    "perfil,mayoria,kw,resultado,requerido,base_numero,desempate",
    [
        # Mayoría simple de los presentes (la general de los cuatro perfiles).
        ("PE", None, dict(af=6, ec=3, pres=9), "aprobado", 5, 9, ""),
        # PE: la abstención no cuenta en la base (TUO Ley 27444, arts. 111-112; antes «rechazado»).
        ("PE", None, dict(af=4, ec=3, ab=2, pres=9), "aprobado", 4, 7, ""),
        # El caso del benchmark de votos: 20-10-10 de 40 presentes, aprobado.
        ("PE", None, dict(af=20, ec=10, ab=10, pres=40, legal=41, hab=41), "aprobado", 16, 30, ""),
        ("PE", None, dict(af=4, ec=3, inh=2, pres=9), "aprobado", 4, 7, ""),  # quien se inhibe sale
        # CO: mayoría de los votos de los asistentes (Const. 146): la abstención fuera de la base.
        ("CO", None, dict(af=5, ec=4, pres=9), "aprobado", 5, 9, ""),
        ("CO", None, dict(af=20, ec=10, ab=10, pres=40, legal=41, hab=41), "aprobado", 16, 30, ""),
        # MX: la abstención cuenta en la base [?]: 20-10-10 no alcanza 21 de 40.
        ("MX", None, dict(af=20, ec=10, ab=10, pres=40, legal=41, hab=41), "rechazado", 21, 40, ""),
        ("MX", None, dict(af=3, ec=3, ab=1, pres=7), "empate", 4, 7, "voto_dirimente"),
        # EC: el voto en blanco se suma a la mayoría (COOTAD 321 [?]).
        ("EC", None, dict(af=4, ec=3, ab=2, pres=9), "aprobado", 5, 9, ""),
        ("EC", None, dict(af=3, ec=4, ab=2, pres=9), "rechazado", 5, 9, ""),
        ("EC", None, dict(af=3, ec=3, ab=2, pres=8), "empate", 4, 6, "voto_dirimente"),
        # Mayoría de los votos emitidos.
        ("EC", "simple_votos", dict(af=5, ec=3, ab=1, pres=9), "aprobado", 5, 9, ""),
        ("PE", "simple_votos", dict(af=4, ec=3, ab=2, pres=9), "aprobado", 4, 7, ""),
        # Calificadas: ⅔ del número legal (vacancia en el Perú), redondeo hacia arriba.
        ("PE", "dos_tercios_legal", dict(af=8, ec=3, pres=11, legal=11, hab=11), "aprobado", 8, 11, ""),
        ("PE", "dos_tercios_legal", dict(af=7, ec=4, pres=11, legal=11, hab=11), "rechazado", 8, 11, ""),
        ("PE", "dos_tercios_legal", dict(af=8, ec=0, pres=9, legal=12, hab=10), "aprobado", 8, 12, ""),
        ("PE", "dos_tercios_legal", dict(af=8, ec=1, pres=13, legal=13, hab=13), "rechazado", 9, 13, ""),
        # ⅔ de los hábiles: las licencias bajan la exigencia; del número legal, no.
        ("PE", "dos_tercios_habiles", dict(af=6, ec=1, pres=8, legal=12, hab=9), "aprobado", 6, 9, ""),
        ("PE", "dos_tercios_presentes", dict(af=6, ec=3, pres=9), "aprobado", 6, 9, ""),
        ("PE", "absoluta_legal", dict(af=6, ec=0, pres=6, legal=12, hab=12), "rechazado", 7, 12, ""),
        ("PE", "absoluta_habiles", dict(af=6, ec=0, pres=6, legal=12, hab=10), "aprobado", 6, 10, ""),
        # Empates por la regla de cada perfil, siempre que a favor = en contra.
        ("PE", None, dict(af=4, ec=4, pres=8), "empate", 5, 8, "voto_dirimente"),
        ("PE", None, dict(af=4, ec=4, pres=8, dirimente="a_favor"), "aprobado", 5, 8, "voto_dirimente"),
        ("PE", None, dict(af=4, ec=4, pres=8, dirimente="en_contra"), "rechazado", 5, 8, "voto_dirimente"),
        # 4-4 con 2 abstenciones va al voto dirimente del alcalde (antes «rechazado» sin él).
        ("PE", None, dict(af=4, ec=4, ab=2, pres=10), "empate", 5, 8, "voto_dirimente"),
        (
            "PE",
            None,
            dict(af=4, ec=4, ab=2, pres=10, dirimente="a_favor"),
            "aprobado",
            5,
            8,
            "voto_dirimente",
        ),
        ("EC", None, dict(af=3, ec=3, pres=6), "empate", 4, 6, "voto_dirimente"),
        ("MX-MEX", None, dict(af=5, ec=5, pres=10, dirimente="a_favor"), "aprobado", 6, 10, "voto_dirimente"),
        # MX: la abstención en la base; el voto de calidad no alcanza 5 de 8 con 3-3-2.
        (
            "MX",
            None,
            dict(af=3, ec=3, ab=2, pres=8, dirimente="a_favor"),
            "rechazado",
            5,
            8,
            "voto_dirimente",
        ),
        ("CO", None, dict(af=5, ec=5, pres=10), "empate", 6, 10, "repetir"),
        ("CO", None, dict(af=5, ec=5, ab=3, pres=13), "empate", 6, 10, "repetir"),
        ("CO", None, dict(af=5, ec=5, pres=10, repeticion=1), "rechazado", 6, 10, "rechazado"),
        # Empate lejos de una mayoría calificada: se aplica la regla; el dirimente no la alcanza.
        ("PE", "dos_tercios_legal", dict(af=4, ec=4, pres=8, legal=12), "empate", 8, 12, "voto_dirimente"),
        (
            "PE",
            "dos_tercios_legal",
            dict(af=4, ec=4, pres=8, legal=12, dirimente="a_favor"),
            "rechazado",
            8,
            12,
            "voto_dirimente",
        ),
        # Nadie a favor ni en contra no es empate.
        ("PE", None, dict(af=0, ec=0, ab=5, pres=5), "rechazado", 1, 0, ""),
        ("MX", None, dict(af=0, ec=0, ab=5, pres=5), "rechazado", 3, 5, ""),
    ],
)
def test_resultado_por_perfil(perfil, mayoria, kw, resultado, requerido, base_numero, desempate):
    r = votar(perfil, mayoria, **kw)
    assert (r.resultado, r.requerido, r.base_numero, r.desempate) == (
        resultado,
        requerido,
        base_numero,
        desempate,
    )
    assert r.necesita_dirimente == (resultado == "empate" and desempate == "voto_dirimente")
    assert r.explicacion.lower().startswith(
        {"aprobado": "aprobado", "rechazado": "rechazado", "empate": "empate"}[resultado]
    )
    d = r.como_dict()
    assert d["regla"] == (mayoria or "simple_presentes") and d["a_favor"] == kw["af"]
    assert d["regla_nombre"] == reglas.MAYORIAS[d["regla"]]
    assert d["abstencion"] == regla_de(perfil, "concejo.abstencion")
    aplicado = d["desempate_aplicado"]
    if kw["af"] != kw["ec"] or kw["af"] == 0:
        assert aplicado == "ninguno"
    else:
        assert aplicado in {"voto_dirimente", "pendiente_dirimente", "repetida", "rechazado"}


def test_abstencion_fuera_de_la_base_cambia_el_resultado():
    comun = dict(
        mayoria="simple_presentes",
        a_favor=4,
        en_contra=3,
        abstenciones=2,
        inhibidos=0,
        presentes=9,
        numero_legal=12,
        habiles=12,
        desempate="voto_dirimente_alcalde",
    )
    assert reglas.resultado(**comun, abstencion="en_la_base").resultado == "rechazado"
    fuera = reglas.resultado(**comun, abstencion="fuera_de_la_base")
    assert (fuera.resultado, fuera.base_numero, fuera.requerido) == ("aprobado", 7, 4)
    dentro = reglas.resultado(**{**comun, "abstenciones": 0, "inhibidos": 2}, inhibicion="en_la_base")
    assert (dentro.resultado, dentro.base_numero) == ("rechazado", 9)


@pytest.mark.parametrize(
    "kw,mensaje",
    [
        (dict(mayoria="inventada"), "Mayoría desconocida"),
        (dict(desempate="moneda"), "desempate desconocida"),
        (dict(a_favor=-1), "negativos"),
        (dict(voto_dirimente="tal vez"), "dirimente"),
        (dict(abstencion="a_favor"), "abstención"),
    ],
)
def test_resultado_rechaza_datos_malos(kw, mensaje):
    base = dict(
        mayoria="simple_presentes",
        a_favor=1,
        en_contra=0,
        abstenciones=0,
        inhibidos=0,
        presentes=1,
        numero_legal=5,
        habiles=5,
        desempate="rechazado",
    )
    with pytest.raises(ValueError, match=mensaje):
        reglas.resultado(**{**base, **kw})


def test_mayorias_tienen_etiqueta_en_espanol():
    for codigo in [
        "simple_presentes",
        "simple_votos",
        "absoluta_legal",
        "absoluta_habiles",
        "dos_tercios_legal",
        "dos_tercios_habiles",
        "dos_tercios_presentes",
    ]:
        assert reglas.MAYORIAS[codigo][0].isupper() or reglas.MAYORIAS[codigo].startswith("Dos")


# --- Las reglas del perfil, leídas por el servicio ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "perfil,quorum_base,desempate,alcalde_vota,debates,reconsideracion,tipos",
    [
        # PE: la ley solo fija la reconsideración de la vacancia (concejo.reconsideracion); la general es
        # del reglamento (regla local): el perfil no la trae.
        (
            "PE",
            "habiles",
            "voto_dirimente_alcalde",
            False,
            1,
            None,
            ["ordinaria", "extraordinaria", "solemne"],
        ),
        (
            "EC",
            "legal",
            "voto_dirimente_alcalde",
            True,
            2,
            None,
            ["inaugural", "ordinaria", "extraordinaria", "conmemorativa"],
        ),
        ("CO", "legal", "nueva_votacion_luego_negado", False, 2, None, ["ordinaria", "extraordinaria"]),
        (
            "MX",
            "legal",
            "voto_de_calidad_presidente",
            True,
            1,
            None,
            ["ordinaria", "extraordinaria", "solemne", "abierta", "secreta"],
        ),
        (
            "MX-MEX",
            "legal",
            "voto_de_calidad_presidente",
            True,
            1,
            None,
            ["ordinaria", "extraordinaria", "solemne", "abierta"],
        ),
    ],
)
def test_reglas_del_concejo_por_perfil(
    perfil, quorum_base, desempate, alcalde_vota, debates, reconsideracion, tipos
):
    MunicipioFactory(perfil=perfil)
    r = cuerpo.reglas_del_concejo(HOY)
    assert (r.quorum["base"], r.desempate, r.alcalde_vota, r.debates_ordenanza, r.reconsideracion_dias) == (
        quorum_base,
        desempate,
        alcalde_vota,
        debates,
        reconsideracion,
    )
    assert r.tipos_sesion == tipos and r.mayoria == "simple_presentes"
    assert set(r.votaciones) <= set(Votacion.Forma.values)
    assert set(r.aviso) == set(tipos)
    assert r.fuentes["concejo.quorum"]["confianza"] in {"L", "S", "?"}
    assert r.fuentes["concejo.abstencion"]["confianza"] == "?"


@pytest.mark.django_db
def test_reglas_del_concejo_detalles():
    MunicipioFactory(perfil="PE")
    r = cuerpo.reglas_del_concejo(datetime(2026, 3, 10, 18, tzinfo=ZoneInfo("America/Lima")))
    assert r.fecha == HOY
    assert (
        r.aviso["extraordinaria"] == {"cantidad": 5, "unidad": "dias_habiles"}
        and r.aviso["ordinaria"] is None
    )
    assert r.mayorias_especiales == [{"materia": "Vacancia de un miembro", "codigo": "dos_tercios_legal"}]
    assert r.vocabulario["miembro"] == "regidor" and "dos_tercios_legal" in r.mayorias_disponibles()
    assert r.reconsideracion == {"dias": 15, "unidad": "habiles", "materias": ["Vacancia de un miembro"]}
    assert r.fuentes["concejo.reconsideracion"]["confianza"] == "L"


@pytest.mark.django_db
def test_regla_local_cambia_el_quorum(municipio, secretario):
    perfiles.fijar_regla_local(
        municipio=municipio,
        clave="concejo.quorum",
        valor={"base": "legal", "fraccion": "dos_tercios"},
        vigente_desde=date(2026, 1, 1),
        fuente="Reglamento Interno del Concejo, art. 30",
        por=secretario,
    )
    r = cuerpo.reglas_del_concejo(HOY)
    assert r.quorum == {"base": "legal", "fraccion": "dos_tercios"} and r.fuentes["concejo.quorum"]["local"]
    assert cuerpo.reglas_del_concejo(date(2025, 12, 31)).quorum["base"] == "habiles"


# --- Miembros hábiles, quórum y resultado sobre la base de datos ----------------------------------


def _estado(miembro, estado, desde, hasta=None):
    return EstadoMiembro.objects.create(
        miembro=miembro, estado=estado, desde=desde, hasta=hasta, documento="Acuerdo de Concejo Nº 001-2026"
    )


@pytest.mark.django_db
def test_estado_en_fechas(municipio):
    m = MiembroFactory()
    _estado(m, "licencia", date(2026, 3, 1), date(2026, 3, 15))
    _estado(m, "suspendido", date(2026, 5, 1))
    assert cuerpo.estado_en(m, date(2026, 2, 28)) == "activo"
    assert cuerpo.estado_en(m, date(2026, 3, 1)) == "licencia"
    assert cuerpo.estado_en(m, date(2026, 3, 15)) == "licencia"
    assert cuerpo.estado_en(m, date(2026, 3, 16)) == "activo"
    assert cuerpo.estado_en(m, date(2026, 6, 1)) == "suspendido"
    assert cuerpo.estado_en(m, date(2022, 6, 1)) == "vacado"  # antes de su asiento


@pytest.mark.django_db
def test_habiles_con_licencia_suspension_vacancia_y_suplente(municipio):
    pleno = concejo_completo(regidores=11)  # número legal 12
    periodo = pleno.periodo
    alcalde, r1, r2, r3, r4, *_ = list(periodo.miembros.order_by("orden", "id"))
    _estado(r1, "licencia", date(2026, 3, 1), date(2026, 3, 31))
    _estado(r2, "suspendido", date(2026, 3, 5))
    _estado(r3, "vacado", date(2026, 2, 1))
    suplente_r1 = MiembroFactory(periodo=periodo, suplente_de=r1, desde=date(2026, 3, 1), orden=50)
    situacion = cuerpo.situacion_en(periodo, HOY)
    assert situacion.numero_legal == 12
    assert situacion.numero_habiles == 10  # r2 suspendido y r3 vacado sin suplente; r1 reemplazado
    habiles = cuerpo.miembros_habiles(periodo, HOY)
    assert suplente_r1 in habiles and r1 not in habiles and r2 not in habiles and r4 in habiles
    assert {a.titular for a in situacion.fuera} == {r1, r2, r3}
    miembros = cuerpo.miembros_de(pleno, HOY)
    assert r1 in miembros and suplente_r1 in miembros and r3 not in miembros and alcalde in miembros
    # Antes de la licencia el suplente no se sienta.
    assert suplente_r1 not in cuerpo.miembros_de(pleno, date(2026, 2, 15))
    assert cuerpo.situacion_en(periodo, date(2026, 1, 15)).numero_habiles == 12


@pytest.mark.django_db
def test_quorum_de_la_sesion_con_asistencia_y_licencias(municipio):
    pleno = concejo_completo(regidores=11)
    miembros = list(pleno.periodo.miembros.order_by("orden", "id"))
    for m in miembros[1:3]:
        _estado(m, "licencia", date(2026, 3, 1), date(2026, 3, 31))
    sesion = SesionFactory(organo=pleno, fecha=datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("America/Lima")))
    presentes = [miembros[0], *miembros[3:8]]  # 6 en sala
    for m in miembros:
        Asistencia.objects.create(
            sesion=sesion, miembro=m, estado="presente" if m in presentes else "ausente"
        )
    q = cuerpo.quorum_de(sesion)
    assert (q.hay_quorum, q.presentes, q.requerido, q.base_numero) == (True, 6, 6, 10)
    # Uno se retira: ya no está en sala.
    Asistencia.objects.filter(sesion=sesion, miembro=miembros[7]).update(
        retiro=sesion.fecha + timedelta(hours=1)
    )
    q = cuerpo.quorum_de(sesion)
    assert (q.hay_quorum, q.presentes) == (False, 5)


def _votacion_nominal(sesion, sentidos: dict, *, mayoria="", numero=1, punto=None, dirimente=None):
    v = Votacion.objects.create(
        sesion=sesion,
        punto=punto or PuntoFactory(sesion=sesion),
        numero=numero,
        mocion="Aprobar",
        forma="nominal",
        mayoria=mayoria,
        voto_dirimente=dirimente,
    )
    for miembro, sentido in sentidos.items():
        Voto.objects.create(votacion=v, miembro=miembro, sentido=sentido)
    return v


@pytest.mark.django_db
def test_resultado_de_votacion_nominal_peru_alcalde_solo_dirime(municipio):
    pleno = concejo_completo(regidores=8)  # número legal 9
    alcalde, *regs = list(pleno.periodo.miembros.order_by("orden", "id"))
    sesion = SesionFactory(organo=pleno, fecha=datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("America/Lima")))
    for m in [alcalde, *regs]:
        Asistencia.objects.create(sesion=sesion, miembro=m, estado="presente")
    sentidos = {regs[i]: "a_favor" for i in range(4)} | {regs[i]: "en_contra" for i in range(4, 8)}
    v = _votacion_nominal(sesion, sentidos)
    r = cuerpo.resultado_de(v)
    # El alcalde no vota en lo ordinario: 8 presentes que votan, empate 4-4.
    assert (r.resultado, r.presentes, r.necesita_dirimente) == ("empate", 8, True)
    Voto.objects.create(votacion=v, miembro=alcalde, sentido="a_favor")
    v.voto_dirimente = alcalde
    v.save()
    r = cuerpo.resultado_de(v)
    assert (r.resultado, r.a_favor, r.desempate) == ("aprobado", 4, "voto_dirimente")
    # El sentido anotado en la votación manda sobre el Voto.
    v.sentido_dirimente = "en_contra"
    assert cuerpo.resultado_de(v).resultado == "rechazado"


@pytest.mark.django_db
def test_resultado_de_inhibido_ausente_y_formas_sin_nombres(municipio):
    pleno = concejo_completo(regidores=8)
    alcalde, *regs = list(pleno.periodo.miembros.order_by("orden", "id"))
    sesion = SesionFactory(organo=pleno, fecha=datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("America/Lima")))
    for m in regs:
        Asistencia.objects.create(sesion=sesion, miembro=m, estado="presente")
    sentidos = {
        regs[0]: "a_favor",
        regs[1]: "a_favor",
        regs[2]: "a_favor",
        regs[3]: "en_contra",
        regs[4]: "inhibido",
        regs[5]: "inhibido",
        regs[6]: "ausente",
        regs[7]: "abstencion",
    }
    r = cuerpo.resultado_de(_votacion_nominal(sesion, sentidos))
    # 7 en sala (uno figura ausente), 2 inhibidos y 1 abstención fuera de la base (PE): 3 de 4.
    assert (r.presentes, r.inhibidos, r.base_numero, r.requerido, r.resultado) == (7, 2, 4, 3, "aprobado")
    ordinaria = Votacion.objects.create(
        sesion=sesion,
        punto=PuntoFactory(sesion=sesion),
        numero=2,
        mocion="X",
        forma="ordinaria",
        mayoria="dos_tercios_legal",
        a_favor=6,
        en_contra=2,
    )
    r = cuerpo.resultado_de(ordinaria)
    assert (r.resultado, r.requerido, r.base_numero, r.a_favor, r.presentes) == ("aprobado", 6, 9, 6, 8)
    ordinaria.a_favor = 5
    assert cuerpo.resultado_de(ordinaria).resultado == "rechazado"


@pytest.mark.django_db
def test_resultado_de_colombia_repite_y_luego_niega():
    MunicipioFactory(perfil="CO")
    pleno = concejo_completo(regidores=0, numero_legal=7)
    Miembro.objects.all().delete()
    concejales = [MiembroFactory(periodo=pleno.periodo) for _ in range(7)]
    sesion = SesionFactory(organo=pleno, fecha=datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("America/Bogota")))
    for m in concejales[:6]:
        Asistencia.objects.create(sesion=sesion, miembro=m, estado="presente")
    sentidos = {m: ("a_favor" if i < 3 else "en_contra") for i, m in enumerate(concejales[:6])}
    punto = PuntoFactory(sesion=sesion)
    primera = _votacion_nominal(sesion, sentidos, punto=punto)
    r = cuerpo.resultado_de(primera)
    assert (r.resultado, r.desempate) == ("empate", "repetir")
    segunda = _votacion_nominal(sesion, sentidos, punto=punto, numero=2)
    segunda.repite = primera
    assert (cuerpo.resultado_de(segunda).resultado, cuerpo.resultado_de(segunda).desempate) == (
        "rechazado",
        "rechazado",
    )
