"""Búsqueda de texto completo en el registro: tildes, raíces, número, remitente y alcance por unidad."""

import pytest
from django.db import connection

from core.services.personas import actualizar_persona
from core.tests.factories import PersonaFactory
from registro.selectors.busqueda import buscar_documentos
from registro.services.flujo import derivar
from registro.tests.factories import DocumentoFactory


@pytest.fixture
def documentos(mesa_de_partes):
    remitente = PersonaFactory(nombres="José", apellidos="Ñahui Quispe")
    return {
        "licencia": DocumentoFactory(
            por=mesa_de_partes, asunto="Solicitud de licencia de edificación", remitente=remitente
        ),
        "poda": DocumentoFactory(por=mesa_de_partes, asunto="Queja por poda de árboles en el parque"),
        "reclamo": DocumentoFactory(por=mesa_de_partes, asunto="Reclamo por cobro de arbitrios"),
    }


def _ids(texto, usuario):
    return set(buscar_documentos(texto, usuario=usuario).values_list("pk", flat=True))


def test_tildes_y_mayusculas_no_importan(documentos, mesa_de_partes):
    assert _ids("EDIFICACION", mesa_de_partes) == {documentos["licencia"].pk}
    assert _ids("arboles", mesa_de_partes) == {documentos["poda"].pk}


def test_raices_espanolas(documentos, mesa_de_partes):
    assert _ids("licencias", mesa_de_partes) == {documentos["licencia"].pk}
    assert _ids("reclamo arbitrio", mesa_de_partes) == {documentos["reclamo"].pk}


def test_todas_las_palabras_deben_estar(documentos, mesa_de_partes):
    assert _ids("licencia parque", mesa_de_partes) == set()
    if connection.vendor == "postgresql":  # la sonda fuerza el GIN solo para sí misma
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"


def test_por_numero_y_por_remitente(documentos, mesa_de_partes):
    doc = documentos["reclamo"]
    assert doc.pk in _ids(doc.numero_texto, mesa_de_partes)
    assert _ids("nahui", mesa_de_partes) == {documentos["licencia"].pk}
    assert _ids("Jose Ñahui", mesa_de_partes) == {documentos["licencia"].pk}


def test_palabras_del_asunto_y_del_remitente_juntas(documentos, mesa_de_partes):
    # Todas las palabras deben estar, pero cada una puede venir del asunto, del número o del remitente.
    assert _ids("licencia Quispe", mesa_de_partes) == {documentos["licencia"].pk}
    assert _ids("poda Quispe", mesa_de_partes) == set()


def test_el_asunto_corregido_se_encuentra(documentos, mesa_de_partes):
    from registro.models import Documento

    Documento.objects.filter(pk=documentos["poda"].pk).update(asunto="Queja por tala de árboles")
    assert _ids("tala", mesa_de_partes) == {documentos["poda"].pk}
    assert _ids("poda", mesa_de_partes) == set()


def test_el_nombre_nuevo_del_remitente_se_encuentra(documentos, mesa_de_partes, secretario):
    persona = documentos["licencia"].remitente
    actualizar_persona(
        persona=persona,
        por=secretario,
        tipo=persona.tipo,
        tipo_documento=persona.tipo_documento,
        numero_documento=persona.numero_documento,
        nombres="Josefina",
        apellidos="Mamani",
        razon_social="",
        correo="",
        telefono="",
        direccion="",
    )
    assert _ids("mamani", mesa_de_partes) == {documentos["licencia"].pk}
    assert _ids("Quispe", mesa_de_partes) == set()


def test_el_ajeno_nunca_encuentra_documentos_de_otros(documentos, ajeno, mesa_de_partes, jefe_unidad):
    assert _ids("licencia", ajeno) == set()
    # La unidad a la que se deriva sí lo encuentra; el ajeno sigue sin verlo.
    derivar(documento=documentos["licencia"], a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    assert _ids("licencia", jefe_unidad) == {documentos["licencia"].pk}
    assert _ids("licencia", ajeno) == set()


def test_texto_vacio_o_de_palabras_vacias_no_filtra(documentos, mesa_de_partes):
    assert _ids("", mesa_de_partes) == _ids("de la", mesa_de_partes) == {d.pk for d in documentos.values()}


def test_sintaxis_del_usuario_no_rompe(documentos, mesa_de_partes):
    assert _ids('"licencia" *(', mesa_de_partes) == {documentos["licencia"].pk}


def test_muchas_o_pocas_coincidencias_dan_lo_mismo(documentos, mesa_de_partes, monkeypatch):
    # En PostgreSQL, con pocas coincidencias se filtra por los ids de la sonda del GIN; con muchas, por
    # la condición en la fila. El resultado es el mismo por los dos caminos.
    from registro.selectors import busqueda

    otro = DocumentoFactory(por=mesa_de_partes, asunto="Licencia de funcionamiento")
    esperado = {documentos["licencia"].pk, otro.pk}
    assert _ids("licencia", mesa_de_partes) == esperado
    monkeypatch.setattr(busqueda, "POCOS", 1)
    assert _ids("licencia", mesa_de_partes) == esperado
    assert _ids("licencia parque", mesa_de_partes) == set()
    if connection.vendor == "postgresql":  # la sonda fuerza el GIN solo para sí misma
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
