"""Hoja de ruta: servicios de derivación y sus páginas (acciones sobre el documento, PDF)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Evento, Notificacion
from core.tests.factories import UnidadFactory, UsuarioFactory
from registro.models import Derivacion, Documento
from registro.services.flujo import (
    aceptar,
    atender,
    concluir,
    derivar,
    derivar_en_lote,
    devolver,
    marcar_copia_leida,
)
from registro.tests.factories import DocumentoFactory

E = Derivacion.Estado


@pytest.fixture
def documento(mesa_de_partes):
    return DocumentoFactory(por=mesa_de_partes, asunto="Solicitud de licencia de edificación")


def eventos(accion):
    return Evento.objects.filter(accion=accion)


# Servicios -------------------------------------------------------------------------------------


def test_derivar_abre_linea_pendiente_y_copias(documento, mesa_de_partes, jefe_unidad, unidad_sg):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes,
                    instrucciones="Evaluar y responder", plazo_dias=5, copias=[unidad_sg])
    documento.refresh_from_db()
    assert linea.estado == E.PENDIENTE and linea.tipo == "accion" and linea.secuencia == 1
    assert linea.de_unidad == mesa_de_partes.unidad and linea.a_unidad == jefe_unidad.unidad
    assert linea.vence is not None and linea.vence > documento.recibido_en.date()
    assert documento.unidad_actual == jefe_unidad.unidad and documento.estado == Documento.Estado.REGISTRADO
    copia = Derivacion.objects.get(documento=documento, tipo="copia")
    assert copia.a_unidad == unidad_sg and copia.estado == E.PENDIENTE
    evento = eventos("registro.documento.derivar").get()
    assert evento.despues["copias"] == ["SG"] and evento.antes["unidad_actual"] == mesa_de_partes.unidad_id
    # El jefe de la unidad destino recibe el aviso.
    assert Notificacion.objects.filter(usuario=jefe_unidad).exists()


def test_sin_plazo_la_linea_vence_con_el_documento(documento, mesa_de_partes, unidad_gdu):
    linea = derivar(documento=documento, a_unidad=unidad_gdu, por=mesa_de_partes)
    assert linea.vence == documento.vence and linea.plazo_dias is None


def test_recorrido_completo(documento, mesa_de_partes, jefe_unidad):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    aceptar(derivacion=linea, por=jefe_unidad)
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.EN_TRAMITE and documento.responsable_actual == jefe_unidad
    atender(derivacion=linea, por=jefe_unidad, respuesta="Se otorgó la licencia")
    linea.refresh_from_db()
    documento.refresh_from_db()
    assert linea.estado == E.ATENDIDA and linea.motivo == "Se otorgó la licencia"
    assert documento.estado == Documento.Estado.ATENDIDO and documento.cerrado and documento.cerrado_en
    assert eventos("registro.derivacion.aceptar").count() == 1
    assert eventos("registro.derivacion.atender").get().despues["documento"]["estado"] == "atendido"


def test_derivar_onward_cierra_la_linea_anterior(documento, mesa_de_partes, jefe_unidad, unidad_sg):
    primera = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    aceptar(derivacion=primera, por=jefe_unidad)
    segunda = derivar(documento=documento, a_unidad=unidad_sg, por=jefe_unidad, instrucciones="Para opinión legal")
    primera.refresh_from_db()
    assert primera.estado == E.DERIVADA and primera.cerrado_por == jefe_unidad
    assert segunda.anterior == primera and segunda.secuencia == 2 and segunda.de_unidad == jefe_unidad.unidad
    assert Documento.objects.get(pk=documento.pk).unidad_actual == unidad_sg


def test_solo_quien_lo_tiene_deriva(documento, mesa_de_partes, jefe_unidad, ajeno, unidad_sg):
    with pytest.raises(ValidationError, match="no está en la bandeja"):
        derivar(documento=documento, a_unidad=unidad_sg, por=ajeno)
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    # Ya derivado, la mesa de partes no lo vuelve a mover.
    with pytest.raises(ValidationError):
        derivar(documento=documento, a_unidad=unidad_sg, por=mesa_de_partes)
    assert Derivacion.objects.filter(documento=documento).get() == linea


def test_devolver_exige_motivo_y_vuelve_al_origen(documento, mesa_de_partes, jefe_unidad):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    with pytest.raises(ValidationError) as error:
        devolver(derivacion=linea, motivo="  ", por=jefe_unidad)
    assert "motivo" in error.value.message_dict
    nueva = devolver(derivacion=linea, motivo="No es de nuestra competencia", por=jefe_unidad)
    linea.refresh_from_db()
    documento.refresh_from_db()
    assert linea.estado == E.DEVUELTA and linea.motivo == "No es de nuestra competencia"
    assert nueva.a_unidad == mesa_de_partes.unidad and nueva.estado == E.PENDIENTE
    assert documento.unidad_actual == mesa_de_partes.unidad
    assert eventos("registro.derivacion.devolver").count() == 1


def test_concluir_exige_motivo(documento, mesa_de_partes):
    with pytest.raises(ValidationError):
        concluir(documento=documento, por=mesa_de_partes, motivo="")
    concluir(documento=documento, por=mesa_de_partes, motivo="Duplicado del registro anterior")
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.CONCLUIDO
    assert eventos("registro.documento.concluir").get().despues["motivo"] == "Duplicado del registro anterior"
    with pytest.raises(ValidationError, match="ya está cerrado"):
        concluir(documento=documento, por=mesa_de_partes, motivo="otra vez")


def test_copia_se_marca_leida_y_no_se_acepta(documento, mesa_de_partes, jefe_unidad, unidad_sg, secretario):
    derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes, copias=[unidad_sg])
    copia = Derivacion.objects.get(tipo="copia")
    with pytest.raises(ValidationError, match="copias"):
        aceptar(derivacion=copia, por=secretario)
    marcar_copia_leida(derivacion=copia, por=secretario)
    copia.refresh_from_db()
    assert copia.estado == E.ARCHIVADA
    assert Documento.objects.get(pk=documento.pk).unidad_actual == jefe_unidad.unidad


def test_otra_unidad_no_acepta(documento, mesa_de_partes, jefe_unidad, ajeno):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    with pytest.raises(ValidationError, match="no es de su unidad"):
        aceptar(derivacion=linea, por=ajeno)
    linea.refresh_from_db()
    assert linea.estado == E.PENDIENTE


def test_plazo_invalido(documento, mesa_de_partes, unidad_gdu):
    with pytest.raises(ValidationError) as error:
        derivar(documento=documento, a_unidad=unidad_gdu, por=mesa_de_partes, plazo_dias=0)
    assert "plazo_dias" in error.value.message_dict
    assert not Derivacion.objects.exists()


def test_derivar_en_lote_todo_o_nada(mesa_de_partes, unidad_gdu, ajeno):
    propios = [DocumentoFactory(por=mesa_de_partes) for _ in range(2)]
    otro = DocumentoFactory(por=UsuarioFactory(unidad=UnidadFactory(sigla="OTRA"), roles=["Mesa de partes"]))
    with pytest.raises(ValidationError) as error:
        derivar_en_lote(documentos=[*propios, otro], a_unidad=unidad_gdu, por=mesa_de_partes)
    assert otro.numero_texto in error.value.messages[0]
    assert not Derivacion.objects.exists()
    assert not eventos("registro.documento.derivar").exists()
    lineas = derivar_en_lote(documentos=propios, a_unidad=unidad_gdu, por=mesa_de_partes, plazo_dias=3)
    assert len(lineas) == 2 and all(linea.plazo_dias == 3 for linea in lineas)
