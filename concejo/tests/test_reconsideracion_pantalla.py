"""El pedido de reconsideración desde la pantalla de la sesión en vivo: junto a cada votación confirmada, su
plazo (hasta cuándo), el pedido anotado (día, quién, fundamento) o el formulario para anotarlo; nada donde el
perfil no prevé reconsideración (Colombia)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from concejo.models import Sesion, Votacion
from concejo.tests.test_reglas_por_pais import decision_votada, fijar_reglamento
from core.models import Evento, Municipio


@pytest.fixture
def en_pais(municipio):
    def _pais(codigo: str) -> Municipio:
        Municipio.objects.filter(pk=municipio.pk).update(perfil=codigo)
        municipio.refresh_from_db()
        return municipio

    return _pais


def pantalla(cliente, votacion: Votacion) -> str:
    r = cliente.get(reverse("concejo:sesion-en-vivo", args=[votacion.sesion_id]))
    assert r.status_code == 200
    return r.content.decode()


def test_pedir_reconsideracion_desde_la_pantalla(en_pais, secretario, cliente_de):
    fijar_reglamento(en_pais("PE"), secretario)
    votacion = decision_votada("PE", secretario, hace=1).votacion
    cliente = cliente_de(secretario)
    html = pantalla(cliente, votacion)
    assert f'data-reconsideracion="{votacion.pk}"' in html
    assert f'data-form-reconsideracion="{votacion.pk}"' in html
    assert "Reconsideración: puede pedirse hasta el" in html and "15 días hábiles" in html
    assert "onclick=" not in html

    regidor = votacion.sesion.organo.periodo.miembros.order_by("orden")[1]
    url = reverse("concejo:votacion-reconsideracion", args=[votacion.pk])
    r = cliente.post(
        url, {"miembro": regidor.pk, "fundamento": "Hechos nuevos del informe técnico"}, follow=True
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Se anotó el pedido de reconsideración de la votación" in html
    votacion.refresh_from_db()
    hoy = timezone.localdate()
    assert votacion.reconsideracion_pedida_en == hoy
    assert votacion.reconsideracion_pedida_por == regidor
    assert votacion.reconsideracion_fundamento == "Hechos nuevos del informe técnico"
    evento = Evento.objects.get(accion="concejo.votacion.pedir_reconsideracion", objeto_id=str(votacion.pk))
    assert evento.despues["reconsideracion_pedida_en"] == hoy.isoformat() and evento.despues["plazo_vence"]
    # La pantalla muestra el pedido (día, quién, fundamento) y ya no el formulario.
    assert f'data-reconsideracion-pedida="{hoy.isoformat()}"' in html
    assert f"Pedida el {hoy:%d/%m/%Y}</strong> por {regidor}: Hechos nuevos del informe técnico" in html
    assert f'data-form-reconsideracion="{votacion.pk}"' not in html


def test_pedido_por_htmx_devuelve_el_tablero(en_pais, secretario, cliente_de):
    fijar_reglamento(en_pais("PE"), secretario)
    votacion = decision_votada("PE", secretario, hace=1).votacion
    url = reverse("concejo:votacion-reconsideracion", args=[votacion.pk])
    r = cliente_de(secretario).post(url, {"fundamento": "Error material"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.lstrip().startswith('<div id="tablero"') and "data-aviso" in html
    assert "Pedida el" in html


@pytest.mark.parametrize(
    "datos,mensaje",
    [
        ({"fecha": "mañana"}, "Escriba la fecha como día/mes/año."),
        ({"fecha": "2999-01-01"}, "El pedido no puede tener fecha futura."),
        ({"miembro": "999999"}, "Elija un miembro del concejo."),
        ({"fundamento": "x" * 5001}, "no puede pasar de 5.000 caracteres"),
    ],
)
def test_pedido_con_datos_malos_no_cambia_nada(en_pais, secretario, cliente_de, datos, mensaje):
    fijar_reglamento(en_pais("PE"), secretario)
    votacion = decision_votada("PE", secretario, hace=1).votacion
    url = reverse("concejo:votacion-reconsideracion", args=[votacion.pk])
    r = cliente_de(secretario).post(url, datos, HTTP_HX_REQUEST="true")
    assert r.status_code == 400
    assert mensaje in r.content.decode()
    votacion.refresh_from_db()
    assert votacion.reconsideracion_pedida_en is None and votacion.reconsideracion_fundamento == ""
    assert not Evento.objects.filter(accion="concejo.votacion.pedir_reconsideracion").exists()


def test_plazo_vencido_se_muestra_sin_formulario_y_se_rechaza(en_pais, secretario, cliente_de):
    fijar_reglamento(en_pais("PE"), secretario)
    votacion = decision_votada("PE", secretario, hace=40).votacion
    cliente = cliente_de(secretario)
    html = pantalla(cliente, votacion)
    assert f'data-reconsideracion="{votacion.pk}"' in html
    assert f'data-form-reconsideracion="{votacion.pk}"' not in html
    url = reverse("concejo:votacion-reconsideracion", args=[votacion.pk])
    r = cliente.post(url, {"fundamento": "Tarde"}, follow=True)
    assert "venció el" in r.content.decode()
    votacion.refresh_from_db()
    assert votacion.reconsideracion_pedida_en is None


def test_pedido_permisos(en_pais, secretario, regidor, ajeno, cliente_de):
    fijar_reglamento(en_pais("PE"), secretario)
    votacion = decision_votada("PE", secretario, hace=1).votacion
    Sesion.objects.filter(pk=votacion.sesion_id).update(publica=False)  # reservada: el ajeno no la ve
    url = reverse("concejo:votacion-reconsideracion", args=[votacion.pk])
    assert cliente_de(regidor).post(url, {"fundamento": "x"}).status_code == 403
    assert cliente_de(ajeno).post(url, {"fundamento": "x"}).status_code == 404
    assert cliente_de(secretario).get(url).status_code == 405
    votacion.refresh_from_db()
    assert votacion.reconsideracion_pedida_en is None
    assert not Evento.objects.filter(accion="concejo.votacion.pedir_reconsideracion").exists()


def test_colombia_no_muestra_reconsideracion(en_pais, secretario, cliente_de):
    en_pais("CO")
    votacion = decision_votada("CO", secretario, hace=1).votacion
    cliente = cliente_de(secretario)
    html = pantalla(cliente, votacion)
    assert f'data-votacion-confirmada="{votacion.pk}"' in html
    assert "data-reconsideracion" not in html and "Pedir la reconsideración" not in html
    # Y si alguien lo intenta igual, el servicio lo rechaza con su motivo.
    url = reverse("concejo:votacion-reconsideracion", args=[votacion.pk])
    r = cliente.post(url, {"fundamento": "x"}, follow=True)
    assert "no prevé la reconsideración" in r.content.decode()
    votacion.refresh_from_db()
    assert votacion.reconsideracion_pedida_en is None


def test_pedido_anterior_dentro_del_plazo(en_pais, secretario, cliente_de):
    fijar_reglamento(en_pais("PE"), secretario)
    votacion = decision_votada("PE", secretario, hace=3).votacion
    pedido = timezone.localdate() - timedelta(days=2)
    url = reverse("concejo:votacion-reconsideracion", args=[votacion.pk])
    cliente_de(secretario).post(url, {"fecha": pedido.isoformat(), "fundamento": "x"})
    votacion.refresh_from_db()
    assert votacion.reconsideracion_pedida_en == pedido
