"""La página del acto lleva a sus tareas de seguimiento: las lista (estado, unidad, vencimiento, enlace) y
ofrece «Nueva tarea de seguimiento» a quien puede crearlas; el tablero dice cómo añadir una."""

import pytest
from django.urls import reverse

from actos.models import Acto, Tarea
from actos.services.seguimiento import crear_tarea
from actos.tests.factories import ActoFactory
from core.models import Evento

pytestmark = pytest.mark.django_db


@pytest.fixture
def acto(secretario):
    return ActoFactory(
        estado=Acto.Estado.FIRMADO, creado_por=secretario, numero_texto="ORDENANZA Nº 009-2026"
    )


def test_desde_la_pagina_del_acto_se_crea_la_tarea_y_queda_listada(cliente_de, secretario, jefe_unidad, acto):
    cliente = cliente_de(secretario)
    url_crear = reverse("actos:tarea-crear", args=[acto.pk])
    pagina = cliente.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert "data-sin-tareas" in pagina and f'href="{url_crear}"' in pagina
    assert "Nueva tarea de seguimiento" in pagina
    assert cliente.get(url_crear).status_code == 200
    r = cliente.post(
        url_crear,
        {"descripcion": "Empadronar a los comerciantes", "unidad": jefe_unidad.unidad.pk, "plazo_dias": 10},
    )
    tarea = Tarea.objects.get()
    assert (
        r.status_code == 302
        and Evento.objects.filter(accion="actos.tarea.crear", objeto_id=str(tarea.pk)).exists()
    )
    pagina = cliente.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert f'href="{reverse("actos:tarea", args=[tarea.pk])}"' in pagina
    assert "Empadronar a los comerciantes" in pagina and 'data-estado-tarea="pendiente"' in pagina
    assert "GDU" in pagina and f"vence el {tarea.vence:%d/%m/%Y}" in pagina


def test_la_unidad_ve_sus_tareas_en_el_acto_pero_no_crea(cliente_de, secretario, jefe_unidad, ajeno, acto):
    tarea = crear_tarea(
        acto=acto,
        por=secretario,
        unidad=jefe_unidad.unidad,
        plazo_dias=5,
        descripcion="Instalar la señalización",
    )
    crear_tarea(
        acto=acto, por=secretario, unidad=ajeno.unidad, plazo_dias=5, descripcion="Tarea de OTRA unidad"
    )
    pagina = cliente_de(jefe_unidad).get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert f'data-tarea="{tarea.pk}"' in pagina and "Instalar la señalización" in pagina
    assert "Tarea de OTRA unidad" not in pagina  # solo las de su unidad
    assert "Nueva tarea de seguimiento" not in pagina
    # Quien no gestiona el seguimiento no crea (403); un acto ajeno no se ve (404).
    assert cliente_de(jefe_unidad).get(reverse("actos:tarea-crear", args=[acto.pk])).status_code == 403
    otro = ActoFactory(estado=Acto.Estado.FIRMADO, creado_por=secretario)
    assert cliente_de(jefe_unidad).get(reverse("actos:acto", args=[otro.pk])).status_code == 404


def test_un_proyecto_no_ofrece_tareas(cliente_de, secretario):
    proyecto = ActoFactory(creado_por=secretario)
    pagina = cliente_de(secretario).get(reverse("actos:acto", args=[proyecto.pk])).content.decode()
    assert "data-seguimiento" not in pagina and "Nueva tarea de seguimiento" not in pagina


def test_el_tablero_dice_como_anadir_una_tarea_y_enlaza_el_acto(cliente_de, secretario, jefe_unidad, acto):
    crear_tarea(acto=acto, por=secretario, unidad=jefe_unidad.unidad, plazo_dias=5, descripcion="Padrón")
    pagina = cliente_de(secretario).get(reverse("actos:seguimiento")).content.decode()
    assert "data-como-agregar" in pagina and "Nueva tarea de seguimiento" in pagina
    assert f'href="{reverse("actos:acto", args=[acto.pk])}"' in pagina
    pagina = cliente_de(jefe_unidad).get(reverse("actos:seguimiento")).content.decode()
    assert "data-como-agregar" not in pagina
