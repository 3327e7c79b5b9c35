"""Recepción de solicitudes (ventanilla y registro), pago y exoneración: camino feliz con su evento,
entrada mala con mensaje en español sin cambiar nada, y 403/404."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certificaciones.models import Solicitud
from certificaciones.services.configuracion import crear_tarifa
from certificaciones.tests.conftest import subida
from core.models import Archivo, Evento


@pytest.fixture
def tarifa(secretario):
    return crear_tarifa(
        concepto="Copia certificada", tipo="copia", monto="5.20", base_legal="TUPA 45", por=secretario
    )


def _nueva(cliente, **datos):
    base = {"tipo": "copia", "numero_documento": "45871236", "asunto": "Resolución Nº 12-2026"}
    return cliente.post("/certificaciones/solicitudes/nueva/", {**base, **datos})


def test_ventanilla_con_pdf_y_tarifa_queda_por_pagar(cliente_de, mesa_de_partes, persona, tarifa):
    r = _nueva(cliente_de(mesa_de_partes), archivo=subida(), tarifa=tarifa.pk, publico="on")
    s = Solicitud.objects.get()
    assert r.status_code == 302 and r.url == f"/certificaciones/solicitudes/{s.pk}/"
    assert s.estado == "por_pagar" and s.monto == Decimal("5.20") and s.solicitante == persona and s.publico
    assert s.fuente_clave == "archivo" and Archivo.objects.get(pk=s.fuente_id).tipo_mime == "application/pdf"
    assert Evento.objects.filter(accion="certificaciones.solicitud.crear", objeto_id=str(s.pk)).exists()


@pytest.mark.parametrize(
    "datos, campo, mensaje",
    [
        ({}, "fuente", "Elija el original a certificar o suba su PDF."),
        (
            {"numero_documento": "99999999"},
            "numero_documento",
            "No hay una persona registrada con ese número",
        ),
        ({"archivo": "imagen"}, "fuente", "que no se admite aquí"),
        ({"tipo": "constancia"}, "texto", "Escriba lo que se hace constar."),
        ({"tipo": "extracto", "archivo": "pdf"}, "texto", "Transcriba el artículo que se certifica."),
        ({"archivo": "pdf", "sin_tarifa": True}, "tarifa", "Elija el derecho del tarifario que corresponde."),
        ({"fuente": "registro.adjunto:999"}, "fuente", "Escoja una opción válida"),
        (
            {"emitido": "OFICIO Nº 999-2026"},
            "emitido",
            "No se encontró un documento emitido y firmado con ese número.",
        ),
    ],
)
def test_entrada_mala_no_guarda_nada(cliente_de, mesa_de_partes, persona, tarifa, datos, campo, mensaje):
    datos = dict(datos)
    if datos.pop("sin_tarifa", False) is False:
        datos.setdefault("tarifa", tarifa.pk)
    if datos.get("archivo") == "pdf":
        datos["archivo"] = subida()
    elif datos.get("archivo") == "imagen":
        datos["archivo"] = SimpleUploadedFile("foto.pdf", b"GIF89a" + b"\x00" * 64, "application/pdf")
    if datos.get("tipo") == "constancia":
        datos["tarifa"] = ""
    r = _nueva(cliente_de(mesa_de_partes), **datos)
    assert r.status_code == 200 and mensaje in r.content.decode(), campo
    assert not Solicitud.objects.exists() and not Archivo.objects.exists()
    assert not Evento.objects.filter(accion="certificaciones.solicitud.crear").exists()


def test_pagar_y_exonerar(cliente_de, mesa_de_partes, persona, tarifa):
    cliente = cliente_de(mesa_de_partes)
    _nueva(cliente, archivo=subida(), tarifa=tarifa.pk)
    s = Solicitud.objects.get()
    hoy = timezone.localdate()
    r = cliente.post(
        f"/certificaciones/solicitudes/{s.pk}/pago/",
        {"recibo_numero": "B001-1", "recibo_fecha": hoy, "recibo_monto": "5.00"},
    )
    assert r.status_code == 400 and "es menor que el derecho (5.20)" in r.content.decode()
    r = cliente.post(
        f"/certificaciones/solicitudes/{s.pk}/pago/",
        {"recibo_numero": "B001-1", "recibo_fecha": hoy.replace(year=hoy.year + 1), "recibo_monto": "5.20"},
    )
    assert r.status_code == 400 and "no puede ser futura" in r.content.decode()
    s.refresh_from_db()
    assert s.estado == "por_pagar" and not s.recibo_numero
    r = cliente.post(
        f"/certificaciones/solicitudes/{s.pk}/pago/",
        {"recibo_numero": "B001-1", "recibo_fecha": hoy, "recibo_monto": "5.20"},
    )
    s.refresh_from_db()
    assert r.status_code == 302 and s.estado == "lista" and s.recibo_numero == "B001-1"
    assert Evento.objects.get(accion="certificaciones.solicitud.pagar").despues["estado"] == "lista"
    # Ya pagada: no se exonera.
    r = cliente.post(f"/certificaciones/solicitudes/{s.pk}/exonerar/", {"motivo": "Entidad pública"})
    assert r.status_code == 400 and "ya no está por pagar" in r.content.decode()

    _nueva(cliente, archivo=subida(), tarifa=tarifa.pk)
    s2 = Solicitud.objects.exclude(pk=s.pk).get()
    r = cliente.post(f"/certificaciones/solicitudes/{s2.pk}/exonerar/", {"motivo": ""})
    assert r.status_code == 400 and "Escriba el motivo de la exoneración" in r.content.decode()
    r = cliente.post(
        f"/certificaciones/solicitudes/{s2.pk}/exonerar/", {"motivo": "Pedido del Poder Judicial"}
    )
    s2.refresh_from_db()
    assert r.status_code == 302 and s2.exonerado and s2.estado == "lista"
    assert Evento.objects.filter(accion="certificaciones.solicitud.exonerar", objeto_id=str(s2.pk)).exists()


def test_quien_no_gestiona(cliente_de, secretario, regidor, ajeno, lista, fedatario_alcance_copia):
    s = lista()
    assert cliente_de(regidor).get("/certificaciones/solicitudes/nueva/").status_code == 403
    assert cliente_de(ajeno).post(f"/certificaciones/solicitudes/{s.pk}/pago/", {}).status_code == 404
    # El fedatario ve la solicitud (está en su alcance) pero no registra pagos.
    assert cliente_de(fedatario_alcance_copia).get(f"/certificaciones/solicitudes/{s.pk}/").status_code == 200
    assert (
        cliente_de(fedatario_alcance_copia)
        .post(f"/certificaciones/solicitudes/{s.pk}/exonerar/", {"motivo": "x"})
        .status_code
        == 403
    )


def test_lista_de_solicitudes_con_consultas_fijas(
    cliente_de, secretario, lista, django_assert_max_num_queries
):
    for _ in range(3):
        lista()
    cliente = cliente_de(secretario)
    cliente.get("/certificaciones/")
    with django_assert_max_num_queries(12):
        r = cliente.get("/certificaciones/?estado=lista")
    assert r.status_code == 200 and r.content.decode().count("data-solicitud=") == 3


@pytest.fixture
def fedatario_alcance_copia(secretario, municipio):
    from datetime import timedelta

    from certificaciones.services.configuracion import designar_fedatario
    from core.tests.factories import UsuarioFactory

    u = UsuarioFactory(username="fedatario2")
    hoy = timezone.localdate()
    designar_fedatario(
        usuario=u,
        resolucion="R. 1",
        desde=hoy,
        hasta=hoy + timedelta(days=1),
        alcance=["copia"],
        por=secretario,
    )
    return u
