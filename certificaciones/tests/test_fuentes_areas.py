"""Fuentes de otras áreas: el acta firmada o publicada del concejo, el acto firmado o publicado y el extracto
de uno de sus artículos. Solicitud desde la página del original (`?fuente=clave:id`), emisión por página y
por API (el PDF certificado lleva las páginas del original; el certificado guarda su tipo de contenido, id
y SHA-256), quien no ve el original recibe «No se encontró…» sin que se cree nada, y los enlaces
«Solicitar certificación» solo para quien gestiona solicitudes."""

import hashlib
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.authtoken.models import Token

from actos.models import Acto, Parte
from actos.services.ciclo import publicar
from actos.tests.factories import acto_firmado, acto_publicado
from certificaciones.models import Certificado, Solicitud
from certificaciones.tests.conftest import firma_valida_segun_pyhanko
from concejo.models import Acta
from concejo.services import actas
from concejo.tests.datos_despues import sesion_realizada, votacion_de_aprobacion
from core.firma import validar_firma
from core.models import Evento
from registro.tests.factories import DocumentoFactory

NUEVA = "/certificaciones/solicitudes/nueva/"
NO_ENCONTRADO = "No se encontró el original a certificar."


def _token(usuario) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=usuario)[0].key}"}


def _leer(archivo) -> bytes:
    with archivo.archivo.open("rb") as f:
        return f.read()


def _texto(pagina) -> str:
    return " ".join((pagina.extract_text() or "").split())


def _nada_creado():
    return (
        not Solicitud.objects.exists()
        and not Certificado.objects.exists()
        and not Evento.objects.filter(accion="certificaciones.solicitud.crear").exists()
    )


def _acta(estado: str, por) -> Acta:
    sesion = sesion_realizada()
    acta = actas.generar_acta(sesion=sesion, por=por)
    actas.al_confirmar_votacion(votacion_de_aprobacion(sesion), por=por)
    acta = actas.firmar_acta(acta=Acta.objects.get(pk=acta.pk), por=por)
    if estado == "publicada":
        acta = actas.publicar_acta(acta=acta, por=por)
    return acta


@pytest.fixture
def acta_publicada(secretario):
    return _acta("publicada", secretario)


def _comprobar_certificado(
    c: Certificado, original, sha256_guardado: str, *, con_paginas: bool = True
) -> list:
    """El PDF certificado: las páginas del original (mismo texto) y la hoja; el certificado guarda la fuente."""
    assert c.fuente_tipo == ContentType.objects.get_for_model(original)
    assert c.fuente_id == str(original.pk) and c.fuente_sha256 == sha256_guardado
    datos = _leer(c.pdf)
    assert hashlib.sha256(datos).hexdigest() == c.sha256
    paginas = PdfReader(io.BytesIO(datos)).pages
    return paginas


# --- Acta del concejo ----------------------------------------------------------------------------


def test_copia_certificada_de_un_acta_publicada_por_la_pagina(
    cliente_de, secretario, persona, acta_publicada, raiz_de_prueba
):
    cliente = cliente_de(secretario)
    ref = f"concejo.acta:{acta_publicada.pk}"
    html = cliente.get(reverse("concejo:acta", args=[acta_publicada.sesion_id])).content.decode()
    assert f'href="{NUEVA}?fuente={ref}"' in html and "Solicitar certificación" in html

    r = cliente.get(f"{NUEVA}?fuente={ref}")
    html = r.content.decode()
    assert r.status_code == 200
    assert f'<option value="{ref}" selected>' in html and '<option value="acta" selected>' in html
    assert f"Nº {acta_publicada.sesion.numero}-{acta_publicada.sesion.anio}" in html

    r = cliente.post(
        f"{NUEVA}?fuente={ref}",
        {
            "tipo": "acta",
            "numero_documento": persona.numero_documento,
            "fuente": ref,
            "asunto": f"Acta de la sesión ordinaria Nº {acta_publicada.sesion.numero}-{acta_publicada.sesion.anio}",
        },
    )
    s = Solicitud.objects.get()
    assert r.status_code == 302 and s.fuente_clave == "concejo.acta" and s.estado == "lista"
    r = cliente.post(f"/certificaciones/solicitudes/{s.pk}/emitir/")
    c = Certificado.objects.get(solicitud=s)
    assert r.status_code == 302 and c.tipo == "acta" and c.fuente_clave == "concejo.acta"

    original = _leer(acta_publicada.archivo)
    assert c.fuente_sha256 == acta_publicada.sha256 == hashlib.sha256(original).hexdigest()
    paginas = _comprobar_certificado(c, acta_publicada, acta_publicada.sha256)
    paginas_originales = PdfReader(io.BytesIO(original)).pages
    assert c.paginas_originales == len(paginas_originales) and len(paginas) == len(paginas_originales) + 1
    for certificada, de_origen in zip(paginas, paginas_originales, strict=False):
        assert _texto(certificada) == _texto(de_origen)
    assert "Ordenanza de ornato" in _texto(paginas[0])
    hoja = _texto(paginas[-1])
    assert "es copia fiel del acta" in hoja and c.codigo in hoja
    # El acta venía firmada en PAdES: la copia lleva una sola firma, la del certificado, válida y entera.
    from pyhanko.pdf_utils.reader import PdfFileReader

    assert len(PdfFileReader(io.BytesIO(original)).embedded_signatures) == 1
    datos = _leer(c.pdf)
    assert len(PdfFileReader(io.BytesIO(datos)).embedded_signatures) == 1
    assert firma_valida_segun_pyhanko(datos, raiz_de_prueba)


