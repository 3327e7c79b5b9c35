"""Votaciones por la pantalla en vivo: nominal con el resultado recalculado a cada voto, conteos de la
ordinaria, empates (voto dirimente en PE, repetir y rechazar en CO), confirmación con la decisión,
dos debates (EC), reconsideración en plazo, anulación; permisos y entrada mala."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from concejo.models import Decision, PuntoAgenda, Sesion, Votacion, Voto
from concejo.tests.datos_durante import htmx, instalada, miembros
from concejo.tests.factories import PuntoFactory, SesionFactory
from core.models import Evento, Municipio
from core.services import perfiles


@pytest.fixture
def punto(sesion):
    return PuntoFactory(sesion=sesion, orden=1, titulo="Ordenanza de ornato", instrumento="ordenanza")


def abrir(cliente, punto, forma="nominal", **extra):
    return htmx(
        cliente,
        reverse("concejo:punto-votar", args=[punto.pk]),
        {"mocion": "Aprobar la ordenanza de ornato", "forma": forma, **extra},
    )


def votar(cliente, votacion, miembro, sentido, **extra):
    return htmx(
        cliente,
        reverse("concejo:votacion-voto", args=[votacion.pk]),
        {"miembro": miembro.pk, "sentido": sentido, **extra},
    )


def accion(cliente, nombre, votacion, datos=None):
    return htmx(cliente, reverse(f"concejo:votacion-{nombre}", args=[votacion.pk]), datos)


def regidores(sesion):
    return miembros(sesion)[1:]  # el primero es el alcalde


def test_votacion_nominal_completa(cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 8)  # alcalde + 7 regidores en sala; 3 ausentes
    r = abrir(cliente, punto)
    assert r.status_code == 200, r.content.decode()
    v = Votacion.objects.get()
    assert (v.numero, v.forma, v.mayoria, v.estado) == (1, "nominal", "simple_presentes", "abierta")
    punto.refresh_from_db()
    assert punto.estado == "en_debate"
    sentidos = ["a_favor"] * 4 + ["en_contra", "abstencion", "inhibido"]
    for m, sentido in zip(regidores(sesion), sentidos, strict=False):
        r = votar(cliente, v, m, sentido)
        assert r.status_code == 200
    html = r.content.decode()
    assert 'id="votacion"' in html and 'id="tablero"' not in html  # solo el panel de la votación
    assert 'data-resultado="aprobado"' in html and "A favor 4 · En contra 1 · Abstenciones 1" in html
    assert "Votaron todos los miembros en sala" in html
    v.refresh_from_db()
    # PE: 7 votan (el alcalde solo dirime); el inhibido y la abstención salen de la base (TUO 27444
    # arts. 111-112; antes la abstención pesaba y se requerían 4 de 6): se requieren 3 de 5.
    assert v.resultado == "aprobado" and v.calculo["requerido"] == 3 and v.calculo["inhibidos"] == 1
    assert Evento.objects.filter(accion="concejo.voto.registrar").count() == 7
    # Un voto se corrige mientras la votación está abierta, y el resultado se recalcula: 3-2 aún aprueba,
    # 2-3 no.
    r = votar(cliente, v, regidores(sesion)[0], "en_contra")
    assert 'data-resultado="aprobado"' in r.content.decode()
    r = votar(cliente, v, regidores(sesion)[1], "en_contra")
    assert 'data-resultado="rechazado"' in r.content.decode()
    votar(cliente, v, regidores(sesion)[0], "a_favor")
    votar(cliente, v, regidores(sesion)[1], "a_favor")
    assert Voto.objects.filter(votacion=v).count() == 7
    # Cerrar: los ausentes quedan «ausente»; el resultado espera la confirmación.
    r = accion(cliente, "cerrar", v)
    assert r.status_code == 200 and "Confirmar el resultado: aprobado" in r.content.decode()
    v.refresh_from_db()
    assert v.estado == "cerrada"
    assert Voto.objects.filter(votacion=v, sentido="ausente").count() == 3
    assert not Decision.objects.exists()
    r = accion(cliente, "confirmar", v)
    assert r.status_code == 200
    v.refresh_from_db()
    punto.refresh_from_db()
    assert v.estado == "confirmada" and v.confirmada_en and punto.estado == "aprobado"
    decision = Decision.objects.get()
    assert (decision.votacion, decision.punto, decision.instrumento) == (v, punto, "ordenanza")
    assert decision.resumen == "Aprobar la ordenanza de ornato"
    confirmar = Evento.objects.get(accion="concejo.votacion.confirmar")
    assert confirmar.antes["estado"] == "cerrada" and confirmar.despues["decision"] == decision.pk
    assert Evento.objects.filter(accion="concejo.decision.crear").count() == 1


def test_quien_no_puede_votar(cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 8)
    abrir(cliente, punto)
    v = Votacion.objects.get()
    alcalde, ausente = miembros(sesion)[0], miembros(sesion)[9]
    r = votar(cliente, v, alcalde, "a_favor")
    assert r.status_code == 400 and "solo tiene voto dirimente" in r.content.decode()
    r = votar(cliente, v, ausente, "a_favor")
    assert r.status_code == 400 and "no está en la sala" in r.content.decode()
    r = votar(cliente, v, regidores(sesion)[0], "ausente")
    assert r.status_code == 400 and "Elija a favor, en contra, abstención o se inhibe" in r.content.decode()
    assert not Voto.objects.exists()
    # No se cierra con miembros en sala sin votar.
    r = accion(cliente, "cerrar", v)
    assert r.status_code == 400 and "Faltan votar" in r.content.decode()
    v.refresh_from_db()
    assert v.estado == "abierta"


def test_abrir_mala_entrada(cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 8)
    r = abrir(cliente, punto, forma="nominal_razonada")  # PE no la admite
    assert r.status_code == 400 and "El perfil no admite esa forma de votación" in r.content.decode()
    r = abrir(cliente, punto, mayoria="a_ojo")
    assert r.status_code == 400 and "Mayoría desconocida" in r.content.decode()
    r = htmx(cliente, reverse("concejo:punto-votar", args=[punto.pk]), {"mocion": " ", "forma": "nominal"})
    assert r.status_code == 400 and "Escriba la moción" in r.content.decode()
    assert not Votacion.objects.exists()
    abrir(cliente, punto)
    r = abrir(cliente, punto)
    assert r.status_code == 400 and "no está confirmada" in r.content.decode()
    assert Votacion.objects.count() == 1


def test_sin_quorum_no_se_vota(cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 6)
    htmx(cliente, reverse("concejo:sesion-retiro", args=[sesion.pk]), {"miembro": miembros(sesion)[1].pk})
    r = abrir(cliente, punto)
    assert r.status_code == 400 and "Se perdió el quórum" in r.content.decode()
    assert not Votacion.objects.exists()


def test_votacion_ordinaria_por_conteos(cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 8)  # votan 7 (el alcalde no)
    abrir(cliente, punto, forma="ordinaria", mayoria="dos_tercios_presentes")
    v = Votacion.objects.get()
    r = accion(cliente, "conteo", v, {"a_favor": 5, "en_contra": 3, "abstenciones": 0})
    assert (
        r.status_code == 400
        and "Los votos suman 8 y solo hay 7 miembros en sala que votan" in r.content.decode()
    )
    r = accion(cliente, "conteo", v, {"a_favor": "muchos"})
    assert r.status_code == 400 and "número entero" in r.content.decode()
    v.refresh_from_db()
    assert (v.a_favor, v.en_contra) == (0, 0)
    r = accion(cliente, "conteo", v, {"a_favor": 5, "en_contra": 2, "abstenciones": 0})
    assert r.status_code == 200 and 'data-resultado="aprobado"' in r.content.decode()  # 5 de 7: ⅔ = 5
    r = accion(cliente, "conteo", v, {"a_favor": 4, "en_contra": 3, "abstenciones": 0})
    assert 'data-resultado="rechazado"' in r.content.decode()
    r = votar(cliente, v, regidores(sesion)[0], "a_favor")
    assert r.status_code == 400 and "se anotan los conteos" in r.content.decode()
    accion(cliente, "cerrar", v)
    accion(cliente, "confirmar", v)
    punto.refresh_from_db()
    assert punto.estado == "rechazado" and not Decision.objects.exists()
    assert Evento.objects.filter(accion="concejo.votacion.conteo").count() == 2


def test_empate_con_voto_dirimente_del_alcalde(cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 7)  # votan 6
    abrir(cliente, punto)
    v = Votacion.objects.get()
    for m, s in zip(regidores(sesion)[:6], ["a_favor"] * 3 + ["en_contra"] * 3, strict=True):
        votar(cliente, v, m, s)
    r = accion(cliente, "cerrar", v)
    assert "lo decide el voto dirimente" in r.content.decode()
    r = accion(cliente, "confirmar", v)
    assert r.status_code == 400 and "falta el voto dirimente" in r.content.decode()
    r = accion(cliente, "dirimente", v, {"sentido": "abstencion"})
    assert r.status_code == 400 and "a favor o en contra" in r.content.decode()
    r = accion(cliente, "dirimente", v, {"sentido": "a_favor"})
    assert r.status_code == 200
    v.refresh_from_db()
    alcalde = miembros(sesion)[0]
    assert v.voto_dirimente == alcalde and v.sentido_dirimente == "a_favor" and v.resultado == "aprobado"
    assert Voto.objects.get(votacion=v, miembro=alcalde).sentido == "a_favor"
    assert v.calculo["a_favor"] == 3  # el dirimente no suma como voto ordinario
    accion(cliente, "confirmar", v)
    assert Decision.objects.filter(votacion=v).exists()
    assert Evento.objects.filter(accion="concejo.votacion.dirimente").count() == 1


@pytest.fixture
def en_colombia(municipio):
    Municipio.objects.filter(pk=municipio.pk).update(perfil="CO")


def test_empate_en_colombia_se_repite_y_luego_se_niega(en_colombia, cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 9)  # CO: el alcalde no integra el concejo; aquí no vota; 8 regidores en sala
    r = abrir(cliente, punto, forma="ordinaria")
    assert r.status_code == 400 and "Admite: nominal" in r.content.decode()
    abrir(cliente, punto)
    v = Votacion.objects.get()
    for m, s in zip(regidores(sesion)[:8], ["a_favor"] * 4 + ["en_contra"] * 4, strict=True):
        votar(cliente, v, m, s)
    accion(cliente, "cerrar", v)
    r = accion(cliente, "confirmar", v)
    assert r.status_code == 200
    v.refresh_from_db()
    punto.refresh_from_db()
    assert v.resultado == "empate" and v.estado == "confirmada" and punto.estado == "en_debate"
    assert 'name="repite"' in r.content.decode()
    r = abrir(cliente, punto, repite=v.pk)
    assert r.status_code == 200
    segunda = Votacion.objects.get(numero=2)
    assert segunda.repite == v
    for m, s in zip(regidores(sesion)[:8], ["a_favor"] * 4 + ["en_contra"] * 4, strict=True):
        votar(cliente, segunda, m, s)
    accion(cliente, "cerrar", segunda)
    accion(cliente, "confirmar", segunda)
    segunda.refresh_from_db()
    punto.refresh_from_db()
    assert segunda.resultado == "rechazado" and "persiste el empate" in segunda.calculo["explicacion"]
    assert punto.estado == "rechazado" and not Decision.objects.exists()


@pytest.fixture
def en_ecuador(municipio):
    Municipio.objects.filter(pk=municipio.pk).update(perfil="EC")


def _aprobar(cliente, sesion, punto):
    abrir(cliente, punto, forma="ordinaria")
    v = Votacion.objects.filter(sesion=sesion).latest("numero")
    r = accion(cliente, "conteo", v, {"a_favor": 7, "en_contra": 0})  # 7 votan (en PE, el alcalde no)
    assert r.status_code == 200, r.content.decode()
    accion(cliente, "cerrar", v)
    r = accion(cliente, "confirmar", v)
    assert r.status_code == 200, r.content.decode()
    v.refresh_from_db()
    return v


def test_dos_debates_en_dias_distintos(en_ecuador, cliente_de, secretario, pleno):
    cliente = cliente_de(secretario)
    # A una hora fija: «ayer + 1 minuto» no debe caer en otro día si la prueba corre cerca de la medianoche.
    hoy = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    ayer = SesionFactory(organo=pleno, fecha=hoy - timedelta(days=1), estado=Sesion.Estado.CONVOCADA)
    primero = PuntoFactory(sesion=ayer, orden=1, instrumento="ordenanza", titulo="Ordenanza (primer debate)")
    instalada(cliente, ayer, 8)
    v1 = _aprobar(cliente, ayer, primero)
    # EC exige dos debates: aprobar el primero no crea la decisión.
    assert v1.resultado == "aprobado" and not Decision.objects.exists()
    # El segundo debate en otra sesión del mismo día de la aprobación: rechazado.
    misma = SesionFactory(
        organo=pleno, fecha=hoy - timedelta(days=1) + timedelta(minutes=1), estado=Sesion.Estado.CONVOCADA
    )
    segundo_mismo_dia = PuntoFactory(
        sesion=misma, orden=1, debate=2, primer_debate=primero, instrumento="ordenanza"
    )
    instalada(cliente, misma, 8)
    r = abrir(cliente, segundo_mismo_dia, forma="ordinaria")
    assert r.status_code == 400 and "el segundo debate se vota otro día" in r.content.decode()
    # Otro día sí, y ahí nace la decisión.
    hoy_sesion = SesionFactory(organo=pleno, fecha=hoy, estado=Sesion.Estado.CONVOCADA)
    segundo = PuntoFactory(
        sesion=hoy_sesion, orden=1, debate=2, primer_debate=primero, instrumento="ordenanza"
    )
    instalada(cliente, hoy_sesion, 8)
    v2 = _aprobar(cliente, hoy_sesion, segundo)
    assert Decision.objects.get().votacion == v2


def test_segundo_debate_sin_primero_aprobado(en_ecuador, cliente_de, secretario, pleno):
    cliente = cliente_de(secretario)
    antes = SesionFactory(
        organo=pleno, fecha=timezone.now() - timedelta(days=3), estado=Sesion.Estado.LEVANTADA
    )
    primero = PuntoFactory(sesion=antes, orden=1, instrumento="ordenanza")
    hoy = SesionFactory(organo=pleno, fecha=timezone.now(), estado=Sesion.Estado.CONVOCADA)
    segundo = PuntoFactory(sesion=hoy, orden=1, debate=2, primer_debate=primero, instrumento="ordenanza")
    instalada(cliente, hoy, 8)
    r = abrir(cliente, segundo, forma="ordinaria")
    assert r.status_code == 400 and "no está aprobado" in r.content.decode()


@pytest.fixture
def reglamento_reconsidera(municipio, secretario):
    """En el Perú la ley solo da plazo de reconsideración a la vacancia (LOM art. 23): las demás las fija el
    reglamento interno, como regla local (aquí, 15 días hábiles)."""
    perfiles.fijar_regla_local(
        municipio=municipio,
        clave="concejo.reconsideracion_dias",
        valor=15,
        vigente_desde=date(2000, 1, 1),
        fuente="Reglamento Interno del Concejo: 15 días hábiles",
        por=secretario,
    )


def test_reconsideracion_dentro_del_plazo(reglamento_reconsidera, cliente_de, secretario, pleno):
    cliente = cliente_de(secretario)
    ahora = timezone.now()
    antigua = SesionFactory(organo=pleno, fecha=ahora - timedelta(days=60), estado=Sesion.Estado.CONVOCADA)
    reciente = SesionFactory(organo=pleno, fecha=ahora - timedelta(days=2), estado=Sesion.Estado.CONVOCADA)
    v_antigua = None
    for s in (antigua, reciente):
        p = PuntoFactory(sesion=s, orden=1)
        instalada(cliente, s, 8)
        v = _aprobar(cliente, s, p)
        v_antigua = v_antigua or v
        htmx(cliente, reverse("concejo:sesion-levantar", args=[s.pk]))
    v_reciente = Votacion.objects.get(sesion=reciente)
    hoy = SesionFactory(organo=pleno, fecha=ahora, estado=Sesion.Estado.CONVOCADA)
    punto = PuntoFactory(sesion=hoy, orden=1, titulo="Reconsideración")
    instalada(cliente, hoy, 8)
    htmx(cliente, reverse("concejo:punto-tomar", args=[punto.pk]))
    html = cliente.get(reverse("concejo:sesion-en-vivo", args=[hoy.pk])).content.decode()
    assert (
        f'data-reconsiderable="{v_reciente.pk}"' in html
        and f'data-reconsiderable="{v_antigua.pk}"' not in html
    )
    r = abrir(cliente, punto, forma="ordinaria", reconsideracion_de=v_antigua.pk)
    assert r.status_code == 400 and "El plazo de reconsideración (15 días hábiles" in r.content.decode()
    r = abrir(cliente, punto, forma="ordinaria", reconsideracion_de=v_reciente.pk)
    assert r.status_code == 200
    nueva = Votacion.objects.get(sesion=hoy)
    assert nueva.reconsideracion_de == v_reciente
    assert (
        Evento.objects.get(accion="concejo.votacion.abrir", objeto_id=str(nueva.pk)).despues[
            "reconsideracion_de"
        ]
        == v_reciente.pk
    )


def _reconsiderar(cliente, pleno, original, *, a_favor, en_contra):
    """Abre en una sesión de hoy la reconsideración de `original`, la vota por conteo y la cierra."""
    hoy = SesionFactory(organo=pleno, fecha=timezone.now(), estado=Sesion.Estado.CONVOCADA)
    punto = PuntoFactory(sesion=hoy, orden=1, titulo="Reconsideración", instrumento="acuerdo")
    instalada(cliente, hoy, 8)
    r = abrir(cliente, punto, forma="ordinaria", reconsideracion_de=original.pk)
    assert r.status_code == 200, r.content.decode()
    nueva = Votacion.objects.get(sesion=hoy)
    accion(cliente, "conteo", nueva, {"a_favor": a_favor, "en_contra": en_contra})
    accion(cliente, "cerrar", nueva)
    return nueva


def _aprobada_hace_dos_dias(cliente, pleno):
    ayer = SesionFactory(
        organo=pleno, fecha=timezone.now() - timedelta(days=2), estado=Sesion.Estado.CONVOCADA
    )
    instalada(cliente, ayer, 8)
    original = _aprobar(cliente, ayer, PuntoFactory(sesion=ayer, orden=1, instrumento="acuerdo"))
    htmx(cliente, reverse("concejo:sesion-levantar", args=[ayer.pk]))
    return original


def test_reconsideracion_rechazada_deja_sin_efecto_la_decision(
    reglamento_reconsidera, cliente_de, secretario, pleno
):
    cliente = cliente_de(secretario)
    original = _aprobada_hace_dos_dias(cliente, pleno)
    decision = Decision.objects.get(votacion=original)
    nueva = _reconsiderar(cliente, pleno, original, a_favor=2, en_contra=5)
    decision.refresh_from_db()
    assert decision.estado == "pendiente" and decision.en_reconsideracion()
    r = accion(cliente, "confirmar", nueva)
    assert r.status_code == 200, r.content.decode()
    decision.refresh_from_db()
    assert decision.estado == "sin_efecto" and Decision.objects.count() == 1
    evento = Evento.objects.get(accion="concejo.decision.dejar_sin_efecto", objeto_id=str(decision.pk))
    assert evento.antes == {"estado": "pendiente"} and evento.despues["reconsideracion"] == nueva.pk
    confirmar = Evento.objects.get(accion="concejo.votacion.confirmar", objeto_id=str(nueva.pk))
    assert confirmar.despues["decision_sin_efecto"] == decision.pk and confirmar.despues["decision"] is None


def test_reconsideracion_aprobada_reemplaza_la_decision(
    reglamento_reconsidera, cliente_de, secretario, pleno
):
    cliente = cliente_de(secretario)
    original = _aprobada_hace_dos_dias(cliente, pleno)
    nueva = _reconsiderar(cliente, pleno, original, a_favor=6, en_contra=1)
    assert accion(cliente, "confirmar", nueva).status_code == 200
    anterior, vigente = Decision.objects.get(votacion=original), Decision.objects.get(votacion=nueva)
    assert (anterior.estado, vigente.estado) == ("sin_efecto", "pendiente")


def test_reconsideracion_anulada_no_toca_la_decision(reglamento_reconsidera, cliente_de, secretario, pleno):
    cliente = cliente_de(secretario)
    original = _aprobada_hace_dos_dias(cliente, pleno)
    nueva = _reconsiderar(cliente, pleno, original, a_favor=2, en_contra=5)
    assert accion(cliente, "anular", nueva, {"motivo": "Se abrió por error"}).status_code == 200
    decision = Decision.objects.get(votacion=original)
    assert decision.estado == "pendiente" and not decision.en_reconsideracion()
    assert not Evento.objects.filter(accion="concejo.decision.dejar_sin_efecto").exists()


def test_decision_ya_registrada_como_acto_no_se_reconsidera(
    reglamento_reconsidera, cliente_de, secretario, pleno
):
    from actos.services.ciclo import crear_desde_decision

    cliente = cliente_de(secretario)
    original = _aprobada_hace_dos_dias(cliente, pleno)
    # Votada con dispensa del trámite de aprobación de actas: firme, se registra como acto el mismo día.
    Votacion.objects.filter(pk=original.pk).update(dispensa_actas=True)
    crear_desde_decision(decision=Decision.objects.get(votacion=original), por=secretario)
    hoy = SesionFactory(organo=pleno, fecha=timezone.now(), estado=Sesion.Estado.CONVOCADA)
    punto = PuntoFactory(sesion=hoy, orden=1, titulo="Reconsideración")
    instalada(cliente, hoy, 8)
    html = cliente.get(reverse("concejo:sesion-en-vivo", args=[hoy.pk])).content.decode()
    assert f'data-reconsiderable="{original.pk}"' not in html
    r = abrir(cliente, punto, forma="ordinaria", reconsideracion_de=original.pk)
    assert r.status_code == 400 and "ya está en el registro de actos" in r.content.decode()
    assert not Votacion.objects.filter(sesion=hoy).exists()


def test_anular_votacion(cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 8)
    abrir(cliente, punto)
    v = Votacion.objects.get()
    r = accion(cliente, "anular", v, {"motivo": ""})
    assert r.status_code == 400 and "Escriba el motivo" in r.content.decode()
    r = accion(cliente, "anular", v, {"motivo": "Se abrió sobre el punto equivocado"})
    assert r.status_code == 200
    v.refresh_from_db()
    assert v.estado == "anulada"
    assert (
        Evento.objects.get(accion="concejo.votacion.anular").despues["motivo"]
        == "Se abrió sobre el punto equivocado"
    )
    # Su número no se reutiliza.
    abrir(cliente, punto)
    assert Votacion.objects.get(estado="abierta").numero == 2


def test_levantar_con_votacion_pendiente(cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 8)
    abrir(cliente, punto)
    r = htmx(cliente, reverse("concejo:sesion-levantar", args=[sesion.pk]))
    assert r.status_code == 400 and "La votación 1 no está confirmada" in r.content.decode()
    r = htmx(cliente, reverse("concejo:sesion-suspender", args=[sesion.pk]))
    assert r.status_code == 400
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.INSTALADA


def test_votaciones_permisos(cliente_de, secretario, sesion, punto, regidor, ajeno):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 8)
    abrir(cliente, punto)
    v = Votacion.objects.get()
    m = regidores(sesion)[0]
    for usuario, esperado in ((regidor, 403), (ajeno, 404)):
        c = cliente_de(usuario)
        assert votar(c, v, m, "a_favor").status_code == esperado
        for nombre in ("conteo", "cerrar", "dirimente", "confirmar", "anular"):
            assert accion(c, nombre, v).status_code == esperado, nombre
        assert abrir(c, punto).status_code == esperado
    assert not Voto.objects.exists() and Votacion.objects.get().estado == "abierta"
    assert cliente_de(secretario).get(reverse("concejo:votacion-voto", args=[v.pk])).status_code == 405


def test_pantalla_con_votacion_abierta(cliente_de, secretario, sesion, punto):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 8)
    abrir(cliente, punto)
    html = cliente.get(reverse("concejo:sesion-en-vivo", args=[sesion.pk])).content.decode()
    assert 'data-votacion="' in html and "Faltan votar 7" in html
    assert 'aria-label="A favor: ' in html and 'role="group"' in html
    punto.refresh_from_db()
    assert punto.estado == PuntoAgenda.Estado.EN_DEBATE
