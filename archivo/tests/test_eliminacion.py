"""Eliminación documental por sus páginas y su API: la propuesta desde la tabla, la revisión (excluir con
motivo), la aprobación con el acto del órgano del perfil, el acta de eliminación firmada, la destrucción de
lo electrónico con su registro, y la retención legal que la detiene; permisos y 404 para lo ajeno."""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter
from rest_framework.test import APIClient

from archivo.models import Disposicion, Eliminacion, Expediente, RetencionLegal
from archivo.services.expedientes import archivar, cerrar_expediente
from archivo.tests.factories import cuadro_minimo, expediente, expediente_cerrado
from core.firma import validar_firma
from core.models import Evento
from core.services.archivos import guardar_archivo
from registro.tests.factories import DocumentoFactory

pytestmark = pytest.mark.django_db

CUMPLIDA = {"gestion": 0, "periferico": 0, "central": 0}


@pytest.fixture
def serie(archivero, unidad_gdu):
    return cuadro_minimo(
        unidad=unidad_gdu,
        por=archivero,
        codigo_serie="GDU-09",
        plazos=CUMPLIDA,
        disposicion=Disposicion.ELIMINACION,
    )


def _api(usuario) -> APIClient:
    cliente = APIClient()
    cliente.force_authenticate(usuario)
    return cliente


def _pdf() -> bytes:
    escritor = PdfWriter()
    escritor.add_blank_page(595, 842)
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def _electronico(*, serie, unidad, por) -> tuple[Expediente, object]:
    exp = expediente(
        serie=serie, unidad=unidad, por=por, soporte="electronico", titulo="Correspondencia 2019"
    )
    archivo = guardar_archivo(archivo=ContentFile(_pdf(), name="oficio.pdf"), por=por)
    documento = DocumentoFactory(folios=1, unidad_destino=unidad)
    documento.pdf = archivo
    documento.save(update_fields=["pdf"])
    archivar(expediente=exp, documento=documento, por=por)
    return cerrar_expediente(expediente=exp, por=por), archivo


def test_propuesta_revision_aprobacion_y_acta_firmada(
    archivero, jefe_unidad, unidad_gdu, serie, cliente_de, firma_de_prueba, django_capture_on_commit_callbacks
):
    papel = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad, folios=4)
    electronico, archivo = _electronico(serie=serie, unidad=unidad_gdu, por=jefe_unidad)
    excluido = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad)
    conservado = expediente_cerrado(
        serie=cuadro_minimo(unidad=unidad_gdu, por=archivero, codigo_serie="GDU-10", plazos=CUMPLIDA),
        unidad=unidad_gdu,
        por=jefe_unidad,
    )
    abierto = expediente(serie=serie, unidad=unidad_gdu, por=jefe_unidad)

    cliente = cliente_de(archivero)
    assert cliente.post(reverse("archivo:eliminaciones")).status_code == 302
    e = Eliminacion.objects.get()
    codigos = set(e.items.values_list("codigo", flat=True))
    assert codigos == {papel.codigo, electronico.codigo, excluido.codigo}
    assert conservado.codigo not in codigos and abierto.codigo not in codigos
    assert e.organo == "Archivo General de la Nación"  # perfil PE
    assert Evento.objects.filter(accion="archivo.eliminacion.proponer", objeto_id=str(e.pk)).exists()
    # Lo que ya está propuesto no vuelve a proponerse.
    r = cliente.post(reverse("archivo:eliminaciones"), follow=True)
    assert "No hay expedientes que hayan cumplido su retención" in r.content.decode()

    item = e.items.get(expediente=excluido)
    url_excluir = reverse("archivo:eliminacion-excluir", args=[e.pk, item.pk])
    r = cliente.post(url_excluir, {"motivo": ""}, follow=True)
    assert "Diga por qué se excluye este expediente." in r.content.decode()
    cliente.post(url_excluir, {"motivo": "Lo pide la auditoría"})
    item.refresh_from_db()
    assert not item.incluido and item.motivo_exclusion == "Lo pide la auditoría"

    aprobar = reverse("archivo:eliminacion-accion", args=[e.pk, "aprobar"])
    manana = timezone.localdate() + timedelta(days=1)
    r = cliente.post(aprobar, {"acto": "RJ 012-2026-AGN/J", "fecha_acto": manana.isoformat()}, follow=True)
    assert "no puede ser futura" in r.content.decode()
    e.refresh_from_db()
    assert e.estado == "propuesta"
    cliente.post(aprobar, {"acto": "RJ 012-2026-AGN/J", "fecha_acto": timezone.localdate().isoformat()})
    e.refresh_from_db()
    assert (e.estado, e.acto_aprobacion) == ("aprobada", "RJ 012-2026-AGN/J")
    assert Evento.objects.filter(accion="archivo.eliminacion.aprobar", objeto_id=str(e.pk)).exists()

    ejecutar = reverse("archivo:eliminacion-accion", args=[e.pk, "ejecutar"])
    r = cliente.post(ejecutar, {"metros_lineales": "mucho"}, follow=True)
    assert "metros lineales" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cliente.post(ejecutar, {"metros_lineales": "0,15"})
    e.refresh_from_db()
    assert e.estado == "ejecutada" and str(e.metros_lineales) == "0.15"
    papel.refresh_from_db()
    electronico.refresh_from_db()
    excluido.refresh_from_db()
    assert (papel.estado, electronico.estado, excluido.estado) == ("eliminado", "eliminado", "cerrado")
    # Lo electrónico se destruyó; queda el registro (nombre y SHA-256) y el índice del expediente.
    destruido = e.items.get(expediente=electronico).destruido
    assert destruido == [
        {"archivo": archivo.pk, "nombre": "oficio.pdf", "sha256": archivo.sha256, "tamano": archivo.tamano}
    ]
    assert not archivo.archivo.storage.exists(archivo.archivo.name)
    assert electronico.piezas.count() == 1 and electronico.indice_sha256
    # Eliminado: no se presta ni se transfiere.
    r = _api(archivero).post(
        reverse("api-archivo-prestamos"), {"expediente": papel.pk, "motivo": "x"}, format="json"
    )
    assert r.status_code == 400 and "fue eliminado" in str(r.json())
    # El acta, firmada.
    acta = cliente.get(reverse("archivo:eliminacion-acta", args=[e.pk]))
    contenido = b"".join(acta.streaming_content)
    assert acta["Content-Type"] == "application/pdf" and validar_firma(contenido).valida
    evento = Evento.objects.get(accion="archivo.eliminacion.ejecutar", objeto_id=str(e.pk))
    assert evento.despues["archivos_destruidos"] == 1 and evento.despues["acta_sha256"] == e.acta.sha256