def test_el_acta_en_borrador_no_se_certifica_y_quien_no_ve_el_concejo_solo_la_publicada(
    cliente_de, secretario, mesa_de_partes, persona
):
    borrador = actas.generar_acta(sesion=sesion_realizada(numero=3), por=secretario)
    firmada = _acta("firmada", secretario)
    assert cliente_de(secretario).get(f"{NUEVA}?fuente=concejo.acta:{borrador.pk}").status_code == 404
    # Mesa de partes no ve el concejo: la firmada (aún no publicada) no existe para ella.
    r = cliente_de(mesa_de_partes).get(f"{NUEVA}?fuente=concejo.acta:{firmada.pk}")
    assert r.status_code == 404 and NO_ENCONTRADO in r.content.decode()
    assert cliente_de(secretario).get(f"{NUEVA}?fuente=concejo.acta:{firmada.pk}").status_code == 200
    actas.publicar_acta(acta=firmada, por=secretario)
    assert cliente_de(mesa_de_partes).get(f"{NUEVA}?fuente=concejo.acta:{firmada.pk}").status_code == 200
    assert _nada_creado()


# --- Actos ---------------------------------------------------------------------------------------


def test_certificacion_de_una_ordenanza_publicada_por_la_pagina(cliente_de, secretario, persona):
    acto = acto_publicado(por=secretario)
    ref = f"actos.acto:{acto.pk}"
    cliente = cliente_de(secretario)
    html = cliente.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert f'href="{NUEVA}?fuente={ref}"' in html
    parte = acto.partes.get(eid="art_2")
    assert f'href="{NUEVA}?fuente=actos.parte:{parte.pk}"' in html
    assert f"actos.parte:{acto.partes.get(eid='cons_1').pk}" not in html  # un considerando no se extracta

    html = cliente.get(f"{NUEVA}?fuente={ref}").content.decode()
    assert '<option value="ordenanza" selected>' in html and acto.numero_texto in html

    datos = {"numero_documento": persona.numero_documento, "fuente": ref, "asunto": acto.numero_texto}
    # Una ordenanza no se certifica como acuerdo: el mensaje lo dice y no se crea nada.
    r = cliente.post(f"{NUEVA}?fuente={ref}", {**datos, "tipo": "acuerdo"})
    assert r.status_code == 200 and "se certifica como «Certificación de ordenanza»" in r.content.decode()
    assert _nada_creado()

    cliente.post(f"{NUEVA}?fuente={ref}", {**datos, "tipo": "ordenanza"})
    s = Solicitud.objects.get()
    cliente.post(f"/certificaciones/solicitudes/{s.pk}/emitir/")
    c = Certificado.objects.get(solicitud=s)
    original = _leer(acto.archivo)
    assert c.tipo == "ordenanza" and c.fuente_clave == "actos.acto"
    assert c.fuente_sha256 == acto.sha256 == hashlib.sha256(original).hexdigest()
    assert acto.pdf_pades and validar_firma(original).valida  # se certifica el PDF firmado PAdES
    paginas = _comprobar_certificado(c, acto, acto.sha256)
    paginas_originales = PdfReader(io.BytesIO(original)).pages
    assert len(paginas) == len(paginas_originales) + 1
    for certificada, de_origen in zip(paginas, paginas_originales, strict=False):
        assert _texto(certificada) == _texto(de_origen)
    assert acto.numero_texto in _texto(paginas[0])
    assert "es copia fiel de la ordenanza" in _texto(paginas[-1])


