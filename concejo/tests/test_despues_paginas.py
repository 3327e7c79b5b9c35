"""Las páginas del acta (Secretaría) por el cliente de pruebas: generar, editar con vista previa, Word,
firmar, publicar, fe de erratas; permisos (regidor solo lee: 403; ajeno: 404) y entrada mala."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concejo.models import Acta, FeErratas, Sesion
from concejo.services import actas
from concejo.tests.datos_despues import sesion_realizada, votacion_de_aprobacion
from concejo.tests.factories import SesionFactory
from core.models import Evento


@pytest.fixture
def sesion(db):
    return sesion_realizada()


@pytest.fixture
def acta(sesion, secretario):
    return actas.generar_acta(sesion=sesion, por=secretario)


def _url(nombre, sesion):
    return reverse(f"concejo:{nombre}", args=[sesion.pk])


def _aprobar(sesion, por):
    actas.al_confirmar_votacion(votacion_de_aprobacion(sesion), por=por)
    return Acta.objects.get(sesion=sesion)


# --- Generar -------------------------------------------------------------------------------------


def test_generar_desde_la_pagina(cliente_de, secretario, sesion):
    c = cliente_de(secretario)
    r = c.get(_url("acta", sesion))
    assert r.status_code == 200 and "Generar el borrador del acta" in r.content.decode()
    r = c.post(_url("acta-generar", sesion))
    assert r.status_code == 302 and r.url == _url("acta", sesion)
    acta = Acta.objects.get(sesion=sesion)
    assert acta.estado == Acta.Estado.BORRADOR and "Ordenanza de ornato" in acta.texto
    assert Evento.objects.get(accion="concejo.acta.generar").actor == secretario
    html = c.get(_url("acta", sesion)).content.decode()
    assert "Guardar borrador" in html and "Ordenanza de ornato" in html


def test_generar_de_sesion_no_concluida_avisa_y_no_crea(cliente_de, secretario, db):
    sesion = SesionFactory(estado=Sesion.Estado.CONVOCADA)
    r = cliente_de(secretario).post(_url("acta-generar", sesion), follow=True)
    assert "el acta se genera cuando la sesión concluye" in r.content.decode()
    assert not Acta.objects.exists()


def test_generar_rechaza_get_y_permisos(client, cliente_de, regidor, ajeno, sesion):
    assert cliente_de(regidor).get(_url("acta-generar", sesion)).status_code == 405
    assert cliente_de(regidor).post(_url("acta-generar", sesion)).status_code == 403
    assert cliente_de(ajeno).post(_url("acta-generar", sesion)).status_code == 404
    assert cliente_de(ajeno).get(_url("acta", sesion)).status_code == 404
    client.logout()
    r = client.post(_url("acta-generar", sesion))
    assert r.status_code == 302 and "/ingresar/" in r.url
    assert not Acta.objects.exists()


def test_regidor_lee_el_borrador_sin_editar(cliente_de, regidor, acta, sesion):
    r = cliente_de(regidor).get(_url("acta", sesion))
    html = r.content.decode()
    assert r.status_code == 200 and "Ordenanza de ornato" in html and "Guardar borrador" not in html


# --- Editar --------------------------------------------------------------------------------------


def test_editar_guarda_limpio(cliente_de, secretario, acta, sesion):
    r = cliente_de(secretario).post(_url("acta", sesion), {"texto": "<p>Nuevo <script>x()</script>texto</p>"})
    assert r.status_code == 302
    acta.refresh_from_db()
    assert acta.texto == "<p>Nuevo texto</p>" and acta.version == 2
    assert Evento.objects.filter(accion="concejo.acta.editar").count() == 1


def test_editar_vacio_muestra_error(cliente_de, secretario, acta, sesion):
    r = cliente_de(secretario).post(_url("acta", sesion), {"texto": "<p></p>"})
    assert r.status_code == 400 and "El acta no puede quedar vacía." in r.content.decode()
    acta.refresh_from_db()
    assert acta.version == 1


def test_editar_permisos(cliente_de, regidor, ajeno, acta, sesion):
    assert cliente_de(regidor).post(_url("acta", sesion), {"texto": "<p>x</p>"}).status_code == 403
    assert cliente_de(ajeno).post(_url("acta", sesion), {"texto": "<p>x</p>"}).status_code == 404
    acta.refresh_from_db()
    assert acta.version == 1


def test_editar_acta_aprobada_se_rechaza_con_mensaje(cliente_de, secretario, acta, sesion):
    _aprobar(sesion, secretario)
    r = cliente_de(secretario).post(_url("acta", sesion), {"texto": "<p>Cambio tardío</p>"})
    assert r.status_code == 400
    assert "ya no se edita. Las correcciones se hacen con una fe de erratas." in r.content.decode()
    assert "Cambio tardío" not in Acta.objects.get(pk=acta.pk).texto


def test_vista_previa_htmx_limpia(cliente_de, secretario, regidor, acta, sesion):
    r = cliente_de(secretario).post(
        _url("acta-vista-previa", sesion),
        {"texto": '<h2>Hola</h2><img src=x onerror="alert(1)">'},
        HTTP_HX_REQUEST="true",
    )
    html = r.content.decode()
    assert r.status_code == 200 and 'id="vista-previa"' in html and "<h2>Hola</h2>" in html
    assert "onerror" not in html and "<html" not in html
    assert cliente_de(regidor).post(_url("acta-vista-previa", sesion), {"texto": "x"}).status_code == 403


# --- Word ----------------------------------------------------------------------------------------


def test_exportar_e_importar_docx_por_la_pagina(cliente_de, secretario, acta, sesion):
    import docx

    c = cliente_de(secretario)
    r = c.get(_url("acta-docx", sesion))
    assert r.status_code == 200 and r["Content-Type"] == actas.MIME_DOCX
    assert "attachment" in r["Content-Disposition"]
    documento = docx.Document(io.BytesIO(r.content))
    documento.add_paragraph("Párrafo agregado en Word.")
    salida = io.BytesIO()
    documento.save(salida)
    r = c.post(_url("acta-importar", sesion), {"archivo": SimpleUploadedFile("acta.docx", salida.getvalue())})
    assert r.status_code == 302
    acta.refresh_from_db()
    assert acta.texto.endswith("<p>Párrafo agregado en Word.</p>") and acta.version == 2
    evento = Evento.objects.get(accion="concejo.acta.importar_docx")
    assert evento.despues["docx_sha256"] == hashlib.sha256(salida.getvalue()).hexdigest()


def test_importar_archivo_malo(cliente_de, secretario, regidor, acta, sesion):
    c = cliente_de(secretario)
    r = c.post(
        _url("acta-importar", sesion), {"archivo": SimpleUploadedFile("acta.docx", b"texto plano, no Word")}
    )
    assert r.status_code == 400 and "no se admite aquí" in r.content.decode()
    r = c.post(_url("acta-importar", sesion), {})
    assert r.status_code == 400
    acta.refresh_from_db()
    assert acta.version == 1
    r = cliente_de(regidor).post(
        _url("acta-importar", sesion), {"archivo": SimpleUploadedFile("a.docx", b"x")}
    )
    assert r.status_code == 403


# --- Firmar, publicar, fe de erratas ------------------------------------------------------------


def test_firmar_y_publicar_por_las_paginas(cliente_de, secretario, acta, sesion, client):
    c = cliente_de(secretario)
    r = c.post(_url("acta-firmar", sesion), follow=True)
    assert "Solo se firma un acta aprobada" in r.content.decode()
    _aprobar(sesion, secretario)
    assert "Firmar el acta" in c.get(_url("acta", sesion)).content.decode()
    assert c.post(_url("acta-firmar", sesion)).status_code == 302
    acta.refresh_from_db()
    assert acta.estado == Acta.Estado.FIRMADA
    r = c.get(_url("acta-pdf", sesion))
    assert r.status_code == 200 and hashlib.sha256(b"".join(r.streaming_content)).hexdigest() == acta.sha256
    assert c.post(_url("acta-publicar", sesion)).status_code == 302
    acta.refresh_from_db()
    assert acta.estado == Acta.Estado.PUBLICADA
    assert Evento.objects.filter(accion__in=["concejo.acta.firmar", "concejo.acta.publicar"]).count() == 2


def test_firmar_y_publicar_permisos(cliente_de, secretario, regidor, ajeno, acta, sesion):
    _aprobar(sesion, secretario)
    for nombre in ("acta-firmar", "acta-publicar"):
        assert cliente_de(regidor).post(_url(nombre, sesion)).status_code == 403
        assert cliente_de(ajeno).post(_url(nombre, sesion)).status_code == 404
        assert cliente_de(regidor).get(_url(nombre, sesion)).status_code == 405
    assert Acta.objects.get(pk=acta.pk).estado == Acta.Estado.APROBADA


def test_fe_de_erratas_por_la_pagina(cliente_de, secretario, regidor, acta, sesion):
    c = cliente_de(secretario)
    _aprobar(sesion, secretario)
    r = c.post(_url("acta-errata", sesion), {"texto": ""})
    assert r.status_code == 400 and "Este campo es requerido." in r.content.decode()
    assert c.post(_url("acta-errata", sesion), {"texto": "Donde dice X debe decir Y."}).status_code == 302
    assert FeErratas.objects.get().numero == 1
    assert "Donde dice X debe decir Y." in c.get(_url("acta", sesion)).content.decode()
    assert cliente_de(regidor).post(_url("acta-errata", sesion), {"texto": "x"}).status_code == 403
    assert FeErratas.objects.count() == 1


def test_lista_de_actas(cliente_de, secretario, ajeno, acta, sesion):
    r = cliente_de(secretario).get(reverse("concejo:actas"))
    assert (
        r.status_code == 200
        and _url("acta", sesion) in r.content.decode()
        and "Borrador" in r.content.decode()
    )
    assert cliente_de(ajeno).get(reverse("concejo:actas")).status_code == 403


def test_sesion_no_publica_ni_convocada_es_404_para_el_ajeno(cliente_de, ajeno, secretario, db):
    sesion = sesion_realizada()
    Sesion.objects.filter(pk=sesion.pk).update(publica=False)
    assert cliente_de(ajeno).get(_url("acta", sesion)).status_code == 404
    assert cliente_de(secretario).get(_url("acta", sesion)).status_code == 200
