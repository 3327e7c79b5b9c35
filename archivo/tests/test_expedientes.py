"""Expedientes por sus páginas y su API: abrir bajo una serie, archivar documentos del registro en orden con
folios e índice electrónico, cerrar (el índice se congela); permisos por unidad y reservados invisibles."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from archivo.models import Expediente, Pieza
from archivo.services.expedientes import archivar, cerrar_expediente, huella_del_indice
from archivo.tests.factories import cuadro_minimo, expediente
from core.models import Evento
from registro.tests.factories import DocumentoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def serie(archivero, unidad_gdu):
    return cuadro_minimo(unidad=unidad_gdu, por=archivero, codigo_serie="GDU-01")


def _api(usuario) -> APIClient:
    cliente = APIClient()
    cliente.force_authenticate(usuario)
    return cliente


def test_la_unidad_abre_archiva_en_orden_y_cierra(jefe_unidad, unidad_gdu, serie, cliente_de):
    cliente = cliente_de(jefe_unidad)
    r = cliente.post(
        reverse("archivo:expedientes"),
        {
            "nodo": serie.pk,
            "unidad": unidad_gdu.pk,
            "titulo": "Licencia de edificación — Av. Los Álamos 123",
            "soporte": "hibrido",
            "acceso": "publico",
            "edificio": "Palacio municipal",
            "caja": "C-07",
        },
    )
    assert r.status_code == 302
    exp = Expediente.objects.get()
    anio = timezone.localdate().year
    assert exp.codigo == f"GDU-01-{anio}-0001"
    assert (exp.etapa, exp.retencion.version, exp.unidad) == ("gestion", 1, unidad_gdu)
    assert exp.ubicacion == "Edificio Palacio municipal, Caja C-07"
    assert Evento.objects.filter(accion="archivo.expediente.abrir", objeto_id=str(exp.pk)).exists()

    d1 = DocumentoFactory(folios=3, unidad_destino=unidad_gdu)
    d2 = DocumentoFactory(folios=2, unidad_destino=unidad_gdu)
    for d in (d1, d2):
        r = cliente.post(reverse("archivo:expediente-archivar", args=[exp.pk]), {"documento": d.pk})
        assert r.status_code == 302
    p1, p2 = exp.piezas.order_by("orden")
    assert (p1.orden, p1.folio_inicial, p1.folio_final, p1.paginas) == (1, 1, 3, 3)
    assert (p2.orden, p2.folio_inicial, p2.folio_final) == (2, 4, 5)
    assert len(p1.sha256) == 64 and p1.documento == d1
    assert Evento.objects.filter(accion="archivo.expediente.archivar").count() == 2

    pagina = cliente.get(reverse("archivo:expediente", args=[exp.pk]))
    assert pagina.status_code == 200 and p2.sha256 in pagina.content.decode()

    assert cliente.post(reverse("archivo:expediente-cerrar", args=[exp.pk])).status_code == 302
    exp.refresh_from_db()
    assert exp.cerrado and exp.indice_sha256 == huella_del_indice(exp)
    assert Evento.objects.filter(accion="archivo.expediente.cerrar", objeto_id=str(exp.pk)).exists()

    # Cerrado: el índice ya no cambia.
    d3 = DocumentoFactory(unidad_destino=unidad_gdu)
    r = cliente.post(reverse("archivo:expediente-archivar", args=[exp.pk]), {"documento": d3.pk}, follow=True)
    assert "El expediente está cerrado: su índice ya no cambia." in r.content.decode()
    assert exp.piezas.count() == 2


def test_un_documento_esta_en_un_solo_expediente(archivero, unidad_gdu, serie, cliente_de):
    a = expediente(serie=serie, unidad=unidad_gdu, por=archivero)
    b = expediente(serie=serie, unidad=unidad_gdu, por=archivero, titulo="Otro")
    documento = DocumentoFactory()
    cliente = cliente_de(archivero)
    cliente.post(reverse("archivo:expediente-archivar", args=[a.pk]), {"documento": documento.pk})
    r = cliente.post(
        reverse("archivo:expediente-archivar", args=[b.pk]), {"documento": documento.pk}, follow=True
    )
    assert f"Ya está archivado en el expediente {a.codigo}." in r.content.decode()
    assert not b.piezas.exists()


def test_reservado_sin_fundamento_se_rechaza_y_nada_cambia(archivero, unidad_gdu, serie, cliente_de):
    r = cliente_de(archivero).post(
        reverse("archivo:expedientes"),
        {
            "nodo": serie.pk,
            "unidad": unidad_gdu.pk,
            "titulo": "Proceso",
            "soporte": "papel",
            "acceso": "reservado",
        },
    )
    assert r.status_code == 400
    texto = r.content.decode()
    assert "necesita su fundamento legal" in texto and "hasta cuándo dura la reserva" in texto
    assert not Expediente.objects.exists()
    assert not Evento.objects.filter(accion="archivo.expediente.abrir").exists()


def test_una_unidad_no_abre_expedientes_de_otra(ajeno, unidad_gdu, serie, cliente_de):
    r = cliente_de(ajeno).post(
        reverse("archivo:expedientes"),
        {"nodo": serie.pk, "unidad": unidad_gdu.pk, "titulo": "X", "soporte": "papel", "acceso": "publico"},
    )
    assert r.status_code == 400
    assert "Solo puede abrir expedientes de su unidad." in r.content.decode()
    assert not Expediente.objects.exists()


def test_quien_solo_ve_no_archiva_ni_cierra(regidor, archivero, unidad_gdu, serie, cliente_de):
    exp = expediente(serie=serie, unidad=unidad_gdu, por=archivero)
    cliente = cliente_de(regidor)
    assert cliente.get(reverse("archivo:expediente", args=[exp.pk])).status_code == 200
    documento = DocumentoFactory()
    r = cliente.post(reverse("archivo:expediente-archivar", args=[exp.pk]), {"documento": documento.pk})
    assert r.status_code == 403
    assert cliente.post(reverse("archivo:expediente-cerrar", args=[exp.pk])).status_code == 403
    assert cliente.get(reverse("archivo:expediente-cerrar", args=[exp.pk])).status_code == 405
    r = cliente.post(
        reverse("archivo:expedientes"),
        {"nodo": serie.pk, "unidad": unidad_gdu.pk, "titulo": "X", "soporte": "papel", "acceso": "publico"},
    )
    assert r.status_code == 403
    assert not exp.piezas.exists() and Expediente.objects.count() == 1


def test_un_reservado_no_existe_para_el_ajeno(ajeno, archivero, jefe_unidad, unidad_gdu, serie, cliente_de):
    reservado = expediente(
        serie=serie,
        unidad=unidad_gdu,
        por=archivero,
        titulo="Sumario administrativo reservado",
        acceso="reservado",
        fundamento_acceso="TUO de la Ley 27806, art. 17",
        reservado_hasta=timezone.localdate() + timedelta(days=365),
    )
    publico = expediente(serie=serie, unidad=unidad_gdu, por=archivero, titulo="Licencias 2026")
    cliente = cliente_de(ajeno)
    assert cliente.get(reverse("archivo:expediente", args=[reservado.pk])).status_code == 404
    assert cliente.post(reverse("archivo:expediente-cerrar", args=[reservado.pk])).status_code == 404
    lista = cliente.get(reverse("archivo:expedientes")).content.decode()
    assert publico.codigo in lista and reservado.codigo not in lista
    assert _api(ajeno).get(f"/api/v1/archivo/expedientes/{reservado.pk}/").status_code == 404
    assert _api(ajeno).get(f"/api/v1/archivo/expedientes/{reservado.pk}/dc/").status_code == 404
    codigos = [e["codigo"] for e in _api(ajeno).get("/api/v1/archivo/expedientes/").json()["results"]]
    assert codigos == [publico.codigo]
    # La unidad productora y el archivo central sí lo ven.
    assert cliente_de(jefe_unidad).get(reverse("archivo:expediente", args=[reservado.pk])).status_code == 200
    assert _api(archivero).get(f"/api/v1/archivo/expedientes/{reservado.pk}/").status_code == 200


def test_la_api_abre_archiva_y_cierra(archivero, unidad_gdu, serie):
    api = _api(archivero)
    r = api.post(
        "/api/v1/archivo/expedientes/",
        {
            "serie": "GDU-01",
            "unidad": "GDU",
            "titulo": "Licencias de funcionamiento",
            "soporte": "electronico",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    exp_id = r.json()["id"]
    assert r.json()["retencion_version"] == 1 and r.json()["indice"] == []
    documento = DocumentoFactory(folios=4)
    r = api.post(
        f"/api/v1/archivo/expedientes/{exp_id}/archivar/", {"documento": documento.pk}, format="json"
    )
    assert r.status_code == 201 and (r.json()["folio_inicial"], r.json()["folio_final"]) == (1, 4)
    r = api.post(f"/api/v1/archivo/expedientes/{exp_id}/cerrar/")
    assert r.status_code == 200 and r.json()["estado"] == "cerrado" and len(r.json()["indice_sha256"]) == 64
    assert Evento.objects.filter(accion="archivo.expediente.cerrar", objeto_id=str(exp_id)).exists()
    r = api.post(f"/api/v1/archivo/expedientes/{exp_id}/cerrar/")
    assert r.status_code == 400 and "ya está cerrado" in r.json()["error"]
    assert Pieza.objects.count() == 1


def test_la_api_rechaza_en_espanol_y_sin_cambios(archivero, regidor, unidad_gdu, serie):
    r = _api(archivero).post(
        "/api/v1/archivo/expedientes/", {"serie": "NO-EXISTE", "unidad": "GDU", "titulo": ""}, format="json"
    )
    assert r.status_code == 400
    r = _api(regidor).post(
        "/api/v1/archivo/expedientes/", {"serie": "GDU-01", "unidad": "GDU", "titulo": "X"}, format="json"
    )
    assert r.status_code == 403
    assert not Expediente.objects.exists()


def test_se_archiva_por_numero_de_registro_y_lo_ajeno_no_se_encuentra(
    archivero, ajeno, unidad_gdu, serie, cliente_de
):
    exp = expediente(serie=serie, unidad=unidad_gdu, por=archivero)
    documento = DocumentoFactory(folios=2)
    cliente = cliente_de(archivero)
    r = cliente.post(
        reverse("archivo:expediente-archivar", args=[exp.pk]), {"documento": documento.numero_texto}
    )
    assert r.status_code == 302
    assert exp.piezas.get().documento == documento
    # Un documento que el usuario no ve en el registro no se encuentra (y no se dice si existe).
    otro = DocumentoFactory()
    propio = expediente(serie=serie, unidad=ajeno.unidad, por=archivero, titulo="De la otra unidad")
    r = cliente_de(ajeno).post(
        reverse("archivo:expediente-archivar", args=[propio.pk]),
        {"documento": otro.numero_texto},
        follow=True,
    )
    assert "No se encontró ese documento o acto entre los que puede ver." in r.content.decode()
    assert not propio.piezas.exists()


def test_la_lista_no_hace_una_consulta_por_expediente(
    archivero, unidad_gdu, serie, cliente_de, django_assert_max_num_queries
):
    cliente = cliente_de(archivero)
    expediente(serie=serie, unidad=unidad_gdu, por=archivero)
    with CaptureQueriesContext(connection) as una:
        assert cliente.get(reverse("archivo:expedientes")).status_code == 200
    for i in range(4):
        expediente(serie=serie, unidad=unidad_gdu, por=archivero, titulo=f"Otro {i}")
    with django_assert_max_num_queries(len(una.captured_queries)):
        assert cliente.get(reverse("archivo:expedientes")).status_code == 200


def test_mudar_la_caja_y_reservar_un_expediente_cerrado(
    archivero, ajeno, regidor, unidad_gdu, serie, cliente_de
):
    exp = expediente(serie=serie, unidad=unidad_gdu, por=archivero, caja="C-1")
    archivar(expediente=exp, documento=DocumentoFactory(), por=archivero)
    cerrar_expediente(expediente=exp, por=archivero)
    url = reverse("archivo:expediente", args=[exp.pk])
    datos = {"edificio": "Depósito central", "caja": "C-99", "soporte": "papel", "acceso": "confidencial"}
    # Confidencial sin fundamento: 400 en español, nada cambia.
    r = cliente_de(archivero).post(url, datos)
    assert r.status_code == 400 and "necesita su fundamento legal" in r.content.decode()
    exp.refresh_from_db()
    assert (exp.caja, exp.acceso) == ("C-1", "publico")
    assert cliente_de(regidor).post(url, {**datos, "fundamento_acceso": "X"}).status_code == 403
    r = cliente_de(archivero).post(url, {**datos, "fundamento_acceso": "Ley 29733 (datos personales)"})
    assert r.status_code == 302
    exp.refresh_from_db()
    assert (exp.edificio, exp.caja, exp.acceso, exp.cerrado) == (
        "Depósito central",
        "C-99",
        "confidencial",
        True,
    )
    evento = Evento.objects.get(accion="archivo.expediente.actualizar", objeto_id=str(exp.pk))
    assert evento.antes["caja"] == "C-1" and evento.despues["caja"] == "C-99"
    # Ahora es confidencial: el ajeno ya no lo ve.
    assert cliente_de(ajeno).get(url).status_code == 404
