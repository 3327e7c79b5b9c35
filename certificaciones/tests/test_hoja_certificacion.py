"""La hoja de certificación dentro del PDF firmado: número, código, fecha, funcionario y cargo, «por encargo»
cuando subroga el Pro-secretario, el texto de fe de cada país y tipo, y el QR, que lleva la dirección de
verificación del certificado (se reconstruye su matriz desde el dibujo del PDF y se compara con la que
segno calcula para esa dirección: en el entorno no hay un lector de QR)."""

import io

import pytest
import segno
from django.template.defaultfilters import date as formato_fecha
from django.utils import timezone
from pypdf import PdfReader
from pypdf.generic import ContentStream

from certificaciones.models import Certificado, TipoCertificacion
from certificaciones.services.emision import texto_certificacion, url_verificacion
from core.models import Municipio
from core.tests.pdf import texto_pdf

TIPOS_CON_ORIGINAL = ["copia", "acta", "acuerdo", "ordenanza"]


def _emitir(cliente, solicitud) -> Certificado:
    r = cliente.post(f"/certificaciones/solicitudes/{solicitud.pk}/emitir/")
    assert r.status_code == 302, r.content.decode()[:500]
    return Certificado.objects.get(solicitud=solicitud)


def _pdf(certificado) -> bytes:
    with certificado.pdf.archivo.open("rb") as f:
        return f.read()


def _hoja(certificado) -> bytes:
    """La última página (la hoja de certificación) como PDF propio, para leer solo su texto."""
    from pypdf import PdfWriter

    escritor = PdfWriter()
    escritor.add_page(PdfReader(io.BytesIO(_pdf(certificado))).pages[-1])
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def _sin_espacios(texto: str) -> str:
    return " ".join(texto.split())


def test_la_hoja_dice_numero_codigo_fecha_funcionario_y_cargo(cliente_de, secretario, lista):
    c = _emitir(cliente_de(secretario), lista("acta"))
    texto = texto_pdf(_hoja(c))
    fecha = formato_fecha(timezone.localtime(c.emitido_en), r"j \d\e F \d\e Y")
    for dato in (
        c.numero_texto,
        c.codigo,
        secretario.get_full_name(),
        c.cargo,
        fecha,
        "Certificación de acta",
        "Firmado digitalmente",
    ):
        assert _sin_espacios(dato) in texto, dato
    # La dirección es una sola palabra larga que el renglón corta donde puede.
    assert url_verificacion(c.codigo) in "".join(texto.split())
    assert c.cargo == "Secretario General" and "Por encargo" not in texto
    assert _sin_espacios(c.texto) in texto and "es copia fiel del acta" in texto


def test_el_prosecretario_que_subroga_firma_por_encargo(
    cliente_de, prosecretario, secretario, encargo_vigente, lista
):
    c = _emitir(cliente_de(prosecretario), lista("copia", por=secretario))
    texto = texto_pdf(_hoja(c))
    assert c.calidad == "encargo" and c.por_encargo_de == secretario
    assert _sin_espacios(prosecretario.get_full_name()) in texto and c.cargo in texto
    assert _sin_espacios(f"Por encargo de {secretario.get_full_name()}, Secretario General") in texto


def _matriz_del_qr(pdf: bytes) -> list[list[int]]:
    """La matriz de módulos del QR dibujado en la hoja. WeasyPrint traza el SVG de segno como segmentos
    horizontales de un módulo de alto (`x y+.5 m`, `x2 y+.5 l`, en unidades de módulo tras el `cm` de la
    escala); se juntan los de ese trazo y se quita el borde."""
    lector = PdfReader(io.BytesIO(pdf))
    operaciones = ContentStream(lector.pages[-1].get_contents(), lector).operations
    trazos, actual, desde = [], [], None
    for operandos, operador in operaciones:
        if operador == b"m":
            desde = operandos
        elif operador == b"l" and desde is not None:
            actual.append((float(desde[0]), float(operandos[0]), float(operandos[1])))
            desde = None
        elif operador in (b"S", b"B", b"f", b"n") and actual:
            trazos.append(actual)
            actual = []
    qr = max(trazos, key=len)
    assert len(qr) > 50 and all(y % 1 == 0.5 for _x, _x2, y in qr), "no se encontró el QR en la hoja"
    filas = {}
    for x, x2, y in qr:
        filas.setdefault(int(y), set()).update(range(int(x), int(x2)))
    arriba, izquierda = min(filas), min(min(c) for c in filas.values())
    lado = max(filas) - arriba + 1
    return [
        [1 if izquierda + j in filas.get(arriba + i, ()) else 0 for j in range(lado)] for i in range(lado)
    ]


