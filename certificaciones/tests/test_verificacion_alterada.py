"""Verificación pública de PDF alterados: un byte cambiado en cualquier lugar del certificado firmado
(contenido, diccionario de la firma, CMS, xref, cola) nunca da un 500 ni «coincide», por la página y por
JSON; y lo que pyHanko no puede leer se informa como firma no válida."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from certificaciones.services.emision import emitir_certificado
from core.firma import validar_firma

POSICIONES = 150


@pytest.fixture
def firmado(lista, secretario, settings) -> bytes:
    # Muchas subidas desde la misma IP en la prueba: el límite por minuto no es lo que se prueba aquí.
    settings.SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO = 100_000
    settings.SECRETARIA_VERIFICAR_FALLOS_POR_HORA = 100_000
    c = emitir_certificado(solicitud=lista(), por=secretario)
    with c.pdf.archivo.open("rb") as f:
        return f.read()


def _subir(client, datos: bytes, *, json: bool):
    cabeceras = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(
        "/verificar/", {"archivo": SimpleUploadedFile("c.pdf", datos, "application/pdf")}, **cabeceras
    )


def _alterado(datos: bytes, posicion: int) -> bytes:
    cambiado = bytearray(datos)
    cambiado[posicion] ^= 0x01  # un solo bit: el cambio más pequeño posible
    return bytes(cambiado)


def test_un_byte_cambiado_en_cualquier_posicion_nunca_da_500_ni_coincide(client, firmado):
    # Un paso fijo a lo largo de todo el archivo (determinista), más la cola entera: ahí están el
    # diccionario de la firma (/M, /ByteRange), el comienzo del CMS, el xref y el trailer.
    paso = max(1, len(firmado) // POSICIONES)
    posiciones = sorted({*range(0, len(firmado), paso), *range(max(0, len(firmado) - 64), len(firmado))})
    assert len(posiciones) >= POSICIONES
    vistos = {}
    for i, posicion in enumerate(posiciones):
        datos = _alterado(firmado, posicion)
        r = _subir(client, datos, json=True)
        assert r.status_code in (200, 400), (posicion, r.status_code)
        respuesta = r.json()
        assert respuesta["coincide"] is False and respuesta["codigo"] is None, posicion
        vistos[r.status_code] = vistos.get(r.status_code, 0) + 1
        if i % 3 == 0:  # la página HTML pasa por la misma comprobación; una de cada tres basta
            r = _subir(client, datos, json=False)
            html = r.content.decode()
            assert r.status_code in (200, 400), (posicion, r.status_code)
            assert "El PDF es exactamente el emitido" not in html, posicion
            if r.status_code == 200:
                assert "no coincide con ningún documento emitido" in html, posicion
    assert vistos.get(200, 0) > POSICIONES // 2  # casi todos llegan a la comprobación (no se cortan antes)


def _zona_de_la_firma(datos: bytes) -> list[int]:
    """Posiciones densas donde pyHanko lee sin red: el comienzo del CMS (versión, algoritmos de resumen,
    certificados) y el diccionario de la firma (/ByteRange, /Type, /Filter, /SubFilter, /M)."""
    cms = datos.index(b"/Contents <") + len(b"/Contents <")
    diccionario = datos.index(b"/ByteRange")
    fin = datos.index(b"endobj", diccionario)
    return [*range(cms - 12, cms + 120, 2), *range(diccionario, fin, 4)]


def test_firma_ilegible_es_firma_no_valida_y_la_huella_responde(client, firmado):
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    from core.firma import _estado_de_la_firma, raices_de_confianza

    contexto = ValidationContext(trust_roots=raices_de_confianza(), allow_fetching=False)
    antes_se_escapaban, ilegibles = set(), []
    for posicion in _zona_de_la_firma(firmado):
        datos = _alterado(firmado, posicion)
        try:
            _estado_de_la_firma(datos, contexto)
        except (SignatureValidationError, ValueError, KeyError, TypeError):
            ilegibles.append(posicion)
        except Exception as e:  # lo que antes llegaba a la vista como 500
            antes_se_escapaban.add(type(e).__name__)
            ilegibles.append(posicion)
    # La prueba ejerce de verdad el fallo del informe (AttributeError, PdfReadError y otros).
    assert antes_se_escapaban, (
        "ninguna posición hace fallar a pyHanko con otra excepción: la prueba no prueba nada"
    )
    for posicion in ilegibles:
        datos = _alterado(firmado, posicion)
        assert validar_firma(datos).valida is False, posicion
        r = _subir(client, datos, json=True)
        assert r.status_code == 200, (posicion, r.status_code)
        respuesta = r.json()
        assert respuesta["coincide"] is False and respuesta["firma_valida"] is False, posicion
        assert respuesta["motivo_firma"], posicion  # siempre dice por qué no vale
        assert len(respuesta["sha256"]) == 64  # la huella responde aunque la firma no se lea
