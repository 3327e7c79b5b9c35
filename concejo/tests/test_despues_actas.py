"""El acta como servicio: generada del registro, regenerada con versión, limpieza del HTML, viaje de ida
y vuelta por Word, aprobación por la votación de su punto en una sesión posterior, fe de erratas, firma
(PDF con SHA-256 y firmantes, «por encargo») y publicación."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from lxml import html as lhtml

from concejo.models import Acta, FeErratas, Sesion, Votacion
from concejo.services import actas
from concejo.tests.datos_despues import sesion_realizada, votacion_de_aprobacion
from concejo.tests.factories import SesionFactory
from core.models import Encargo, Evento
from core.tests.pdf import texto_pdf


def _canonico(texto: str):
    """Árbol (etiqueta, texto normalizado, hijos) sin espacios de formato: para comparar dos HTML."""

    def nodo(e):
        texto_propio = " ".join((e.text or "").split())
        hijos = []
        for h in e:
            hijos.append(nodo(h))
            if h.tail and h.tail.strip():
                hijos.append(("#", " ".join(h.tail.split()), ()))
        return (e.tag, texto_propio, tuple(hijos))

    return tuple(nodo(e) for e in lhtml.fragments_fromstring(texto))


@pytest.fixture
def sesion(db):
    return sesion_realizada()


@pytest.fixture
def acta(sesion, secretario):
    return actas.generar_acta(sesion=sesion, por=secretario)


# --- Generar -------------------------------------------------------------------------------------


def test_el_acta_cuenta_todo_el_registro(acta, sesion, secretario):
    texto = acta.texto
    miembros = list(sesion.organo.periodo.miembros.select_related("persona").order_by("orden", "id"))
    nombres = [m.persona.nombre_completo for m in miembros]
    assert acta.estado == Acta.Estado.BORRADOR and acta.version == 1
    assert "Acta de la sesión ordinaria Nº 7-" in texto
    # Asistencia con llegada tarde, retiro y justificación; el quórum con su explicación.
    for nombre in nombres:
        assert nombre in texto
    llegada = timezone.localtime(sesion.fecha + timedelta(minutes=40))
    assert f"Llegó a las {llegada:%H:%M}" in texto and "Se retiró a las" in texto
    assert "Presentes: 5 de 6 miembros." in texto
    assert "mitad más uno de los 6 miembros hábiles" in texto
    assert f"instalada la sesión a las {timezone.localtime(sesion.instalada_en):%H:%M} horas" in texto
    # Agenda, intervenciones, votación nominal con nombres por opción, resultado con su regla, decisión.
    assert "<li>Ordenanza de ornato</li>" in texto
    assert "Pide precisar las multas." in texto and "Gerente de Desarrollo Urbano" in texto
    assert f"<li><strong>A favor (3):</strong> {nombres[0]}, {nombres[1]}, {nombres[2]}</li>" in texto
    assert f"<li><strong>En contra (1):</strong> {nombres[3]}</li>" in texto
    assert f"Fundamento de {nombres[3]}:</em> Las multas son altas." in texto
    assert "Resultado: Aprobado.</strong> Mayoría simple de los presentes" in texto
    assert "A favor: 1; en contra: 4; abstenciones: 0." in texto
    assert "<strong>Acuerdo:</strong> Aprobar la Ordenanza de ornato del distrito." in texto
    assert f"Siendo las {timezone.localtime(sesion.levantada_en):%H:%M} horas" in texto
    evento = Evento.objects.get(accion="concejo.acta.generar")
    assert (
        evento.actor == secretario
        and evento.despues["texto_sha256"] == hashlib.sha256(texto.encode()).hexdigest()
    )


def test_suspensiones_salen_de_la_auditoria(sesion, secretario):
    from core.services.auditoria import registrar_evento

    registrar_evento(por=secretario, accion="concejo.sesion.suspender", objeto=sesion)
    registrar_evento(por=secretario, accion="concejo.sesion.reanudar", objeto=sesion)
    texto = actas.generar_acta(sesion=sesion, por=secretario).texto
    assert "<h2>Suspensiones</h2>" in texto and "y reanudada a las" in texto


def test_sesion_sin_quorum_tiene_acta_de_constancia(secretario, db):
    sesion = sesion_realizada()
    Sesion.objects.filter(pk=sesion.pk).update(estado=Sesion.Estado.SIN_QUORUM, levantada_en=None)
    texto = actas.generar_acta(sesion=sesion, por=secretario).texto
    assert "No se alcanzó el quórum y la sesión no se instaló." in texto
    assert "Desarrollo de la sesión" not in texto


def test_no_se_genera_de_una_sesion_no_concluida(secretario, db):
    sesion = SesionFactory(estado=Sesion.Estado.CONVOCADA)
    with pytest.raises(ValidationError, match="cuando la sesión concluye"):
        actas.generar_acta(sesion=sesion, por=secretario)
    assert not Acta.objects.exists() and not Evento.objects.filter(accion__startswith="concejo.acta").exists()


def test_regenerar_sube_la_version_y_pierde_ediciones(acta, secretario):
    actas.editar_acta(acta=acta, texto="<p>Texto a mano</p>", por=secretario)
    acta = actas.generar_acta(sesion=acta.sesion, por=secretario)
    assert acta.version == 3 and "Texto a mano" not in acta.texto
    assert Evento.objects.filter(accion="concejo.acta.regenerar").count() == 1


# --- Editar y limpiar ----------------------------------------------------------------------------


def test_editar_limpia_el_html_y_audita(acta, secretario):
    sucio = (
        '<h2 onclick="x()">Título</h2><script>alert(1)</script><p style="color:red">Hola '
        '<a href="http://malo">enlace</a> <img src=x onerror=alert(1)></p>'
        '<table><tr><td colspan="2" class="x">c</td></tr></table>'
    )
    acta = actas.editar_acta(acta=acta, texto=sucio, por=secretario)
    assert acta.texto == (
        '<h2>Título</h2>\n<p>Hola enlace</p>\n<table>\n<tbody>\n<tr>\n<td colspan="2">c</td>'
        "</tr>\n</tbody>\n</table>"
    )
    assert acta.version == 2
    evento = Evento.objects.get(accion="concejo.acta.editar")
    assert (
        evento.antes["version"] == 1 and evento.despues["version"] == 2 and evento.despues["origen"] == "web"
    )


def test_editar_vacio_no_cambia_nada(acta, secretario):
    with pytest.raises(ValidationError) as e:
        actas.editar_acta(acta=acta, texto="<p> </p><script>x</script>", por=secretario)
    assert e.value.message_dict == {"texto": ["El acta no puede quedar vacía."]}
    acta.refresh_from_db()
    assert acta.version == 1 and not Evento.objects.filter(accion="concejo.acta.editar").exists()


# --- Word: ida y vuelta --------------------------------------------------------------------------


def test_docx_ida_y_vuelta_conserva_titulos_parrafos_listas_y_tablas(acta, secretario):
    import docx

    contenido = actas.exportar_docx(acta)
    documento = docx.Document(io.BytesIO(contenido))
    estilos = {p.style.name for p in documento.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number"} <= estilos
    assert len(documento.tables) == 1 and documento.tables[0].cell(0, 0).text == "Miembro"
    original = acta.texto
    acta = actas.importar_docx(acta=acta, archivo=SimpleUploadedFile("acta.docx", contenido), por=secretario)
    # Nada se pierde: el texto vuelve idéntico (y por eso no hay versión nueva).
    assert acta.texto == original and _canonico(acta.texto) == _canonico(original)
    evento = Evento.objects.get(accion="concejo.acta.importar_docx")
    assert evento.despues == {
        "docx_sha256": hashlib.sha256(contenido).hexdigest(),
        "cambio": False,
        "version": 1,
    }


def test_docx_editado_en_word_entra_al_borrador(acta, secretario):
    import docx

    documento = docx.Document(io.BytesIO(actas.exportar_docx(acta)))
    documento.add_heading("Anexo", level=2)
    p = documento.add_paragraph("Se deja constancia de la ")
    p.add_run("corrección").bold = True
    p.add_run(" pedida.")
    documento.add_paragraph("Primero", style="List Number")
    documento.add_paragraph("Segundo", style="List Number")
    salida = io.BytesIO()
    documento.save(salida)
    acta = actas.importar_docx(
        acta=acta, archivo=SimpleUploadedFile("a.docx", salida.getvalue()), por=secretario
    )
    assert acta.version == 2 and Evento.objects.get(accion="concejo.acta.editar").despues[
        "origen"
    ].startswith("docx:")
    assert acta.texto.endswith(
        "<h2>Anexo</h2>\n<p>Se deja constancia de la <strong>corrección</strong> pedida.</p>\n"
        "<ol>\n<li>Primero</li>\n<li>Segundo</li>\n</ol>"
    )


def test_importar_algo_que_no_es_word_no_cambia_nada(acta, secretario):
    with pytest.raises(ValidationError):
        actas.importar_docx(acta=acta, archivo=SimpleUploadedFile("a.docx", b"%PDF-1.4 no"), por=secretario)
    acta.refresh_from_db()
    assert acta.version == 1


# --- Aprobar -------------------------------------------------------------------------------------


def test_la_votacion_confirmada_aprueba_el_acta_y_deja_de_editarse(acta, sesion, secretario):
    votacion = votacion_de_aprobacion(sesion)
    aprobada = actas.al_confirmar_votacion(votacion, por=secretario)
    acta.refresh_from_db()
    assert aprobada == acta and acta.estado == Acta.Estado.APROBADA
    assert acta.aprobada_en == votacion.sesion and acta.votacion_aprobacion == votacion
    evento = Evento.objects.get(accion="concejo.acta.aprobar")
    assert evento.antes["estado"] == "borrador" and evento.despues["aprobada_en"] == votacion.sesion_id
    with pytest.raises(
        ValidationError, match="ya no se edita. Las correcciones se hacen con una fe de erratas"
    ):
        actas.editar_acta(acta=acta, texto="<p>Otro</p>", por=secretario)
    with pytest.raises(ValidationError, match="ya no se edita"):
        actas.generar_acta(sesion=sesion, por=secretario)


def test_otras_votaciones_no_tocan_el_acta(acta, sesion, secretario):
    rechazada = votacion_de_aprobacion(sesion, resultado=Votacion.Resultado.RECHAZADO)
    assert actas.al_confirmar_votacion(rechazada) is None
    otra_sesion_punto = sesion.votaciones.get(numero=1)  # un punto común, no de acta
    assert actas.al_confirmar_votacion(otra_sesion_punto) is None
    acta.refresh_from_db()
    assert acta.estado == Acta.Estado.BORRADOR


def test_aprobar_exige_sesion_posterior_del_mismo_organo(acta, sesion, secretario):
    votacion = votacion_de_aprobacion(sesion, dias_despues=-1)
    with pytest.raises(ValidationError, match="sesión posterior del mismo órgano"):
        actas.al_confirmar_votacion(votacion)
    acta.refresh_from_db()
    assert acta.estado == Acta.Estado.BORRADOR


def test_sin_borrador_la_aprobacion_falla_con_mensaje(sesion):
    with pytest.raises(ValidationError, match="genérelo antes de someterlo a aprobación"):
        actas.al_confirmar_votacion(votacion_de_aprobacion(sesion))


def test_fe_de_erratas_solo_sobre_acta_aprobada(acta, sesion, secretario):
    with pytest.raises(ValidationError, match="corríjala editándola"):
        actas.agregar_fe_de_erratas(acta=acta, texto="x", por=secretario)
    actas.al_confirmar_votacion(votacion_de_aprobacion(sesion), por=secretario)
    texto_antes = Acta.objects.get(pk=acta.pk).texto
    e1 = actas.agregar_fe_de_erratas(
        acta=acta, texto="Donde dice «ornato» debe decir «ornato público».", por=secretario
    )
    e2 = actas.agregar_fe_de_erratas(acta=acta, texto="Segunda corrección.", por=secretario)
    assert (e1.numero, e2.numero) == (1, 2)
    assert Acta.objects.get(pk=acta.pk).texto == texto_antes
    assert Evento.objects.filter(accion="concejo.acta.fe_de_erratas").count() == 2
    with pytest.raises(ValidationError):
        actas.agregar_fe_de_erratas(acta=acta, texto="  ", por=secretario)
    assert FeErratas.objects.count() == 2


# --- Firmar y publicar ---------------------------------------------------------------------------


def _aprobada(acta, sesion, por):
    actas.al_confirmar_votacion(votacion_de_aprobacion(sesion), por=por)
    return Acta.objects.get(pk=acta.pk)


def test_firmar_genera_el_pdf_con_firmas_y_hash(acta, sesion, secretario):
    with pytest.raises(ValidationError, match="Solo se firma un acta aprobada"):
        actas.firmar_acta(acta=acta, por=secretario)
    acta = actas.firmar_acta(acta=_aprobada(acta, sesion, secretario), por=secretario)
    assert acta.estado == Acta.Estado.FIRMADA and acta.firmada_en is not None
    contenido = acta.archivo.archivo.read()
    assert hashlib.sha256(contenido).hexdigest() == acta.sha256 == acta.archivo.sha256
    texto = texto_pdf(contenido)
    alcalde = sesion.preside.persona.nombre_completo
    assert alcalde in texto and "Alcalde" in texto
    assert secretario.get_full_name() in texto and "Página 1 de" in texto
    assert [f["nombre"] for f in acta.firmantes] == [alcalde, secretario.get_full_name()]
    assert Evento.objects.get(accion="concejo.acta.firmar").despues["pdf_sha256"] == acta.sha256
    with pytest.raises(ValidationError):
        actas.firmar_acta(acta=acta, por=secretario)


def test_firma_por_encargo(acta, sesion, secretario, prosecretario):
    hoy = timezone.localdate()
    Encargo.objects.create(
        titular=secretario,
        encargado=prosecretario,
        desde=hoy,
        hasta=hoy + timedelta(days=3),
        motivo="Vacaciones",
    )
    acta = actas.firmar_acta(acta=_aprobada(acta, sesion, secretario), por=prosecretario)
    assert acta.firmantes[1]["por_encargo"]["titular"] == secretario.get_full_name()
    texto = texto_pdf(acta.archivo.archivo.open("rb"))
    assert f"Por encargo de {secretario.get_full_name()}" in texto


def test_publicar_solo_firmada(acta, sesion, secretario):
    acta = _aprobada(acta, sesion, secretario)
    with pytest.raises(ValidationError, match="Solo se publica un acta firmada"):
        actas.publicar_acta(acta=acta, por=secretario)
    acta = actas.publicar_acta(acta=actas.firmar_acta(acta=acta, por=secretario), por=secretario)
    assert acta.estado == Acta.Estado.PUBLICADA and acta.publicada_en is not None
    assert Evento.objects.filter(accion="concejo.acta.publicar", objeto_id=str(acta.pk)).exists()


def test_comision_sigue_el_mismo_camino(secretario, db):
    from concejo.models import IntegranteComision, Organo
    from concejo.tests.factories import concejo_completo

    pleno = concejo_completo(regidores=5)
    comision = Organo.objects.create(
        periodo=pleno.periodo, tipo=Organo.Tipo.COMISION_ORDINARIA, nombre="Comisión de Obras"
    )
    presidente = pleno.periodo.miembros.order_by("orden")[1]
    IntegranteComision.objects.create(
        organo=comision, miembro=presidente, funcion="presidente", desde=pleno.periodo.inicio
    )
    sesion = sesion_realizada(organo=comision)
    Sesion.objects.filter(pk=sesion.pk).update(preside=None)
    acta = actas.generar_acta(sesion=Sesion.objects.get(pk=sesion.pk), por=secretario)
    assert "del Comisión de Obras" in acta.texto or "Comisión de Obras" in acta.texto
    acta = actas.firmar_acta(acta=_aprobada(acta, sesion, secretario), por=secretario)
    assert acta.firmantes[0] == {
        "nombre": presidente.persona.nombre_completo,
        "cargo": "Presidente de la Comisión de Obras",
        "por_encargo": None,
    }