@pytest.mark.parametrize(
    "tipo_acto, tipo_certificacion", [("acuerdo", "acuerdo"), ("resolucion_alcaldia", "copia")]
)
def test_certificacion_de_un_acto_por_la_api(client, secretario, persona, tipo_acto, tipo_certificacion):
    acto = acto_publicado(por=secretario, tipo=tipo_acto)
    r = client.post(
        "/api/v1/certificaciones/solicitudes/",
        {
            "tipo": tipo_certificacion,
            "solicitante": persona.pk,
            "asunto": acto.numero_texto,
            "fuente": f"actos.acto:{acto.pk}",
            "publico": True,
        },
        content_type="application/json",
        **_token(secretario),
    )
    assert r.status_code == 201, r.content
    assert r.json()["fuente"] == f"actos.acto:{acto.pk}" and r.json()["estado"] == "lista"
    r = client.post(f"/api/v1/certificaciones/solicitudes/{r.json()['id']}/emitir/", **_token(secretario))
    assert r.status_code in (200, 201), r.content
    codigo = r.json()["codigo"]
    assert r.json()["fuente_sha256"] == acto.sha256
    c = Certificado.objects.get(codigo=codigo)
    assert c.tipo == tipo_certificacion and c.fuente_clave == "actos.acto" and c.fuente_sha256 == acto.sha256
    pdf = client.get(f"/api/v1/certificaciones/{codigo}/pdf/", **_token(secretario))
    assert pdf.status_code == 200
    datos = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    paginas = PdfReader(io.BytesIO(datos)).pages
    originales = PdfReader(io.BytesIO(_leer(acto.archivo))).pages
    assert len(paginas) == len(originales) + 1 and _texto(paginas[0]) == _texto(originales[0])
    _comprobar_certificado(c, acto, acto.sha256)


def test_extracto_de_un_articulo(cliente_de, secretario, persona):
    acto = acto_publicado(por=secretario)
    parte = acto.partes.get(eid="art_1")
    ref = f"actos.parte:{parte.pk}"
    transcripcion = "Artículo 1. Objeto 1. Texto del artículo 1 sobre el comercio en la vía pública."
    cliente = cliente_de(secretario)
    html = cliente.get(f"{NUEVA}?fuente={ref}").content.decode()
    assert '<option value="extracto" selected>' in html and transcripcion in html
    assert f"Artículo 1 de {acto.numero_texto}" in html

    datos = {
        "tipo": "extracto",
        "numero_documento": persona.numero_documento,
        "fuente": ref,
        "asunto": f"el artículo 1 de la {acto.numero_texto}",
    }
    # El texto es el del acto: otro no se certifica.
    r = cliente.post(f"{NUEVA}?fuente={ref}", {**datos, "texto": "Artículo 1. Lo que a alguien le gustaría."})
    assert r.status_code == 200 and "transcripción literal del original" in r.content.decode()
    assert _nada_creado()

    r = cliente.post(f"{NUEVA}?fuente={ref}", {**datos, "texto": ""})
    s = Solicitud.objects.get()
    assert r.status_code == 302 and s.texto == transcripcion and s.fuente_clave == "actos.parte"
    cliente.post(f"/certificaciones/solicitudes/{s.pk}/emitir/")
    c = Certificado.objects.get(solicitud=s)
    paginas = _comprobar_certificado(c, parte, acto.sha256)
    assert c.tipo == "extracto" and c.fuente_sha256 == acto.sha256
    assert len(paginas) == 1 and c.paginas_originales == len(PdfReader(io.BytesIO(_leer(acto.archivo))).pages)
    hoja = _texto(paginas[0])
    assert (
        "transcripción literal de el artículo 1" in hoja and "Texto del artículo 1 sobre el comercio" in hoja
    )
    assert "Texto del artículo 2" not in hoja


