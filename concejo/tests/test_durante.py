"""La sesión en vivo por su página: asistencia, quórum en vivo, instalación, puntos, debate, cuarto
intermedio y levantamiento (perfil PE: quórum mitad más uno de los hábiles, el alcalde solo dirime)."""

from datetime import date

import pytest
from django.urls import reverse

from concejo.models import Asistencia, EstadoMiembro, Intervencion, PuntoAgenda, Sesion
from concejo.tests.datos_durante import htmx, instalada, marcar, miembros, presentes
from concejo.tests.factories import PuntoFactory
from core.models import Evento

# --- La página y quién la ve ----------------------------------------------------------------------


def test_pagina_en_vivo_muestra_quorum_y_lista(cliente_de, secretario, sesion):
    r = cliente_de(secretario).get(reverse("concejo:sesion-en-vivo", args=[sesion.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'data-quorum="no"' in html
    assert "No hay quórum: 0 presentes; se requieren 6" in html
    assert html.count("data-miembro=") == 11
    assert '<main id="contenido"' in html and 'aria-labelledby="quorum-titulo"' in html


def test_pagina_en_vivo_permisos(client, cliente_de, sesion, regidor, ajeno):
    url = reverse("concejo:sesion-en-vivo", args=[sesion.pk])
    assert client.get(url).status_code == 302  # sin ingresar: al ingreso
    assert cliente_de(regidor).get(url).status_code == 403  # ve el concejo pero no conduce
    assert cliente_de(ajeno).get(url).status_code == 404  # no la ve: ni sabe que existe
    assert cliente_de(ajeno).get(reverse("concejo:sesion-en-vivo", args=[999999])).status_code == 404


def test_lista_de_sesiones_para_conducir(cliente_de, secretario, regidor, sesion):
    r = cliente_de(secretario).get(reverse("concejo:sesiones-en-vivo"))
    assert r.status_code == 200 and f'data-sesion="{sesion.pk}"' in r.content.decode()
    assert cliente_de(regidor).get(reverse("concejo:sesiones-en-vivo")).status_code == 403


# --- Asistencia y quórum en vivo ------------------------------------------------------------------


def test_marcar_asistencia_actualiza_quorum_y_audita(cliente_de, secretario, sesion):
    cliente = cliente_de(secretario)
    uno = miembros(sesion)[1]
    r = marcar(cliente, sesion, uno)
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="tablero"' in html and "<html" not in html  # solo el fragmento
    assert "1 presente; se requieren 6" in html
    # La lista se abrió entera: una fila por miembro, el resto ausente.
    assert Asistencia.objects.filter(sesion=sesion).count() == 11
    fila = Asistencia.objects.get(sesion=sesion, miembro=uno)
    assert fila.estado == "presente" and fila.llegada is None  # antes de instalar no es tardanza
    evento = Evento.objects.get(accion="concejo.asistencia.marcar")
    assert evento.actor == secretario and evento.despues["estado"] == "presente"
    assert evento.antes["estado"] == "ausente"
    presentes(cliente, sesion, 6)
    r = cliente.get(reverse("concejo:sesion-en-vivo", args=[sesion.pk]))
    assert "Hay quórum: 6 presentes; se requieren 6" in r.content.decode()


def test_miembro_con_licencia_viene_marcado_y_no_se_marca_presente(cliente_de, secretario, sesion):
    con_licencia = miembros(sesion)[3]
    EstadoMiembro.objects.create(
        miembro=con_licencia, estado="licencia", desde=date(2020, 1, 1), motivo="Salud"
    )
    cliente = cliente_de(secretario)
    html = cliente.get(reverse("concejo:sesion-en-vivo", args=[sesion.pk])).content.decode()
    assert f'data-miembro="{con_licencia.pk}" data-asistencia-estado="licencia"' in html
    # Hábiles: 10 (el de licencia no cuenta): se requieren 6.
    assert "se requieren 6 (mitad más uno de 10" in html
    r = marcar(cliente, sesion, con_licencia)
    assert r.status_code == 400
    assert "con licencia ese día: no se lo marca presente" in r.content.decode()
    assert not Asistencia.objects.exists()  # nada cambió, ni siquiera se abrió la lista
    assert not Evento.objects.filter(accion="concejo.asistencia.marcar").exists()
    assert marcar(cliente, sesion, miembros(sesion)[0]).status_code == 200
    assert Asistencia.objects.get(sesion=sesion, miembro=con_licencia).estado == "licencia"
    assert Asistencia.objects.get(sesion=sesion, miembro=con_licencia).nota == "Con licencia ese día."


def test_asistencia_mala_entrada(cliente_de, secretario, sesion):
    cliente = cliente_de(secretario)
    r = marcar(cliente, sesion, miembros(sesion)[0], estado="volando")
    assert r.status_code == 400 and "Estado de asistencia desconocido" in r.content.decode()
    r = htmx(
        cliente,
        reverse("concejo:sesion-asistencia", args=[sesion.pk]),
        {"miembro": "x", "estado": "presente"},
    )
    assert r.status_code == 400 and "Elija un miembro del concejo" in r.content.decode()
    assert not Asistencia.objects.exists()


def test_asistencia_sin_htmx_redirige_con_mensaje(cliente_de, secretario, sesion):
    cliente = cliente_de(secretario)
    url = reverse("concejo:sesion-asistencia", args=[sesion.pk])
    r = cliente.post(url, {"miembro": miembros(sesion)[0].pk, "estado": "presente"}, follow=True)
    assert r.redirect_chain[-1][0] == reverse("concejo:sesion-en-vivo", args=[sesion.pk])
    assert "presente" in r.content.decode()
    assert cliente.get(url).status_code == 405


def test_asistencia_permisos(cliente_de, sesion, regidor, ajeno):
    m = miembros(sesion)[0]
    assert marcar(cliente_de(regidor), sesion, m).status_code == 403
    assert marcar(cliente_de(ajeno), sesion, m).status_code == 404
    assert not Asistencia.objects.exists()


# --- Instalación ----------------------------------------------------------------------------------


def test_no_se_instala_sin_quorum(cliente_de, secretario, sesion):
    cliente = cliente_de(secretario)
    presentes(cliente, sesion, 5)
    r = htmx(cliente, reverse("concejo:sesion-instalar", args=[sesion.pk]))
    assert r.status_code == 400
    assert "No hay quórum: 5 presentes; se requieren 6" in r.content.decode()
    assert "No se puede instalar la sesión" in r.content.decode()
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.CONVOCADA and sesion.quorum is None
    assert not Evento.objects.filter(accion="concejo.sesion.instalar").exists()


def test_instalar_con_quorum_guarda_el_quorum(cliente_de, secretario, sesion):
    cliente = cliente_de(secretario)
    presentes(cliente, sesion, 6)
    alcalde = miembros(sesion)[0]
    r = htmx(cliente, reverse("concejo:sesion-instalar", args=[sesion.pk]), {"preside": alcalde.pk})
    assert r.status_code == 200 and "Sesión instalada con quórum" in r.content.decode()
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.INSTALADA and sesion.instalada_en and sesion.preside == alcalde
    assert sesion.quorum["hay_quorum"] is True and sesion.quorum["presentes"] == 6
    assert sesion.quorum["requerido"] == 6 and sesion.quorum["base"] == "habiles"
    evento = Evento.objects.get(accion="concejo.sesion.instalar")
    assert evento.antes["estado"] == "convocada" and evento.despues["quorum"]["presentes"] == 6
    # Una vez instalada no se vuelve a instalar.
    r = htmx(cliente, reverse("concejo:sesion-instalar", args=[sesion.pk]))
    assert r.status_code == 400 and "no se instala" in r.content.decode()


def test_declarar_sin_quorum(cliente_de, secretario, sesion):
    cliente = cliente_de(secretario)
    presentes(cliente, sesion, 6)
    url = reverse("concejo:sesion-sin-quorum", args=[sesion.pk])
    r = htmx(cliente, url)
    assert r.status_code == 400 and "Hay quórum" in r.content.decode()
    assert marcar(cliente, sesion, miembros(sesion)[5], "justificado").status_code == 200
    r = htmx(cliente, url)
    assert r.status_code == 200
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.SIN_QUORUM and sesion.quorum["presentes"] == 5
    assert Evento.objects.filter(accion="concejo.sesion.sin_quorum").count() == 1
    # Cerrada así, la asistencia ya no cambia.
    r = marcar(cliente, sesion, miembros(sesion)[6])
    assert r.status_code == 400 and "ya no cambia" in r.content.decode()


def test_llegada_tarde_y_retiro_pierden_el_quorum(cliente_de, secretario, sesion):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion, 6)
    tarde = miembros(sesion)[8]
    assert marcar(cliente, sesion, tarde).status_code == 200
    assert Asistencia.objects.get(sesion=sesion, miembro=tarde).llegada is not None
    url = reverse("concejo:sesion-retiro", args=[sesion.pk])
    for m in miembros(sesion)[1:3]:
        r = htmx(cliente, url, {"miembro": m.pk})
        assert r.status_code == 200
    html = r.content.decode()
    assert 'data-quorum="no"' in html and "Se perdió el quórum" in html
    assert Asistencia.objects.get(sesion=sesion, miembro=miembros(sesion)[1]).retiro is not None
    assert Evento.objects.filter(accion="concejo.asistencia.retiro").count() == 2
    # Quien no está en sala no se retira.
    r = htmx(cliente, url, {"miembro": miembros(sesion)[9].pk})
    assert r.status_code == 400 and "no está en la sala" in r.content.decode()


# --- Puntos y debate ------------------------------------------------------------------------------


@pytest.fixture
def agenda(sesion):
    return [PuntoFactory(sesion=sesion, orden=i, titulo=f"Asunto {i}") for i in (1, 2, 3)]


def test_puntos_debate_e_intervenciones(cliente_de, secretario, sesion, agenda):
    cliente = cliente_de(secretario)
    uno, dos, _ = agenda
    # Antes de instalar no se debate.
    r = htmx(cliente, reverse("concejo:punto-tomar", args=[uno.pk]))
    assert r.status_code == 400 and "no está en curso" in r.content.decode()
    instalada(cliente, sesion)
    assert htmx(cliente, reverse("concejo:punto-tomar", args=[uno.pk])).status_code == 200
    uno.refresh_from_db()
    assert uno.estado == PuntoAgenda.Estado.EN_DEBATE
    r = htmx(cliente, reverse("concejo:punto-tomar", args=[dos.pk]))
    assert r.status_code == 400 and "El punto 1 sigue en debate" in r.content.decode()
    r = htmx(cliente, reverse("concejo:punto-notas", args=[uno.pk]), {"notas": "Se leyó el dictamen."})
    assert r.status_code == 200
    uno.refresh_from_db()
    assert uno.notas == "Se leyó el dictamen."
    url = reverse("concejo:punto-intervencion", args=[uno.pk])
    regidor = miembros(sesion)[2]
    assert htmx(cliente, url, {"miembro": regidor.pk, "resumen": "Pide más plazo."}).status_code == 200
    r = htmx(cliente, url, {"orador": "Gerente de Desarrollo Urbano", "resumen": "Explica el proyecto."})
    assert r.status_code == 200 and "Explica el proyecto." in r.content.decode()
    assert [(i.orden, i.miembro, i.orador) for i in Intervencion.objects.order_by("orden")] == [
        (1, regidor, ""),
        (2, None, "Gerente de Desarrollo Urbano"),
    ]
    assert Evento.objects.filter(accion="concejo.intervencion.agregar").count() == 2
    assert Evento.objects.filter(accion="concejo.punto.notas").count() == 1


def test_intervencion_mala_entrada(cliente_de, secretario, sesion, agenda):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion)
    url = reverse("concejo:punto-intervencion", args=[agenda[0].pk])
    r = htmx(cliente, url, {"resumen": "Sin orador"})
    assert (
        r.status_code == 400
        and "Indique un miembro del concejo o el nombre de otro orador" in r.content.decode()
    )
    r = htmx(cliente, url, {"orador": "Vecino", "resumen": "  "})
    assert r.status_code == 400 and "Escriba un resumen" in r.content.decode()
    assert not Intervencion.objects.exists()


def test_resolver_sin_voto(cliente_de, secretario, sesion, agenda):
    cliente = cliente_de(secretario)
    uno, dos, tres = agenda
    instalada(cliente, sesion)
    url = reverse("concejo:punto-resolver", args=[uno.pk])
    r = htmx(cliente, url, {"estado": "tratado"})
    assert r.status_code == 400 and "no puede quedar tratado sin votación" in r.content.decode()
    r = htmx(cliente, url, {"estado": "retirado", "motivo": "Lo pide el proponente"})
    assert r.status_code == 200
    uno.refresh_from_db()
    assert uno.estado == "retirado" and "Retirado: Lo pide el proponente" in uno.notas
    assert Evento.objects.get(accion="concejo.punto.resolver").despues["motivo"] == "Lo pide el proponente"
    htmx(cliente, reverse("concejo:punto-tomar", args=[dos.pk]))
    assert (
        htmx(cliente, reverse("concejo:punto-resolver", args=[dos.pk]), {"estado": "tratado"}).status_code
        == 200
    )
    assert (
        htmx(cliente, reverse("concejo:punto-resolver", args=[tres.pk]), {"estado": "a_comision"}).status_code
        == 200
    )
    r = htmx(cliente, reverse("concejo:punto-resolver", args=[tres.pk]), {"estado": "aprobado"})
    assert r.status_code == 400 and "Elija tratado, retirado, postergado o a comisión" in r.content.decode()
    assert [p.estado for p in PuntoAgenda.objects.order_by("orden")] == ["retirado", "tratado", "a_comision"]


def test_puntos_permisos(cliente_de, sesion, agenda, regidor, ajeno):
    url = reverse("concejo:punto-tomar", args=[agenda[0].pk])
    assert htmx(cliente_de(regidor), url).status_code == 403
    assert htmx(cliente_de(ajeno), url).status_code == 404
    assert cliente_de(regidor).get(url).status_code == 405


# --- Cuarto intermedio y levantamiento ------------------------------------------------------------


def test_cuarto_intermedio_y_levantar(cliente_de, secretario, sesion, agenda):
    cliente = cliente_de(secretario)
    instalada(cliente, sesion)
    htmx(cliente, reverse("concejo:punto-tomar", args=[agenda[0].pk]))
    r = htmx(cliente, reverse("concejo:sesion-suspender", args=[sesion.pk]), {"motivo": "Receso"})
    assert r.status_code == 200
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.SUSPENDIDA
    assert Evento.objects.get(accion="concejo.sesion.suspender").despues["motivo"] == "Receso"
    # En cuarto intermedio no se debate otro punto ni se vota.
    r = htmx(
        cliente, reverse("concejo:punto-votar", args=[agenda[0].pk]), {"mocion": "x", "forma": "nominal"}
    )
    assert r.status_code == 400 and "cuarto intermedio" in r.content.decode()
    assert htmx(cliente, reverse("concejo:sesion-reanudar", args=[sesion.pk])).status_code == 200
    r = htmx(cliente, reverse("concejo:sesion-levantar", args=[sesion.pk]))
    assert r.status_code == 200
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.LEVANTADA and sesion.levantada_en is not None
    agenda[0].refresh_from_db()
    assert agenda[0].estado == "pendiente"  # quedó sin concluir
    assert Evento.objects.get(accion="concejo.sesion.levantar").despues["puntos_sin_concluir"] == [
        agenda[0].pk
    ]
    r = htmx(cliente, reverse("concejo:sesion-levantar", args=[sesion.pk]))
    assert r.status_code == 400 and "no está en curso" in r.content.decode()


def test_conduccion_permisos(cliente_de, sesion, regidor, ajeno):
    for nombre in (
        "sesion-instalar",
        "sesion-sin-quorum",
        "sesion-suspender",
        "sesion-reanudar",
        "sesion-levantar",
    ):
        url = reverse(f"concejo:{nombre}", args=[sesion.pk])
        assert htmx(cliente_de(regidor), url).status_code == 403, nombre
        assert htmx(cliente_de(ajeno), url).status_code == 404, nombre
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.CONVOCADA
