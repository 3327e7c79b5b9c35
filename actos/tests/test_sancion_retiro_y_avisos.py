"""Dos salidas de la etapa de sanción: el concejo acepta la observación u objeción (el acto se retira: no se
publica, conserva su número con la nota) y el aviso de los plazos de sanción vencidos sin decisión
(`secretaria alertas-actos`: una vez por acto y vencimiento, a la Secretaría General y al alcalde)."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actos.models import Acto, Sancion
from actos.services.sancion import avisar_vencidas
from actos.tests.test_sancion import HOY, _firmado, _publicar, _votacion
from concejo.models import Miembro
from core.models import Evento, Notificacion
from core.tests.factories import UsuarioFactory


def _objetado(cliente, secretario, pais="CO"):
    acto = _firmado(cliente, secretario, pais)
    decision = "objetar" if pais == "CO" else "observar"
    r = cliente.post(
        reverse("api-actos-sancion-decidir", args=[acto.pk]),
        {"decision": decision, "motivo": "Inconveniencia fiscal"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    return Acto.objects.get(pk=acto.pk)


def _aceptar(cliente, acto, datos):
    return cliente.post(
        reverse("api-actos-sancion-aceptar-objecion", args=[acto.pk]), datos, content_type="application/json"
    )


# --- El concejo acepta la objeción ------------------------------------------------------------------


def test_aceptar_la_objecion_por_la_api_retira_el_acto_con_su_numero(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _objetado(cliente, secretario)
    numero = acto.numero_texto
    votacion = _votacion(mayoria="simple_presentes", a_favor=7)
    r = _aceptar(
        cliente,
        acto,
        {"nota": "Sesión ordinaria del 10/12: el pleno aceptó la objeción", "votacion": votacion.pk},
    )
    assert r.status_code == 200, r.content
    d = r.json()
    assert (
        d["estado"] == "retirado" and d["votacion_aceptacion"] == votacion.pk and d["retirado_en"] == str(HOY)
    )
    acto.refresh_from_db()
    assert acto.estado == Acto.Estado.RETIRADO and acto.numero_texto == numero
    # El número queda en el registro, anulado con la nota (así lo lista el protocolo anual).
    assert acto.registro.anulado and "Sesión ordinaria del 10/12" in acto.registro.motivo_anulacion
    assert Evento.objects.filter(accion="core.numero.anular", objeto_id=str(acto.registro_id)).exists()
    evento = Evento.objects.get(accion="actos.sancion.aceptar_objecion", objeto_id=str(acto.pk))
    assert evento.antes == {"estado": "objetado", "acto_estado": "firmado"}
    assert evento.despues["acto_estado"] == "retirado" and evento.despues["numero"] == numero
    # Nunca se publica, deja la lista por sancionar y no se acepta dos veces.
    r = _publicar(cliente, acto, "CO")
    assert r.status_code == 400 and "retirado" in r.content.decode()
    assert cliente.get(reverse("api-actos-por-sancionar")).json()["results"] == []
    assert _aceptar(cliente, acto, {"nota": "Otra vez"}).status_code == 400


def test_aceptar_la_observacion_por_la_pagina_ec(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _objetado(cliente, secretario, "EC")
    pagina = cliente.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert "data-aceptar-objecion" in pagina
    r = cliente.post(
        reverse("actos:acto-aceptar-objecion", args=[acto.pk]),
        {"nota": "El concejo se allanó a la observación (sesión del 10/12)", "fecha": HOY.isoformat()},
        follow=True,
    )
    contenido = r.content.decode()
    assert "el acto queda retirado" in contenido and 'data-estado="retirado"' in contenido
    assert "El concejo aceptó la objeción el" in contenido and "se allanó" in contenido
    assert Sancion.objects.get(acto=acto).estado == Sancion.Estado.RETIRADO


def test_aceptar_la_objecion_datos_malos_no_cambian_nada(secretario, cliente_de):
    cliente = cliente_de(secretario)
    pendiente = _firmado(cliente, secretario, "CO")
    r = _aceptar(cliente, pendiente, {"nota": "Aceptada"})
    assert (
        r.status_code == 400
        and "Solo se acepta la objeción de un acto observado u objetado" in r.content.decode()
    )
    acto = _objetado(cliente, secretario)
    r = _aceptar(cliente, acto, {"nota": "  "})
    assert r.status_code == 400 and "Escriba la nota del retiro" in r.json()["campos"]["nota"][0]
    r = _aceptar(cliente, acto, {"nota": "Aceptada", "fecha": (HOY + timedelta(days=1)).isoformat()})
    assert r.status_code == 400 and "no puede ser futura" in r.content.decode()
    rechazada = _votacion(mayoria="simple_presentes", a_favor=2, resultado="rechazado")
    r = _aceptar(cliente, acto, {"nota": "Aceptada", "votacion": rechazada.pk})
    assert r.status_code == 400 and "confirmada y aprobada" in r.content.decode()
    assert _aceptar(cliente, acto, {"nota": "Aceptada", "votacion": 999999}).status_code == 400
    # Por la página, el mismo rechazo es un mensaje.
    r = cliente.post(reverse("actos:acto-aceptar-objecion", args=[acto.pk]), {"nota": ""}, follow=True)
    assert "No se retiró el acto" in r.content.decode()
    acto.refresh_from_db()
    assert acto.estado == Acto.Estado.FIRMADO and Sancion.objects.get(acto=acto).estado == "objetado"
    assert not Evento.objects.filter(accion="actos.sancion.aceptar_objecion").exists()


def test_aceptar_la_objecion_permisos(secretario, jefe_unidad, ajeno, cliente_de):
    acto = _objetado(cliente_de(secretario), secretario)
    acto.unidad_proponente = jefe_unidad.unidad
    acto.save(update_fields=["unidad_proponente"])
    assert _aceptar(cliente_de(jefe_unidad), acto, {"nota": "Aceptada"}).status_code == 403
    assert _aceptar(cliente_de(ajeno), acto, {"nota": "Aceptada"}).status_code == 404
    r = cliente_de(ajeno).post(reverse("actos:acto-aceptar-objecion", args=[acto.pk]), {"nota": "Aceptada"})
    assert r.status_code == 404
    assert Acto.objects.get(pk=acto.pk).estado == Acto.Estado.FIRMADO


# --- Aviso de las sanciones vencidas ------------------------------------------------------------------


def _alcalde_con_usuario():
    alcalde = UsuarioFactory(
        username="alcalde", first_name="Pedro", last_name="Ramos Salas", email="alcalde@x.test"
    )
    Miembro.objects.filter(rol=Miembro.Rol.ALCALDE).update(usuario=alcalde)
    return alcalde


def test_la_sancion_vencida_se_avisa_una_vez_a_secretaria_y_alcalde(
    secretario, cliente_de, django_capture_on_commit_callbacks
):
    alcalde = _alcalde_con_usuario()
    cliente = cliente_de(secretario)
    acto = Acto.objects.get(pk=_firmado(cliente, secretario, "CO").pk)
    al_dia = Acto.objects.get(pk=_firmado(cliente, secretario, "CO").pk)
    etapa = Sancion.objects.get(acto=acto)
    Sancion.objects.filter(pk=etapa.pk).update(vence=HOY - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("alertas-actos")
    avisos = Notificacion.objects.filter(titulo__startswith="Sanción vencida")
    assert sorted(a.usuario_id for a in avisos) == sorted([secretario.pk, alcalde.pk])
    assert all(str(acto) in a.titulo and a.url == reverse("actos:acto", args=[acto.pk]) for a in avisos)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([secretario.email, alcalde.email])
    assert not Notificacion.objects.filter(titulo__contains=str(al_dia)).exists()
    evento = Evento.objects.get(accion="actos.sancion.aviso_vencida", objeto_id=str(acto.pk))
    assert sorted(evento.despues["avisados"]) == sorted([secretario.pk, alcalde.pk])
    # Una vez por acto y vencimiento: otra corrida (otro día) no repite.
    with django_capture_on_commit_callbacks(execute=True):
        assert avisar_vencidas(fecha=HOY + timedelta(days=1)) == 0
    assert len(mail.outbox) == 2
    # La página lo muestra vencido y avisado.
    pagina = cliente.get(reverse("actos:por-sancionar")).content.decode()
    assert "data-vencido" in pagina and "avisado por correo" in pagina
    assert cliente.get(reverse("api-actos-sancion", args=[acto.pk])).json()["vencido"] is True
    # Tras la insistencia corre otro plazo: su vencimiento se avisa aparte.
    Sancion.objects.filter(pk=etapa.pk).update(estado="insistido", vence=HOY - timedelta(days=0))
    with django_capture_on_commit_callbacks(execute=True):
        assert avisar_vencidas(fecha=HOY + timedelta(days=1)) == 1
    assert len(mail.outbox) == 4


def test_sin_plazo_vencido_o_ya_decidida_no_se_avisa(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _objetado(cliente, secretario)
    Sancion.objects.filter(acto=acto).update(vence=HOY - timedelta(days=3))  # observado: espera al concejo
    _firmado(cliente, secretario, "CO")  # pendiente, en plazo
    assert avisar_vencidas() == 0 and not Notificacion.objects.exists()
    assert not Evento.objects.filter(accion="actos.sancion.aviso_vencida").exists()
