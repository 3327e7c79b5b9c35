"""Expedientes: código consecutivo, agregar documentos y viajar juntos al derivar."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Evento
from registro.models import Derivacion, Documento, Expediente
from registro.services.expedientes import agregar_a_expediente, crear_expediente
from registro.services.flujo import derivar
from registro.tests.factories import DocumentoFactory


def test_crear_y_agregar(mesa_de_partes):
    a, b = DocumentoFactory(por=mesa_de_partes), DocumentoFactory(por=mesa_de_partes)
    exp = crear_expediente(asunto="Licencia de obra — Jr. Lima 123", documentos=[a], por=mesa_de_partes)
    assert exp.codigo.startswith("EXP-") and exp.codigo.endswith("000001")
    agregar_a_expediente(expediente=exp, documento=b, por=mesa_de_partes)
    assert set(exp.documentos.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert Evento.objects.filter(accion="registro.expediente.crear").count() == 1
    assert Evento.objects.filter(accion="registro.expediente.agregar").count() == 1
    otro = crear_expediente(
        asunto="Otro", documentos=[DocumentoFactory(por=mesa_de_partes)], por=mesa_de_partes
    )
    assert otro.codigo.endswith("000002")


def test_el_expediente_viaja_junto(mesa_de_partes, unidad_gdu):
    a, b = DocumentoFactory(por=mesa_de_partes), DocumentoFactory(por=mesa_de_partes)
    crear_expediente(asunto="Trámite", documentos=[a, b], por=mesa_de_partes)
    derivar(documento=a, a_unidad=unidad_gdu, por=mesa_de_partes, instrucciones="Juntos")
    assert Derivacion.objects.filter(a_unidad=unidad_gdu, estado="pendiente").count() == 2
    assert set(Documento.objects.values_list("unidad_actual", flat=True)) == {unidad_gdu.pk}


def test_mala_entrada_no_cambia_nada(mesa_de_partes, ajeno):
    a = DocumentoFactory(por=mesa_de_partes)
    with pytest.raises(ValidationError) as error:
        crear_expediente(asunto=" ", documentos=[], por=mesa_de_partes)
    assert {"asunto", "documentos"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError, match="no está en la bandeja"):
        crear_expediente(asunto="Ajeno", documentos=[a], por=ajeno)
    exp = crear_expediente(asunto="Uno", documentos=[a], por=mesa_de_partes)
    with pytest.raises(ValidationError, match="ya pertenece a otro"):
        crear_expediente(asunto="Dos", documentos=[a], por=mesa_de_partes)
    assert Expediente.objects.get() == exp


def test_paginas_de_expediente(mesa_de_partes, ajeno, cliente_de):
    a, b = DocumentoFactory(por=mesa_de_partes), DocumentoFactory(por=mesa_de_partes)
    cliente = cliente_de(mesa_de_partes)
    assert cliente.get(reverse("registro:expediente-crear", args=[a.pk])).status_code == 405
    r = cliente.post(reverse("registro:expediente-crear", args=[a.pk]), {"asunto": "Obra nueva"})
    exp = Expediente.objects.get()
    assert r.status_code == 302 and r.url == reverse("registro:expediente", args=[exp.pk])
    r = cliente.post(
        reverse("registro:expediente-agregar", args=[b.pk]), {"codigo": "NO-EXISTE"}, follow=True
    )
    assert "No se encontró el expediente" in r.content.decode()
    cliente.post(reverse("registro:expediente-agregar", args=[b.pk]), {"codigo": exp.codigo.lower()})
    assert Documento.objects.get(pk=b.pk).expediente == exp
    r = cliente.get(reverse("registro:expediente", args=[exp.pk]))
    assert r.status_code == 200 and a.numero_texto in r.content.decode()
    assert cliente_de(ajeno).get(reverse("registro:expediente", args=[exp.pk])).status_code == 404
    assert (
        cliente_de(ajeno).post(reverse("registro:expediente-crear", args=[a.pk]), {"asunto": "x"}).status_code
        == 404
    )
