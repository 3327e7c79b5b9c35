import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.models import Evento, Municipio

URL = reverse("core:municipio")


@pytest.fixture(autouse=True)
def media_temporal(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _datos(**cambios):
    datos = {
        "nombre": "Municipalidad Distrital de Villa Esperanza",
        "sigla": "MDVE",
        "direccion": "Plaza de Armas 100",
        "telefono": "(01) 555-0100",
        "correo": "secretaria@villaesperanza.gob.pe",
        "sitio_web": "https://villaesperanza.gob.pe",
        "perfil": "PE",
        "zona_horaria": "America/Lima",
    }
    datos.update(cambios)
    return datos


def _png(tamano=(20, 10)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", tamano, "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("escudo.png", buffer.getvalue(), content_type="image/png")


def test_secretario_edita_el_municipio_y_queda_auditado(cliente_de, secretario, municipio):
    r = cliente_de(secretario).post(
        URL, _datos(nombre="Municipalidad de Villa Esperanza", sigla="mdve-2", trabaja_sabados="on")
    )
    assert r.status_code == 302
    municipio.refresh_from_db()
    assert municipio.nombre == "Municipalidad de Villa Esperanza"
    assert municipio.sigla == "MDVE-2"
    assert municipio.trabaja_sabados is True
    evento = Evento.objects.de_objeto(municipio).get()
    assert evento.accion == "core.municipio.editar"
    assert evento.actor == secretario
    assert evento.antes["sigla"] == "MDVE" and evento.despues["sigla"] == "MDVE-2"


def test_pagina_muestra_el_formulario(cliente_de, secretario, municipio):
    r = cliente_de(secretario).get(URL)
    assert r.status_code == 200
    assert 'name="sigla"' in r.content.decode()


def test_logo_valido_se_guarda(cliente_de, secretario, municipio):
    r = cliente_de(secretario).post(URL, {**_datos(), "logo": _png()})
    assert r.status_code == 302
    municipio.refresh_from_db()
    assert municipio.logo.name.startswith("municipio/")
    evento = Evento.objects.de_objeto(municipio).get()
    assert evento.despues["logo"] == municipio.logo.name


def test_logo_que_no_es_imagen_se_rechaza(cliente_de, secretario, municipio):
    falso = SimpleUploadedFile("escudo.png", b"%PDF-1.4 no soy una imagen", content_type="image/png")
    r = cliente_de(secretario).post(URL, {**_datos(nombre="Otro nombre"), "logo": falso})
    assert r.status_code == 200
    assert "imagen" in r.content.decode()
    municipio.refresh_from_db()
    assert municipio.nombre == "Municipalidad Distrital de Villa Esperanza"
    assert not municipio.logo
    assert not Evento.objects.exists()


def test_logo_de_mas_de_2_mb_se_rechaza(cliente_de, secretario, municipio):
    buffer = io.BytesIO()
    # Ruido aleatorio: PNG no lo puede comprimir, así pasa de 2 MB.
    Image.frombytes("RGB", (1000, 1000), __import__("os").urandom(3_000_000)).save(buffer, format="PNG")
    assert buffer.tell() > 2 * 1024 * 1024
    grande = SimpleUploadedFile("grande.png", buffer.getvalue(), content_type="image/png")
    r = cliente_de(secretario).post(URL, {**_datos(), "logo": grande})
    assert r.status_code == 200
    assert "El logo no puede pesar más de 2 MB." in r.content.decode()
    municipio.refresh_from_db()
    assert not municipio.logo


@pytest.mark.parametrize(
    "campo,valor,mensaje",
    [
        ("sigla", "MD VE", "La sigla solo admite letras mayúsculas, dígitos y guiones"),
        ("sigla", "MDVE-", "La sigla solo admite letras mayúsculas, dígitos y guiones"),
        ("perfil", "BR", "Perfil no válido"),
        ("perfil", "MX-XXX", "Perfil no válido"),
        ("zona_horaria", "America/Villa_Esperanza", "no es una zona horaria conocida"),
        ("correo", "no-es-correo", "Introduzca una dirección de correo electrónico válida."),
    ],
)
def test_entrada_mala_muestra_mensaje_y_no_cambia_nada(
    cliente_de, secretario, municipio, campo, valor, mensaje
):
    r = cliente_de(secretario).post(URL, _datos(nombre="No debe guardarse", **{campo: valor}))
    assert r.status_code == 200
    assert mensaje in r.content.decode()
    municipio.refresh_from_db()
    assert municipio.nombre == "Municipalidad Distrital de Villa Esperanza"
    assert not Evento.objects.exists()


@pytest.mark.parametrize("perfil", ["EC", "CO", "MX-AGU", "mx-cmx"])
def test_perfiles_validos(cliente_de, secretario, municipio, perfil):
    r = cliente_de(secretario).post(URL, _datos(perfil=perfil, zona_horaria="America/Mexico_City"))
    assert r.status_code == 302
    municipio.refresh_from_db()
    assert municipio.perfil == perfil.upper()
    assert municipio.zona_horaria == "America/Mexico_City"


def test_sin_municipio_la_pagina_lo_crea(cliente_de, secretario):
    Municipio.objects.all().delete()
    r = cliente_de(secretario).post(URL, _datos(sigla="MPX"))
    assert r.status_code == 302
    m = Municipio.objects.get()
    assert m.sigla == "MPX"
    assert Evento.objects.de_objeto(m).get().accion == "core.municipio.crear"


@pytest.mark.parametrize("persona", ["mesa_de_partes", "regidor", "prosecretario"])
def test_sin_permiso_403(request, cliente_de, persona, municipio):
    cliente = cliente_de(request.getfixturevalue(persona))
    assert cliente.get(URL).status_code == 403
    assert cliente.post(URL, _datos(nombre="X")).status_code == 403
    municipio.refresh_from_db()
    assert municipio.nombre == "Municipalidad Distrital de Villa Esperanza"


def test_anonimo_va_a_ingresar(client, municipio):
    r = client.get(URL)
    assert r.status_code == 302 and reverse("login") in r["Location"]


def test_metodo_no_permitido(cliente_de, secretario, municipio):
    assert cliente_de(secretario).put(URL).status_code == 405


def _atributos_de(html: str) -> dict[str, dict]:
    """Los atributos de cada campo del formulario (input, select, textarea), por su nombre."""
    from html.parser import HTMLParser

    campos: dict[str, dict] = {}
    textos: dict[str, str] = {}

    class Lector(HTMLParser):
        pila: list[str | None] = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag in {"input", "select", "textarea"} and attrs.get("name"):
                campos[attrs["name"]] = attrs
            self.pila.append(attrs.get("id") if tag == "div" else None)

        def handle_endtag(self, tag):
            if self.pila:
                self.pila.pop()

        def handle_data(self, data):
            for ident in self.pila:
                if ident:
                    textos[ident] = textos.get(ident, "") + data

    Lector().feed(html)
    return {"campos": campos, "textos": textos}


def test_campo_con_error_lo_anuncia_a_los_lectores_de_pantalla(cliente_de, secretario, municipio):
    r = cliente_de(secretario).post(URL, _datos(sigla="MD VE", zona_horaria="America/Villa_Esperanza"))
    assert r.status_code == 200
    leido = _atributos_de(r.content.decode())
    campos, textos = leido["campos"], leido["textos"]
    # Con ayuda y error: los dos, en ese orden; el error dice qué pasó.
    assert campos["sigla"]["aria-invalid"] == "true"
    assert campos["sigla"]["aria-describedby"] == "id_sigla_ayuda id_sigla_error"
    assert "Se usa en los números de registro" in textos["id_sigla_ayuda"]
    assert "La sigla solo admite letras mayúsculas" in textos["id_sigla_error"]
    # Sin ayuda, solo el error.
    assert campos["zona_horaria"]["aria-invalid"] == "true"
    assert campos["zona_horaria"]["aria-describedby"] == "id_zona_horaria_error"
    assert "no es una zona horaria conocida" in textos["id_zona_horaria_error"]
    # Un campo bien escrito no se marca inválido; su ayuda sigue enlazada.
    assert "aria-invalid" not in campos["nombre"] and "aria-describedby" not in campos["nombre"]
    assert campos["logo"]["aria-describedby"] == "id_logo_ayuda" and "aria-invalid" not in campos["logo"]
    municipio.refresh_from_db()
    assert municipio.sigla == "MDVE" and not Evento.objects.exists()
