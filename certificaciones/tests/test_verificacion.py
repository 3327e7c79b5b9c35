"""Verificación pública: por código (datos, descarga si es público), subiendo el PDF (huella y firma),
un byte cambiado falla, revocación, JSON y límites contra quien adivina códigos."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from certificaciones.models import Certificado
from certificaciones.services.emision import emitir_certificado, revocar_certificado
from certificaciones.tests.conftest import pdf_de_prueba
from core.models import Evento


@pytest.fixture
def emitido(lista, secretario):
    def _emitido(**kwargs):
        return emitir_certificado(solicitud=lista(**kwargs), por=secretario)

    return _emitido


def _bytes(certificado) -> bytes:
    with certificado.pdf.archivo.open("rb") as f:
        return f.read()


def _subir(client, datos: bytes, *, json=True, **extra):
    cabeceras = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(
        "/verificar/",
        {"archivo": SimpleUploadedFile("c.pdf", datos, "application/pdf"), **extra},
        **cabeceras,
    )


def test_pagina_por_codigo_muestra_los_datos_sin_ingreso(client, emitido):
    c = emitido()
    r = client.get(f"/verificar/{c.codigo}/")
    html = r.content.decode()
    assert r.status_code == 200
    for dato in (c.numero_texto, "Copia certificada de documento", c.sha256, c.funcionario_nombre, "vigente"):
        assert dato in html
    # No es pública: no se ofrece ni se sirve la descarga, pero se puede confirmar una copia.
    assert f"/verificar/{c.codigo}/pdf/" not in html and "Comprobar una copia" in html
    assert client.get(f"/verificar/{c.codigo}/pdf/").status_code == 404
    # Minúsculas y guiones llevan a la misma página.
    legible = c.codigo_legible.lower()
    assert client.get(f"/verificar/{legible}/").url == f"/verificar/{c.codigo}/"
    assert client.get("/verificar/", {"codigo": legible}).url == f"/verificar/{c.codigo}/"


def test_descarga_cuando_es_publico(client, emitido):
    c = emitido(publico=True)
    assert f"/verificar/{c.codigo}/pdf/" in client.get(f"/verificar/{c.codigo}/").content.decode()
    r = client.get(f"/verificar/{c.codigo}/pdf/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == _bytes(c)


def test_subir_el_pdf_exacto_coincide_y_la_firma_es_valida(client, emitido):
    c = emitido()
    r = _subir(client, _bytes(c))
    datos = r.json()
    assert r.status_code == 200
    assert datos["coincide"] is True and datos["firma_valida"] is True and datos["codigo"] == c.codigo
    assert "Secretaría General" in datos["firmante"] and datos["revocado"] is False
    html = _subir(client, _bytes(c), json=False).content.decode()
    assert "El PDF es exactamente el emitido" in html and "Firma digital <strong>válida</strong>" in html


@pytest.mark.parametrize("donde", ["dentro", "final"])
def test_un_byte_cambiado_falla(client, emitido, donde):
    c = emitido()
    datos = bytearray(_bytes(c))
    # Dentro de lo firmado (el contenido) o en la cola del archivo (donde va la firma y el xref).
    posicion = len(datos) // 4 if donde == "dentro" else len(datos) - 40
    datos[posicion] = (datos[posicion] + 1) % 256
    r = _subir(client, bytes(datos))
    assert r.json()["coincide"] is False and r.json()["firma_valida"] is False and r.json()["codigo"] is None
    html = _subir(client, bytes(datos), json=False).content.decode()
    assert "no coincide con ningún documento emitido" in html and "no es válida" in html


def test_pdf_sin_firma_y_archivo_que_no_es_pdf(client, db):
    r = _subir(client, pdf_de_prueba(1))
    assert r.json() == {**r.json(), "coincide": False, "firma_valida": None, "codigo": None}
    r = client.post(
        "/verificar/",
        {"archivo": SimpleUploadedFile("x.pdf", b"hola", "application/pdf")},
        HTTP_ACCEPT="application/json",
    )
    assert r.status_code == 400 and r.json()["error"] == "El archivo no es un PDF."
    r = client.post("/verificar/", {})
    assert r.status_code == 400 and "Elija el PDF que quiere comprobar." in r.content.decode()


def test_confirmar_copia_de_un_codigo(client, emitido):
    c1, c2 = emitido(), emitido(tipo="constancia")
    assert _subir(client, _bytes(c1), codigo=c1.codigo).json()["coincide"] is True
    # El PDF de otro certificado no confirma este código.
    assert _subir(client, _bytes(c2), codigo=c1.codigo).json()["coincide"] is False


def test_revocacion_se_muestra_y_queda(client, cliente_de, secretario, emitido):
    c = emitido(publico=True)
    r = cliente_de(secretario).post(
        f"/certificaciones/certificados/{c.pk}/revocar/", {"motivo": "Se emitió a otra persona"}
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.revocado and c.motivo_revocacion == "Se emitió a otra persona" and c.revocado_por == secretario
    evento = Evento.objects.get(accion="certificaciones.certificado.revocar")
    assert evento.antes["revocado"] is False and evento.despues["revocado"] is True
    client.logout()
    html = client.get(f"/verificar/{c.codigo}/").content.decode()
    assert "REVOCADO" in html and "Se emitió a otra persona" in html
    assert client.get(f"/verificar/{c.codigo}/pdf/").status_code == 404
    datos = _subir(client, _bytes(c)).json()
    assert (
        datos["coincide"] is True
        and datos["revocado"] is True
        and datos["motivo_revocacion"] == "Se emitió a otra persona"
    )
    assert Certificado.objects.filter(pk=c.pk, numero_texto=c.numero_texto, sha256=c.sha256).exists()


def test_revocar_sin_motivo_o_sin_calidad(cliente_de, secretario, prosecretario, emitido, mesa_de_partes):
    c = emitido()
    r = cliente_de(secretario).post(f"/certificaciones/certificados/{c.pk}/revocar/", {"motivo": "  "})
    assert r.status_code == 400 and "Escriba el motivo" in r.content.decode()
    r = cliente_de(prosecretario).post(f"/certificaciones/certificados/{c.pk}/revocar/", {"motivo": "Error"})
    assert r.status_code == 400 and "Sin un encargo vigente" in r.content.decode()
    assert (
        cliente_de(mesa_de_partes)
        .post(f"/certificaciones/certificados/{c.pk}/revocar/", {"motivo": "Error"})
        .status_code
        == 403
    )
    with pytest.raises(Exception, match="ya está revocado"):
        revocar_certificado(certificado=c, motivo="uno", por=secretario)
        revocar_certificado(certificado=c, motivo="dos", por=secretario)
    c.refresh_from_db()
    assert c.motivo_revocacion == "uno"


def test_codigo_inexistente_404_y_adivinar_se_limita(client, emitido, settings):
    c = emitido()
    settings.SECRETARIA_VERIFICAR_FALLOS_POR_HORA = 5
    for i in range(5):
        assert client.get(f"/verificar/AAAABBBBCCCCDDDD{i:04d}/").status_code == 404
    # Sexto intento: bloqueado, aunque ahora pruebe un código que existe.
    r = client.get(f"/verificar/{c.codigo}/")
    assert r.status_code == 429 and "demasiadas consultas" in r.content.decode().lower()
    assert client.get("/verificar/", {"codigo": c.codigo}, HTTP_ACCEPT="application/json").status_code == 429
    # Otra IP no está afectada.
    assert client.get(f"/verificar/{c.codigo}/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_consultas_y_subidas_por_minuto_limitadas(client, emitido, settings):
    c = emitido()
    settings.SECRETARIA_VERIFICAR_CONSULTAS_POR_MINUTO = 3
    settings.SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO = 2
    assert [client.get(f"/verificar/{c.codigo}/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert [_subir(client, b"no es un pdf").status_code for _ in range(3)] == [400, 400, 429]


def test_codigos_largos_al_azar(emitido):
    codigos = {emitido(tipo="constancia").codigo for _ in range(3)}
    assert len(codigos) == 3 and all(len(c) == 20 and c.isalnum() and c.upper() == c for c in codigos)
    assert not any(ch in "".join(codigos) for ch in "01IOL")


def test_pagina_inicio_publica(client, db):
    r = client.get("/verificar/")
    assert r.status_code == 200 and "Verificar un documento certificado" in r.content.decode()
    assert client.get("/verificar/", {"codigo": ""}).status_code == 400


def test_certificado_mayor_que_el_limite_de_adjuntos_se_verifica(client, emitido, settings):
    # emitir_certificado guarda el certificado aunque pase ARCHIVO_TAMANO_MAXIMO (es el original entero
    # más su hoja): la verificación tiene su propio límite y debe aceptarlo.
    settings.ARCHIVO_TAMANO_MAXIMO = 10_000
    c = emitido()
    datos = _bytes(c)
    assert len(datos) > settings.ARCHIVO_TAMANO_MAXIMO
    r = _subir(client, datos)
    assert r.status_code == 200 and r.json()["coincide"] is True and r.json()["firma_valida"] is True
    # El límite propio de la verificación sí corta, con un mensaje que dice cuánto admite.
    settings.CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO = len(datos) - 1
    r = _subir(client, datos)
    assert r.status_code == 400 and r.json()["coincide"] is False
    assert (
        r.json()["error"].startswith("El archivo pesa ")
        and "la verificación admite PDF de hasta" in r.json()["error"]
    )
    html = _subir(client, datos, json=False).content.decode()
    assert (
        "la verificación admite PDF de hasta" in html and "más grande que cualquier certificado" not in html
    )


def _ajustes_con(monkeypatch, **entorno) -> dict:
    """Ejecuta secretaria/settings.py (como al arrancar) con esas variables de entorno."""
    import runpy

    from django.conf import settings

    for nombre, valor in entorno.items():
        monkeypatch.setenv(nombre, valor)
    return runpy.run_path(str(settings.BASE_DIR / "secretaria" / "settings.py"))


def test_limite_de_verificacion_por_omision_holgado(monkeypatch):
    monkeypatch.delenv("CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO", raising=False)
    assert (
        _ajustes_con(monkeypatch, ARCHIVO_TAMANO_MAXIMO="")["CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO"]
        == 64 * 1024 * 1024
    )
    grande = _ajustes_con(monkeypatch, ARCHIVO_TAMANO_MAXIMO=str(50 * 1024 * 1024))
    assert grande["CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO"] == 100 * 1024 * 1024
    ajustes = _ajustes_con(
        monkeypatch,
        SECRETARIA_CERT_PKCS12="/srv/cert/muni.p12",
        SECRETARIA_CERT_CLAVE="x",
        SECRETARIA_CERT_RAICES="/srv/cert/raices.pem",
        SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO="7",
    )
    assert (
        str(ajustes["SECRETARIA_CERT_PKCS12"]) == "/srv/cert/muni.p12"
        and ajustes["SECRETARIA_CERT_CLAVE"] == "x"
    )
    assert str(ajustes["SECRETARIA_CERT_RAICES"]) == "/srv/cert/raices.pem"
    assert ajustes["SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO"] == 7


@pytest.mark.parametrize(
    "nombre, valor, mensaje",
    [
        ("SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO", "diez", "se esperaba un número entero"),
        ("SECRETARIA_VERIFICAR_FALLOS_POR_HORA", "0", "debe ser 1 o más"),
        ("CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO", "-5", "debe ser 1 o más"),
    ],
)
def test_un_ajuste_mal_escrito_detiene_el_arranque(monkeypatch, nombre, valor, mensaje):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match=mensaje) as error:
        _ajustes_con(monkeypatch, **{nombre: valor})
    assert nombre in str(error.value)


def test_pdf_grande_se_sube_a_disco_y_se_verifica_por_trozos(client, emitido, settings):
    # Por encima de FILE_UPLOAD_MAX_MEMORY_SIZE Django deja la subida en un archivo temporal: la huella
    # se calcula por trozos y pyHanko lee de ese archivo, sin cargarlo entero.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    c = emitido()
    r = _subir(client, _bytes(c))
    assert r.status_code == 200 and r.json()["coincide"] is True and r.json()["firma_valida"] is True
    assert r.json()["sha256"] == c.sha256
