"""Verificación pública con PDF hostiles (issue 20, punto 1): un PDF ajeno se valida en un proceso hijo
con tope de CPU y memoria; lo que no termina como PDF se contesta sin pyHanko; los PDF ajenos tienen su
tope por hora e IP; y el PDF emitido sigue validándose entero."""

from django.core.files.uploadedfile import SimpleUploadedFile

from certificaciones.services.emision import emitir_certificado
from core.firma import validar_firma, validar_firma_acotada

_MB = 1024 * 1024


def _subir(client, datos: bytes, *, json=True, ip="10.1.1.1"):
    cabeceras = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(
        "/verificar/",
        {"archivo": SimpleUploadedFile("x.pdf", datos, "application/pdf")},
        REMOTE_ADDR=ip,
        **cabeceras,
    )


def test_pdf_sin_marca_de_fin_se_contesta_sin_pyhanko(client, db):
    # La forma del informe: %PDF-1.4 y ceros. pyHanko buscaría %%EOF hacia atrás por todo el archivo.
    r = _subir(client, b"%PDF-1.4\n" + b"\0" * (3 * _MB))
    assert r.status_code == 200
    respuesta = r.json()
    assert respuesta["coincide"] is False and respuesta["firma_valida"] is False
    assert "no termina como un PDF" in respuesta["motivo_firma"]
    assert len(respuesta["sha256"]) == 64


def test_pdf_que_agota_el_tope_de_cpu_se_corta_y_se_dice(client, db, settings):
    # Ceros con una cola de PDF: pyHanko los recorre y pasa el segundo de CPU permitido (o el plazo en
    # reloj, si la máquina está cargada); la respuesta llega igual, con la huella, y dice por qué.
    settings.SECRETARIA_VERIFICAR_FIRMA_SEGUNDOS_CPU = 1
    hostil = b"%PDF-1.4\n" + b"\0" * (20 * _MB) + b"\nstartxref\n9\n%%EOF\n"
    r = _subir(client, hostil)
    assert r.status_code == 200
    respuesta = r.json()
    assert respuesta["coincide"] is False and respuesta["firma_valida"] is None
    assert "no se pudo comprobar la firma" in respuesta["motivo_firma"].lower()
    html = _subir(client, hostil, json=False).content.decode()
    assert "no se pudo comprobar la firma" in html.lower()
    # El proceso sigue sano: la base responde después del hijo.
    assert client.get("/verificar/").status_code == 200


def test_pdf_ajenos_tienen_tope_por_hora_e_ip(client, lista, secretario, settings):
    settings.SECRETARIA_VERIFICAR_FALLOS_POR_HORA = 2
    emitido = emitir_certificado(solicitud=lista(), por=secretario)
    with emitido.pdf.archivo.open("rb") as f:
        original = f.read()
    ajeno = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert [_subir(client, ajeno).status_code for _ in range(3)] == [200, 200, 429]
    assert "demasiadas consultas" in _subir(client, ajeno).json()["error"].lower()
    # Otra IP no está afectada, y el PDF emitido se sigue comprobando entero (firma incluida).
    r = _subir(client, original, ip="10.2.2.2")
    assert r.status_code == 200 and r.json()["coincide"] is True and r.json()["firma_valida"] is True
    # Los que coinciden no gastan ese tope.
    assert [_subir(client, original, ip="10.3.3.3").status_code for _ in range(3)] == [200, 200, 200]


def test_el_hijo_dice_lo_mismo_que_la_validacion_en_el_proceso(client, lista, secretario):
    # Lo que el hijo valida es lo mismo que antes: una copia alterada del certificado no coincide, y su
    # firma dice lo mismo por la página (hijo con tope) que validada aquí mismo.
    emitido = emitir_certificado(solicitud=lista(), por=secretario)
    with emitido.pdf.archivo.open("rb") as f:
        original = f.read()
    cambiado = bytearray(original)
    cambiado[len(original) // 3] ^= 0x01  # un bit dentro de lo firmado
    for alterado in (original + b"\n% anadido\n%%EOF\n", bytes(cambiado)):
        en_el_proceso = validar_firma(alterado)
        assert validar_firma_acotada(alterado, segundos_cpu=30, megas=768) == en_el_proceso
        respuesta = _subir(client, alterado).json()
        assert respuesta["coincide"] is False
        assert respuesta["firma_valida"] is en_el_proceso.valida is False
        assert respuesta["motivo_firma"] == en_el_proceso.motivo
