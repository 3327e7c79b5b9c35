"""Etapa de sanción / observación / objeción entre la aprobación y la publicación, por perfil (`actos.sancion`):
CO (Ley 136 arts. 78-79: plazo por número de artículos, objeción, insistencia), EC (COOTAD: 8 días, observa,
insiste con ⅔ del número legal), PE y MX (la promulgación va en la firma: no hay etapa aparte)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actos.models import Acto, Sancion
from actos.services.sancion import dias_del_plazo
from actos.tests.factories import ActoFactory
from concejo.models import Periodo, Votacion
from concejo.tests.factories import PlenoFactory, PuntoFactory, SesionFactory
from core.models import Evento, Municipio
from core.services.plazos import calcular_plazo

HOY = timezone.localdate()
TIPO = {"PE": "ordenanza", "EC": "ordenanza", "CO": "acuerdo", "MX": "reglamento"}
MEDIO = {
    "PE": "Portal institucional",
    "EC": "Gaceta oficial municipal",
    "CO": "Gaceta municipal",
    "MX": "Gaceta Municipal",
}


def _firmado(cliente, secretario, pais, articulos=2):
    Municipio.objects.update(perfil=pais)
    acto = ActoFactory(tipo=TIPO[pais], estado=Acto.Estado.APROBADO, creado_por=secretario, partes=articulos)
    r = cliente.post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 200, r.content
    return acto


def _publicar(cliente, acto, pais):
    return cliente.post(
        reverse("api-actos-publicar", args=[acto.pk]),
        {"fecha": HOY.isoformat(), "medio": MEDIO[pais]},
        format="json",
    )


def _votacion(*, mayoria: str, a_favor: int, resultado="aprobado", estado="confirmada") -> Votacion:
    periodo = Periodo.objects.get(nombre="Pruebas de actos")
    sesion = SesionFactory(organo=PlenoFactory(periodo=periodo), fecha=timezone.now())
    return Votacion.objects.create(
        sesion=sesion,
        punto=PuntoFactory(sesion=sesion),
        numero=1,
        mocion="Insistir en el proyecto",
        mayoria=mayoria,
        estado=estado,
        resultado=resultado,
        a_favor=a_favor,
    )


@pytest.mark.parametrize(("articulos", "dias"), [(1, 5), (20, 5), (21, 10), (50, 10), (51, 20)])
def test_co_plazo_por_numero_de_articulos(articulos, dias, secretario, cliente_de):
    acto = _firmado(cliente_de(secretario), secretario, "CO", articulos=articulos)
    etapa = Sancion.objects.get(acto=acto)
    assert etapa.articulos == articulos and etapa.estado == "pendiente"
    assert etapa.vence == calcular_plazo(desde=HOY, dias=dias, tipo="habiles").vence
    assert (
        dias_del_plazo({"tipo": "por_articulos", "tramos": [[20, 5], [50, 10], [0, 20]]}, articulos)[0]
        == dias
    )


@pytest.mark.parametrize("pais", ["PE", "MX"])
def test_sin_etapa_aparte_se_publica_tras_la_firma(pais, secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, pais)
    assert not Sancion.objects.filter(acto=acto).exists()
    assert _publicar(cliente, acto, pais).status_code == 200


@pytest.mark.parametrize(("pais", "decision"), [("CO", "sancionar"), ("EC", "sancionar")])
def test_no_se_publica_antes_de_la_sancion(pais, decision, secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, pais)
    r = _publicar(cliente, acto, pais)
    assert r.status_code == 400 and "etapa de sanción" in r.content.decode()
    assert Acto.objects.get(pk=acto.pk).estado == Acto.Estado.FIRMADO
    # La lista de actos por sancionar la muestra con su vencimiento.
    pagina = cliente.get(reverse("actos:por-sancionar")).content.decode()
    assert acto.numero_texto in pagina and f"{Sancion.objects.get(acto=acto).vence:%d/%m/%Y}" in pagina
    r = cliente.post(
        reverse("actos:acto-sancion", args=[acto.pk]), {"decision": decision, "fecha": HOY.isoformat()}
    )
    assert r.status_code == 302
    assert Sancion.objects.get(acto=acto).estado == "sancionado"
    assert Evento.objects.filter(accion=f"actos.sancion.{decision}", objeto_id=str(acto.pk)).exists()
    assert _publicar(cliente, acto, pais).status_code == 200


@pytest.mark.parametrize(
    ("pais", "objecion", "mayoria", "a_favor", "alcanza"),
    [
        ("CO", "objetar", "simple_presentes", 7, True),
        ("EC", "observar", "dos_tercios_legal", 8, True),  # 12 de número legal: ⅔ = 8
        ("EC", "observar", "simple_presentes", 7, False),  # no es la mayoría del perfil y 7 < 8
    ],
)
def test_objecion_e_insistencia_del_concejo(
    pais, objecion, mayoria, a_favor, alcanza, secretario, cliente_de
):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, pais)
    url = reverse("actos:acto-sancion", args=[acto.pk])
    r = cliente.post(url, {"decision": objecion, "fecha": HOY.isoformat()}, follow=True)
    assert "Escriba los motivos" in r.content.decode()
    cliente.post(url, {"decision": objecion, "fecha": HOY.isoformat(), "motivo": "Inconveniente por costo"})
    assert Sancion.objects.get(acto=acto).estado == "objetado"
    assert _publicar(cliente, acto, pais).status_code == 400
    votacion = _votacion(mayoria=mayoria, a_favor=a_favor)
    r = cliente.post(
        reverse("actos:acto-insistencia", args=[acto.pk]), {"votacion": votacion.pk}, follow=True
    )
    etapa = Sancion.objects.get(acto=acto)
    if not alcanza:
        assert "La insistencia requiere dos tercios del número legal" in r.content.decode()
        assert etapa.estado == "objetado"
        return
    assert etapa.estado == "insistido" and etapa.votacion_insistencia == votacion
    assert etapa.vence == calcular_plazo(desde=HOY, dias=8, tipo="habiles").vence
    # Tras la insistencia ya no se puede volver a objetar: se sanciona (CO art. 79: o el presidente).
    r = cliente.post(url, {"decision": objecion, "motivo": "otra vez"}, follow=True)
    assert "Elija una de" in r.content.decode()
    cliente.post(url, {"decision": "sancionar", "sancionado_por": "Presidente del concejo"})
    assert Sancion.objects.get(acto=acto).sancionado_por == "Presidente del concejo"
    assert _publicar(cliente, acto, pais).status_code == 200


def test_una_votacion_no_confirmada_no_sirve(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, "CO")
    cliente.post(reverse("actos:acto-sancion", args=[acto.pk]), {"decision": "objetar", "motivo": "Ilegal"})
    votacion = _votacion(mayoria="simple_presentes", a_favor=9, estado="cerrada")
    r = cliente.post(
        reverse("actos:acto-insistencia", args=[acto.pk]), {"votacion": votacion.pk}, follow=True
    )
    assert "confirmada y aprobada" in r.content.decode()


def test_fuera_de_plazo_se_marca_vencido(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, "CO")
    Sancion.objects.filter(acto=acto).update(vence=HOY - timedelta(days=1))
    assert "vencido" in cliente.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert "vencido" in cliente.get(reverse("actos:por-sancionar")).content.decode()


def test_solo_la_secretaria_registra_la_sancion(secretario, jefe_unidad, ajeno, cliente_de):
    acto = _firmado(cliente_de(secretario), secretario, "CO")
    assert (
        cliente_de(ajeno)
        .post(reverse("actos:acto-sancion", args=[acto.pk]), {"decision": "sancionar"})
        .status_code
        == 404
    )
    assert cliente_de(ajeno).get(reverse("actos:por-sancionar")).status_code == 403
    assert Sancion.objects.get(acto=acto).estado == "pendiente"
