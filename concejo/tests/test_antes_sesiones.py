"""Antes de la sesión: programar, numerar, editar, cancelar; la agenda por secciones, congelar y versiones."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from concejo.models import PuntoAgenda, Sesion, VersionAgenda
from concejo.services import agenda as servicio_agenda
from concejo.services.sesiones import cancelar_sesion, crear_sesion, editar_sesion
from concejo.tests.factories import MiembroFactory, PeriodoFactory, PlenoFactory, SesionFactory
from core.models import Evento
from registro.tests.factories import DocumentoFactory

LIMA = ZoneInfo("America/Lima")


@pytest.fixture
def pleno(municipio):
    periodo = PeriodoFactory(inicio=date(2023, 1, 1), fin=date(2030, 12, 31), numero_legal=4)
    organo = PlenoFactory(periodo=periodo)
    MiembroFactory(periodo=periodo, rol="alcalde", orden=0, correo="alcalde@ejemplo.pe")
    for i in range(3):
        MiembroFactory(periodo=periodo, correo=f"regidor{i}@ejemplo.pe")
    return organo


def _futura(dias=30, hora=10):
    d = timezone.localdate() + timedelta(days=dias)
    return datetime(d.year, d.month, d.day, hora, 0, tzinfo=LIMA)


def _pdf(nombre="expediente.pdf"):
    from core.rendering import render_pdf

    contenido = render_pdf("documentos/generico.html", {"titulo": "Informe técnico", "cuerpo": "Texto"})
    return SimpleUploadedFile(nombre, contenido, content_type="application/pdf")


# --- Sesiones -------------------------------------------------------------------------------------


def test_numero_por_organo_tipo_y_anio(pleno, secretario):
    a = crear_sesion(
        organo=pleno,
        tipo="ordinaria",
        fecha=datetime(2027, 3, 2, 10, tzinfo=LIMA),
        lugar="Salón",
        por=secretario,
    )
    b = crear_sesion(
        organo=pleno, tipo="ordinaria", fecha=datetime(2027, 3, 16, 10, tzinfo=LIMA), por=secretario
    )
    c = crear_sesion(
        organo=pleno, tipo="extraordinaria", fecha=datetime(2027, 3, 20, 10, tzinfo=LIMA), por=secretario
    )
    d = crear_sesion(
        organo=pleno, tipo="ordinaria", fecha=datetime(2028, 1, 10, 10, tzinfo=LIMA), por=secretario
    )
    assert [(s.numero, s.anio) for s in (a, b, c, d)] == [(1, 2027), (2, 2027), (1, 2027), (1, 2028)]
    cancelar_sesion(sesion=b, motivo="Duelo municipal", por=secretario)
    e = crear_sesion(
        organo=pleno, tipo="ordinaria", fecha=datetime(2027, 4, 6, 10, tzinfo=LIMA), por=secretario
    )
    assert e.numero == 3  # la cancelada conserva su número: sin huecos ni reúso
    assert Evento.objects.filter(accion="concejo.sesion.crear").count() == 5
    assert (
        Evento.objects.get(accion="concejo.sesion.cancelar").despues["motivo_cancelacion"]
        == "Duelo municipal"
    )


def test_crear_sesion_mala_entrada(pleno, secretario):
    with pytest.raises(ValidationError) as e:
        crear_sesion(
            organo=pleno, tipo="conmemorativa", fecha=datetime(2031, 3, 2, 10, tzinfo=LIMA), por=secretario
        )
    assert "tipo" in e.value.message_dict and "fecha" in e.value.message_dict
    assert "fuera del periodo" in e.value.message_dict["fecha"][0]
    assert not Sesion.objects.exists()


def test_paginas_de_sesion(pleno, secretario, regidor, ajeno, cliente_de):
    c = cliente_de(secretario)
    r = c.post(
        reverse("concejo:sesion-crear"),
        {
            "organo": pleno.pk,
            "tipo": "ordinaria",
            "fecha": _futura().strftime("%Y-%m-%dT%H:%M"),
            "lugar": "Salón consistorial",
            "publica": "on",
        },
    )
    sesion = Sesion.objects.get()
    assert r.status_code == 302 and r.url == reverse("concejo:sesion", args=[sesion.pk])
    assert sesion.lugar == "Salón consistorial" and sesion.numero == 1 and sesion.estado == "programada"
    r = c.get(reverse("concejo:sesiones") + f"?tipo=ordinaria&anio={sesion.anio}")
    assert f'data-sesion="{sesion.pk}"' in r.content.decode()
    r = c.get(reverse("concejo:sesiones") + "?tipo=extraordinaria")
    assert f'data-sesion="{sesion.pk}"' not in r.content.decode()
    # Mala entrada: mensaje en español y nada cambia.
    r = c.post(
        reverse("concejo:sesion-crear"),
        {"organo": pleno.pk, "tipo": "ordinaria", "fecha": "2035-01-01T10:00"},
    )
    assert r.status_code == 200 and "fuera del periodo" in r.content.decode()
    assert Sesion.objects.count() == 1
    # Editar mientras está programada.
    nueva = _futura(31, 16)
    r = c.post(
        reverse("concejo:sesion-editar", args=[sesion.pk]),
        {"fecha": nueva.strftime("%Y-%m-%dT%H:%M"), "lugar": "Auditorio"},
    )
    sesion.refresh_from_db()
    assert sesion.lugar == "Auditorio" and sesion.fecha == nueva and not sesion.publica
    assert Evento.objects.filter(accion="concejo.sesion.editar", objeto_id=sesion.pk).exists()
    # El regidor ve pero no prepara (403); el ajeno no ve nada (403 en la lista, 404 en la sesión).
    assert cliente_de(regidor).get(reverse("concejo:sesion", args=[sesion.pk])).status_code == 200
    assert (
        cliente_de(regidor)
        .post(reverse("concejo:sesion-cancelar", args=[sesion.pk]), {"motivo": "x"})
        .status_code
        == 403
    )
    assert cliente_de(regidor).get(reverse("concejo:sesion-crear")).status_code == 403
    assert cliente_de(ajeno).get(reverse("concejo:sesiones")).status_code == 403
    assert cliente_de(ajeno).get(reverse("concejo:sesion", args=[sesion.pk])).status_code == 404
    assert (
        cliente_de(ajeno)
        .post(reverse("concejo:sesion-cancelar", args=[sesion.pk]), {"motivo": "x"})
        .status_code
        == 404
    )
    # Cancelar: GET rechazado, sin motivo no cambia, con motivo queda cancelada.
    c = cliente_de(secretario)
    assert c.get(reverse("concejo:sesion-cancelar", args=[sesion.pk])).status_code == 405
    r = c.post(reverse("concejo:sesion-cancelar", args=[sesion.pk]), {"motivo": " "}, follow=True)
    assert "Escriba el motivo" in r.content.decode()
    assert Sesion.objects.get().estado == "programada"
    c.post(reverse("concejo:sesion-cancelar", args=[sesion.pk]), {"motivo": "Falta de presupuesto"})
    assert Sesion.objects.get().estado == "cancelada"
    r = c.post(
        reverse("concejo:sesion-editar", args=[sesion.pk]), {"fecha": nueva.strftime("%Y-%m-%dT%H:%M")}
    )
    assert "Solo se edita una sesión programada" in r.content.decode()


def test_lista_sin_consultas_por_fila(pleno, secretario, cliente_de, django_assert_max_num_queries):
    for i in range(15):
        SesionFactory(organo=pleno, numero=i + 1)
    c = cliente_de(secretario)
    with django_assert_max_num_queries(12):
        assert c.get(reverse("concejo:sesiones")).status_code == 200


# --- Agenda ---------------------------------------------------------------------------------------


def test_agenda_por_secciones_orden_y_mayoria_del_perfil(pleno, secretario, mesa_de_partes):
    sesion = SesionFactory(organo=pleno, fecha=_futura())
    doc = DocumentoFactory(por=mesa_de_partes, asunto="Carta del colegio de ingenieros al concejo")
    p1 = servicio_agenda.agregar_punto(
        sesion=sesion,
        seccion="orden_del_dia",
        titulo="Ordenanza de ornato",
        instrumento="ordenanza",
        por=secretario,
    )
    p2 = servicio_agenda.agregar_punto(
        sesion=sesion, seccion="informes", titulo="Informe del alcalde", por=secretario
    )
    p3 = servicio_agenda.agregar_punto(
        sesion=sesion, seccion="despacho", titulo="Carta del CIP", documento=doc, por=secretario
    )
    orden = list(PuntoAgenda.objects.filter(sesion=sesion).order_by("orden").values_list("pk", flat=True))
    assert orden == [p3.pk, p2.pk, p1.pk]  # despacho, informes, orden del día
    p1.refresh_from_db()
    assert p1.mayoria == "simple_presentes" and p1.clase == "propuesta"  # la mayoría general del perfil PE
    assert PuntoAgenda.objects.get(pk=p3.pk).clase == "correspondencia"
    p4 = servicio_agenda.agregar_punto(
        sesion=sesion,
        seccion="orden_del_dia",
        titulo="Dictamen de la comisión",
        clase="dictamen",
        mayoria="dos_tercios_legal",
        por=secretario,
    )
    servicio_agenda.mover_punto(punto=p4, direccion="subir", por=secretario)
    assert list(
        PuntoAgenda.objects.filter(sesion=sesion, seccion="orden_del_dia")
        .order_by("orden")
        .values_list("titulo", flat=True)
    ) == ["Dictamen de la comisión", "Ordenanza de ornato"]
    with pytest.raises(ValidationError, match="ya es el primero"):
        servicio_agenda.mover_punto(punto=p3, direccion="subir", por=secretario)
    assert Evento.objects.filter(accion="concejo.punto.agregar").count() == 4
    assert Evento.objects.filter(accion="concejo.punto.mover").count() == 1


def test_agenda_mala_entrada(pleno, secretario, ajeno):
    sesion = SesionFactory(organo=pleno, fecha=_futura())
    with pytest.raises(ValidationError) as e:
        servicio_agenda.agregar_punto(
            sesion=sesion,
            seccion="orden_del_dia",
            titulo="",
            clase="correspondencia",
            mayoria="unanimidad",
            instrumento="ley",
            por=secretario,
        )
    assert set(e.value.message_dict) >= {"titulo", "clase", "mayoria", "instrumento"}
    with pytest.raises(ValidationError, match="moción lleva el miembro"):
        servicio_agenda.agregar_punto(
            sesion=sesion, seccion="orden_del_dia", titulo="Moción", clase="mocion", por=secretario
        )
    # Un documento del registro que no puede ver.
    doc = DocumentoFactory()
    with pytest.raises(ValidationError, match="no puede verlo"):
        servicio_agenda.agregar_punto(
            sesion=sesion, seccion="despacho", titulo="Carta", documento=doc, por=ajeno
        )
    assert not PuntoAgenda.objects.exists()


def test_congelar_y_versiones_con_motivo(pleno, secretario):
    sesion = SesionFactory(organo=pleno, fecha=_futura())
    with pytest.raises(ValidationError, match="no tiene puntos"):
        servicio_agenda.congelar_agenda(sesion=sesion, por=secretario)
    a = servicio_agenda.agregar_punto(
        sesion=sesion, seccion="orden_del_dia", titulo="Presupuesto participativo", por=secretario
    )
    v1 = servicio_agenda.congelar_agenda(sesion=sesion, por=secretario)
    assert (
        v1.numero == 1 and len(v1.sha256) == 64 and v1.contenido[0]["titulo"] == "Presupuesto participativo"
    )
    assert v1.sha256 == servicio_agenda.sha256_de(v1.contenido)
    with pytest.raises(ValidationError, match="ya está congelada"):
        servicio_agenda.congelar_agenda(sesion=sesion, por=secretario)
    # Tras congelar, todo cambio pide motivo (y sin él no cambia nada).
    with pytest.raises(ValidationError) as e:
        servicio_agenda.agregar_punto(
            sesion=sesion, seccion="pedidos", titulo="Pedido de iluminación", por=secretario
        )
    assert "motivo" in e.value.message_dict
    assert PuntoAgenda.objects.count() == 1 and VersionAgenda.objects.count() == 1
    b = servicio_agenda.agregar_punto(
        sesion=sesion,
        seccion="pedidos",
        titulo="Pedido de iluminación",
        motivo="Pedido urgente del regidor",
        por=secretario,
    )
    assert b.agregado_tras_congelar
    servicio_agenda.editar_punto(
        punto=a, titulo="Presupuesto participativo 2028", motivo="Corrige el año", por=secretario
    )
    servicio_agenda.adjuntar_anexo(punto=a, archivo=_pdf(), motivo="Se adjunta el informe", por=secretario)
    servicio_agenda.quitar_punto(punto=b, motivo="El regidor retiró el pedido", por=secretario)
    versiones = list(VersionAgenda.objects.filter(sesion=sesion).order_by("numero"))
    assert [v.numero for v in versiones] == [1, 2, 3, 4, 5]
    assert [v.motivo for v in versiones[1:]] == [
        "Pedido urgente del regidor",
        "Corrige el año",
        "Se adjunta el informe",
        "El regidor retiró el pedido",
    ]
    tipos = [
        [c["tipo"] for c in servicio_agenda.diferencias(versiones[i - 1], versiones[i])] for i in range(1, 5)
    ]
    assert tipos == [["agregado", "movido"], ["cambiado"], ["cambiado"], ["movido", "quitado"]]
    assert (
        "documentos del expediente" in servicio_agenda.diferencias(versiones[2], versiones[3])[0]["detalle"]
    )
    assert versiones[3].contenido[-1]["anexos"][0]["nombre"] == "expediente.pdf"


def test_anexo_mala_entrada(pleno, secretario):
    sesion = SesionFactory(organo=pleno, fecha=_futura())
    punto = servicio_agenda.agregar_punto(
        sesion=sesion, seccion="orden_del_dia", titulo="Asunto", por=secretario
    )
    falso = SimpleUploadedFile("informe.pdf", b"MZ\x90\x00 no es un pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as e:
        servicio_agenda.adjuntar_anexo(punto=punto, archivo=falso, por=secretario)
    assert "archivo" in e.value.message_dict
    assert punto.anexos.count() == 0


def test_extraordinaria_convocada_no_admite_puntos(pleno, secretario):
    sesion = SesionFactory(organo=pleno, tipo="extraordinaria", fecha=_futura(), estado="convocada")
    servicio_agenda._nueva_version(sesion, por=secretario, motivo="")
    with pytest.raises(ValidationError, match="solo se tratan los puntos anunciados"):
        servicio_agenda.agregar_punto(
            sesion=sesion, seccion="orden_del_dia", titulo="Otro asunto", motivo="x", por=secretario
        )
    assert not PuntoAgenda.objects.exists()


def test_aprobacion_del_acta_anterior(pleno, secretario):
    anterior = SesionFactory(organo=pleno, fecha=_futura(-20), estado="levantada", numero=7)
    SesionFactory(organo=pleno, fecha=_futura(-40), estado="levantada", numero=6)
    sesion = SesionFactory(organo=pleno, fecha=_futura(), numero=8)
    assert servicio_agenda.acta_pendiente(sesion) == anterior
    punto = servicio_agenda.agregar_aprobacion_acta(sesion=sesion, por=secretario)
    assert (punto.seccion, punto.clase, punto.acta_de, punto.orden) == ("acta", "acta", anterior, 1)
    assert punto.titulo.startswith("Aprobación del acta de la sesión ordinaria Nº 7-")
    with pytest.raises(ValidationError, match="ya está en esta agenda"):
        servicio_agenda.agregar_aprobacion_acta(sesion=sesion, acta_de=anterior, por=secretario)
    cancelada = SesionFactory(organo=pleno, fecha=_futura(-10), estado="cancelada", numero=9)
    with pytest.raises(ValidationError, match="no se celebró"):
        servicio_agenda.agregar_aprobacion_acta(sesion=sesion, acta_de=cancelada, por=secretario)


def test_segundo_debate_en_otro_dia(pleno, secretario, municipio):
    municipio.perfil = "EC"
    municipio.save()
    primera = SesionFactory(organo=pleno, fecha=_futura(10), tipo="ordinaria")
    mismo_dia = SesionFactory(organo=pleno, fecha=_futura(10, 17), tipo="ordinaria")
    otra = SesionFactory(organo=pleno, fecha=_futura(20), tipo="ordinaria")
    p1 = servicio_agenda.agregar_punto(
        sesion=primera,
        seccion="orden_del_dia",
        titulo="Ordenanza de tasas",
        instrumento="ordenanza",
        por=secretario,
    )
    with pytest.raises(ValidationError) as e:
        servicio_agenda.agregar_punto(
            sesion=mismo_dia,
            seccion="orden_del_dia",
            titulo="Segundo debate",
            primer_debate=p1,
            por=secretario,
        )
    assert "día distinto" in e.value.message_dict["primer_debate"][0]
    p2 = servicio_agenda.agregar_punto(
        sesion=otra,
        seccion="orden_del_dia",
        titulo="Ordenanza de tasas (segundo debate)",
        primer_debate=p1,
        por=secretario,
    )
    assert (p2.debate, p2.primer_debate, p2.instrumento) == (2, p1, "ordenanza")
    # Mover la sesión del segundo debate al día del primero tampoco se puede.
    with pytest.raises(ValidationError, match="día posterior"):
        editar_sesion(sesion=otra, fecha=_futura(10, 18), lugar="", por=secretario)
    with pytest.raises(ValidationError, match="quite antes el segundo"):
        servicio_agenda.quitar_punto(punto=p1, por=secretario)


def test_segundo_debate_no_donde_el_perfil_no_lo_exige(pleno, secretario):
    primera = SesionFactory(organo=pleno, fecha=_futura(10))
    otra = SesionFactory(organo=pleno, fecha=_futura(20))
    p1 = servicio_agenda.agregar_punto(
        sesion=primera, seccion="orden_del_dia", titulo="Ordenanza", instrumento="ordenanza", por=secretario
    )
    with pytest.raises(ValidationError, match="se aprueba en un solo debate"):
        servicio_agenda.agregar_punto(
            sesion=otra, seccion="orden_del_dia", titulo="Otra vez", primer_debate=p1, por=secretario
        )


def test_paginas_de_agenda(pleno, secretario, regidor, ajeno, mesa_de_partes, cliente_de):
    sesion = SesionFactory(organo=pleno, fecha=_futura())
    doc = DocumentoFactory(por=mesa_de_partes, asunto="Invitación del colegio al concejo municipal")
    c = cliente_de(secretario)
    url = reverse("concejo:punto-agregar", args=[sesion.pk])
    r = c.post(url, {"seccion": "despacho", "titulo": "Invitación del colegio", "documento": doc.pk})
    assert r.status_code == 302
    punto = PuntoAgenda.objects.get()
    assert punto.documento == doc
    r = c.post(url, {"seccion": "orden_del_dia", "titulo": ""})
    assert r.status_code == 200 and "Este campo es requerido" in r.content.decode()
    # Búsqueda de documentos para el despacho (fragmento HTMX).
    r = c.get(reverse("concejo:despacho-buscar", args=[sesion.pk]) + "?q=colegio", HTTP_HX_REQUEST="true")
    assert f'data-documento="{doc.pk}"' in r.content.decode()
    # Subir un anexo, congelar, luego cambiar sin motivo (no cambia) y con motivo (nueva versión).
    r = c.post(reverse("concejo:punto-anexo", args=[punto.pk]), {"archivo": _pdf("oficio.pdf")})
    assert punto.anexos.get().nombre_original == "oficio.pdf"
    c.post(reverse("concejo:agenda-congelar", args=[sesion.pk]))
    assert VersionAgenda.objects.filter(sesion=sesion).count() == 1
    r = c.post(reverse("concejo:punto-quitar", args=[punto.pk]), {"motivo": ""}, follow=True)
    assert "escriba el motivo" in r.content.decode()
    assert PuntoAgenda.objects.filter(pk=punto.pk).exists()
    c.post(
        reverse("concejo:punto-editar", args=[punto.pk]),
        {
            "titulo": "Invitación del colegio (aniversario)",
            "documento": doc.pk,
            "motivo": "Precisa el título",
        },
    )
    assert VersionAgenda.objects.filter(sesion=sesion).count() == 2
    r = c.get(reverse("concejo:agenda-versiones", args=[sesion.pk]))
    html = r.content.decode()
    assert "Precisa el título" in html and 'data-cambio="cambiado"' in html
    r = c.get(reverse("concejo:sesion", args=[sesion.pk]))
    assert "Invitación del colegio (aniversario)" in r.content.decode()
    # Permisos: el regidor ve la sesión pero no cambia la agenda; el ajeno recibe 404.
    assert (
        cliente_de(regidor)
        .post(reverse("concejo:punto-quitar", args=[punto.pk]), {"motivo": "x"})
        .status_code
        == 403
    )
    assert cliente_de(regidor).get(reverse("concejo:agenda-versiones", args=[sesion.pk])).status_code == 200
    assert (
        cliente_de(ajeno).post(reverse("concejo:punto-quitar", args=[punto.pk]), {"motivo": "x"}).status_code
        == 404
    )
    assert cliente_de(ajeno).get(reverse("concejo:agenda-versiones", args=[sesion.pk])).status_code == 404
    c = cliente_de(secretario)
    assert c.get(reverse("concejo:punto-quitar", args=[punto.pk])).status_code == 405
    assert PuntoAgenda.objects.filter(pk=punto.pk).exists()
