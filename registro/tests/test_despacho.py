"""Registro de salida y despacho: envío, entrega con cargo, devolución y reenvío, por las páginas."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from core.models import Evento
from core.tests.consultas import con_sesion
from core.tests.factories import PersonaFactory
from registro.models import Documento, Envio
from registro.services.despacho import marcar_devuelto, registrar_envio
from registro.services.emision import crear_borrador, firmar
from registro.tests.factories import TipoDocumentalFactory


def _png(nombre="cargo.png"):
    datos = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(datos, "PNG")
    return SimpleUploadedFile(nombre, datos.getvalue(), content_type="image/png")


@pytest.fixture
def oficio(jefe_unidad):
    tipo = TipoDocumentalFactory(nombre="Oficio", interno=True, codigo_serie="oficio")
    d = crear_borrador(
        clase="salida",
        tipo_documental=tipo,
        unidad_origen=jefe_unidad.unidad,
        asunto="Inspección",
        por=jefe_unidad,
        cuerpo="Texto propio del documento.",
        destinatario=PersonaFactory(),
    )
    return firmar(documento=d, por=jefe_unidad)


def test_registrar_envio_por_la_pagina(cliente_de, jefe_unidad, oficio):
    r = cliente_de(jefe_unidad).post(
        reverse("registro:envio-registrar", args=[oficio.pk]),
        {"metodo": "notificador", "direccion": "Av. Lima 123"},
    )
    assert r.status_code == 302
    envio = Envio.objects.get(documento=oficio)
    assert (envio.intento, envio.estado, envio.direccion) == (1, Envio.Estado.ENVIADO, "Av. Lima 123")
    oficio.refresh_from_db()
    assert oficio.estado == Documento.Estado.ENVIADO
    assert Evento.objects.filter(accion="registro.envio.registrar", objeto_id=str(envio.pk)).exists()


def test_envio_htmx_devuelve_el_fragmento_y_error_en_espanol(cliente_de, jefe_unidad, oficio):
    c = cliente_de(jefe_unidad)
    r = c.post(
        reverse("registro:envio-registrar", args=[oficio.pk]),
        {"metodo": "correo", "direccion": "sin-arroba"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 400 and "Escriba un correo electrónico válido." in r.content.decode()
    assert "<html" not in r.content.decode() and not Envio.objects.exists()
    r = c.post(
        reverse("registro:envio-registrar", args=[oficio.pk]),
        {"metodo": "correo", "direccion": "obras@ejemplo.pe"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and 'id="envios"' in r.content.decode()


def test_envio_get_405_ajeno_404_y_sin_unidad_403(cliente_de, jefe_unidad, oficio, ajeno, unidad_gdu):
    assert (
        cliente_de(jefe_unidad).get(reverse("registro:envio-registrar", args=[oficio.pk])).status_code == 405
    )
    assert (
        cliente_de(ajeno)
        .post(reverse("registro:envio-registrar", args=[oficio.pk]), {"metodo": "ventanilla"})
        .status_code
        == 404
    )
    assert not Envio.objects.exists()


def test_marcar_entregado_con_cargo(cliente_de, jefe_unidad, oficio):
    envio = registrar_envio(documento=oficio, metodo="notificador", direccion="Av. Lima 123", por=jefe_unidad)
    ahora = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    r = cliente_de(jefe_unidad).post(
        reverse("registro:envio-entregado", args=[envio.pk]),
        {"recibido_por_nombre": "Pedro Salazar", "fecha": ahora, "cargo_entrega": _png()},
    )
    assert r.status_code == 302
    envio.refresh_from_db()
    assert envio.estado == Envio.Estado.ENTREGADO and envio.recibido_por_nombre == "Pedro Salazar"
    assert envio.cargo_entrega.tipo_mime == "image/png" and len(envio.cargo_entrega.sha256) == 64
    evento = Evento.objects.get(accion="registro.envio.entregar")
    assert evento.despues["cargo_sha256"] == envio.cargo_entrega.sha256
    # Quien ve el documento ve el cargo (regla de acceso a archivos).
    assert (
        cliente_de(jefe_unidad).get(reverse("core:archivo-ver", args=[envio.cargo_entrega_id])).status_code
        == 200
    )


def test_entrega_con_archivo_malo_no_cambia_nada(cliente_de, jefe_unidad, oficio):
    envio = registrar_envio(documento=oficio, metodo="notificador", direccion="Av. Lima 123", por=jefe_unidad)
    falso = SimpleUploadedFile("cargo.pdf", b"esto no es un pdf", content_type="application/pdf")
    ahora = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    r = cliente_de(jefe_unidad).post(
        reverse("registro:envio-entregado", args=[envio.pk]),
        {"recibido_por_nombre": "Pedro", "fecha": ahora, "cargo_entrega": falso},
        follow=True,
    )
    assert "no se admite aquí" in r.content.decode()
    envio.refresh_from_db()
    assert envio.estado == Envio.Estado.ENVIADO and envio.cargo_entrega is None
    manana = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    r = cliente_de(jefe_unidad).post(
        reverse("registro:envio-entregado", args=[envio.pk]),
        {"recibido_por_nombre": "Pedro", "fecha": manana, "cargo_entrega": _png()},
        follow=True,
    )
    assert "La fecha de entrega no puede ser futura." in r.content.decode()
    envio.refresh_from_db()
    assert envio.estado == Envio.Estado.ENVIADO


def test_devolver_y_reenviar(cliente_de, jefe_unidad, oficio):
    envio = registrar_envio(documento=oficio, metodo="courier", direccion="Jr. Unión 9", por=jefe_unidad)
    c = cliente_de(jefe_unidad)
    r = c.post(reverse("registro:envio-devuelto", args=[envio.pk]), {"motivo": ""}, follow=True)
    assert "Escriba el motivo de la devolución." in r.content.decode()
    c.post(reverse("registro:envio-devuelto", args=[envio.pk]), {"motivo": "Dirección inexistente"})
    envio.refresh_from_db()
    assert envio.estado == Envio.Estado.DEVUELTO and envio.motivo_devolucion == "Dirección inexistente"
    c.post(
        reverse("registro:envio-reenviar", args=[envio.pk]),
        {"metodo": "courier", "direccion": "Jr. Unión 19"},
    )
    nuevo = Envio.objects.get(documento=oficio, intento=2)
    assert nuevo.estado == Envio.Estado.ENVIADO and nuevo.direccion == "Jr. Unión 19"
    envio.refresh_from_db()
    assert envio.estado == Envio.Estado.DEVUELTO  # el intento devuelto queda como estaba
    assert Evento.objects.filter(accion="registro.envio.reenviar").count() == 1
    # Un segundo reenvío del mismo intento devuelto no procede.
    r = c.post(
        reverse("registro:envio-reenviar", args=[envio.pk]),
        {"metodo": "courier", "direccion": "x"},
        follow=True,
    )
    assert "Ya existe un intento posterior" in r.content.decode()
    assert Envio.objects.filter(documento=oficio).count() == 2


def test_funcionario_de_otra_unidad_no_despacha(cliente_de, oficio, mesa_de_partes):
    assert (
        cliente_de(mesa_de_partes)
        .post(reverse("registro:envio-registrar", args=[oficio.pk]), {"metodo": "ventanilla"})
        .status_code
        == 404
    )


def test_registro_de_salida_lista_con_consultas_fijas(
    cliente_de, jefe_unidad, oficio, django_assert_num_queries
):
    envio = registrar_envio(documento=oficio, metodo="courier", direccion="Jr. Unión 9", por=jefe_unidad)
    marcar_devuelto(envio=envio, motivo="Ausente", por=jefe_unidad)
    tipo = oficio.tipo_documental
    for i in range(3):
        firmar(
            documento=crear_borrador(
                clase="salida",
                tipo_documental=tipo,
                unidad_origen=jefe_unidad.unidad,
                asunto=f"Otro {i}",
                por=jefe_unidad,
                cuerpo="Texto propio del documento.",
                destinatario_texto="Sr. X",
            ),
            por=jefe_unidad,
        )
    c = cliente_de(jefe_unidad)
    c.get(reverse("registro:salida"))
    with django_assert_num_queries(con_sesion(10)):
        r = c.get(reverse("registro:salida"))
    html = r.content.decode()
    assert "Sal. " in html and "Devuelto" in html and "Por despachar" in html
