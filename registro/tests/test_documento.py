from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from core.models import Evento
from registro.models import Documento
from registro.services.cargo import cargo_pdf, contexto_cargo, url_consulta
from registro.tests.factories import DocumentoFactory, ProcedimientoFactory

LUNES = datetime(2026, 3, 2, 10, 30, tzinfo=ZoneInfo("America/Lima"))


def _doc(mesa, **extra):
    return DocumentoFactory(por=mesa, recibido_en=LUNES, **extra)


def test_pagina_del_documento(cliente_de, mesa_de_partes, django_assert_max_num_queries):
    adjunto = SimpleUploadedFile("solicitud.txt", b"Solicito licencia\n")
    doc = _doc(mesa_de_partes, adjuntos=[adjunto], folios=7)
    cliente = cliente_de(mesa_de_partes)
    with django_assert_max_num_queries(20):
        respuesta = cliente.get(f"/registro/documentos/{doc.pk}/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert doc.numero_texto in html and doc.codigo_seguimiento in html and "solicitud.txt" in html
    assert "registro.documento.registrar" in html  # historial
    assert "Aún no se ha derivado." in html
    # Quien ve el documento ve sus adjuntos.
    archivo = doc.adjuntos.get().archivo
    assert cliente.get(f"/archivos/{archivo.pk}/ver/").status_code == 200


def test_el_documento_es_404_para_el_ajeno(cliente_de, mesa_de_partes, ajeno):
    doc = _doc(mesa_de_partes, adjuntos=[SimpleUploadedFile("a.txt", b"x\n")])
    cliente = cliente_de(ajeno)
    assert cliente.get(f"/registro/documentos/{doc.pk}/").status_code == 404
    assert cliente.get(f"/registro/documentos/{doc.pk}/cargo/").status_code == 404
    assert cliente.get(f"/archivos/{doc.adjuntos.get().archivo_id}/ver/").status_code == 404
    assert cliente.get("/registro/documentos/999999/").status_code == 404


def test_la_unidad_del_procedimiento_ve_el_documento(cliente_de, mesa_de_partes, jefe_unidad, unidad_gdu):
    doc = _doc(mesa_de_partes, procedimiento=ProcedimientoFactory(unidad_responsable=unidad_gdu))
    assert cliente_de(jefe_unidad).get(f"/registro/documentos/{doc.pk}/").status_code == 200


def test_cargo_pdf(cliente_de, mesa_de_partes, settings):
    settings.SITE_URL = "https://tramite.villaesperanza.gob.pe"
    doc = _doc(mesa_de_partes, folios=12)
    respuesta = cliente_de(mesa_de_partes).get(f"/registro/documentos/{doc.pk}/cargo/")
    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"
    lector = PdfReader(BytesIO(respuesta.content))
    texto = "".join(p.extract_text() for p in lector.pages)
    assert doc.numero_texto in texto and doc.codigo_seguimiento in texto
    assert "12 folios" in texto and "15/04/2026" in texto and "02/03/2026 10:30" in texto
    assert "CARGO DE RECEPCIÓN" in texto
    # El cargo que entrega la mesa de partes lleva el remitente entero (el del portal, iniciales).
    assert doc.remitente.numero_documento in " ".join(texto.split())
    contexto = contexto_cargo(doc)
    assert (
        contexto["url_consulta"]
        == f"https://tramite.villaesperanza.gob.pe/consulta/{doc.codigo_seguimiento}/"
    )
    assert contexto["qr"].startswith("data:image/svg+xml")


def test_cargo_de_observado_dice_hasta_cuando_subsanar(cliente_de, mesa_de_partes):
    doc = _doc(mesa_de_partes, defectos="Falta la firma")
    respuesta = cliente_de(mesa_de_partes).get(f"/registro/documentos/{doc.pk}/cargo/")
    texto = "".join(p.extract_text() for p in PdfReader(BytesIO(respuesta.content)).pages)
    assert "OBSERVADO" in texto and "04/03/2026" in texto


def test_subsanar_desde_la_pagina(cliente_de, mesa_de_partes):
    doc = _doc(mesa_de_partes, defectos="Falta la firma")
    cliente = cliente_de(mesa_de_partes)
    assert "Marcar subsanado" in cliente.get(f"/registro/documentos/{doc.pk}/").content.decode()
    assert cliente.get(f"/registro/documentos/{doc.pk}/subsanar/").status_code == 405
    respuesta = cliente.post(f"/registro/documentos/{doc.pk}/subsanar/", {"observacion": "Firmó"})
    assert respuesta.status_code == 302
    doc.refresh_from_db()
    assert doc.estado == Documento.Estado.REGISTRADO and doc.vence is not None
    assert Evento.objects.de_objeto(doc).filter(accion="registro.documento.subsanar").exists()
    # Subsanar otra vez: mensaje y nada cambia.
    respuesta = cliente.post(f"/registro/documentos/{doc.pk}/subsanar/", follow=True)
    assert "Solo se subsana un documento observado." in respuesta.content.decode()
    assert Evento.objects.de_objeto(doc).filter(accion="registro.documento.subsanar").count() == 1


def test_no_presentado_antes_de_tiempo_se_rechaza(cliente_de, mesa_de_partes):
    doc = DocumentoFactory(por=mesa_de_partes, defectos="Falta la firma")  # hoy: el plazo aún corre
    respuesta = cliente_de(mesa_de_partes).post(f"/registro/documentos/{doc.pk}/no-presentado/", follow=True)
    assert "aún no se puede tener por no presentado" in respuesta.content.decode()
    doc.refresh_from_db()
    assert doc.estado == Documento.Estado.OBSERVADO


def test_no_presentado_vencido_desde_la_pagina(cliente_de, mesa_de_partes):
    doc = DocumentoFactory(
        por=mesa_de_partes,
        defectos="Falta",
        recibido_en=datetime(2025, 3, 3, 9, tzinfo=ZoneInfo("America/Lima")),
    )
    assert doc.subsanar_hasta < date.today()
    cliente_de(mesa_de_partes).post(f"/registro/documentos/{doc.pk}/no-presentado/")
    doc.refresh_from_db()
    assert doc.estado == Documento.Estado.NO_PRESENTADO


def test_subsanar_sin_permiso_y_ajeno(cliente_de, mesa_de_partes, jefe_unidad, ajeno, unidad_gdu):
    doc = _doc(
        mesa_de_partes, defectos="Falta", procedimiento=ProcedimientoFactory(unidad_responsable=unidad_gdu)
    )
    assert cliente_de(jefe_unidad).post(f"/registro/documentos/{doc.pk}/subsanar/").status_code == 403
    assert cliente_de(ajeno).post(f"/registro/documentos/{doc.pk}/subsanar/").status_code == 403
    doc.refresh_from_db()
    assert doc.estado == Documento.Estado.OBSERVADO


def test_subsanar_documento_ajeno_da_404(cliente_de, mesa_de_partes, secretario, municipio):
    from core import roles
    from core.tests.factories import UnidadFactory, UsuarioFactory

    otra_mesa = UsuarioFactory(username="mesa2", unidad=UnidadFactory(sigla="MP2"), roles=[roles.MESA])
    doc = _doc(mesa_de_partes, defectos="Falta")
    assert cliente_de(otra_mesa).post(f"/registro/documentos/{doc.pk}/subsanar/").status_code == 404


def test_cargo_de_lo_presentado_en_domingo_dice_desde_cuando_se_computa(cliente_de, mesa_de_partes):
    doc = DocumentoFactory(
        por=mesa_de_partes, recibido_en=datetime(2026, 3, 1, 20, 0, tzinfo=ZoneInfo("America/Lima"))
    )
    texto = "".join(
        p.extract_text()
        for p in PdfReader(
            BytesIO(cliente_de(mesa_de_partes).get(f"/registro/documentos/{doc.pk}/cargo/").content)
        ).pages
    )
    assert "Se computa desde" in texto and "02/03/2026" in texto
    normal = _doc(mesa_de_partes)
    texto = "".join(
        p.extract_text()
        for p in PdfReader(
            BytesIO(cliente_de(mesa_de_partes).get(f"/registro/documentos/{normal.pk}/cargo/").content)
        ).pages
    )
    assert "Se computa desde" not in texto


def test_qr_y_enlace_del_cargo_apuntan_al_puerto_servido(cliente_de, mesa_de_partes, settings):
    """Issue 14, punto 9: con SITE_URL del puerto 8765 (lo fija `make run PORT=8765`), el PDF generado
    sin petición (correo del portal, tareas) enlaza al 8765; desde la página, al host de la petición."""
    settings.SITE_URL = "http://127.0.0.1:8765"
    doc = _doc(mesa_de_partes)
    texto = " ".join("".join(p.extract_text() for p in PdfReader(BytesIO(cargo_pdf(doc))).pages).split())
    assert f"http://127.0.0.1:8765/consulta/{doc.codigo_seguimiento}/" in texto.replace(" ", "")
    assert ":8000" not in texto
    r = cliente_de(mesa_de_partes).get(f"/registro/documentos/{doc.pk}/cargo/", HTTP_HOST="127.0.0.1:8765")
    texto = "".join(p.extract_text() for p in PdfReader(BytesIO(r.content)).pages).replace(" ", "")
    assert f"http://127.0.0.1:8765/consulta/{doc.codigo_seguimiento}/" in texto.replace("\n", "")
    assert url_consulta(doc).startswith("http://127.0.0.1:8765/")
