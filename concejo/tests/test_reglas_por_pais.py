"""Las reglas del concejo de cada país (PE, EC, CO, MX) aplicadas por los servicios y la API: debates por
instrumento (con el intervalo comisión → pleno de Colombia), quórum para deliberar y para decidir, bases de
la mayoría y efecto de la abstención, el empate siempre que a favor = en contra, la reconsideración contada
desde su pedido y la decisión que solo pasa al registro de actos cuando está firme."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from concejo.models import Decision, Organo, PuntoAgenda, Sesion, Votacion
from concejo.selectors import cuerpo as cuerpo_sel
from concejo.selectors.votaciones import decision_firme
from concejo.services import agenda, en_vivo, votaciones
from concejo.tests.factories import (
    MiembroFactory,
    PeriodoFactory,
    PlenoFactory,
    PuntoFactory,
    SesionFactory,
    con_asistencia,
)
from core.models import Evento, Municipio
from core.services import perfiles

API = "/api/v1/concejo"
ZONAS = {"PE": "America/Lima", "EC": "America/Guayaquil", "CO": "America/Bogota", "MX": "America/Mexico_City"}


def _token(usuario) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=usuario)[0].key}"}


def post(client, url, usuario, datos=None):
    return client.post(url, datos or {}, content_type="application/json", **_token(usuario))


@pytest.fixture
def en_pais(municipio):
    def _pais(codigo: str) -> Municipio:
        Municipio.objects.filter(pk=municipio.pk).update(perfil=codigo)
        municipio.refresh_from_db()
        return municipio

    return _pais


def cuerpo_de(pais: str, *, miembros: int) -> Organo:
    """Un pleno de `miembros` asientos; donde el alcalde integra el concejo, el primero es el alcalde."""
    periodo = PeriodoFactory(numero_legal=miembros)
    pleno = PlenoFactory(periodo=periodo)
    for i in range(miembros):
        rol = "alcalde" if i == 0 and pais != "CO" else "regidor"
        MiembroFactory(periodo=periodo, rol=rol, orden=i)
    return pleno


def comision_de(pleno: Organo, *, integrantes: int = 3) -> Organo:
    comision = Organo.objects.create(
        periodo=pleno.periodo, tipo=Organo.Tipo.COMISION_ORDINARIA, nombre="Hacienda"
    )
    for m in pleno.periodo.miembros.order_by("orden")[1 : integrantes + 1]:
        comision.integrantes.create(
            miembro=m,
            funcion="presidente" if not comision.integrantes.exists() else "miembro",
            desde=date(2020, 1, 1),
        )
    return comision


def dia(pais: str, d: date, hora: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, hora, tzinfo=ZoneInfo(ZONAS[pais]))


def sesion_con(organo: Organo, pais: str, d: date, presentes: int, por, **extra) -> Sesion:
    sesion = SesionFactory(organo=organo, fecha=dia(pais, d), estado=Sesion.Estado.CONVOCADA, **extra)
    con_asistencia(sesion, presentes)
    return en_vivo.instalar_sesion(sesion=sesion, por=por)


def aprobar(punto: PuntoAgenda, por, *, a_favor: int | None = None) -> Votacion:
    """Vota el punto a mano alzada (conteo) con todos los votantes en sala a favor y confirma."""
    sesion = punto.sesion
    votantes = len(votaciones.en_sala(sesion)) - (
        1 if sesion.organo.es_pleno and not votaciones.reglas_de_la_sesion(sesion).alcalde_vota else 0
    )
    forma = "ordinaria" if "ordinaria" in dict(votaciones.formas_permitidas(sesion)) else "nominal"
    v = votaciones.abrir_votacion(punto=punto, mocion=f"Aprobar {punto.titulo}", forma=forma, por=por)
    if forma == "ordinaria":
        votaciones.registrar_conteo(votacion=v, a_favor=a_favor or votantes, en_contra=0, por=por)
    else:
        for m in sesion.asistencias.en_sala().select_related("miembro"):
            if not votaciones.solo_dirime(m.miembro, sesion):
                votaciones.registrar_voto(votacion=v, miembro=m.miembro, sentido="a_favor", por=por)
    votaciones.cerrar_votacion(votacion=v, por=por)
    return votaciones.confirmar_votacion(votacion=v, por=por)


# --- 1. Debates por instrumento --------------------------------------------------------------------

HOY = date(2026, 3, 10)


@pytest.mark.parametrize(
    "pais,instrumento,debates",
    [
        ("PE", "ordenanza", 1),
        ("PE", "acuerdo", 1),
        ("EC", "ordenanza", 2),
        ("EC", "acuerdo", 1),
        ("CO", "acuerdo", 2),
        ("CO", "proposicion", 1),
        ("MX", "acuerdo", 1),
        ("MX", "reglamento", 1),
    ],
)
def test_debates_por_instrumento(en_pais, secretario, pais, instrumento, debates):
    en_pais(pais)
    pleno = cuerpo_de(pais, miembros=9)
    primera = sesion_con(pleno, pais, HOY, 9, secretario)
    punto = PuntoFactory(sesion=primera, orden=1, instrumento=instrumento, titulo="el asunto")
    aprobar(punto, secretario)
    # Solo el último debate crea la decisión.
    assert Decision.objects.count() == (1 if debates == 1 else 0)
    otra = SesionFactory(
        organo=pleno, fecha=dia(pais, HOY + timedelta(days=5)), estado=Sesion.Estado.PROGRAMADA
    )
    if debates == 1:
        with pytest.raises(ValidationError, match="se aprueba en un solo debate"):
            agenda.agregar_punto(
                sesion=otra, seccion="orden_del_dia", titulo="Segundo", por=secretario, primer_debate=punto
            )
        return
    if pais == "CO":
        return  # Colombia: el primero va en comisión (prueba siguiente)
    segundo = agenda.agregar_punto(
        sesion=otra, seccion="orden_del_dia", titulo="Segundo debate", por=secretario, primer_debate=punto
    )
    assert (segundo.debate, segundo.instrumento) == (2, instrumento)
    con_asistencia(otra, 9)
    otra.estado = Sesion.Estado.CONVOCADA
    otra.save()
    en_vivo.instalar_sesion(sesion=otra, por=secretario)
    v2 = aprobar(segundo, secretario)
    assert Decision.objects.get().votacion == v2


def test_un_acuerdo_de_ecuador_con_segundo_debate_no_da_dos_decisiones(en_pais, secretario):
    """Un segundo debate anotado antes de la regla por instrumento no crea otra decisión."""
    en_pais("EC")
    pleno = cuerpo_de("EC", miembros=9)
    primera = sesion_con(pleno, "EC", HOY, 9, secretario)
    punto = PuntoFactory(sesion=primera, orden=1, instrumento="acuerdo", titulo="acuerdo")
    aprobar(punto, secretario)
    segunda = sesion_con(pleno, "EC", HOY + timedelta(days=2), 9, secretario)
    segundo = PuntoFactory(sesion=segunda, orden=1, instrumento="acuerdo", debate=2, primer_debate=punto)
    aprobar(segundo, secretario)
    assert Decision.objects.count() == 1


def test_colombia_comision_luego_pleno_tres_dias_despues(en_pais, secretario, client):
    en_pais("CO")
    pleno = cuerpo_de("CO", miembros=9)
    comision = comision_de(pleno)
    en_pleno = sesion_con(pleno, "CO", HOY, 9, secretario)
    en_el_pleno = PuntoFactory(sesion=en_pleno, orden=1, instrumento="acuerdo", titulo="acuerdo en pleno")
    aprobar(en_el_pleno, secretario)
    assert not Decision.objects.exists()  # primer debate (aunque mal dado en el pleno): no es decisión
    despues = SesionFactory(
        organo=pleno, fecha=dia("CO", HOY + timedelta(days=5)), estado=Sesion.Estado.PROGRAMADA
    )
    with pytest.raises(ValidationError, match="comisión permanente"):
        agenda.agregar_punto(
            sesion=despues, seccion="orden_del_dia", titulo="2º", por=secretario, primer_debate=en_el_pleno
        )
    # El primer debate en la comisión.
    en_comision = SesionFactory(organo=comision, fecha=dia("CO", HOY), estado=Sesion.Estado.CONVOCADA)
    for i, integrante in enumerate(comision.integrantes.all()):
        en_comision.asistencias.create(miembro=integrante.miembro, estado="presente" if i < 3 else "ausente")
    en_vivo.instalar_sesion(sesion=en_comision, por=secretario)
    primero = PuntoFactory(
        sesion=en_comision, orden=1, instrumento="acuerdo", titulo="acuerdo de presupuesto"
    )
    aprobar(primero, secretario)
    assert not Decision.objects.exists()
    # Dos días después: no (al menos 3 días calendario); el mensaje dice desde cuándo.
    pronto = SesionFactory(
        organo=pleno, fecha=dia("CO", HOY + timedelta(days=2)), estado=Sesion.Estado.PROGRAMADA
    )
    with pytest.raises(ValidationError, match="al menos 3 días calendario.*13/03/2026"):
        agenda.agregar_punto(
            sesion=pronto, seccion="orden_del_dia", titulo="2º", por=secretario, primer_debate=primero
        )
    # En otra comisión tampoco: el segundo es en el pleno.
    otra_comision = SesionFactory(
        organo=comision, fecha=dia("CO", HOY + timedelta(days=4)), estado=Sesion.Estado.PROGRAMADA
    )
    with pytest.raises(ValidationError, match="sesión plenaria"):
        agenda.agregar_punto(
            sesion=otra_comision, seccion="orden_del_dia", titulo="2º", por=secretario, primer_debate=primero
        )
    # Tres días después, en el pleno: sí, y ahí nace la decisión (y el acuerdo).
    a_tiempo = SesionFactory(
        organo=pleno, fecha=dia("CO", HOY + timedelta(days=3)), estado=Sesion.Estado.PROGRAMADA
    )
    segundo = agenda.agregar_punto(
        sesion=a_tiempo,
        seccion="orden_del_dia",
        titulo="Acuerdo de presupuesto (2º debate)",
        por=secretario,
        primer_debate=primero,
    )
    assert Evento.objects.filter(accion="concejo.punto.agregar", objeto_id=str(segundo.pk)).exists()
    con_asistencia(a_tiempo, 9)
    a_tiempo.estado = Sesion.Estado.CONVOCADA
    a_tiempo.save()
    en_vivo.instalar_sesion(sesion=a_tiempo, por=secretario)
    # Por la API: abrir la votación del segundo debate.
    r = post(
        client,
        f"{API}/puntos/{segundo.pk}/votaciones/",
        secretario,
        {"mocion": "Aprobar", "forma": "nominal"},
    )
    assert r.status_code == 201, r.json()
    # Y un segundo debate votado demasiado pronto se rechaza también al votar (regla comprobada al votar).
    temprano = sesion_con(pleno, "CO", HOY + timedelta(days=1), 9, secretario)
    colado = PuntoFactory(sesion=temprano, orden=1, instrumento="acuerdo", debate=2, primer_debate=primero)
    r = post(
        client, f"{API}/puntos/{colado.pk}/votaciones/", secretario, {"mocion": "Aprobar", "forma": "nominal"}
    )
    assert r.status_code == 400 and "al menos 3 días calendario" in str(r.json())
    assert not Votacion.objects.filter(punto=colado).exists()


# --- 2. Quórum para deliberar y para decidir -------------------------------------------------------


@pytest.mark.parametrize(
    "pais,miembros,presentes,deliberar,decidir,instala,vota",
    [
        # Colombia: ¼ de los miembros delibera, la mayoría decide (Const. 145; Ley 136, art. 29).
        ("CO", 19, 6, 5, 10, True, False),
        ("CO", 19, 4, 5, 10, False, False),
        ("CO", 19, 10, 5, 10, True, True),
        # Perú, Ecuador y México: un solo quórum.
        ("PE", 11, 6, 6, 6, True, True),
        ("PE", 11, 5, 6, 6, False, False),
        ("EC", 9, 5, 5, 5, True, True),
        ("EC", 9, 4, 5, 5, False, False),
        ("MX", 9, 5, 5, 5, True, True),
        ("MX", 9, 4, 5, 5, False, False),
    ],
)
def test_quorum_para_deliberar_y_para_decidir(
    en_pais, secretario, pais, miembros, presentes, deliberar, decidir, instala, vota
):
    en_pais(pais)
    pleno = cuerpo_de(pais, miembros=miembros)
    sesion = SesionFactory(organo=pleno, fecha=dia(pais, HOY), estado=Sesion.Estado.CONVOCADA)
    con_asistencia(sesion, presentes)
    ambos = cuerpo_sel.quorums_de(sesion)
    assert (ambos["deliberar"].requerido, ambos["decidir"].requerido) == (deliberar, decidir)
    if not instala:
        with pytest.raises(ValidationError, match="No hay quórum para deliberar|No hay quórum"):
            en_vivo.instalar_sesion(sesion=sesion, por=secretario)
        sesion.refresh_from_db()
        assert sesion.estado == Sesion.Estado.CONVOCADA
        assert not Evento.objects.filter(accion="concejo.sesion.instalar").exists()
        return
    en_vivo.instalar_sesion(sesion=sesion, por=secretario)
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.INSTALADA
    assert sesion.quorum["requerido"] == deliberar and sesion.quorum["decidir"]["requerido"] == decidir
    evento = Evento.objects.get(accion="concejo.sesion.instalar")
    assert evento.despues["quorum"]["decidir"]["hay_quorum"] is vota
    # Deliberar: se toma el punto y se anotan intervenciones aunque no se pueda decidir.
    punto = PuntoFactory(sesion=sesion, orden=1, instrumento="acuerdo", titulo="asunto")
    en_vivo.tomar_punto(punto=punto, por=secretario)
    if vota:
        v = votaciones.abrir_votacion(punto=punto, mocion="Aprobar", forma="nominal", por=secretario)
        assert v.estado == "abierta"
        return
    with pytest.raises(ValidationError, match="No hay quórum para decidir.*puede deliberar"):
        votaciones.abrir_votacion(punto=punto, mocion="Aprobar", forma="nominal", por=secretario)
    assert not Votacion.objects.exists()


def test_colombia_seis_de_diecinueve_por_la_api_y_la_pantalla(en_pais, secretario, client):
    en_pais("CO")
    pleno = cuerpo_de("CO", miembros=19)
    sesion = SesionFactory(organo=pleno, fecha=dia("CO", HOY), estado=Sesion.Estado.CONVOCADA)
    m = list(pleno.periodo.miembros.order_by("orden"))
    for miembro in m[:6]:
        r = post(
            client,
            f"{API}/sesiones/{sesion.pk}/asistencia/",
            secretario,
            {"miembro": miembro.pk, "estado": "presente"},
        )
        assert r.status_code == 200, r.json()
    r = client.get(f"{API}/sesiones/{sesion.pk}/en-vivo/", **_token(secretario))
    quorums = r.json()["quorums"]
    assert (quorums["deliberar"]["requerido"], quorums["deliberar"]["hay_quorum"]) == (5, True)
    assert (quorums["decidir"]["requerido"], quorums["decidir"]["hay_quorum"]) == (10, False)
    assert r.json()["quorum"]["requerido"] == 10  # «quorum» sigue siendo el de decidir
    r = post(client, f"{API}/sesiones/{sesion.pk}/instalar/", secretario, {"preside": m[0].pk})
    assert r.status_code == 200 and r.json()["estado"] == "instalada", r.json()
    punto = PuntoFactory(sesion=sesion, orden=1, instrumento="acuerdo")
    r = post(
        client, f"{API}/puntos/{punto.pk}/votaciones/", secretario, {"mocion": "Aprobar", "forma": "nominal"}
    )
    assert r.status_code == 400 and "No hay quórum para decidir" in str(r.json())
    client.force_login(secretario)
    html = client.get(f"/concejo/sesiones/{sesion.pk}/en-vivo/").content.decode()
    assert "Quórum para decidir" in html and 'data-quorum-deliberar="si"' in html
    assert "Hay quórum para deliberar, no para decidir" in html


# --- 3 y 5. Bases, abstención y empate, y la regla aplicada en la API --------------------------------


def votar_por_api(client, usuario, punto, *, a_favor, en_contra, abstenciones):
    """Abre, anota (conteo o votos con nombre, según lo que admita el perfil) y cierra por la API."""
    sesion = punto.sesion
    formas = dict(votaciones.formas_permitidas(sesion))
    forma = "ordinaria" if "ordinaria" in formas else "nominal"
    r = post(client, f"{API}/puntos/{punto.pk}/votaciones/", usuario, {"mocion": "Aprobar", "forma": forma})
    assert r.status_code == 201, r.json()
    vid = r.json()["id"]
    if forma == "ordinaria":
        datos = {"a_favor": a_favor, "en_contra": en_contra, "abstenciones": abstenciones}
        r = post(client, f"{API}/votaciones/{vid}/conteo/", usuario, datos)
        assert r.status_code == 200, r.json()
    else:
        votantes = [
            a.miembro
            for a in sesion.asistencias.en_sala().select_related("miembro").order_by("miembro__orden")
            if not votaciones.solo_dirime(a.miembro, sesion)
        ]
        sentidos = ["a_favor"] * a_favor + ["en_contra"] * en_contra + ["abstencion"] * abstenciones
        assert len(sentidos) == len(votantes)
        for m, sentido in zip(votantes, sentidos, strict=True):
            r = post(client, f"{API}/votaciones/{vid}/votos/", usuario, {"miembro": m.pk, "sentido": sentido})
            assert r.status_code == 200, r.json()
    r = post(client, f"{API}/votaciones/{vid}/cerrar/", usuario)
    assert r.status_code == 200, r.json()
    return vid


@pytest.mark.parametrize(
    "pais,miembros,votos,resultado,base_numero,requeridos,abstencion,desempate",
    [
        # PE: el caso del benchmark (40 regidores y el alcalde, que solo dirime): aprobado.
        ("PE", 41, (20, 10, 10), "aprobado", 30, 16, "fuera_de_la_base", "ninguno"),
        # PE: 4-4 con 2 abstenciones va al voto dirimente del alcalde.
        ("PE", 11, (4, 4, 2), "empate", 8, 5, "fuera_de_la_base", "pendiente_dirimente"),
        # EC: el voto en blanco se suma a la mayoría.
        ("EC", 9, (4, 3, 2), "aprobado", 9, 5, "a_la_mayoria", "ninguno"),
        # CO: mayoría de los votos de los asistentes; el empate se repite.
        ("CO", 9, (4, 4, 1), "empate", 8, 5, "fuera_de_la_base", "repetida"),
        # MX: la abstención pesa [?]: 20-10-10 de 40 no alcanza.
        ("MX", 40, (20, 10, 10), "rechazado", 40, 21, "en_la_base", "ninguno"),
        ("MX", 9, (4, 4, 1), "empate", 9, 5, "en_la_base", "pendiente_dirimente"),
    ],
)
def test_mayoria_abstencion_y_empate_por_la_api(
    en_pais,
    secretario,
    client,
    pais,
    miembros,
    votos,
    resultado,
    base_numero,
    requeridos,
    abstencion,
    desempate,
):
    en_pais(pais)
    pleno = cuerpo_de(pais, miembros=miembros)
    sesion = sesion_con(pleno, pais, HOY, miembros, secretario)
    punto = PuntoFactory(sesion=sesion, orden=1, instrumento="acuerdo", titulo="asunto")
    vid = votar_por_api(
        client, secretario, punto, a_favor=votos[0], en_contra=votos[1], abstenciones=votos[2]
    )
    r = client.get(f"{API}/votaciones/{vid}/", **_token(secretario))
    datos = r.json()
    assert datos["resultado"] == resultado and datos["calculo"]["a_favor"] == votos[0]
    regla = datos["regla_aplicada"]
    assert (regla["mayoria"], regla["base"], regla["base_numero"], regla["requeridos"]) == (
        "simple_presentes",
        "presentes",
        base_numero,
        requeridos,
    )
    assert (
        regla["mayoria_nombre"] == "Mayoría simple de los presentes"
        and regla["base_nombre"] == "de los presentes"
    )
    assert (regla["abstencion"], regla["inhibicion"], regla["desempate"]) == (
        abstencion,
        "fuera_de_la_base",
        desempate,
    )
    assert regla["abstencion_efecto"] and regla["desempate_nombre"]
    if desempate == "pendiente_dirimente":
        # Confirmar sin el dirimente: no; con él, la regla aplicada dice «voto dirimente».
        r = post(client, f"{API}/votaciones/{vid}/confirmar/", secretario)
        assert r.status_code == 400 and "falta el voto dirimente" in str(r.json())
        r = post(client, f"{API}/votaciones/{vid}/dirimente/", secretario, {"sentido": "a_favor"})
        assert r.status_code == 200, r.json()
        r = client.get(f"{API}/votaciones/{vid}/", **_token(secretario))
        assert r.json()["resultado"] == "aprobado"
        assert r.json()["regla_aplicada"]["desempate"] == "voto_dirimente"
        evento = Evento.objects.get(accion="concejo.votacion.dirimente")
        assert evento.despues["sentido_dirimente"] == "a_favor"


def test_regla_local_del_reglamento_manda_sobre_la_abstencion_del_perfil(en_pais, secretario):
    municipio = en_pais("PE")
    perfiles.fijar_regla_local(
        municipio=municipio,
        clave="concejo.abstencion",
        valor="en_la_base",
        vigente_desde=date(2026, 1, 1),
        fuente="Reglamento Interno del Concejo, art. 40: la abstención se computa con los votos en contra",
        por=secretario,
    )
    pleno = cuerpo_de("PE", miembros=41)
    sesion = sesion_con(pleno, "PE", HOY, 41, secretario)
    punto = PuntoFactory(sesion=sesion, orden=1, instrumento="acuerdo", titulo="asunto")
    v = votaciones.abrir_votacion(punto=punto, mocion="Aprobar", forma="ordinaria", por=secretario)
    v = votaciones.registrar_conteo(votacion=v, a_favor=20, en_contra=10, abstenciones=10, por=secretario)
    assert (v.resultado, v.calculo["base_numero"], v.calculo["requerido"]) == ("rechazado", 40, 21)
    assert v.regla_aplicada["abstencion"] == "en_la_base"


# --- 4. Reconsideración desde el pedido, y decisiones firmes ------------------------------------------


def fijar_reglamento(municipio, secretario, dias=15):
    perfiles.fijar_regla_local(
        municipio=municipio,
        clave="concejo.reconsideracion_dias",
        valor=dias,
        vigente_desde=date(2000, 1, 1),
        fuente="Reglamento Interno del Concejo: reconsideración dentro de 15 días hábiles",
        por=secretario,
    )


def decision_votada(pais, secretario, *, hace: int, mayoria: str = "", dispensa: bool = False) -> Decision:
    """Una decisión aprobada en una sesión de hace `hace` días (9 miembros, todos a favor)."""
    pleno = Organo.objects.filter(tipo="pleno").first() or cuerpo_de(pais, miembros=9)
    d = timezone.localdate() - timedelta(days=hace)
    sesion = sesion_con(pleno, pais, d, 9, secretario)
    # Una resolución del concejo: un solo debate en los cuatro perfiles.
    punto = PuntoFactory(
        sesion=sesion, orden=1, instrumento="resolucion_concejo", titulo="asunto", mayoria=mayoria
    )
    forma = "ordinaria" if "ordinaria" in dict(votaciones.formas_permitidas(sesion)) else "nominal"
    v = votaciones.abrir_votacion(
        punto=punto, mocion="Aprobar", forma=forma, dispensa_actas=dispensa, por=secretario
    )
    votantes = [
        a.miembro for a in sesion.asistencias.en_sala() if not votaciones.solo_dirime(a.miembro, sesion)
    ]
    if forma == "ordinaria":
        votaciones.registrar_conteo(votacion=v, a_favor=len(votantes), en_contra=0, por=secretario)
    else:
        for m in votantes:
            votaciones.registrar_voto(votacion=v, miembro=m, sentido="a_favor", por=secretario)
    votaciones.cerrar_votacion(votacion=v, por=secretario)
    votaciones.confirmar_votacion(votacion=v, por=secretario)
    return Decision.objects.get(votacion=v)


@pytest.mark.parametrize(
    "pais,mayoria,reglamento,dispensa,firme",
    [
        # PE: la vacancia (⅔ del número legal) espera 15 días hábiles (LOM art. 23).
        ("PE", "dos_tercios_legal", False, False, False),
        # PE: lo demás, sin reglamento anotado, no tiene reconsideración en el perfil: firme ya.
        ("PE", "", False, False, True),
        # PE con el plazo del reglamento (regla local): espera; con dispensa del trámite de actas, firme ya.
        ("PE", "", True, False, False),
        ("PE", "", True, True, True),
        # CO: la ley no da reconsideración; EC y MX: el perfil no la prevé.
        ("CO", "", False, False, True),
        ("EC", "", False, False, True),
        ("MX", "", False, False, True),
    ],
)
def test_decision_firme_por_pais(en_pais, secretario, client, pais, mayoria, reglamento, dispensa, firme):
    municipio = en_pais(pais)
    if reglamento:
        fijar_reglamento(municipio, secretario)
    decision = decision_votada(pais, secretario, hace=1, mayoria=mayoria, dispensa=dispensa)
    firmeza = decision_firme(decision)
    assert firmeza.firme is firme, firmeza.motivo
    r = post(client, "/api/v1/actos/desde-decision/", secretario, {"decision": decision.pk})
    decision.refresh_from_db()
    if firme:
        assert r.status_code == 201, r.json()
        assert decision.estado == "registrada"
        assert Evento.objects.filter(accion="concejo.decision.registrar", objeto_id=str(decision.pk)).exists()
        return
    assert r.status_code == 400
    mensaje = str(r.json())
    assert "aún no está firme" in mensaje and "quedará firme el" in mensaje
    assert (
        decision.estado == "pendiente"
        and not Evento.objects.filter(accion="concejo.decision.registrar").exists()
    )
    # Vencido el plazo sin pedido, queda firme.
    assert decision_firme(decision, firmeza.desde).firme
    assert not decision_firme(decision, firmeza.desde - timedelta(days=1)).firme


def test_reconsideracion_se_mide_desde_el_pedido(en_pais, secretario, client):
    municipio = en_pais("PE")
    fijar_reglamento(municipio, secretario)
    decision = decision_votada("PE", secretario, hace=40)  # su plazo de 15 días hábiles ya venció
    original = decision.votacion
    # Pedida tarde: no.
    r = post(
        client,
        f"{API}/votaciones/{original.pk}/reconsideracion/",
        secretario,
        {"fundamento": "Nuevos hechos"},
    )
    assert r.status_code == 400 and "venció el" in str(r.json())
    assert not Evento.objects.filter(accion="concejo.votacion.pedir_reconsideracion").exists()
    # Pedida a tiempo (anotada con su fecha: dentro del plazo), se vota luego aunque el plazo ya pasó.
    pedido = timezone.localdate() - timedelta(days=38)
    regidor = original.sesion.organo.periodo.miembros.order_by("orden")[1]
    r = post(
        client,
        f"{API}/votaciones/{original.pk}/reconsideracion/",
        secretario,
        {"fecha": pedido.isoformat(), "miembro": regidor.pk, "fundamento": "Nuevos hechos"},
    )
    assert r.status_code == 200, r.json()
    assert r.json()["reconsideracion_pedida_en"] == pedido.isoformat()
    evento = Evento.objects.get(accion="concejo.votacion.pedir_reconsideracion")
    assert evento.despues["reconsideracion_pedida_en"] == pedido.isoformat() and evento.despues["plazo_vence"]
    # Dos veces no; con fecha futura tampoco.
    r = post(client, f"{API}/votaciones/{original.pk}/reconsideracion/", secretario)
    assert r.status_code == 400 and "ya se pidió" in str(r.json())
    # Mientras el pedido está pendiente, la decisión no es firme (aunque el plazo venció).
    decision = Decision.objects.get(pk=decision.pk)
    assert not decision_firme(decision).firme
    r = post(client, "/api/v1/actos/desde-decision/", secretario, {"decision": decision.pk})
    assert r.status_code == 400 and "Se pidió la reconsideración" in str(r.json())
    # La votación de reconsideración, hoy: la admite (el plazo se midió hasta el pedido).
    pleno = original.sesion.organo
    hoy = sesion_con(pleno, "PE", timezone.localdate(), 9, secretario)
    punto = PuntoFactory(sesion=hoy, orden=1, instrumento="acuerdo", titulo="Reconsideración")
    r = post(
        client,
        f"{API}/puntos/{punto.pk}/votaciones/",
        secretario,
        {"mocion": "Reconsiderar", "forma": "ordinaria", "reconsideracion_de": original.pk},
    )
    assert r.status_code == 201, r.json()


def test_pedido_de_reconsideracion_con_datos_malos(en_pais, secretario, client):
    municipio = en_pais("PE")
    fijar_reglamento(municipio, secretario)
    decision = decision_votada("PE", secretario, hace=1)
    v = decision.votacion
    manana = timezone.localdate() + timedelta(days=1)
    r = post(client, f"{API}/votaciones/{v.pk}/reconsideracion/", secretario, {"fecha": manana.isoformat()})
    assert r.status_code == 400 and "fecha futura" in str(r.json())
    antes = timezone.localdate() - timedelta(days=5)
    r = post(client, f"{API}/votaciones/{v.pk}/reconsideracion/", secretario, {"fecha": antes.isoformat()})
    assert r.status_code == 400 and "anterior a la votación" in str(r.json())
    r = post(client, f"{API}/votaciones/{v.pk}/reconsideracion/", secretario, {"fecha": "ayer"})
    assert r.status_code == 400
    v.refresh_from_db()
    assert v.reconsideracion_pedida_en is None


def test_colombia_no_preve_reconsideracion(en_pais, secretario):
    en_pais("CO")
    decision = decision_votada("CO", secretario, hace=1)
    with pytest.raises(ValidationError, match="no prevé la reconsideración"):
        votaciones.pedir_reconsideracion(votacion=decision.votacion, por=secretario)


def test_dispensa_del_tramite_de_actas_desde_la_pantalla(en_pais, secretario, client):
    en_pais("PE")
    fijar_reglamento(Municipio.objects.get(), secretario)
    pleno = cuerpo_de("PE", miembros=9)
    sesion = sesion_con(pleno, "PE", timezone.localdate(), 9, secretario)
    punto = PuntoFactory(sesion=sesion, orden=1, instrumento="ordenanza", titulo="Ordenanza")
    en_vivo.tomar_punto(punto=punto, por=secretario)
    client.force_login(secretario)
    html = client.get(f"/concejo/sesiones/{sesion.pk}/en-vivo/").content.decode()
    assert 'name="dispensa_actas"' in html
    r = client.post(
        reverse("concejo:punto-votar", args=[punto.pk]),
        {"mocion": "Aprobar", "forma": "ordinaria", "dispensa_actas": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200, r.content.decode()
    v = Votacion.objects.get()
    assert v.dispensa_actas is True
    assert Evento.objects.get(accion="concejo.votacion.abrir").despues["dispensa_actas"] is True
