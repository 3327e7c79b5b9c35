import io
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from core.models import DiaCalendario, Evento, NumeroRegistro, Persona
from core.services.calendario import Calendario
from core.tests.factories import PersonaFactory, UnidadFactory
from portal.forms import SAL_MARCA
from registro.models import Adjunto, Documento
from registro.tests.factories import ProcedimientoFactory

URL = "/mesa-de-partes-virtual/"


def pdf_real() -> bytes:
    escritor = PdfWriter()
    escritor.add_blank_page(width=200, height=200)
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def marca(segundos_atras: float = 60) -> str:
    return signing.dumps(time.time() - segundos_atras, salt=SAL_MARCA)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def utda(municipio):
    return UnidadFactory(sigla="UTDA", nombre="Unidad de Trámite Documentario y Archivo")


def datos(**cambios):
    base = {
        "tipo": "natural",
        "tipo_documento": "DNI",
        "numero_documento": "45871236",
        "nombres": "Juan Carlos",
        "apellidos": "Ramírez Poma",
        "correo": "juan@ejemplo.pe",
        "telefono": "987654321",
        "asunto": "Solicito copia de la licencia de obra",
        "folios": "2",
        "declaracion": "on",
        "sitio_web": "",
        "marca": marca(),
        "adjuntos": [SimpleUploadedFile("solicitud.pdf", pdf_real(), content_type="application/pdf")],
    }
    base.update(cambios)
    return base


def nada_registrado():
    assert Documento.objects.count() == 0
    assert NumeroRegistro.objects.count() == 0
    assert Adjunto.objects.count() == 0


def test_formulario_se_muestra(client, municipio):
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert 'name="marca"' in html and 'name="sitio_web"' in html and "multiple" in html
    assert 'enctype="multipart/form-data"' in html


def test_presentar_registra_y_confirma(client, utda, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(URL, datos())
    assert r.status_code == 302 and r["Location"] == reverse("portal:mesa-virtual-recibido")
    doc = Documento.objects.get()
    assert doc.canal == Documento.Canal.VIRTUAL
    assert doc.recibido_por is None and doc.unidad_actual == utda
    assert doc.numero_texto and doc.vence and doc.estado == Documento.Estado.REGISTRADO
    persona = doc.remitente
    assert persona.numero_documento == "45871236" and persona.apellidos == "Ramírez Poma"
    assert persona.correo == "juan@ejemplo.pe"
    assert doc.adjuntos.get().archivo.tipo_mime == "application/pdf"
    evento = Evento.objects.get(accion="registro.documento.registrar")
    assert evento.objeto_id == str(doc.pk) and evento.actor is None
    # Confirmación en pantalla.
    html = client.get(r["Location"]).content.decode()
    assert doc.numero_texto in html and doc.codigo_seguimiento in html
    assert f"{doc.vence:%d/%m/%Y}" in html
    assert reverse("portal:cargo", args=[doc.codigo_seguimiento]) in html
    # Correo con número, código y cargo.
    assert len(mailoutbox) == 1
    correo = mailoutbox[0]
    assert correo.to == ["juan@ejemplo.pe"]
    assert doc.numero_texto in correo.subject and doc.codigo_seguimiento in correo.body
    assert f"/consulta/{doc.codigo_seguimiento}/" in correo.body
    nombre, contenido, tipo = correo.attachments[0]
    assert tipo == "application/pdf" and contenido.startswith(b"%PDF-")


def test_persona_existente_se_reutiliza(client, utda, mailoutbox, django_capture_on_commit_callbacks):
    existente = PersonaFactory(
        numero_documento="45871236",
        nombres="JUAN CARLOS",
        apellidos="RAMIREZ POMA",
        correo="viejo@ejemplo.pe",
    )
    # El mismo nombre, con tildes, minúsculas y el segundo nombre en otra casilla: es la misma persona.
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            URL, datos(correo="nuevo@ejemplo.pe", nombres="Juan", apellidos="Carlos  Ramírez Poma")
        )
    assert r.status_code == 302
    doc = Documento.objects.get()
    assert doc.remitente == existente and Persona.objects.count() == 1
    assert mailoutbox[0].to == ["nuevo@ejemplo.pe"]
    existente.refresh_from_db()
    assert existente.correo == "viejo@ejemplo.pe"


