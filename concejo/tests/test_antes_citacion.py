"""Convocatoria: plazo de aviso del perfil, citación en PDF por correo, acuse por enlace; iCalendar y portal."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from concejo.models import Citacion, Sesion
from concejo.services import agenda as servicio_agenda
from concejo.services.citacion import comprobar_aviso, convocar
from concejo.services.sesiones import cancelar_sesion
from concejo.tests.factories import MiembroFactory, PeriodoFactory, PlenoFactory, SesionFactory
from core.models import Evento

LIMA = ZoneInfo("America/Lima")


@pytest.fixture
def pleno(municipio):
    periodo = PeriodoFactory(inicio=date(2023, 1, 1), fin=date(2030, 12, 31), numero_legal=3)
    organo = PlenoFactory(periodo=periodo)
    MiembroFactory(periodo=periodo, rol="alcalde", orden=0, correo="alcalde@ejemplo.pe")
    MiembroFactory(periodo=periodo, correo="regidora@ejemplo.pe")
    MiembroFactory(periodo=periodo, correo="")  # sin correo: se le entrega en mano
    return organo


def _futura(dias=30, hora=10):
    d = timezone.localdate() + timedelta(days=dias)
    return datetime(d.year, d.month, d.day, hora, 0, tzinfo=LIMA)


def _con_agenda(sesion, por):
    servicio_agenda.agregar_punto(
        sesion=sesion, seccion="orden_del_dia", titulo="Ordenanza de ornato", instrumento="ordenanza", por=por
    )
    return sesion


# --- Plazo de aviso (perfil PE: extraordinaria con 5 días hábiles) --------------------------------


@pytest.mark.parametrize(
    "dia_sesion, cumplido",
    [
        (date(2027, 3, 5), False),  # lunes 1 → viernes 5: solo 3 días hábiles completos
        (
            date(2027, 3, 8),
            False,
        ),  # el quinto día hábil es el lunes 8: la sesión ese día no los deja completos
        (date(2027, 3, 9), True),  # martes 9: del 2 al 8 hay cinco días hábiles
    ],
)
def test_aviso_en_dias_habiles(pleno, dia_sesion, cumplido):
    sesion = SesionFactory(
        organo=pleno, tipo="extraordinaria", fecha=datetime(*dia_sesion.timetuple()[:3], 10, tzinfo=LIMA)
    )
    aviso = comprobar_aviso(sesion, ahora=datetime(2027, 3, 1, 9, tzinfo=LIMA))
    assert aviso.cumplido is cumplido and aviso.requerido == "5 días hábiles"
    assert bool(aviso.advertencia) is (not cumplido)


def test_aviso_en_horas_y_sin_regla(pleno, municipio):
    ordinaria = SesionFactory(organo=pleno, tipo="ordinaria", fecha=datetime(2027, 3, 3, 10, tzinfo=LIMA))
    # PE no fija aviso para la ordinaria: no se comprueba, y se dice.
    assert comprobar_aviso(ordinaria, ahora=datetime(2027, 3, 2, 10, tzinfo=LIMA)).cumplido is None
    municipio.perfil = "EC"
    municipio.save()
    assert (
        comprobar_aviso(ordinaria, ahora=datetime(2027, 3, 1, 10, tzinfo=LIMA)).cumplido is True
    )  # 48 h justas
    corto = comprobar_aviso(ordinaria, ahora=datetime(2027, 3, 1, 11, tzinfo=LIMA))
    assert corto.cumplido is False and "48 horas" in corto.advertencia


MEXICO = ZoneInfo("America/Mexico_City")


@pytest.mark.parametrize(
    "perfil,tipo,citado,dia_sesion,cumplido,requerido",
    [
        # MX: al menos 3 días calendario antes de la ordinaria, contados desde el día mismo de la citación:
        # citada el sábado 6/03/2027, domingo, lunes y martes se completan antes del miércoles 10.
        (
            "MX",
            "ordinaria",
            datetime(2027, 3, 6, 12, tzinfo=MEXICO),
            date(2027, 3, 10),
            True,
            "3 días calendario",
        ),
        (
            "MX",
            "ordinaria",
            datetime(2027, 3, 6, 12, tzinfo=MEXICO),
            date(2027, 3, 9),
            False,
            "3 días calendario",
        ),
        (
            "MX",
            "extraordinaria",
            datetime(2027, 3, 7, 9, tzinfo=MEXICO),
            date(2027, 3, 11),
            True,
            "3 días calendario",
        ),
        # PE: la extraordinaria exige 5 días hábiles (Ley 27972, art. 13); citada el sábado, cuenta desde el lunes.
        (
            "PE",
            "extraordinaria",
            datetime(2027, 3, 6, 12, tzinfo=LIMA),
            date(2027, 3, 15),
            False,
            "5 días hábiles",
        ),
        (
            "PE",
            "extraordinaria",
            datetime(2027, 3, 6, 12, tzinfo=LIMA),
            date(2027, 3, 16),
            True,
            "5 días hábiles",
        ),
    ],
)
def test_aviso_por_pais_en_su_unidad(pleno, municipio, perfil, tipo, citado, dia_sesion, cumplido, requerido):
    municipio.perfil = perfil
    municipio.save()
    zona = citado.tzinfo
    sesion = SesionFactory(
        organo=pleno, tipo=tipo, fecha=datetime(*dia_sesion.timetuple()[:3], 10, tzinfo=zona)
    )
    with timezone.override(zona):
        aviso = comprobar_aviso(sesion, ahora=citado)
    assert aviso.cumplido is cumplido and aviso.requerido == requerido
    assert bool(aviso.advertencia) is (not cumplido)


def test_convocar_en_sabado_para_el_miercoles_en_mexico(pleno, municipio, secretario):
    sesion = _con_agenda(
        SesionFactory(organo=pleno, tipo="ordinaria", fecha=datetime(2027, 3, 10, 10, tzinfo=MEXICO)),
        secretario,
    )
    # La agenda lleva un instrumento del perfil PE; el aviso se comprueba ya con el perfil MX.
    municipio.perfil = "MX"
    municipio.save()
    with timezone.override(MEXICO):
        convocar(sesion=sesion, por=secretario, ahora=datetime(2027, 3, 6, 12, tzinfo=MEXICO))
    sesion.refresh_from_db()
    assert sesion.estado == "convocada" and sesion.aviso_cumplido is True and not sesion.aviso_advertencia
    evento = Evento.objects.de_objeto(sesion).get(accion="concejo.sesion.convocar")
    assert evento.despues["aviso_corto_aceptado"] is False and "3 días calendario" in evento.despues["aviso"]


def test_convocar_con_aviso_corto_en_mexico_pide_confirmacion(pleno, municipio, secretario):
    sesion = _con_agenda(
        SesionFactory(organo=pleno, tipo="ordinaria", fecha=datetime(2027, 3, 9, 10, tzinfo=MEXICO)),
        secretario,
    )
    # La agenda lleva un instrumento del perfil PE; el aviso se comprueba ya con el perfil MX.
    municipio.perfil = "MX"
    municipio.save()
    with timezone.override(MEXICO), pytest.raises(ValidationError, match="3 días calendario de anticipación"):
        convocar(sesion=sesion, por=secretario, ahora=datetime(2027, 3, 6, 12, tzinfo=MEXICO))
    sesion.refresh_from_db()
    assert sesion.estado == "programada" and not sesion.citaciones.exists()
    assert not Evento.objects.filter(accion="concejo.sesion.convocar").exists()


def test_convocar_con_aviso_corto_exige_confirmacion_y_lo_registra(pleno, secretario):
    sesion = _con_agenda(
        SesionFactory(organo=pleno, tipo="extraordinaria", fecha=datetime(2027, 3, 5, 10, tzinfo=LIMA)),
        secretario,
    )
    ahora = datetime(2027, 3, 1, 9, tzinfo=LIMA)
    with pytest.raises(ValidationError, match="Plazo de aviso no cumplido"):
        convocar(sesion=sesion, por=secretario, ahora=ahora)
    sesion.refresh_from_db()
    assert sesion.estado == "programada" and not Citacion.objects.exists() and not sesion.versiones.exists()
    convocar(sesion=sesion, por=secretario, ahora=ahora, aceptar_aviso_corto=True)
    sesion.refresh_from_db()
    assert (
        sesion.estado == "convocada"
        and sesion.aviso_cumplido is False
        and "5 días hábiles" in sesion.aviso_advertencia
    )
    evento = Evento.objects.get(accion="concejo.sesion.convocar")
    assert evento.despues["aviso_corto_aceptado"] is True and evento.despues["aviso_cumplido"] is False
    assert sesion.versiones.count() == 1  # convocar congeló la agenda
    # Extraordinaria convocada: no admite puntos nuevos.
    with pytest.raises(ValidationError, match="solo se tratan los puntos anunciados"):
        servicio_agenda.agregar_punto(
            sesion=sesion, seccion="orden_del_dia", titulo="Otro", motivo="x", por=secretario
        )


def test_convocar_mala_entrada(pleno, secretario):
    vacia = SesionFactory(organo=pleno, fecha=_futura())
    with pytest.raises(ValidationError, match="no tiene puntos"):
        convocar(sesion=vacia, por=secretario)
    pasada = _con_agenda(SesionFactory(organo=pleno, fecha=_futura(-3)), secretario)
    with pytest.raises(ValidationError, match="ya pasó"):
        convocar(sesion=pasada, por=secretario)
    assert not Citacion.objects.exists()


def test_convocar_envia_citaciones_y_el_enlace_registra_el_acuse(
    pleno, secretario, regidor, ajeno, client, cliente_de, django_capture_on_commit_callbacks
):
    sesion = _con_agenda(SesionFactory(organo=pleno, fecha=_futura()), secretario)
    c = cliente_de(secretario)
    r = c.get(reverse("concejo:sesion-convocar", args=[sesion.pk]))
    assert 'data-aviso="sin-regla"' in r.content.decode()  # PE no fija aviso para la ordinaria
    assert cliente_de(regidor).post(reverse("concejo:sesion-convocar", args=[sesion.pk])).status_code == 403
    c = cliente_de(secretario)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(reverse("concejo:sesion-convocar", args=[sesion.pk]))
    assert r.status_code == 302
    sesion.refresh_from_db()
    assert sesion.estado == "convocada" and sesion.aviso_cumplido is None
    citaciones = list(
        Citacion.objects.filter(sesion=sesion).select_related("archivo").order_by("miembro__orden")
    )
    assert len(citaciones) == 3 and all(
        ci.archivo and ci.archivo.tipo_mime == "application/pdf" for ci in citaciones
    )
    assert len(citaciones[0].archivo.sha256) == 64
    # Dos correos (el tercero no tiene dirección), con el PDF y el enlace de acuse.
    assert sorted(m.to[0] for m in mail.outbox) == ["alcalde@ejemplo.pe", "regidora@ejemplo.pe"]
    correo = next(m for m in mail.outbox if m.to == ["alcalde@ejemplo.pe"])
    alcalde = citaciones[0]
    assert reverse("concejo:citacion", args=[alcalde.token]) in correo.body
    assert correo.attachments[0][2] == "application/pdf" and correo.attachments[0][1].startswith(b"%PDF")
    assert Evento.objects.filter(accion="concejo.citacion.enviar").count() == 2
    assert len(alcalde.token) >= 32
    # La página de acuses: nadie ha recibido aún.
    r = c.get(reverse("concejo:sesion-citaciones", args=[sesion.pk]))
    assert 'data-recibida="no"' in r.content.decode() and "Recibieron 0 de 3" in r.content.decode()
    # El miembro abre su enlace sin ingresar: queda el acuse (una vez) y ve la agenda.
    client.logout()
    r = client.get(reverse("concejo:citacion", args=[alcalde.token]))
    assert r.status_code == 200 and "Ordenanza de ornato" in r.content.decode()
    assert "su recepción quedó registrada" in r.content.decode() and r["Referrer-Policy"] == "no-referrer"
    alcalde.refresh_from_db()
    primera = alcalde.recibida_en
    assert primera is not None
    client.get(reverse("concejo:citacion", args=[alcalde.token]))
    alcalde.refresh_from_db()
    assert alcalde.recibida_en == primera
    assert Evento.objects.filter(accion="concejo.citacion.recibir", objeto_id=alcalde.pk).count() == 1
    assert client.get(reverse("concejo:citacion", args=["token-inventado-" + "x" * 20])).status_code == 404
    r = client.get(reverse("concejo:citacion-pdf", args=[alcalde.token]))
    assert b"".join(r.streaming_content).startswith(b"%PDF")
    assert r["Referrer-Policy"] == "no-referrer" and r["Cache-Control"] == "private, no-store"
    assert r["X-Content-Type-Options"] == "nosniff"
    r = cliente_de(secretario).get(reverse("concejo:sesion-citaciones", args=[sesion.pk]))
    assert "Recibieron 1 de 3" in r.content.decode()
    assert cliente_de(ajeno).get(reverse("concejo:sesion-citaciones", args=[sesion.pk])).status_code == 404
    # Convocar otra vez sin cambios en la agenda: no hay nada que enviar.
    with pytest.raises(ValidationError, match="ya está convocada"):
        convocar(sesion=sesion, por=secretario)


def test_documentos_del_expediente_por_el_enlace(pleno, secretario, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.rendering import render_pdf

    sesion = SesionFactory(organo=pleno, fecha=_futura())
    punto = servicio_agenda.agregar_punto(
        sesion=sesion, seccion="orden_del_dia", titulo="Plan de seguridad", por=secretario
    )
    pdf = render_pdf("documentos/generico.html", {"titulo": "Informe", "parrafos": ["Texto"]})
    anexo = servicio_agenda.adjuntar_anexo(
        punto=punto, archivo=SimpleUploadedFile("informe.pdf", pdf), por=secretario
    )
    otro = SesionFactory(organo=pleno, fecha=_futura(40))
    ajeno_punto = servicio_agenda.agregar_punto(
        sesion=otro, seccion="orden_del_dia", titulo="Otro", por=secretario
    )
    ajeno_anexo = servicio_agenda.adjuntar_anexo(
        punto=ajeno_punto, archivo=SimpleUploadedFile("otro.pdf", pdf), por=secretario
    )
    citacion = convocar(sesion=sesion, por=secretario)[0]
    r = client.get(reverse("concejo:citacion", args=[citacion.token]))
    assert reverse("concejo:citacion-documento", args=[citacion.token, anexo.pk]) in r.content.decode()
    r = client.get(reverse("concejo:citacion-documento", args=[citacion.token, anexo.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    assert (
        client.get(reverse("concejo:citacion-documento", args=[citacion.token, ajeno_anexo.pk])).status_code
        == 404
    )


def test_cambio_tras_convocar_se_reenvia(pleno, secretario, django_capture_on_commit_callbacks):
    sesion = _con_agenda(SesionFactory(organo=pleno, fecha=_futura()), secretario)
    convocar(sesion=sesion, por=secretario)
    servicio_agenda.agregar_punto(
        sesion=sesion,
        seccion="pedidos",
        titulo="Pedido de agua potable",
        motivo="Pedido presentado a tiempo",
        por=secretario,
    )
    with django_capture_on_commit_callbacks(execute=True):
        nuevas = convocar(sesion=sesion, por=secretario)
    assert {c.version.numero for c in nuevas} == {2} and len(nuevas) == 3
    assert Citacion.objects.filter(sesion=sesion).count() == 6
    assert (
        Evento.objects.filter(accion="concejo.sesion.convocar").order_by("pk").last().despues["reenvio"]
        is True
    )


# --- iCalendar y portal ---------------------------------------------------------------------------


def _eventos(contenido: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(contenido)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendario_publico(pleno, secretario, client, django_capture_on_commit_callbacks):
    convocada = _con_agenda(
        SesionFactory(organo=pleno, fecha=_futura(), lugar="Salón consistorial"), secretario
    )
    convocar(sesion=convocada, por=secretario)
    cancelada = _con_agenda(SesionFactory(organo=pleno, fecha=_futura(40)), secretario)
    convocar(sesion=cancelada, por=secretario)
    with django_capture_on_commit_callbacks(execute=True):
        cancelar_sesion(sesion=cancelada, motivo="Paro de transportistas", por=secretario)
    assert any("Cancelada" in m.subject for m in mail.outbox)
    borrador = _con_agenda(SesionFactory(organo=pleno, fecha=_futura(50)), secretario)
    privada = _con_agenda(SesionFactory(organo=pleno, fecha=_futura(55), publica=False), secretario)
    convocar(sesion=privada, por=secretario)
    r = client.get(reverse("concejo:sesiones-ics"))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/calendar")
    eventos = _eventos(r.content)
    uids = dict(eventos)
    assert len(uids) == 2
    ev = next(e for u, e in eventos.items() if u.startswith(f"sesion-{convocada.pk}@"))
    assert str(ev["STATUS"]) == "CONFIRMED" and str(ev["LOCATION"]) == "Salón consistorial"
    assert "1. Ordenanza de ornato" in str(ev["DESCRIPTION"])
    assert ev.decoded("DTSTART") == convocada.fecha
    cancel = next(e for u, e in eventos.items() if u.startswith(f"sesion-{cancelada.pk}@"))
    assert str(cancel["STATUS"]) == "CANCELLED" and "Paro de transportistas" in str(cancel["DESCRIPTION"])
    assert not any(
        u.startswith(f"sesion-{borrador.pk}@") or u.startswith(f"sesion-{privada.pk}@") for u in eventos
    )
    # El UID es estable entre lecturas.
    assert set(_eventos(client.get(reverse("concejo:sesiones-ics")).content)) == set(eventos)


def test_calendario_del_miembro(pleno, secretario, client):
    privada = _con_agenda(SesionFactory(organo=pleno, fecha=_futura(), publica=False), secretario)
    citacion = convocar(sesion=privada, por=secretario)[0]
    client.get(
        reverse("concejo:citacion", args=[citacion.token])
    )  # el enlace de la citación ofrece su calendario
    token = citacion.miembro.calendario.token
    assert token != citacion.token
    r = client.get(reverse("concejo:miembro-ics", args=[token]))
    eventos = _eventos(r.content)
    assert [u.split("@")[0] for u in eventos] == [f"sesion-{privada.pk}"]  # las no públicas también
    assert client.get(reverse("concejo:miembro-ics", args=["no-existe-" + "y" * 30])).status_code == 404
    from concejo.ical import calendario_de

    calendario_de(citacion.miembro, por=secretario, renovar=True)
    assert client.get(reverse("concejo:miembro-ics", args=[token])).status_code == 404
    assert Evento.objects.filter(accion="concejo.calendario.renovar").exists()


def test_portal_de_proximas_sesiones(pleno, secretario, client):
    convocada = _con_agenda(SesionFactory(organo=pleno, fecha=_futura()), secretario)
    convocar(sesion=convocada, por=secretario)
    borrador = _con_agenda(SesionFactory(organo=pleno, fecha=_futura(35)), secretario)
    r = client.get(reverse("concejo:proximas"))
    assert f'data-sesion="{convocada.pk}"' in r.content.decode()
    assert f'data-sesion="{borrador.pk}"' not in r.content.decode()
    r = client.get(reverse("concejo:proxima", args=[convocada.pk]))
    assert r.status_code == 200 and "Ordenanza de ornato" in r.content.decode()
    assert client.get(reverse("concejo:proxima", args=[borrador.pk])).status_code == 404
    assert Sesion.objects.get(pk=borrador.pk).estado == "programada"