def test_la_retencion_legal_detiene_la_eliminacion(archivero, jefe_unidad, unidad_gdu, serie, cliente_de):
    exp = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad)
    cliente = cliente_de(archivero)
    r = _api(archivero).post(reverse("api-archivo-eliminaciones"))
    assert r.status_code == 201
    e = Eliminacion.objects.get()
    url = reverse("archivo:expediente-retencion-legal", args=[exp.pk])
    r = cliente.post(url, {"motivo": ""}, follow=True)
    assert "Diga por qué se retiene el expediente" in r.content.decode()
    cliente.post(url, {"motivo": "Proceso judicial 123-2026"})
    retencion = RetencionLegal.objects.get()
    assert Evento.objects.filter(accion="archivo.retencion_legal.poner", objeto_id=str(retencion.pk)).exists()
    assert (
        "Proceso judicial 123-2026"
        in cliente.get(reverse("archivo:expediente", args=[exp.pk])).content.decode()
    )

    r = _api(archivero).post(
        reverse("api-archivo-eliminacion-aprobar", args=[e.pk]),
        {"acto": "RJ 1", "fecha_acto": timezone.localdate().isoformat()},
        format="json",
    )
    assert r.status_code == 400 and "Proceso judicial 123-2026" in str(r.json())
    e.refresh_from_db()
    assert e.estado == "propuesta"

    # Levantada la retención, se aprueba.
    r = _api(archivero).post(
        reverse("api-archivo-expediente-retencion-legal", args=[exp.pk]),
        {"motivo": "Sentencia firme", "levantar": True},
        format="json",
    )
    assert r.status_code == 200
    r = _api(archivero).post(
        reverse("api-archivo-eliminacion-aprobar", args=[e.pk]),
        {"acto": "RJ 1", "fecha_acto": timezone.localdate().isoformat()},
        format="json",
    )
    assert r.status_code == 200 and r.json()["estado"] == "aprobada"


def test_solo_el_archivo_gestiona_la_eliminacion(jefe_unidad, archivero, unidad_gdu, serie, cliente_de):
    exp = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad)
    assert cliente_de(jefe_unidad).post(reverse("archivo:eliminaciones")).status_code == 403
    assert _api(jefe_unidad).post(reverse("api-archivo-eliminaciones")).status_code == 403
    r = _api(jefe_unidad).post(
        reverse("api-archivo-expediente-retencion-legal", args=[exp.pk]), {"motivo": "x"}, format="json"
    )
    assert r.status_code == 403
    e = _api(archivero).post(reverse("api-archivo-eliminaciones")).json()
    assert _api(jefe_unidad).get(reverse("api-archivo-eliminacion", args=[e["id"]])).status_code == 404
    assert cliente_de(jefe_unidad).get(reverse("archivo:eliminacion", args=[e["id"]])).status_code == 404
    assert not RetencionLegal.objects.exists()
