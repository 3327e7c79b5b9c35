"""Entrada en vigor: la que dispone el propio acto (fecha, con la publicación, N días después, con la firma
o con la notificación) o, si no dice nada, la del perfil para su tipo (`actos.entrada_en_vigor`, con
`actos.vigencia_dias` como días por defecto). Tabla por país."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actos.models import Acto, Sancion
from actos.services.relaciones import vigencia_calculada
from actos.tests.factories import ActoFactory
from core.models import Evento, Municipio

HOY = timezone.localdate()
# (país, tipo, medio, vigente_desde esperado si se publica HOY, o None si rige sin publicación)
POR_DEFECTO = [
    ("PE", "ordenanza", "Portal institucional", HOY + timedelta(days=1)),  # LOM 44: el día siguiente
    ("PE", "decreto", "Portal institucional", HOY + timedelta(days=1)),
    ("EC", "ordenanza", "Gaceta oficial municipal", HOY),  # COOTAD 324: con su publicación
    ("CO", "acuerdo", "Gaceta municipal", HOY),  # Ley 136 art. 81: obliga publicado
    ("MX", "reglamento", "Gaceta Municipal", HOY + timedelta(days=1)),
]


def _firmar(cliente, acto, **datos):
    r = cliente.post(reverse("api-actos-firmar", args=[acto.pk]), datos, format="json")
    assert r.status_code == 200, r.content
    return r


def _publicar(cliente, acto, medio, fecha=HOY):
    if Sancion.objects.filter(acto=acto, estado="pendiente").exists():  # EC y CO: antes, la sanción
        cliente.post(reverse("actos:acto-sancion", args=[acto.pk]), {"decision": "sancionar"})
    return cliente.post(
        reverse("api-actos-publicar", args=[acto.pk]),
        {"fecha": fecha.isoformat(), "medio": medio},
        format="json",
    )


def _aprobado(secretario, tipo):
    organo = Acto.Organo.ALCALDE if tipo in ("decreto", "resolucion_alcaldia") else Acto.Organo.CONCEJO
    return ActoFactory(tipo=tipo, organo=organo, estado=Acto.Estado.APROBADO, creado_por=secretario)


@pytest.mark.parametrize(("pais", "tipo", "medio", "esperado"), POR_DEFECTO)
def test_la_regla_del_perfil_por_tipo(pais, tipo, medio, esperado, secretario, cliente_de):
    Municipio.objects.update(perfil=pais)
    cliente = cliente_de(secretario)
    acto = _aprobado(secretario, tipo)
    _firmar(cliente, acto)
    assert Acto.objects.get(pk=acto.pk).vigente_desde is None  # sin publicar no rige
    r = _publicar(cliente, acto, medio)
    assert r.status_code == 200, r.content
    assert r.json()["vigente_desde"] == esperado.isoformat()
    assert "perfil" in r.json()["entrada_en_vigor"]


@pytest.mark.parametrize(
    ("pais", "tipo"),
    [("PE", "resolucion_alcaldia"), ("EC", "resolucion_alcaldia"), ("CO", "resolucion_alcaldia")],
)
def test_lo_que_se_notifica_rige_sin_publicarse(pais, tipo, secretario, cliente_de):
    Municipio.objects.update(perfil=pais)
    cliente = cliente_de(secretario)
    acto = _aprobado(secretario, tipo)
    _firmar(cliente, acto)
    acto.refresh_from_db()
    assert acto.vigente_desde is None and vigencia_calculada(acto) == "no_vigente"
    pagina = cliente.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert "Registrar notificación" in pagina
    r = cliente.post(
        reverse("api-actos-notificar", args=[acto.pk]),
        {"fecha": (HOY + timedelta(days=1)).isoformat()},
        format="json",
    )
    assert r.status_code == 400 and "no puede ser futura" in r.content.decode()
    r = cliente.post(
        reverse("api-actos-notificar", args=[acto.pk]), {"fecha": HOY.isoformat()}, format="json"
    )
    assert r.status_code == 200, r.content
    acto.refresh_from_db()
    assert acto.estado == Acto.Estado.FIRMADO and acto.vigente_desde == HOY
    assert vigencia_calculada(acto) == "vigente"
    assert Evento.objects.filter(accion="actos.acto.notificar", objeto_id=str(acto.pk)).exists()


def test_el_acto_fija_su_fecha_pero_no_rige_antes_de_publicarse(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _aprobado(secretario, "ordenanza")
    en_diez = HOY + timedelta(days=10)
    r = cliente.post(
        reverse("api-actos-vigencia", args=[acto.pk]),
        {"modo": "fecha", "fecha": en_diez.isoformat()},
        format="json",
    )
    assert r.status_code == 200 and "lo dispone el propio acto" in r.json()["entrada_en_vigor"]
    evento = Evento.objects.get(accion="actos.acto.entrada_en_vigor", objeto_id=str(acto.pk))
    assert evento.despues["vigencia_modo"] == "fecha"
    _firmar(cliente, acto)
    assert _publicar(cliente, acto, "Portal institucional").json()["vigente_desde"] == en_diez.isoformat()


def test_una_fecha_anterior_a_la_publicacion_rige_desde_la_publicacion(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _aprobado(secretario, "ordenanza")
    cliente.post(
        reverse("api-actos-vigencia", args=[acto.pk]),
        {"modo": "fecha", "fecha": (HOY - timedelta(days=5)).isoformat()},
        format="json",
    )
    _firmar(cliente, acto)
    assert _publicar(cliente, acto, "Portal institucional").json()["vigente_desde"] == HOY.isoformat()


def test_n_dias_tras_la_publicacion_y_con_la_firma(secretario, cliente_de):
    cliente = cliente_de(secretario)
    a = _aprobado(secretario, "ordenanza")
    cliente.post(
        reverse("api-actos-vigencia", args=[a.pk]), {"modo": "dias_publicacion", "dias": 15}, format="json"
    )
    _firmar(cliente, a)
    assert (
        _publicar(cliente, a, "Portal institucional").json()["vigente_desde"]
        == (HOY + timedelta(days=15)).isoformat()
    )
    b = _aprobado(secretario, "resolucion_alcaldia")
    cliente.post(reverse("api-actos-vigencia", args=[b.pk]), {"modo": "firma"}, format="json")
    _firmar(cliente, b)
    b.refresh_from_db()
    assert b.estado == Acto.Estado.FIRMADO and b.vigente_desde == HOY and vigencia_calculada(b) == "vigente"


def test_mal_dicho_no_se_guarda_y_firmado_no_se_cambia(secretario, cliente_de, ajeno):
    cliente = cliente_de(secretario)
    acto = _aprobado(secretario, "ordenanza")
    r = cliente.post(reverse("api-actos-vigencia", args=[acto.pk]), {"modo": "fecha"}, format="json")
    assert r.status_code == 400 and "Indique la fecha" in r.content.decode()
    r = cliente.post(reverse("api-actos-vigencia", args=[acto.pk]), {"modo": "cuando_sea"}, format="json")
    assert r.status_code == 400
    assert Acto.objects.get(pk=acto.pk).vigencia_modo == ""
    _firmar(cliente, acto)
    r = cliente.post(reverse("api-actos-vigencia", args=[acto.pk]), {"modo": "publicacion"}, format="json")
    assert r.status_code == 400 and "ya está firmado" in r.content.decode()
    r = cliente_de(ajeno).post(
        reverse("api-actos-vigencia", args=[acto.pk]), {"modo": "publicacion"}, format="json"
    )
    assert r.status_code == 404
