"""El cuadro entero con sus expedientes en EAD3, válido contra el esquema de la SAA de
../shared/standards/ead3/ (su README: no se copia al proyecto; en un clon sin esa carpeta la validación se
omite diciéndolo), y un expediente en Dublin Core."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from lxml import etree
from rest_framework.test import APIClient

from archivo.services.expedientes import archivar
from archivo.tests.factories import cuadro_minimo, expediente
from registro.tests.factories import DocumentoFactory

pytestmark = pytest.mark.django_db

ESQUEMA = Path(settings.BASE_DIR).parent / "shared" / "standards" / "ead3" / "ead3.xsd"
NS = {"ead": "http://ead3.archivists.org/schema/"}


@pytest.fixture(scope="module")
def esquema():
    if not ESQUEMA.exists():
        pytest.skip(f"No está el esquema EAD3 en {ESQUEMA} (clon sin ../shared/standards/)")
    return etree.XMLSchema(etree.parse(str(ESQUEMA)))


def _api(usuario):
    cliente = APIClient()
    cliente.force_authenticate(usuario)
    return cliente


@pytest.fixture
def archivo_con_expedientes(archivero, unidad_gdu):
    serie = cuadro_minimo(unidad=unidad_gdu, por=archivero, codigo_serie="GDU-01")
    publico = expediente(serie=serie, unidad=unidad_gdu, por=archivero, titulo="Licencias 2026", caja="C-1")
    archivar(expediente=publico, documento=DocumentoFactory(folios=5), por=archivero)
    reservado = expediente(
        serie=serie,
        unidad=unidad_gdu,
        por=archivero,
        titulo="Proceso judicial reservado",
        acceso="reservado",
        fundamento_acceso="TUO de la Ley 27806, art. 17",
        reservado_hasta=timezone.localdate() + timedelta(days=30),
    )
    return publico, reservado


def test_ead3_valido_con_cuadro_retencion_y_expedientes(esquema, archivero, archivo_con_expedientes):
    publico, reservado = archivo_con_expedientes
    r = _api(archivero).get("/api/v1/archivo/ead/")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/xml")
    documento = etree.fromstring(r.content)
    esquema.assertValid(documento)
    assert documento.xpath("string(ead:archdesc/@level)", namespaces=NS) == "fonds"
    serie = documento.xpath("//ead:c[@level='series']", namespaces=NS)[0]
    assert serie.xpath("string(ead:did/ead:unitid)", namespaces=NS) == "GDU-01"
    assert "PCDA versión 1" in serie.xpath("string(ead:appraisal)", namespaces=NS)
    expedientes = documento.xpath("//ead:c[@level='file']/ead:did/ead:unitid/text()", namespaces=NS)
    assert sorted(expedientes) == sorted([publico.codigo, reservado.codigo])
    folios = documento.xpath(
        f"string(//ead:c[ead:did/ead:unitid='{publico.codigo}']//ead:quantity)", namespaces=NS
    )
    assert folios == "5"


def test_el_ead3_no_muestra_reservados_a_quien_no_los_ve(esquema, ajeno, archivo_con_expedientes):
    publico, reservado = archivo_con_expedientes
    r = _api(ajeno).get("/api/v1/archivo/ead/")
    assert r.status_code == 200
    esquema.assertValid(etree.fromstring(r.content))
    texto = r.content.decode()
    assert publico.codigo in texto and reservado.codigo not in texto and "Proceso judicial" not in texto


def test_ead3_de_un_cuadro_vacio_es_valido_y_el_ciudadano_no_lo_pide(esquema, archivero, ciudadano):
    r = _api(archivero).get("/api/v1/archivo/ead/")
    esquema.assertValid(etree.fromstring(r.content))
    assert _api(ciudadano).get("/api/v1/archivo/ead/").status_code == 403


def test_dublin_core_de_un_expediente(archivero, archivo_con_expedientes):
    publico, _ = archivo_con_expedientes
    r = _api(archivero).get(f"/api/v1/archivo/expedientes/{publico.pk}/dc/")
    assert r.status_code == 200
    dc = etree.fromstring(r.content)
    ns = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert dc.xpath("string(dc:identifier)", namespaces=ns) == publico.codigo
    assert dc.xpath("string(dc:title)", namespaces=ns) == "Licencias 2026"
    assert "5 folios" in dc.xpath("string(dc:format)", namespaces=ns)