def _matriz_esperada(url: str) -> list[list[int]]:
    return [[1 if m else 0 for m in fila] for fila in segno.make(url, error="m").matrix]


def test_el_qr_lleva_la_direccion_de_verificacion(cliente_de, secretario, lista):
    c = _emitir(cliente_de(secretario), lista())
    matriz = _matriz_del_qr(_pdf(c))
    assert matriz == _matriz_esperada(url_verificacion(c.codigo))
    # Y no la de otro código: la comparación distingue direcciones.
    otro = c.codigo[:-1] + ("A" if c.codigo[-1] != "A" else "B")
    assert matriz != _matriz_esperada(url_verificacion(otro))


@pytest.mark.parametrize(
    "pais, palabras",
    [
        (
            "PE",
            {
                "acta": "copia fiel del acta",
                "acuerdo": "copia fiel del acuerdo",
                "ordenanza": "copia fiel de la ordenanza",
                "copia": "copia fiel del documento",
            },
        ),
        (
            "EC",
            {
                "acta": "el acta Nº 7, de la sesión del Concejo Municipal",
                "acuerdo": "el acuerdo Nº 7, adoptado por el Concejo Municipal",
                "ordenanza": "la ordenanza Nº 7, expedida por el Concejo Municipal",
                "copia": "el presente documento, Nº 7",
            },
        ),
        (
            "CO",
            {
                "acta": "fiel copia del acta Nº 7, de la sesión del Concejo Municipal",
                "acuerdo": "fiel copia del acuerdo Nº 7, expedido por el Concejo Municipal",
                "ordenanza": "fiel copia de la norma municipal Nº 7",
                "copia": "fiel copia de Nº 7",
            },
        ),
        (
            "MX",
            {
                "acta": "copia del acta de la sesión de Cabildo Nº 7",
                "acuerdo": "copia del acuerdo de Cabildo Nº 7",
                "ordenanza": "copia del ordenamiento municipal Nº 7, aprobado por el Ayuntamiento",
                "copia": "copia de Nº 7",
            },
        ),
    ],
)
def test_cada_pais_tiene_su_texto_por_tipo(pais, palabras):
    textos = {
        tipo: texto_certificacion(
            tipo=tipo, pais_codigo=pais, municipio_nombre="Municipalidad de Prueba", asunto="Nº 7", paginas=3
        )
        for tipo in TIPOS_CON_ORIGINAL
    }
    assert len(set(textos.values())) == len(TIPOS_CON_ORIGINAL)  # ningún tipo repite el texto de otro
    for tipo, frase in palabras.items():
        assert frase in textos[tipo], (pais, tipo, textos[tipo])
        assert "el archivo de la Municipalidad de Prueba" in textos[tipo]
    if pais == "EC":  # COOTAD: da fe de la existencia en el archivo, no de la autenticidad
        assert all("no de la autenticidad de su contenido" in t and "3 fojas" in t for t in textos.values())
    if pais == "MX":
        assert all("3 fojas útiles" in t and "fines legales a que haya lugar" in t for t in textos.values())
        una = texto_certificacion(
            tipo="acta", pais_codigo="MX", municipio_nombre="Ayuntamiento de Prueba", asunto="Nº 7", paginas=1
        )
        assert "1 foja útil," in una
    if pais in ("PE", "CO"):
        assert all("3 folios" in t for t in textos.values())


@pytest.mark.parametrize(
    "pais, frase",
    [
        ("EC", "de la sesión del Concejo Municipal"),
        ("CO", "de la sesión del Concejo Municipal"),
        ("MX", "sesión de Cabildo"),
    ],
)
def test_el_texto_del_pais_llega_al_pdf(pais, frase, cliente_de, secretario, lista, municipio):
    Municipio.objects.filter(pk=municipio.pk).update(perfil=pais)
    c = _emitir(cliente_de(secretario), lista("acta"))
    texto = texto_pdf(_hoja(c))
    assert frase in c.texto and _sin_espacios(c.texto) in texto
    assert str(TipoCertificacion.ACTA.label) in texto
