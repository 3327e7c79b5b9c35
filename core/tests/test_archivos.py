import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from core.models import Archivo, Evento
from core.permissions import _ACCESOS_ARCHIVO, obtener_archivo, registrar_acceso_archivo
from core.services.archivos import guardar_archivo


def pdf_real() -> bytes:
    escritor = PdfWriter()
    escritor.add_blank_page(width=200, height=200)
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def png_real() -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(salida, format="PNG")
    return salida.getvalue()


def archivos_en(raiz) -> list:
    return [p for p in raiz.rglob("*") if p.is_file()]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def regla_limpia():
    antes = list(_ACCESOS_ARCHIVO)
    yield
    _ACCESOS_ARCHIVO[:] = antes


# --- Servicio ---------------------------------------------------------------------------------


def test_guarda_pdf_real_con_sha256_y_auditoria(media, mesa_de_partes):
    datos = pdf_real()
    archivo = guardar_archivo(archivo=SimpleUploadedFile("oficio.pdf", datos), por=mesa_de_partes)
    archivo.refresh_from_db()
    assert archivo.tipo_mime == "application/pdf"
    assert archivo.sha256 == hashlib.sha256(datos).hexdigest()
    assert archivo.tamano == len(datos)
    assert archivo.nombre_original == "oficio.pdf"
    assert archivo.subido_por == mesa_de_partes
    with archivo.archivo.open("rb") as f:
        assert f.read() == datos
    assert len(archivos_en(media)) == 1
    evento = Evento.objects.get(accion="core.archivo.guardar")
    assert evento.objeto_id == str(archivo.pk)
    assert evento.actor == mesa_de_partes
    assert evento.despues["sha256"] == archivo.sha256


def test_guarda_png_real(media, mesa_de_partes):
    datos = png_real()
    archivo = guardar_archivo(archivo=SimpleUploadedFile("foto.png", datos), por=mesa_de_partes)
    assert archivo.tipo_mime == "image/png"
    assert archivo.sha256 == hashlib.sha256(datos).hexdigest()
    assert archivo.archivo.name.endswith(".png")


def test_tipo_por_contenido_no_por_nombre(media, mesa_de_partes):
    # Un PDF verdadero con nombre .txt se reconoce como PDF... y se rechaza por nombre engañoso.
    with pytest.raises(ValidationError, match="no corresponde a su contenido"):
        guardar_archivo(archivo=SimpleUploadedFile("nota.txt", pdf_real()), por=mesa_de_partes)
    # Sin extensión, el contenido manda.
    archivo = guardar_archivo(archivo=SimpleUploadedFile("escaneo", pdf_real()), por=mesa_de_partes)
    assert archivo.tipo_mime == "application/pdf"


@pytest.mark.parametrize(
    "nombre,datos,tipos,mensaje",
    [
        ("falso.pdf", b"Esto es texto y no un PDF.\n" * 20, None, "no corresponde a su contenido"),
        ("falso.pdf", b"Esto es texto y no un PDF.\n" * 20, ["application/pdf"], "no se admite aqu"),
        ("roto.pdf", b"%PDF-1.4\n" + b"basura" * 50, None, "PDF est\u00e1 da\u00f1ado"),
        ("rota.png", png_real()[:45] + b"\x00" * 40, None, "imagen est\u00e1 da\u00f1ada"),
        ("vacio.pdf", b"", None, "vac\u00edo"),
        ("pagina.html", b"<html><body><script>alert(1)</script></body></html>", None, "no se admite"),
    ],
)
def test_rechazos_no_dejan_nada(media, mesa_de_partes, nombre, datos, tipos, mensaje):
    with pytest.raises(ValidationError) as error:
        guardar_archivo(archivo=SimpleUploadedFile(nombre, datos), por=mesa_de_partes, tipos_permitidos=tipos)
    assert mensaje in " ".join(error.value.messages)
    assert not Archivo.objects.exists()
    assert not Evento.objects.filter(accion="core.archivo.guardar").exists()
    assert not media.exists() or archivos_en(media) == []


def test_demasiado_grande_no_deja_nada(media, settings, mesa_de_partes):
    settings.ARCHIVO_TAMANO_MAXIMO = 100
    with pytest.raises(ValidationError, match="máximo permitido"):
        guardar_archivo(archivo=SimpleUploadedFile("grande.pdf", pdf_real()), por=mesa_de_partes)
    assert not Archivo.objects.exists()
    assert not media.exists() or archivos_en(media) == []


def test_si_falla_la_auditoria_se_borra_el_archivo_guardado(media, mesa_de_partes, monkeypatch):
    # El fallo se provoca en Django (la creación de la fila), no en nuestro código.
    def fallar(*args, **kwargs):
        raise RuntimeError("la base de datos no respondió")

    monkeypatch.setattr(Archivo.objects, "create", fallar)
    with pytest.raises(RuntimeError):
        guardar_archivo(archivo=SimpleUploadedFile("oficio.pdf", pdf_real()), por=mesa_de_partes)
    assert archivos_en(media) == []


# --- Acceso -----------------------------------------------------------------------------------