def test_quien_no_ve_el_acto_recibe_no_se_encontro_y_nada_se_crea(
    client, cliente_de, mesa_de_partes, secretario, persona
):
    firmado = acto_firmado(por=secretario)  # firmado, sin publicar: solo lo ve la Secretaría General
    proyecto = Acto.objects.create(
        tipo="ordenanza", organo="concejo", titulo="Proyecto", creado_por=secretario
    )
    parte = firmado.partes.get(eid="art_1")
    cliente = cliente_de(mesa_de_partes)
    datos = {"tipo": "ordenanza", "numero_documento": persona.numero_documento, "asunto": "Ordenanza"}
    for ref in [
        f"actos.acto:{firmado.pk}",
        f"actos.parte:{parte.pk}",
        "actos.acto:999999",
        "actos.acto:abc",
        "inexistente:1",
        f"actos.acto:{proyecto.pk}",
    ]:
        for r in (
            cliente.get(f"{NUEVA}?fuente={ref}"),
            cliente.post(f"{NUEVA}?fuente={ref}", {**datos, "fuente": ref}),
        ):
            assert r.status_code == 404 and NO_ENCONTRADO in r.content.decode(), ref
    r = client.post(
        "/api/v1/certificaciones/solicitudes/",
        {
            "tipo": "ordenanza",
            "solicitante": persona.pk,
            "asunto": "Ordenanza",
            "fuente": f"actos.acto:{firmado.pk}",
        },
        content_type="application/json",
        **_token(mesa_de_partes),
    )
    assert r.status_code == 400 and r.json()["campos"]["fuente"] == [NO_ENCONTRADO]
    assert _nada_creado()
    # Quien lo ve (la Secretaría General) sí; el proyecto, sin firmar, no se certifica ni para ella.
    assert cliente_de(secretario).get(f"{NUEVA}?fuente=actos.acto:{firmado.pk}").status_code == 200
    assert cliente_de(secretario).get(f"{NUEVA}?fuente=actos.acto:{proyecto.pk}").status_code == 404
    # Publicado, ya lo ve también la mesa de partes.
    publicar(acto=firmado, por=secretario, fecha=timezone.localdate(), medio="Diario Oficial El Peruano")
    assert cliente_de(mesa_de_partes).get(f"{NUEVA}?fuente=actos.acto:{firmado.pk}").status_code == 200


# --- Enlaces «Solicitar certificación» -----------------------------------------------------------


def test_enlaces_para_el_secretario_y_no_para_el_regidor(
    cliente_de, secretario, regidor, mesa_de_partes, acta_publicada
):
    acto = acto_publicado(por=secretario)
    doc = DocumentoFactory(por=mesa_de_partes, adjuntos=[SimpleUploadedFile("a.txt", b"Solicito copia\n")])
    pagina_acta = reverse("concejo:acta", args=[acta_publicada.sesion_id])
    pagina_acto = reverse("actos:acto", args=[acto.pk])

    cliente = cliente_de(secretario)
    assert (
        f'href="{NUEVA}?documento={doc.pk}"'
        in cliente.get(f"/registro/documentos/{doc.pk}/").content.decode()
    )
    for pagina in (pagina_acta, pagina_acto):
        html = cliente.get(pagina).content.decode()
        assert "data-solicitar-certificacion" in html and "Solicitar certificación" in html, pagina

    cliente = cliente_de(regidor)
    for pagina in (pagina_acta, pagina_acto):
        r = cliente.get(pagina)
        assert r.status_code == 200 and "Solicitar certificación" not in r.content.decode(), pagina
        assert "data-extracto-certificado" not in r.content.decode()
    # Ni el regidor puede abrir la solicitud.
    assert cliente.get(f"{NUEVA}?fuente=concejo.acta:{acta_publicada.pk}").status_code == 403


def test_sin_enlace_en_el_acta_sin_firmar_ni_en_el_acto_sin_firmar(cliente_de, secretario):
    borrador = actas.generar_acta(sesion=sesion_realizada(), por=secretario)
    proyecto = Acto.objects.create(
        tipo="ordenanza", organo="concejo", titulo="Proyecto", creado_por=secretario
    )
    Parte.objects.create(acto=proyecto, tipo="articulo", orden=1, numero="1", eid="art_1", texto="Texto.")
    cliente = cliente_de(secretario)
    for pagina in (
        reverse("concejo:acta", args=[borrador.sesion_id]),
        reverse("actos:acto", args=[proyecto.pk]),
    ):
        html = cliente.get(pagina).content.decode()
        assert "Solicitar certificación" not in html and "data-extracto-certificado" not in html, pagina


def test_enlace_del_documento_emitido_abre_la_solicitud_con_su_pdf(
    cliente_de, secretario, jefe_unidad, unidad_sg, unidad_gdu
):
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
    ref = f"registro.documento:{doc.pk}"
    cliente = cliente_de(secretario)
    html = cliente.get(reverse("registro:documento-emitido", args=[doc.pk])).content.decode()
    assert f'href="{NUEVA}?fuente={ref}"' in html
    html = cliente.get(f"{NUEVA}?fuente={ref}").content.decode()
    assert f'<option value="{ref}" selected>' in html and '<option value="copia" selected>' in html
    # El jefe de la unidad destinataria ve el memorando pero no gestiona certificaciones: sin enlace.
    r = cliente_de(jefe_unidad).get(reverse("registro:documento-emitido", args=[doc.pk]))
    assert r.status_code == 200 and "Solicitar certificación" not in r.content.decode()
