"""Emisión por página y por API, para cada tipo: número del registro, PDF firmado (validado con el propio
validador de pyHanko contra la autoridad de prueba), código, huella y eventos de auditoría."""

import hashlib
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.authtoken.models import Token

from certificaciones.models import Certificado, Solicitud, TipoCertificacion
from certificaciones.tests.conftest import firma_valida_segun_pyhanko, pdf_de_prueba, subida
from core.models import Evento, NumeroRegistro
from registro.tests.factories import DocumentoFactory


def _token(usuario) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=usuario)[0].key}"}


def _leer(certificado) -> bytes:
    with certificado.pdf.archivo.open("rb") as f:
        return f.read()


@pytest.mark.parametrize("tipo", TipoCertificacion.values)
def test_emitir_por_pagina_cada_tipo(tipo, cliente_de, secretario, lista, raiz_de_prueba):
    solicitud = lista(tipo)
    r = cliente_de(secretario).post(f"/certificaciones/solicitudes/{solicitud.pk}/emitir/")
    c = Certificado.objects.get(solicitud=solicitud)
    assert r.status_code == 302 and r.url == f"/certificaciones/certificados/{c.pk}/"
    anio = timezone.localdate().year
    assert c.numero_texto == f"CERTIFICACIÓN Nº 001-{anio}-SG-MDVE" and c.correlativo == 1 and c.anio == anio
    assert c.calidad == "titular" and c.por_encargo_de is None and len(c.codigo) == 20
    datos = _leer(c)
    assert hashlib.sha256(datos).hexdigest() == c.sha256 == c.pdf.sha256
    assert firma_valida_segun_pyhanko(datos, raiz_de_prueba)
    paginas = PdfReader(io.BytesIO(datos)).pages
    con_original = tipo not in ("constancia", "extracto")
    assert len(paginas) == (3 if con_original else 1)
    hoja = " ".join(paginas[-1].extract_text().split())
    assert c.codigo in hoja and c.numero_texto in hoja and "/verificar/" in hoja
    if tipo == "copia":
        assert "es copia fiel" in hoja and "obra en el archivo" in hoja
    if tipo == "constancia":
        assert "HACE CONSTAR" in hoja and not c.fuente_sha256
    else:
        original = Solicitud.objects.get(pk=solicitud.pk)
        assert (
            c.fuente_sha256 == hashlib.sha256(pdf_de_prueba()).hexdigest()
            and c.fuente_id == original.fuente_id
        )
    assert Solicitud.objects.get(pk=solicitud.pk).estado == "emitida"
    assert Evento.objects.filter(accion="certificaciones.certificado.emitir", objeto_id=str(c.pk)).exists()
    assert NumeroRegistro.objects.get(pk=c.numero_id).serie.codigo == "certificacion"
    assert c.codigo in cliente_de(secretario).get(r.url).content.decode()


def test_numeros_seguidos_y_no_se_emite_dos_veces(cliente_de, secretario, lista):
    s1, s2 = lista(), lista("constancia")
    cliente = cliente_de(secretario)
    cliente.post(f"/certificaciones/solicitudes/{s1.pk}/emitir/")
    cliente.post(f"/certificaciones/solicitudes/{s2.pk}/emitir/")
    assert list(Certificado.objects.order_by("correlativo").values_list("correlativo", flat=True)) == [1, 2]
    r = cliente.post(f"/certificaciones/solicitudes/{s1.pk}/emitir/")
    assert r.status_code == 400 and "ya tiene su certificado" in r.content.decode()
    assert Certificado.objects.count() == 2


def test_no_se_emite_sin_pago(cliente_de, secretario, persona):
    from certificaciones.services.configuracion import crear_tarifa
    from certificaciones.services.solicitudes import crear_solicitud

    tarifa = crear_tarifa(concepto="Copia", tipo="copia", monto="5.00", base_legal="TUPA 1", por=secretario)
    s = crear_solicitud(
        tipo="copia", solicitante=persona, asunto="x", archivo=subida(), tarifa=tarifa, por=secretario
    )
    assert s.estado == "por_pagar"
    r = cliente_de(secretario).post(f"/certificaciones/solicitudes/{s.pk}/emitir/")
    assert r.status_code == 400 and "Falta registrar el pago" in r.content.decode()
    assert not Certificado.objects.exists() and not NumeroRegistro.objects.exists()


