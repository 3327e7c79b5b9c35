"""Seguimiento de la ejecución de los actos: tareas, avances con evidencia, tablero, alertas y API."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from actos.models import Acto, Avance, Tarea
from actos.services.seguimiento import crear_tarea, enviar_alertas, titulo_alerta
from actos.tests.factories import ActoFactory
from core.demo import cargar_demo
from core.models import Evento, Notificacion
from core.rendering import render_pdf
from core.services.plazos import calcular_plazo

HOY = timezone.localdate()


@pytest.fixture
def acto(secretario):
    # Firmado: las tareas son de actos firmados o publicados (el texto basta para citar sus artículos).
    return ActoFactory(
        estado=Acto.Estado.FIRMADO, creado_por=secretario, numero_texto="ORDENANZA Nº 007-2026"
    )


@pytest.fixture
def tarea(acto, secretario, jefe_unidad):
    return crear_tarea(
        acto=acto,
        por=secretario,
        unidad=jefe_unidad.unidad,
        plazo_dias=10,
        descripcion="Elaborar el padrón de comerciantes",
    )


def _evidencia(nombre="acta.pdf"):
    return SimpleUploadedFile(
        nombre,
        render_pdf("documentos/base_documento.html", {"titulo": "Acta"}),
        content_type="application/pdf",
    )


# --- Asignar tareas -------------------------------------------------------------------------------


def test_la_secretaria_asigna_una_tarea_con_plazo_en_dias_habiles(cliente_de, secretario, jefe_unidad, acto):
    articulo = acto.partes.get(eid="art_2")
    respuesta = cliente_de(secretario).post(
        reverse("actos:tarea-crear", args=[acto.pk]),
        {
            "descripcion": "Instalar la señalización",
            "unidad": jefe_unidad.unidad.pk,
            "parte": articulo.pk,
            "plazo_dias": 5,
        },
    )
    tarea = Tarea.objects.get()
    assert respuesta.status_code == 302 and respuesta.url == reverse("actos:tarea", args=[tarea.pk])
    assert tarea.vence == calcular_plazo(desde=HOY, dias=5).vence and tarea.parte == articulo
    assert tarea.estado == Tarea.Estado.PENDIENTE and tarea.unidad == jefe_unidad.unidad
    evento = Evento.objects.get(accion="actos.tarea.crear")
    assert evento.actor == secretario and evento.despues["plazo_dias"] == 5
    assert Notificacion.objects.filter(usuario=jefe_unidad, titulo__startswith="Nueva tarea").exists()


@pytest.mark.parametrize(
    "datos, mensaje",
    [
        ({}, "uno de los dos"),
        ({"plazo_dias": 5, "vence": (HOY + timedelta(days=3)).isoformat()}, "uno de los dos"),
        ({"vence": (HOY - timedelta(days=1)).isoformat()}, "no puede ser anterior"),
        ({"plazo_dias": 0}, "mayor o igual a 1"),
        ({"plazo_dias": 5, "descripcion": "  "}, "requerido"),
    ],
)
def test_asignar_con_datos_malos_no_crea_nada(cliente_de, secretario, jefe_unidad, acto, datos, mensaje):
    base = {"descripcion": "Instalar la señalización", "unidad": jefe_unidad.unidad.pk}
    respuesta = cliente_de(secretario).post(reverse("actos:tarea-crear", args=[acto.pk]), {**base, **datos})
    assert respuesta.status_code == 400 and mensaje in respuesta.content.decode()
    assert not Tarea.objects.exists() and not Evento.objects.filter(accion="actos.tarea.crear").exists()


def test_asignar_exige_el_permiso_y_un_acto_firmado(cliente_de, secretario, jefe_unidad, ajeno, acto):
    datos = {"descripcion": "x", "unidad": jefe_unidad.unidad.pk, "plazo_dias": 3}
    for usuario in (jefe_unidad, ajeno):
        assert (
            cliente_de(usuario).post(reverse("actos:tarea-crear", args=[acto.pk]), datos).status_code == 403
        )
    proyecto = ActoFactory(creado_por=secretario)
    assert cliente_de(secretario).get(reverse("actos:tarea-crear", args=[proyecto.pk])).status_code == 404
    assert cliente_de(secretario).get(reverse("actos:tarea-crear", args=[999999])).status_code == 404
    assert not Tarea.objects.exists()


# --- Informar avance ------------------------------------------------------------------------------


def test_la_unidad_informa_avance_y_cumple_con_evidencia(cliente_de, jefe_unidad, tarea):
    cliente = cliente_de(jefe_unidad)
    url = reverse("actos:tarea-avance", args=[tarea.pk])
    assert cliente.post(url, {"texto": "Encuesta en campo", "porcentaje": 40}).status_code == 302
    tarea.refresh_from_db()
    assert tarea.estado == Tarea.Estado.EN_CURSO and tarea.avance == 40
    # 100 % sin evidencia: no se cumple.
    respuesta = cliente.post(url, {"texto": "Terminado", "porcentaje": 100})
    assert respuesta.status_code == 400 and "adjunte la evidencia" in respuesta.content.decode()
    # El avance no baja.
    respuesta = cliente.post(url, {"texto": "Corrección", "porcentaje": 10})
    assert respuesta.status_code == 400 and "no puede bajar" in respuesta.content.decode()
    tarea.refresh_from_db()
    assert tarea.avance == 40 and tarea.avances.count() == 1
    respuesta = cliente.post(url, {"texto": "Padrón publicado", "porcentaje": 100, "evidencia": _evidencia()})
    assert respuesta.status_code == 302
    tarea.refresh_from_db()
    assert tarea.estado == Tarea.Estado.CUMPLIDA and tarea.cumplida_en is not None
    avance = tarea.avances.get(porcentaje=100)
    assert avance.evidencia.sha256 and avance.por == jefe_unidad
    evento = Evento.objects.filter(accion="actos.tarea.informar_avance").order_by("id").last()
    assert evento.antes["estado"] == "en_curso" and evento.despues["estado"] == "cumplida"
    assert evento.despues["evidencia_sha256"] == avance.evidencia.sha256
    # Quien ve la tarea descarga la evidencia; cumplida, ya no admite informes.
    pagina = cliente.get(reverse("actos:tarea", args=[tarea.pk])).content.decode()
    assert reverse("core:archivo-descargar", args=[avance.evidencia.pk]) in pagina
    assert cliente.get(reverse("core:archivo-descargar", args=[avance.evidencia.pk])).status_code == 200
    assert (
        cliente.post(url, {"texto": "Otra", "porcentaje": 100, "evidencia": _evidencia()}).status_code == 400
    )


def test_evidencia_de_tipo_no_admitido_no_guarda_nada(cliente_de, jefe_unidad, tarea):
    falso = SimpleUploadedFile("informe.pdf", b"MZ\x90\x00 esto no es un PDF", content_type="application/pdf")
    respuesta = cliente_de(jefe_unidad).post(
        reverse("actos:tarea-avance", args=[tarea.pk]),
        {"texto": "Listo", "porcentaje": 100, "evidencia": falso},
    )
    assert respuesta.status_code == 400
    tarea.refresh_from_db()
    assert tarea.estado == Tarea.Estado.PENDIENTE and not Avance.objects.exists()


def test_otras_unidades_no_ven_la_tarea(cliente_de, ajeno, ciudadano, tarea):
    for usuario in (ajeno, ciudadano):
        cliente = cliente_de(usuario)
        assert cliente.get(reverse("actos:tarea", args=[tarea.pk])).status_code == 404
        assert (
            cliente.post(
                reverse("actos:tarea-avance", args=[tarea.pk]), {"texto": "x", "porcentaje": 50}
            ).status_code
            == 404
        )
    assert not Avance.objects.exists()
    assert cliente.get(reverse("actos:tarea-avance", args=[tarea.pk])).status_code == 405


def test_la_secretaria_tambien_informa_y_cancela(cliente_de, secretario, jefe_unidad, tarea):
    cliente = cliente_de(secretario)
    assert (
        cliente.post(
            reverse("actos:tarea-avance", args=[tarea.pk]), {"texto": "Verificado en campo", "porcentaje": 20}
        ).status_code
        == 302
    )
    # El jefe de la unidad no cancela (403); sin motivo, 400.
    assert (
        cliente_de(jefe_unidad)
        .post(reverse("actos:tarea-cancelar", args=[tarea.pk]), {"motivo": "x"})
        .status_code
        == 403
    )
    cliente = cliente_de(secretario)
    respuesta = cliente.post(reverse("actos:tarea-cancelar", args=[tarea.pk]), {"motivo": ""})
    assert respuesta.status_code == 400
    tarea.refresh_from_db()
    assert tarea.estado == Tarea.Estado.EN_CURSO
    assert (
        cliente.post(
            reverse("actos:tarea-cancelar", args=[tarea.pk]), {"motivo": "El artículo fue derogado"}
        ).status_code
        == 302
    )
    tarea.refresh_from_db()
    assert tarea.estado == Tarea.Estado.CANCELADA
    assert Evento.objects.get(accion="actos.tarea.cancelar").despues["motivo"] == "El artículo fue derogado"


# --- Tablero --------------------------------------------------------------------------------------


@pytest.fixture
def varias(acto, secretario, jefe_unidad, ajeno):
    antes = HOY - timedelta(days=60)
    atrasada = crear_tarea(
        acto=acto,
        por=secretario,
        unidad=jefe_unidad.unidad,
        descripcion="Atrasada GDU",
        plazo_dias=5,
        asignada_el=antes,
    )
    pendiente = crear_tarea(
        acto=acto, por=secretario, unidad=jefe_unidad.unidad, descripcion="Pendiente GDU", plazo_dias=20
    )
    otra = crear_tarea(
        acto=acto, por=secretario, unidad=ajeno.unidad, descripcion="Pendiente OTRA", plazo_dias=20
    )
    return atrasada, pendiente, otra


def test_tablero_de_la_secretaria_y_de_la_unidad(
    cliente_de, secretario, jefe_unidad, ciudadano, varias, django_assert_max_num_queries
):
    atrasada, pendiente, otra = varias
    cliente = cliente_de(secretario)
    pagina = cliente.get(reverse("actos:seguimiento")).content.decode()
    assert 'data-unidad="GDU"' in pagina and 'data-unidad="OTRA"' in pagina
    assert "Pendiente GDU" in pagina and "Pendiente OTRA" in pagina and "Atrasada GDU" not in pagina
    pagina = cliente.get(reverse("actos:seguimiento"), {"pestana": "atrasadas"}).content.decode()
    assert "Atrasada GDU" in pagina and "Pendiente GDU" not in pagina and "table-danger" in pagina
    pagina = cliente.get(reverse("actos:seguimiento"), {"unidad": otra.unidad.pk}).content.decode()
    assert "Pendiente OTRA" in pagina and "Pendiente GDU" not in pagina
    # El jefe ve solo su unidad (el filtro de unidad no le abre otras).
    cliente = cliente_de(jefe_unidad)
    with django_assert_max_num_queries(20):
        pagina = cliente.get(reverse("actos:seguimiento"), {"pestana": "todas", "unidad": otra.unidad.pk})
    pagina = pagina.content.decode()
    assert "Pendiente GDU" in pagina and "Atrasada GDU" in pagina and "OTRA" not in pagina
    assert cliente_de(ciudadano).get(reverse("actos:seguimiento")).status_code == 403


# --- Alertas --------------------------------------------------------------------------------------


def test_alertas_diarias_antes_y_despues_del_vencimiento(
    secretario, jefe_unidad, acto, django_capture_on_commit_callbacks
):
    crear_tarea(
        acto=acto,
        por=secretario,
        unidad=jefe_unidad.unidad,
        descripcion="Ya vencida",
        plazo_dias=3,
        asignada_el=HOY - timedelta(days=30),
    )
    crear_tarea(acto=acto, por=secretario, unidad=jefe_unidad.unidad, descripcion="Por vencer", plazo_dias=1)
    crear_tarea(acto=acto, por=secretario, unidad=jefe_unidad.unidad, descripcion="Lejana", plazo_dias=60)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("alertas-actos")
    aviso = Notificacion.objects.get(usuario=jefe_unidad, titulo=titulo_alerta(HOY))
    assert "Vencidas: 1" in aviso.mensaje and "Ya vencida" in aviso.mensaje
    assert "Por vencer" in aviso.mensaje and "Lejana" not in aviso.mensaje
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [jefe_unidad.email]
    assert Evento.objects.get(accion="actos.seguimiento.alertas").despues["jefes_avisados"] == 1
    # Idempotente por día.
    with django_capture_on_commit_callbacks(execute=True):
        assert enviar_alertas() == 0
    assert Notificacion.objects.filter(titulo=titulo_alerta(HOY)).count() == 1 and len(mail.outbox) == 1


def test_alertas_sin_nada_que_avisar_y_fecha_mala(secretario, jefe_unidad, acto):
    crear_tarea(acto=acto, por=secretario, unidad=jefe_unidad.unidad, descripcion="Lejana", plazo_dias=60)
    assert enviar_alertas() == 0 and not Evento.objects.filter(accion="actos.seguimiento.alertas").exists()
    with pytest.raises(CommandError, match="AAAA-MM-DD"):
        call_command("alertas-actos", fecha="16/03/2026")


# --- API ------------------------------------------------------------------------------------------


def test_api_tareas_y_avances(client, secretario, jefe_unidad, ajeno, acto):
    client.force_login(secretario)
    respuesta = client.post(
        reverse("api-actos-tareas"),
        {
            "acto": acto.pk,
            "descripcion": "Reglamentar",
            "unidad": "GDU",
            "parte": "art_1",
            "plazo_dias": 10,
        },
        content_type="application/json",
    )
    assert respuesta.status_code == 201, respuesta.content
    datos = respuesta.json()
    assert datos["parte"] == "art_1" and datos["estado"] == "pendiente" and not datos["atrasada"]
    pk = datos["id"]
    malo = client.post(
        reverse("api-actos-tareas"),
        {"acto": acto.pk, "descripcion": "x", "unidad": "GDU"},
        content_type="application/json",
    )
    assert malo.status_code == 400 and "uno de los dos" in malo.content.decode()
    assert Tarea.objects.count() == 1
    # La unidad responsable informa con evidencia (multipart) y ve la tarea; el ajeno no.
    client.force_login(jefe_unidad)
    assert (
        client.post(
            reverse("api-actos-tareas"),
            {"acto": acto.pk, "descripcion": "x", "unidad": "GDU", "plazo_dias": 3},
            content_type="application/json",
        ).status_code
        == 403
    )
    respuesta = client.post(
        reverse("api-actos-tarea-avances", args=[pk]),
        {"texto": "Hecho", "porcentaje": 100, "evidencia": _evidencia()},
    )
    assert respuesta.status_code == 201, respuesta.content
    assert respuesta.json()["estado"] == "cumplida" and respuesta.json()["avances"][0]["evidencia_sha256"]
    assert [
        t["id"] for t in client.get(reverse("api-actos-tareas"), {"pestana": "cumplidas"}).json()["results"]
    ] == [pk]
    # La lista pagina como el resto de la API (pagina / por_pagina, docs/operacion/api.md).
    pagina = client.get(reverse("api-actos-tareas"), {"pestana": "cumplidas", "por_pagina": 1}).json()
    assert pagina["count"] == 1 and pagina["next"] is None
    assert client.get(reverse("api-actos-tareas"), {"pestana": "cumplidas", "pagina": 2}).status_code == 400
    client.force_login(ajeno)
    assert client.get(reverse("api-actos-tarea", args=[pk])).status_code == 404
    assert (
        client.post(
            reverse("api-actos-tarea-avances", args=[pk]),
            {"texto": "x", "porcentaje": 5},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert client.get(reverse("api-actos-tareas")).json()["count"] == 0


# --- Demostración ---------------------------------------------------------------------------------


def test_demo_tareas_atrasada_y_cumplida_con_evidencia(demo):
    cargar_demo()  # idempotente
    tareas = Tarea.objects.filter(unidad__sigla="GDU")
    assert tareas.count() == 2
    assert tareas.filter(estado__in=["pendiente", "en_curso"], vence__lt=HOY).count() == 1
    cumplida = tareas.get(estado=Tarea.Estado.CUMPLIDA)
    assert cumplida.avances.filter(porcentaje=100, evidencia__isnull=False).exists()