def texto_pdf(contenido: bytes) -> str:
    return "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(contenido)).pages)


def test_no_se_presenta_a_nombre_de_otro(client, utda, mailoutbox, django_capture_on_commit_callbacks):
    """Issue 20, punto 2: el DNI de otra persona con un nombre cualquiera y el correo del atacante."""
    PersonaFactory(numero_documento="45871236", nombres="María Elena", apellidos="Quispe Huamán")
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(URL, datos(nombres="Pedro", apellidos="Atacante", correo="atacante@ejemplo.pe"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "El nombre no coincide con el que la municipalidad tiene registrado" in html
    # La respuesta no revela el nombre registrado.
    assert "Quispe" not in html and "María" not in html
    nada_registrado()
    assert Persona.objects.count() == 1 and mailoutbox == []
    assert not Evento.objects.filter(accion="registro.documento.registrar").exists()


def test_persona_juridica_compara_razon_social(client, utda):
    PersonaFactory(
        tipo="juridica",
        tipo_documento="RUC",
        numero_documento="20131312955",
        razon_social="Obras del Sur S.A.C.",
    )
    base = {"tipo": "juridica", "tipo_documento": "RUC", "numero_documento": "20131312955"}
    r = client.post(URL, datos(**base, nombres="", apellidos="", razon_social="Constructora Ajena SAC"))
    assert r.status_code == 200 and "El nombre no coincide" in r.content.decode()
    nada_registrado()
    r = client.post(
        URL, datos(**base, nombres="", apellidos="", razon_social="OBRAS DEL SUR SAC", marca=marca())
    )
    assert r.status_code == 302
    assert Documento.objects.get().remitente.razon_social == "Obras del Sur S.A.C."


def test_cargo_publico_y_por_correo_con_la_privacidad_de_la_consulta(
    client, utda, mailoutbox, django_capture_on_commit_callbacks
):
    """El cargo que da el código de seguimiento (y el que va por correo) lleva iniciales y el documento
    enmascarado, como la página de consulta; nunca el nombre ni el número completos."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, datos())
    doc = Documento.objects.get()
    publicos = [
        client.get(reverse("portal:cargo", args=[doc.codigo_seguimiento])).content,
        mailoutbox[0].attachments[0][1],
    ]
    for contenido in publicos:
        texto = texto_pdf(contenido)
        assert doc.numero_texto in texto and "J. C. R. P." in texto and "*****236" in texto
        assert "45871236" not in texto and "Ramírez" not in texto and "Juan" not in texto
    pagina = client.get(reverse("portal:consulta-codigo", args=[doc.codigo_seguimiento])).content.decode()
    assert "J. C. R. P." in pagina and "45871236" not in pagina and "Ramírez" not in pagina


def test_con_procedimiento_va_a_su_unidad(client, utda, unidad_gdu):
    proc = ProcedimientoFactory(unidad_responsable=unidad_gdu, nombre="Licencia de edificación")
    client.post(URL, datos(procedimiento=str(proc.pk)))
    doc = Documento.objects.get()
    assert doc.procedimiento == proc and doc.unidad_actual == unidad_gdu


def test_dia_inhabil_cuenta_desde_el_siguiente_habil(client, utda, municipio):
    hoy = datetime.now(ZoneInfo(municipio.zona_horaria)).date()
    if Calendario(municipio=municipio).es_habil(hoy)[0]:
        DiaCalendario.objects.create(
            municipio=municipio,
            fecha=hoy,
            tipo=DiaCalendario.Tipo.NO_LABORABLE,
            descripcion="Día no laborable de prueba",
        )
    r = client.post(URL, datos())
    doc = Documento.objects.get()
    assert doc.fecha_computo > hoy
    html = client.get(r["Location"]).content.decode()
    assert "data-dia-inhabil" in html and "día inhábil" in html


@pytest.mark.parametrize(
    "cambios,mensaje",
    [
        ({"adjuntos": []}, "Adjunte al menos un archivo"),
        ({"adjuntos": [SimpleUploadedFile("nota.txt", b"hola mundo " * 20)]}, "no se admite"),
        ({"numero_documento": "1234"}, "El DNI debe tener exactamente 8 dígitos"),
        ({"correo": ""}, "Este campo es requerido"),
        ({"declaracion": ""}, "Debe aceptar la declaración"),
        ({"folios": "0"}, "mayor o igual a 1"),
        ({"asunto": ""}, "Este campo es requerido"),
        ({"apellidos": ""}, "Una persona natural necesita sus apellidos"),
        ({"sitio_web": "http://spam.example"}, "No se pudo presentar el documento"),
        ({"marca": "RECIEN"}, "demasiado rápido"),
        ({"marca": "falsificada"}, "no es válido"),
    ],
)
def test_entrada_mala_no_registra_nada(
    client, utda, mailoutbox, cambios, mensaje, django_capture_on_commit_callbacks, settings
):
    if cambios.get("marca") == "RECIEN":
        # «Recién mostrado» sin depender del reloj: con un mínimo de un día, ninguna demora de la máquina
        # (CI cargada) hace que el envío deje de ser demasiado rápido.
        settings.PORTAL_TIEMPO_MINIMO_SEGUNDOS = 24 * 3600
        cambios = {"marca": marca(segundos_atras=0)}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        r = client.post(URL, datos(**cambios))
    assert callbacks == []
    assert r.status_code == 200
    assert mensaje in r.content.decode()
    nada_registrado()
    assert Persona.objects.count() == 0
    assert mailoutbox == []


def test_demasiados_archivos(client, utda, settings):
    settings.PORTAL_MAX_ADJUNTOS = 1
    archivos = [SimpleUploadedFile(f"a{i}.pdf", pdf_real(), content_type="application/pdf") for i in range(2)]
    r = client.post(URL, datos(adjuntos=archivos))
    assert "Puede adjuntar hasta 1 archivos" in r.content.decode()
    nada_registrado()


def test_archivo_demasiado_grande(client, utda, settings):
    settings.ARCHIVO_TAMANO_MAXIMO = 100
    r = client.post(URL, datos())
    assert "el máximo permitido es" in r.content.decode()
    nada_registrado()


def test_tras_un_error_el_siguiente_toma_el_numero_uno(client, utda):
    client.post(URL, datos(adjuntos=[]))
    client.post(URL, datos())
    assert Documento.objects.get().correlativo == 1


def test_limite_de_presentaciones_por_ip(client, utda, settings):
    settings.PORTAL_PRESENTACIONES_POR_HORA = 1
    assert client.post(URL, datos()).status_code == 302
    r = client.post(URL, datos(numero_documento="10293847"))
    assert r.status_code == 429 and "Demasiadas solicitudes" in r.content.decode()
    assert Documento.objects.count() == 1
    assert client.post(URL, datos(numero_documento="10293847"), REMOTE_ADDR="10.1.1.1").status_code == 302


def test_metodos_no_permitidos(client, municipio):
    assert client.delete(URL).status_code == 405
    assert client.post(reverse("portal:mesa-virtual-recibido")).status_code == 405


def test_confirmacion_sin_presentacion_vuelve_al_formulario(client, municipio):
    r = client.get(reverse("portal:mesa-virtual-recibido"))
    assert r.status_code == 302 and r["Location"] == URL


def test_cargo_publico_con_codigo(client, utda):
    client.post(URL, datos())
    doc = Documento.objects.get()
    r = client.get(reverse("portal:cargo", args=[doc.codigo_seguimiento]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    assert client.get(reverse("portal:cargo", args=["ZZZZZZZZZZZZ"])).status_code == 404
