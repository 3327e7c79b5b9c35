"""El PDF de un acto firmado lleva firma PAdES del municipio (`core.firma`, la misma de los certificados):
pyHanko la valida, `/verificar/` dice que es válida y que es ese acto, y un byte cambiado se detecta."""

import io

from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from actos.models import Acto
from actos.tests.factories import ActoFactory
from core.firma import raices_de_confianza
from core.models import Evento


def _firmado_y_publicado(cliente, secretario) -> Acto:
    acto = ActoFactory(tipo="decreto", estado=Acto.Estado.APROBADO, creado_por=secretario)
    r = cliente.post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 200, r.content
    r = cliente.post(
        reverse("api-actos-publicar", args=[acto.pk]),
        {"fecha": timezone.localdate().isoformat(), "medio": "Portal institucional"},
        format="json",
    )
    assert r.status_code == 200, r.content
    return Acto.objects.get(pk=acto.pk)


def _descargar(client, acto) -> bytes:
    client.logout()
    r = client.get(reverse("normativa:acto-pdf", args=[acto.pk]))
    assert r.status_code == 200 and r["X-SHA256"] == acto.sha256
    return b"".join(r.streaming_content) if r.streaming else r.content


def test_pyhanko_valida_la_firma_del_pdf_descargado(cliente_de, secretario, client):
    acto = _firmado_y_publicado(cliente_de(secretario), secretario)
    assert acto.pdf_pades
    pdf = _descargar(client, acto)
    firmas = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    assert len(firmas) == 1
    estado = validate_pdf_signature(
        firmas[0], ValidationContext(trust_roots=raices_de_confianza(), allow_fetching=False)
    )
    assert estado.intact and estado.valid and estado.trusted
    assert acto.numero_texto in (firmas[0].sig_object.get("/Reason") or "")
    guardar = Evento.objects.get(accion="actos.acto.guardar_pdf", objeto_id=str(acto.pk))
    assert guardar.despues["pdf_pades"] is True and guardar.despues["sha256"] == acto.sha256
    # La página pública ya no miente: dice «firmado digitalmente» y enlaza la verificación.
    pagina = client.get(reverse("normativa:acto", args=[acto.pk])).content.decode()
    assert "PDF firmado digitalmente" in pagina and reverse("verificar:inicio") in pagina


def test_verificar_reconoce_el_acto_y_su_firma(cliente_de, secretario, client):
    acto = _firmado_y_publicado(cliente_de(secretario), secretario)
    pdf = _descargar(client, acto)
    archivo = io.BytesIO(pdf)
    archivo.name = "acto.pdf"
    r = client.post(reverse("verificar:inicio"), {"archivo": archivo}, HTTP_ACCEPT="application/json")
    assert r.status_code == 200
    datos = r.json()
    assert datos["coincide"] is True and datos["firma_valida"] is True
    assert datos["acto"]["numero"] == acto.numero_texto and datos["codigo"] is None
    archivo = io.BytesIO(pdf)
    archivo.name = "acto.pdf"
    html = client.post(reverse("verificar:inicio"), {"archivo": archivo}).content.decode()
    assert "El PDF es exactamente el firmado" in html and acto.numero_texto in html
    assert 'data-firma="valida"' in html


def test_un_byte_cambiado_se_detecta(cliente_de, secretario, client):
    acto = _firmado_y_publicado(cliente_de(secretario), secretario)
    pdf = bytearray(_descargar(client, acto))
    # Un byte del contenido firmado (antes del diccionario de la firma, que va al final).
    posicion = pdf.index(b"stream") + 20
    pdf[posicion] = (pdf[posicion] + 1) % 256
    archivo = io.BytesIO(bytes(pdf))
    archivo.name = "alterado.pdf"
    r = client.post(reverse("verificar:inicio"), {"archivo": archivo}, HTTP_ACCEPT="application/json")
    datos = r.json()
    assert datos["coincide"] is False and datos["firma_valida"] is False and datos["acto"] is None


def test_sin_certificado_el_pdf_no_se_dice_firmado_digitalmente(
    cliente_de, secretario, client, settings, tmp_path
):
    settings.SECRETARIA_CERT_PKCS12 = tmp_path / "no-existe.p12"
    acto = _firmado_y_publicado(cliente_de(secretario), secretario)
    assert not acto.pdf_pades and len(acto.sha256) == 64
    pagina = client.get(reverse("normativa:acto", args=[acto.pk])).content.decode()
    assert "sin firma digital" in pagina
