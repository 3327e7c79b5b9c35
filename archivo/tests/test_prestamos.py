"""Préstamos y consultas por sus páginas y su API: pedir, entregar con la fecha de devolución del perfil
(días hábiles), devolver, rechazar; los vencidos en la lista y su recordatorio; el acceso por tiempo limitado
a un expediente reservado; permisos y 404 para lo ajeno."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from archivo.models import Prestamo
from archivo.services.prestamos import vencimiento
from archivo.tests.factories import cuadro_minimo, expediente
from core import roles
from core.models import Evento, Notificacion, ReglaLocal
from core.services.plazos import calcular_plazo
from core.tests.factories import UnidadFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def serie(archivero, unidad_gdu):
    return cuadro_minimo(unidad=unidad_gdu, por=archivero, codigo_serie="GDU-01")


@pytest.fixture
def lector(municipio):
    return UsuarioFactory(
        username="lector",
        email="lector@example.org",
        unidad=UnidadFactory(sigla="GAF", nombre="Administración"),
        roles=[roles.FUNCIONARIO],
    )


def _api(usuario) -> APIClient:
    cliente = APIClient()
    cliente.force_authenticate(usuario)
    return cliente


def test_pedir_entregar_y_devolver(lector, archivero, jefe_unidad, unidad_gdu, serie, cliente_de):
    exp = expediente(serie=serie, unidad=unidad_gdu, por=jefe_unidad, titulo="Licencia 12")
    cliente = cliente_de(lector)
    r = cliente.post(
        reverse("archivo:expediente-prestamo", args=[exp.pk]), {"tipo": "prestamo", "motivo": ""}, follow=True
    )
    assert "Diga para qué necesita el expediente." in r.content.decode()
    assert not Prestamo.objects.exists()
    r = cliente.post(
        reverse("archivo:expediente-prestamo", args=[exp.pk]),
        {"tipo": "prestamo", "motivo": "Informe de fiscalización"},
    )
    assert r.status_code == 302
    p = Prestamo.objects.get()
    assert (p.solicitante, p.estado, p.vence) == (lector, "solicitado", None)
    assert Evento.objects.filter(accion="archivo.prestamo.solicitar", objeto_id=str(p.pk)).exists()

    # Quien pide no entrega.
    assert cliente.post(reverse("archivo:prestamo-accion", args=[p.pk, "entregar"])).status_code == 403

    archivo = cliente_de(archivero)
    assert archivo.post(reverse("archivo:prestamo-accion", args=[p.pk, "entregar"])).status_code == 302
    p.refresh_from_db()
    hoy = timezone.localdate()
    assert p.estado == "entregado" and p.vence == calcular_plazo(desde=hoy, dias=5).vence
    assert Evento.objects.filter(accion="archivo.prestamo.entregar", objeto_id=str(p.pk)).exists()
    # Un expediente de papel no se entrega a dos a la vez.
    otro = UsuarioFactory(username="otro", unidad=unidad_gdu, roles=[roles.FUNCIONARIO])
    r = archivo.post(
        reverse("archivo:prestamos"),
        {"expediente": exp.codigo, "solicitante": "otro", "tipo": "consulta", "motivo": "Consulta"},
    )
    assert r.status_code == 302
    segundo = Prestamo.objects.get(solicitante=otro)
    r = archivo.post(reverse("archivo:prestamo-accion", args=[segundo.pk, "entregar"]), follow=True)
    assert "está prestado a" in r.content.decode()
    segundo.refresh_from_db()
    assert segundo.estado == "solicitado"

    r = archivo.post(
        reverse("archivo:prestamo-accion", args=[p.pk, "devolver"]), {"observaciones": "Completo"}
    )
    p.refresh_from_db()
    assert (p.estado, p.observaciones, p.recibido_por) == ("devuelto", "Completo", archivero)
    assert Evento.objects.filter(accion="archivo.prestamo.devolver", objeto_id=str(p.pk)).exists()
    r = archivo.post(reverse("archivo:prestamo-accion", args=[p.pk, "devolver"]), follow=True)
    assert "Solo se devuelve un préstamo entregado." in r.content.decode()

    # Rechazar pide motivo.
    r = archivo.post(reverse("archivo:prestamo-accion", args=[segundo.pk, "rechazar"]), follow=True)
    assert "Diga por qué no se presta el expediente." in r.content.decode()
    archivo.post(
        reverse("archivo:prestamo-accion", args=[segundo.pk, "rechazar"]),
        {"observaciones": "En restauración"},
    )
    segundo.refresh_from_db()
    assert segundo.estado == "rechazado"

    # Cada quien ve sus préstamos; el préstamo ajeno es 404.
    assert _api(lector).get(reverse("api-archivo-prestamos")).json()["count"] == 1
    assert _api(archivero).get(reverse("api-archivo-prestamos")).json()["count"] == 2
    assert _api(lector).post(reverse("api-archivo-prestamo-entregar", args=[segundo.pk])).status_code == 404


def test_el_plazo_lo_fija_el_municipio(municipio):
    hoy = timezone.localdate()
    assert vencimiento(tipo="consulta", desde=hoy) == hoy
    ReglaLocal.objects.create(
        municipio=municipio,
        clave="archivo.prestamo_plazo",
        valor={"cantidad": 10, "unidad": "dias_calendario"},
        vigente_desde=hoy - timedelta(days=1),
        fuente="Directiva interna de archivo",
    )
    assert (
        vencimiento(tipo="prestamo", desde=hoy) == calcular_plazo(desde=hoy, dias=10, tipo="calendario").vence
    )


def test_reservado_prestado_se_ve_solo_durante_el_prestamo(
    lector, archivero, jefe_unidad, unidad_gdu, serie, django_capture_on_commit_callbacks
):
    exp = expediente(
        serie=serie,
        unidad=unidad_gdu,
        por=jefe_unidad,
        soporte="electronico",
        acceso="reservado",
        fundamento_acceso="Ley 27806 art. 15",
        reservado_hasta=timezone.localdate() + timedelta(days=400),
    )
    ver = reverse("api-archivo-expediente", args=[exp.pk])
    assert _api(lector).get(ver).status_code == 404
    # El lector no puede pedir lo que no ve; el archivo lo registra a su nombre.
    r = _api(lector).post(
        reverse("api-archivo-prestamos"), {"expediente": exp.pk, "motivo": "Auditoría"}, format="json"
    )
    assert r.status_code == 404
    r = _api(lector).post(
        reverse("api-archivo-prestamos"),
        {"expediente": exp.pk, "motivo": "Auditoría", "solicitante": "archivo"},
        format="json",
    )
    assert r.status_code == 403
    r = _api(archivero).post(
        reverse("api-archivo-prestamos"),
        {"expediente": exp.pk, "motivo": "Auditoría", "solicitante": "lector"},
        format="json",
    )
    assert r.status_code == 201
    p = Prestamo.objects.get()
    assert _api(lector).get(ver).status_code == 404  # pedido, aún no entregado
    r = _api(archivero).post(reverse("api-archivo-prestamo-entregar", args=[p.pk]))
    assert r.status_code == 200 and r.json()["estado"] == "entregado"
    assert _api(lector).get(ver).status_code == 200
    # Vencido: ya no lo ve, aparece entre los vencidos y recibe un recordatorio (una vez por día).
    Prestamo.objects.filter(pk=p.pk).update(vence=timezone.localdate() - timedelta(days=1))
    assert _api(lector).get(ver).status_code == 404
    vencidos = _api(archivero).get(reverse("api-archivo-prestamos"), {"vencidos": "1"}).json()
    assert [v["id"] for v in vencidos["results"]] == [p.pk] and vencidos["results"][0]["vencido"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recordatorios-prestamos")
        call_command("recordatorios-prestamos")
    aviso = Notificacion.objects.get(usuario=lector)
    assert exp.codigo in aviso.mensaje
    assert Evento.objects.filter(accion="archivo.prestamo.recordatorios").count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lector@example.org"]
    # Devuelto: se acabó el acceso.
    r = _api(archivero).post(reverse("api-archivo-prestamo-devolver", args=[p.pk]), {}, format="json")
    assert r.status_code == 200 and r.json()["estado"] == "devuelto"


def test_un_regidor_no_registra_prestamos_a_nombre_de_otro(regidor, cliente_de, municipio):
    r = cliente_de(regidor).post(
        reverse("archivo:prestamos"),
        {"expediente": "X", "solicitante": "y", "tipo": "prestamo", "motivo": "z"},
    )
    assert r.status_code == 403
    assert cliente_de(regidor).get(reverse("archivo:prestamos")).status_code == 200