def test_copia_de_adjunto_y_de_documento_emitido_del_registro(
    cliente_de, secretario, persona, raiz_de_prueba, mesa_de_partes
):
    documento = DocumentoFactory(
        asunto="Pide copia certificada",
        remitente=persona,
        por=mesa_de_partes,
        adjuntos=[subida("escaneo.pdf", pdf_de_prueba(3))],
    )
    cliente = cliente_de(secretario)
    r = cliente.get(f"/certificaciones/solicitudes/nueva/?documento={documento.pk}")
    adjunto = documento.adjuntos.get()
    assert f"registro.adjunto:{adjunto.pk}" in r.content.decode()
    r = cliente.post(
        f"/certificaciones/solicitudes/nueva/?documento={documento.pk}",
        {"tipo": "copia", "asunto": "Escaneo del expediente", "fuente": f"registro.adjunto:{adjunto.pk}"},
    )
    s = Solicitud.objects.get()
    assert (
        r.status_code == 302
        and s.documento == documento
        and s.origen == "registro"
        and s.solicitante == persona
    )
    cliente.post(f"/certificaciones/solicitudes/{s.pk}/emitir/")
    c = Certificado.objects.get()
    assert c.fuente_clave == "registro.adjunto" and c.fuente_sha256 == adjunto.archivo.sha256
    assert len(PdfReader(io.BytesIO(_leer(c))).pages) == 4 and firma_valida_segun_pyhanko(
        _leer(c), raiz_de_prueba
    )


def test_copia_de_documento_emitido_por_su_numero(cliente_de, secretario, persona, unidad_sg, unidad_gdu):
    from registro.services.emision import crear_borrador, firmar
    from registro.tests.factories import TipoDocumentalFactory

    memorando = TipoDocumentalFactory(nombre="Memorando", interno=True, codigo_serie="memorando")
    doc = firmar(
        documento=crear_borrador(
            clase="interno",
            tipo_documental=memorando,
            unidad_origen=unidad_sg,
            asunto="Memorando a certificar",
            cuerpo="Se remite el informe técnico solicitado para su atención.",
            por=secretario,
            destinatarios_unidades=[unidad_gdu],
        ),
        por=secretario,
    )
    cliente = cliente_de(secretario)
    r = cliente.post(
        "/certificaciones/solicitudes/nueva/",
        {
            "tipo": "copia",
            "numero_documento": "45871236",
            "asunto": doc.numero_texto,
            "emitido": doc.numero_texto,
        },
    )
    assert r.status_code == 302, r.content.decode()
    s = Solicitud.objects.get()
    assert s.fuente_clave == "registro.documento" and s.fuente_id == str(doc.pk)
    cliente.post(f"/certificaciones/solicitudes/{s.pk}/emitir/")
    assert Certificado.objects.get().fuente_sha256 == doc.pdf.sha256


@pytest.mark.parametrize("tipo", TipoCertificacion.values)
def test_emitir_por_api_cada_tipo(tipo, client, secretario, persona, raiz_de_prueba):
    cabecera = _token(secretario)
    datos = {"tipo": tipo, "solicitante": persona.pk, "asunto": "Acuerdo de Concejo Nº 5-2026"}
    if tipo in ("constancia", "extracto"):
        datos["texto"] = "Texto que se hace constar o transcribe."
    if tipo != "constancia":
        datos["archivo"] = subida()
    r = client.post("/api/v1/certificaciones/solicitudes/", datos, **cabecera)
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["estado"] == "lista"
    r = client.post(f"/api/v1/certificaciones/solicitudes/{pk}/emitir/", **cabecera)
    assert r.status_code == 201, r.content
    codigo = r.json()["codigo"]
    assert r.json()["numero"].startswith("CERTIFICACIÓN Nº 001-") and r.json()["url_verificacion"].endswith(
        f"/verificar/{codigo}/"
    )
    r = client.get(f"/api/v1/certificaciones/{codigo}/pdf/", **cabecera)
    datos_pdf = b"".join(r.streaming_content)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert hashlib.sha256(datos_pdf).hexdigest() == Certificado.objects.get(codigo=codigo).sha256
    assert firma_valida_segun_pyhanko(datos_pdf, raiz_de_prueba)
    lista = client.get("/api/v1/certificaciones/", **cabecera).json()
    assert [c["codigo"] for c in lista["results"]] == [codigo]
    assert Evento.objects.filter(accion="certificaciones.certificado.emitir").count() == 1


def test_original_alterado_en_el_almacenamiento_no_se_certifica(cliente_de, secretario, lista):
    from core.models import Archivo

    solicitud = lista()
    archivo = Archivo.objects.get(pk=solicitud.fuente_id)
    with archivo.archivo.open("wb") as f:
        f.write(pdf_de_prueba(3))
    r = cliente_de(secretario).post(f"/certificaciones/solicitudes/{solicitud.pk}/emitir/")
    assert r.status_code == 400 and "no coincide con su huella SHA-256" in r.content.decode()
    assert not Certificado.objects.exists() and not NumeroRegistro.objects.exists()
    assert Solicitud.objects.get(pk=solicitud.pk).estado == "lista"