def test_acceso_quien_subio_auditor_y_regla_registrada(
    media, mesa_de_partes, secretario, ajeno, regla_limpia
):
    archivo = guardar_archivo(archivo=SimpleUploadedFile("oficio.pdf", pdf_real()), por=mesa_de_partes)
    assert obtener_archivo(mesa_de_partes, archivo.pk) == archivo
    assert obtener_archivo(secretario, archivo.pk) == archivo  # tiene core.ver_auditoria
    from django.http import Http404

    with pytest.raises(Http404):
        obtener_archivo(ajeno, archivo.pk)
    with pytest.raises(Http404):
        obtener_archivo(mesa_de_partes, archivo.pk + 1000)
    registrar_acceso_archivo(lambda usuario, a: usuario.username == "ajeno" and a.pk == archivo.pk)
    assert obtener_archivo(ajeno, archivo.pk) == archivo


# --- Vistas -----------------------------------------------------------------------------------


@pytest.fixture
def pdf_guardado(media, mesa_de_partes):
    return guardar_archivo(archivo=SimpleUploadedFile("Oficio 12.pdf", pdf_real()), por=mesa_de_partes)


def test_ver_pdf_en_linea(cliente_de, mesa_de_partes, pdf_guardado):
    r = cliente_de(mesa_de_partes).get(reverse("core:archivo-ver", args=[pdf_guardado.pk]))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("inline")
    assert r["X-Content-Type-Options"] == "nosniff"
    assert b"".join(r.streaming_content) == pdf_real_de(pdf_guardado)


def pdf_real_de(archivo) -> bytes:
    with archivo.archivo.open("rb") as f:
        return f.read()


def test_descargar_es_adjunto(cliente_de, mesa_de_partes, pdf_guardado):
    r = cliente_de(mesa_de_partes).get(reverse("core:archivo-descargar", args=[pdf_guardado.pk]))
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    assert "Oficio 12.pdf" in r["Content-Disposition"]
    assert r["X-Content-Type-Options"] == "nosniff"


def test_ver_texto_no_va_en_linea(cliente_de, media, mesa_de_partes):
    archivo = guardar_archivo(
        archivo=SimpleUploadedFile("nota.txt", b"hola mundo\n" * 10), por=mesa_de_partes
    )
    r = cliente_de(mesa_de_partes).get(reverse("core:archivo-ver", args=[archivo.pk]))
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")


def test_ajeno_recibe_404(cliente_de, ajeno, pdf_guardado):
    cliente = cliente_de(ajeno)
    for nombre in ("core:archivo-ver", "core:archivo-descargar", "core:archivo-detalle"):
        assert cliente.get(reverse(nombre, args=[pdf_guardado.pk])).status_code == 404
    assert cliente.get(reverse("core:archivo-ver", args=[pdf_guardado.pk + 999])).status_code == 404


def test_anonimo_va_a_ingresar(client, pdf_guardado):
    r = client.get(reverse("core:archivo-descargar", args=[pdf_guardado.pk]))
    assert r.status_code == 302
    assert reverse("login") in r["Location"]


def test_subir_por_la_pagina(cliente_de, media, mesa_de_partes):
    cliente = cliente_de(mesa_de_partes)
    assert cliente.get(reverse("core:archivo-subir")).status_code == 200
    r = cliente.post(reverse("core:archivo-subir"), {"archivo": SimpleUploadedFile("foto.png", png_real())})
    archivo = Archivo.objects.get()
    assert r.status_code == 302
    assert r["Location"] == reverse("core:archivo-detalle", args=[archivo.pk])
    assert Evento.objects.filter(accion="core.archivo.guardar", objeto_id=str(archivo.pk)).exists()
    html = cliente.get(r["Location"]).content.decode()
    assert archivo.sha256 in html


def test_subir_archivo_falso_muestra_mensaje_y_no_guarda(cliente_de, media, mesa_de_partes):
    cliente = cliente_de(mesa_de_partes)
    r = cliente.post(
        reverse("core:archivo-subir"), {"archivo": SimpleUploadedFile("falso.pdf", b"texto " * 50)}
    )
    assert r.status_code == 200
    assert "no corresponde a su contenido" in r.content.decode()
    assert not Archivo.objects.exists()
    assert not media.exists() or archivos_en(media) == []


def test_subir_sin_archivo_muestra_mensaje(cliente_de, media, mesa_de_partes):
    r = cliente_de(mesa_de_partes).post(reverse("core:archivo-subir"), {})
    assert r.status_code == 200
    assert "Seleccione un archivo." in r.content.decode()
    assert not Archivo.objects.exists()


def test_subir_sin_unidad_es_403(cliente_de, media, ciudadano):
    r = cliente_de(ciudadano).post(
        reverse("core:archivo-subir"), {"archivo": SimpleUploadedFile("f.png", png_real())}
    )
    assert r.status_code == 403
    assert not Archivo.objects.exists()


def test_ver_y_descargar_solo_get(cliente_de, mesa_de_partes, pdf_guardado):
    cliente = cliente_de(mesa_de_partes)
    assert cliente.post(reverse("core:archivo-ver", args=[pdf_guardado.pk])).status_code == 405
    assert cliente.post(reverse("core:archivo-descargar", args=[pdf_guardado.pk])).status_code == 405
