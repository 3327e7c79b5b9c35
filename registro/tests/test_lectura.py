"""Acuse de lectura de memorandos y circulares: la primera apertura queda registrada una sola vez."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import roles
from core.models import Evento
from core.tests.consultas import con_sesion
from core.tests.factories import UnidadFactory, UsuarioFactory
from registro.models import DestinatarioInterno
from registro.services.emision import crear_borrador, firmar, marcar_leido
from registro.tests.factories import TipoDocumentalFactory


@pytest.fixture
def memo(jefe_unidad, unidad_sg):
    tipo = TipoDocumentalFactory(nombre="Memorando", interno=True, codigo_serie="memorando")
    d = crear_borrador(
        clase="interno",
        tipo_documental=tipo,
        unidad_origen=jefe_unidad.unidad,
        asunto="Coordinación",
        por=jefe_unidad,
        cuerpo="Texto propio del documento.",
        destinatarios_unidades=[unidad_sg],
    )
    return firmar(documento=d, por=jefe_unidad)


def test_abrir_marca_leido_una_vez(cliente_de, memo, secretario, prosecretario):
    c = cliente_de(secretario)
    assert c.get(reverse("registro:documento-emitido", args=[memo.pk])).status_code == 200
    destino = DestinatarioInterno.objects.get(documento=memo)
    assert destino.leido_por == secretario and destino.leido_en is not None
    c.get(reverse("registro:documento-emitido", args=[memo.pk]))
    cliente_de(prosecretario).get(reverse("registro:documento-emitido", args=[memo.pk]))
    destino.refresh_from_db()
    assert destino.leido_por == secretario
    assert Evento.objects.filter(accion="registro.documento.leer").count() == 1


def test_remitente_ve_quien_leyo(cliente_de, memo, secretario, jefe_unidad):
    c = cliente_de(jefe_unidad)
    assert "No leído" in c.get(reverse("registro:documento-emitido", args=[memo.pk])).content.decode()
    assert not DestinatarioInterno.objects.get(documento=memo).leido_en  # abrirlo el remitente no cuenta
    marcar_leido(destinatario=DestinatarioInterno.objects.get(documento=memo), por=secretario)
    assert (
        f"por {secretario}" in c.get(reverse("registro:documento-emitido", args=[memo.pk])).content.decode()
    )


def test_solo_el_destinatario_acusa_lectura(memo, jefe_unidad):
    with pytest.raises(ValidationError, match="Solo el destinatario"):
        marcar_leido(destinatario=DestinatarioInterno.objects.get(documento=memo), por=jefe_unidad)
    assert not Evento.objects.filter(accion="registro.documento.leer").exists()


def test_recibidos_internos_no_leidos_primero(
    cliente_de, memo, jefe_unidad, unidad_sg, secretario, django_assert_num_queries
):
    tipo = memo.tipo_documental
    segundo = firmar(
        documento=crear_borrador(
            clase="interno",
            tipo_documental=tipo,
            unidad_origen=jefe_unidad.unidad,
            asunto="Segundo aviso",
            por=jefe_unidad,
            cuerpo="Texto propio del documento.",
            destinatarios_usuarios=[secretario],
        ),
        por=jefe_unidad,
    )
    marcar_leido(destinatario=DestinatarioInterno.objects.get(documento=segundo), por=secretario)
    crear_borrador(
        clase="interno",
        tipo_documental=tipo,
        unidad_origen=jefe_unidad.unidad,
        asunto="Borrador oculto",
        por=jefe_unidad,
        cuerpo="Texto propio del documento.",
        destinatarios_unidades=[unidad_sg],
    )
    c = cliente_de(secretario)
    c.get(reverse("registro:recibidos-internos"))
    with django_assert_num_queries(con_sesion(8)):
        html = c.get(reverse("registro:recibidos-internos")).content.decode()
    assert html.index("Coordinación") < html.index("Segundo aviso")
    assert "Borrador oculto" not in html


def test_ajeno_no_ve_el_memorando(cliente_de, memo, ajeno):
    assert cliente_de(ajeno).get(reverse("registro:documento-emitido", args=[memo.pk])).status_code == 404
    assert (
        "Coordinación" not in cliente_de(ajeno).get(reverse("registro:recibidos-internos")).content.decode()
    )


def test_circular_cada_unidad_acusa_por_separado(jefe_unidad):
    tipo = TipoDocumentalFactory(nombre="Circular", interno=True, codigo_serie="circular")
    unidades = [UnidadFactory(sigla=s, nombre=f"Unidad {s}") for s in ("GAF", "GSC")]
    lector = UsuarioFactory(username="gaf1", unidad=unidades[0], roles=[roles.FUNCIONARIO])
    c = firmar(
        documento=crear_borrador(
            clase="interno",
            tipo_documental=tipo,
            unidad_origen=jefe_unidad.unidad,
            asunto="Circular",
            por=jefe_unidad,
            cuerpo="Texto propio del documento.",
            destinatarios_unidades=unidades,
        ),
        por=jefe_unidad,
    )
    for destino in DestinatarioInterno.objects.filter(documento=c, unidad=unidades[0]):
        marcar_leido(destinatario=destino, por=lector)
    leidos = dict(DestinatarioInterno.objects.filter(documento=c).values_list("unidad__sigla", "leido_por"))
    assert leidos == {"GAF": lector.pk, "GSC": None}
