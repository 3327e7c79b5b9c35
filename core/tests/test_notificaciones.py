"""Notificaciones. mailoutbox va después de las personas: el fixture `db` reinicia mail.outbox."""

import pytest
from django.db import transaction
from django.urls import reverse

from core.models import Notificacion
from core.services.notificaciones import notificar


def test_notificacion_en_la_aplicacion_y_la_campana(cliente_de, jefe_unidad):
    notificar(
        usuario=jefe_unidad,
        titulo="Documento derivado a su unidad",
        mensaje="Reg. 2026-000123",
        url="/registro/123/",
    )
    notificar(usuario=jefe_unidad, titulo="Plazo por vencer")
    cliente = cliente_de(jefe_unidad)
    html = cliente.get(reverse("core:inicio")).content.decode()
    assert '2<span class="visually-hidden"> sin leer</span>' in html
    html = cliente.get(reverse("core:notificaciones")).content.decode()
    assert "Documento derivado a su unidad" in html
    assert 'href="/registro/123/"' in html
    assert "Plazo por vencer" in html


def test_cada_usuario_ve_solo_las_suyas(cliente_de, jefe_unidad, ajeno):
    notificar(usuario=jefe_unidad, titulo="Aviso para el jefe")
    html = cliente_de(ajeno).get(reverse("core:notificaciones")).content.decode()
    assert "Aviso para el jefe" not in html
    assert "No tiene notificaciones." in html


def test_correo_sale_solo_tras_el_commit(
    jefe_unidad, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SITE_URL = "https://secretaria.ejemplo.gob.pe"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        n = notificar(
            usuario=jefe_unidad,
            titulo="Nuevo documento",
            mensaje="Revise su bandeja.",
            url="/registro/9/",
            correo=True,
        )
        assert mailoutbox == []  # dentro de la transacción no sale nada
    assert len(callbacks) == 1
    assert mailoutbox == []
    callbacks[0]()  # el commit
    assert len(mailoutbox) == 1
    correo = mailoutbox[0]
    assert correo.subject == "Nuevo documento"
    assert correo.to == [jefe_unidad.email]
    assert "Revise su bandeja." in correo.body
    assert "https://secretaria.ejemplo.gob.pe/registro/9/" in correo.body
    n.refresh_from_db()
    assert n.enviada_por_correo


def test_correo_con_commit_ejecutado(jefe_unidad, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        notificar(usuario=jefe_unidad, titulo="Sesión convocada", correo=True)
    assert [m.subject for m in mailoutbox] == ["Sesión convocada"]
    assert Notificacion.objects.get().enviada_por_correo


def test_sin_correo_si_no_se_pide_o_no_hay_direccion(
    jefe_unidad, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        notificar(usuario=jefe_unidad, titulo="Solo en la aplicación")
        jefe_unidad.email = ""
        jefe_unidad.save()
        notificar(usuario=jefe_unidad, titulo="Sin dirección", correo=True)
    assert mailoutbox == []
    assert Notificacion.objects.count() == 2


def test_transaccion_deshecha_no_envia_nada(jefe_unidad, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                notificar(usuario=jefe_unidad, titulo="No debe salir", correo=True)
                raise RuntimeError("falla el cambio que motivó el aviso")
    assert callbacks == []
    assert mailoutbox == []
    assert not Notificacion.objects.exists()


def test_marcar_leidas(cliente_de, jefe_unidad, ajeno):
    notificar(usuario=jefe_unidad, titulo="Uno")
    notificar(usuario=jefe_unidad, titulo="Dos")
    ajena = notificar(usuario=ajeno, titulo="De otro")
    cliente = cliente_de(jefe_unidad)
    r = cliente.post(reverse("core:notificaciones-leer"))
    assert r.status_code == 302
    assert r["Location"] == reverse("core:notificaciones")
    assert not Notificacion.objects.filter(usuario=jefe_unidad, leida=False).exists()
    ajena.refresh_from_db()
    assert not ajena.leida
    html = cliente.get(reverse("core:inicio")).content.decode()
    assert "sin leer</span>" not in html


def test_marcar_leidas_solo_por_post(cliente_de, jefe_unidad):
    notificar(usuario=jefe_unidad, titulo="Uno")
    r = cliente_de(jefe_unidad).get(reverse("core:notificaciones-leer"))
    assert r.status_code == 405
    assert Notificacion.objects.filter(leida=False).count() == 1


def test_marcar_leidas_pide_sesion(client, jefe_unidad):
    notificar(usuario=jefe_unidad, titulo="Uno")
    r = client.post(reverse("core:notificaciones-leer"))
    assert r.status_code == 302 and reverse("login") in r["Location"]
    assert Notificacion.objects.filter(leida=False).count() == 1
