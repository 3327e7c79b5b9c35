"""Documentos internos y de salida: borrador desde plantilla, edición, firma (número, PDF, SHA-256),
encargo, respuesta que cierra la entrada; por las páginas y los servicios."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.models import Encargo, Evento, Notificacion, NumeroRegistro
from core.tests.consultas import con_sesion
from core.tests.factories import CargoFactory, PersonaFactory, UnidadFactory, UsuarioFactory
from core.tests.pdf import texto_pdf
from registro.models import Derivacion, DestinatarioInterno, Documento
from registro.services.emision import (
    actualizar_borrador,
    crear_borrador,
    firmar,
    firmar_lo_guardado,
    marcadores_pendientes,
)
from registro.services.flujo import derivar
from registro.tests.factories import DocumentoFactory, TipoDocumentalFactory


@pytest.fixture
def tipos(db):
    return {
        c: TipoDocumentalFactory(nombre=c.capitalize(), interno=True, codigo_serie=c)
        for c in ("memorando", "oficio", "informe", "circular")
    }


@pytest.fixture
def funcionario_gdu(jefe_unidad, unidad_gdu):
    """Personal de GDU sin jefatura: redacta, no firma."""
    return UsuarioFactory(username="analista", unidad=unidad_gdu, roles=[roles.FUNCIONARIO])


def _memo(jefe, destinos, tipos, **extra):
    datos = {
        "clase": "interno",
        "tipo_documental": tipos["memorando"],
        "unidad_origen": jefe.unidad,
        "asunto": "Coordinación de inspecciones",
        "por": jefe,
        "destinatarios_unidades": destinos,
        "cuerpo": "Le pido coordinar las inspecciones de la semana.\n\nAtentamente,",
    }
    datos.update(extra)
    return crear_borrador(**datos)


# --- Crear el borrador ---------------------------------------------------------------------------


def test_pagina_emitir_crea_borrador_con_plantilla(cliente_de, funcionario_gdu, unidad_sg, tipos):
    c = cliente_de(funcionario_gdu)
    assert c.get(reverse("registro:emitir")).status_code == 200
    r = c.post(
        reverse("registro:emitir"),
        {
            "clase": "interno",
            "tipo_documental": tipos["memorando"].pk,
            "asunto": "Informe de obras",
            "destinatarios_unidades": [unidad_sg.pk],
        },
    )
    documento = Documento.objects.get(asunto="Informe de obras")
    assert r.status_code == 302 and r.url == reverse("registro:borrador-editar", args=[documento.pk])
    assert documento.estado == Documento.Estado.BORRADOR
    assert documento.numero is None and documento.numero_texto == ""
    assert documento.unidad_origen == funcionario_gdu.unidad
    assert "Secretaría General" in documento.cuerpo and "«Informe de obras»" in documento.cuerpo
    assert list(documento.destinatarios.values_list("unidad", flat=True)) == [unidad_sg.pk]
    evento = Evento.objects.get(accion="registro.documento.crear_borrador")
    assert evento.objeto_id == str(documento.pk) and evento.actor == funcionario_gdu


def test_emitir_entrada_mala_no_crea_nada(cliente_de, funcionario_gdu, tipos):
    c = cliente_de(funcionario_gdu)
    r = c.post(
        reverse("registro:emitir"),
        {"clase": "interno", "tipo_documental": tipos["memorando"].pk, "asunto": "Sin destinatarios"},
    )
    assert r.status_code == 200
    assert "Elija al menos una unidad o una persona destinataria." in r.content.decode()
    r = c.post(
        reverse("registro:emitir"),
        {
            "clase": "salida",
            "tipo_documental": tipos["oficio"].pk,
            "asunto": "Oficio",
            "destinatario_documento": "99999999",
        },
    )
    assert "No hay una persona registrada con ese número de documento" in r.content.decode()
    assert not Documento.objects.exists()
    assert not Evento.objects.filter(accion__startswith="registro.documento").exists()


def test_emitir_sin_unidad_es_403(cliente_de, regidor, tipos):
    assert cliente_de(regidor).get(reverse("registro:emitir")).status_code == 403
    assert cliente_de(regidor).get(reverse("registro:emitidos")).status_code == 403


def test_salida_a_persona_usa_su_nombre(funcionario_gdu, tipos):
    persona = PersonaFactory(nombres="Lucía", apellidos="Vargas")
    d = crear_borrador(
        clase="salida",
        tipo_documental=tipos["oficio"],
        unidad_origen=funcionario_gdu.unidad,
        asunto="Notificación",
        por=funcionario_gdu,
        destinatario=persona,
    )
    assert d.destinatario_texto == "Lucía Vargas"
    assert d.cuerpo.startswith("Señor(a) Lucía Vargas:")


def test_no_redacta_para_otra_unidad(funcionario_gdu, unidad_sg, tipos):
    with pytest.raises(ValidationError) as e:
        crear_borrador(
            clase="interno",
            tipo_documental=tipos["memorando"],
            unidad_origen=unidad_sg,
            asunto="x",
            por=funcionario_gdu,
            destinatarios_unidades=[funcionario_gdu.unidad],
        )
    assert "Solo el personal de la unidad de origen" in str(e.value)
    assert not Documento.objects.exists()


# --- Editar el borrador --------------------------------------------------------------------------


def test_editar_borrador_cambia_texto_y_destinatarios(cliente_de, funcionario_gdu, unidad_sg, tipos):
    d = _memo(funcionario_gdu, [unidad_sg], tipos)
    otra = UnidadFactory(sigla="GAF", nombre="Gerencia de Administración")
    c = cliente_de(funcionario_gdu)
    assert c.get(reverse("registro:borrador-editar", args=[d.pk])).status_code == 200
    r = c.post(
        reverse("registro:borrador-editar", args=[d.pk]),
        {
            "asunto": "Coordinación (corregido)",
            "cuerpo": "Texto final.",
            "destinatarios_unidades": [otra.pk],
        },
    )
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.asunto == "Coordinación (corregido)" and d.cuerpo == "Texto final."
    assert [x.unidad_id for x in d.destinatarios.all()] == [otra.pk]
    evento = Evento.objects.get(accion="registro.documento.actualizar_borrador")
    assert evento.antes["asunto"] == "Coordinación de inspecciones"
    assert evento.despues["destinatarios"] == [f"unidad:{otra.pk}"]


def test_editar_borrador_texto_vacio_no_cambia(cliente_de, funcionario_gdu, unidad_sg, tipos):
    d = _memo(funcionario_gdu, [unidad_sg], tipos)
    r = cliente_de(funcionario_gdu).post(
        reverse("registro:borrador-editar", args=[d.pk]),
        {"asunto": "", "cuerpo": "", "destinatarios_unidades": [unidad_sg.pk]},
    )
    assert r.status_code == 200 and "Este campo es requerido." in r.content.decode()
    d.refresh_from_db()
    assert d.asunto == "Coordinación de inspecciones"


def test_editar_borrador_ajeno_404(cliente_de, funcionario_gdu, unidad_sg, tipos, ajeno):
    d = _memo(funcionario_gdu, [unidad_sg], tipos)
    assert cliente_de(ajeno).get(reverse("registro:borrador-editar", args=[d.pk])).status_code == 404
    assert (
        cliente_de(ajeno)
        .post(reverse("registro:borrador-editar", args=[d.pk]), {"asunto": "x", "cuerpo": "y"})
        .status_code
        == 404
    )


def test_destinatario_no_ve_el_borrador(cliente_de, funcionario_gdu, unidad_sg, secretario, tipos):
    destinatario = UsuarioFactory(username="asistente_sg", unidad=unidad_sg, roles=[roles.FUNCIONARIO])
    d = _memo(funcionario_gdu, [unidad_sg], tipos)
    assert cliente_de(destinatario).get(reverse("registro:documento-emitido", args=[d.pk])).status_code == 404


# --- Firmar ---------------------------------------------------------------------------------------


def test_jefe_firma_numera_y_genera_pdf(cliente_de, jefe_unidad, unidad_sg, secretario, tipos):
    d = _memo(jefe_unidad, [unidad_sg], tipos)
    r = cliente_de(jefe_unidad).post(reverse("registro:firmar", args=[d.pk]), {"confirmado": "1"})
    assert r.status_code == 302 and r.url == reverse("registro:documento-emitido", args=[d.pk])
    d.refresh_from_db()
    anio = timezone.localdate().year
    assert d.numero_texto == f"MEMORANDO Nº 001-{anio}-GDU/MDVE"
    assert (d.anio, d.correlativo, d.estado) == (anio, 1, Documento.Estado.ENVIADO)
    assert d.firmado_por == jefe_unidad and d.firmado_en is not None
    contenido = d.pdf.archivo.open("rb").read()
    assert contenido.startswith(b"%PDF") and hashlib.sha256(contenido).hexdigest() == d.pdf.sha256
    assert NumeroRegistro.objects.get(pk=d.numero_id).objeto_id == str(d.pk)
    evento = Evento.objects.get(accion="registro.documento.firmar")
    assert evento.antes["estado"] == "borrador" and evento.despues["pdf_sha256"] == d.pdf.sha256
    # El destinatario (la unidad SG) recibe el aviso.
    assert Notificacion.objects.filter(
        usuario=secretario, url=reverse("registro:documento-emitido", args=[d.pk])
    )
    # El segundo memorando de la unidad lleva el número siguiente.
    d2 = firmar(documento=_memo(jefe_unidad, [unidad_sg], tipos), por=jefe_unidad)
    assert d2.numero_texto == f"MEMORANDO Nº 002-{anio}-GDU/MDVE"


def test_pdf_lleva_numero_asunto_y_firmante(jefe_unidad, unidad_sg, tipos):
    from pypdf import PdfReader

    jefe_unidad.first_name, jefe_unidad.last_name = "Miguel", "Torres"
    jefe_unidad.cargo = CargoFactory(nombre="Gerente de Desarrollo Urbano", unidad=jefe_unidad.unidad)
    jefe_unidad.save()
    d = firmar(documento=_memo(jefe_unidad, [unidad_sg], tipos), por=jefe_unidad)
    texto = " ".join(p.extract_text() for p in PdfReader(d.pdf.archivo.open("rb")).pages)
    for fragmento in (
        d.numero_texto,
        "Coordinación de inspecciones",
        "Miguel Torres",
        "Gerente de Desarrollo Urbano",
        "Secretaría General",
    ):
        assert fragmento in texto, fragmento


def _formulario(documento, **cambios) -> dict:
    datos = {
        "asunto": documento.asunto,
        "cuerpo": documento.cuerpo,
        "destinatarios_unidades": [d.unidad_id for d in documento.destinatarios.all() if d.unidad_id],
    }
    datos.update(cambios)
    return datos


def test_firmar_confirma_con_el_numero_y_firma_lo_que_esta_en_pantalla(
    cliente_de, jefe_unidad, unidad_sg, tipos
):
    d = _memo(jefe_unidad, [unidad_sg], tipos)
    c = cliente_de(jefe_unidad)
    anio = timezone.localdate().year
    editado = _formulario(d, cuerpo="Texto editado sin guardar.\n\nAtentamente,")
    # 1. El editor manda el formulario entero: se muestra la confirmación con el número, nada cambia.
    r = c.post(reverse("registro:firmar", args=[d.pk]), editado)
    html = r.content.decode()
    assert r.status_code == 200
    assert f"Se firmará y tomará el número MEMORANDO Nº 001-{anio}-GDU/MDVE" in html
    assert "Texto editado sin guardar." in html and 'name="confirmado"' in html
    d.refresh_from_db()
    assert d.estado == Documento.Estado.BORRADOR and "Texto editado" not in d.cuerpo
    assert not NumeroRegistro.objects.exists() and not Evento.objects.filter(accion__contains="firmar")
    # «Seguir editando» vuelve al editor con lo escrito, sin guardar.
    r = c.post(reverse("registro:firmar", args=[d.pk]), {**editado, "accion": "editar"})
    assert r.status_code == 200 and "Texto editado sin guardar." in r.content.decode()
    assert "Texto editado" not in Documento.objects.get(pk=d.pk).cuerpo
    # 2. Al confirmar se guarda (auditado) y se firma en la misma transacción.
    r = c.post(reverse("registro:firmar", args=[d.pk]), {**editado, "confirmado": "1"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.numero_texto == f"MEMORANDO Nº 001-{anio}-GDU/MDVE" and d.cuerpo.startswith("Texto editado")
    assert "Texto editado sin guardar." in texto_pdf(d.pdf.archivo.open("rb").read())
    guardado = Evento.objects.get(accion="registro.documento.actualizar_borrador")
    assert guardado.despues["cuerpo"].startswith("Texto editado") and guardado.actor == jefe_unidad


def test_firmar_con_marcador_de_plantilla_se_rechaza(cliente_de, jefe_unidad, unidad_sg, tipos):
    d = crear_borrador(
        clase="interno",
        tipo_documental=tipos["memorando"],
        unidad_origen=jefe_unidad.unidad,
        asunto="Con plantilla",
        por=jefe_unidad,
        destinatarios_unidades=[unidad_sg],
    )
    assert "[Escriba aquí el contenido del memorando.]" in d.cuerpo
    c = cliente_de(jefe_unidad)
    for datos in (_formulario(d), _formulario(d, confirmado="1"), {"confirmado": "1"}):
        r = c.post(reverse("registro:firmar", args=[d.pk]), datos)
        html = r.content.decode()
        assert r.status_code == 200 and "marcador de la plantilla" in html and "No se firmó" in html
    d.refresh_from_db()
    assert d.estado == Documento.Estado.BORRADOR and d.numero_id is None
    assert not NumeroRegistro.objects.exists() and not Evento.objects.filter(
        accion="registro.documento.firmar"
    )
    with pytest.raises(ValidationError, match="marcador de la plantilla"):
        firmar_lo_guardado(documento=d, por=jefe_unidad)
    with pytest.raises(ValidationError, match="marcador de la plantilla"):  # también el servicio mismo
        firmar(documento=d, por=jefe_unidad)
    # Los marcadores con el asunto dentro (informe) también se reconocen, en cualquier párrafo.
    informe = _memo(jefe_unidad, [unidad_sg], tipos, tipo_documental=tipos["informe"], cuerpo="")
    assert marcadores_pendientes(informe.cuerpo)[0].startswith("[Describa los antecedentes de «")
    assert marcadores_pendientes("Según el informe [sic] del área, procede.") == []


def test_confirmacion_de_salida_muestra_tambien_el_numero_de_salida(cliente_de, jefe_unidad, tipos):
    persona = PersonaFactory()
    d = crear_borrador(
        clase="salida",
        tipo_documental=tipos["oficio"],
        unidad_origen=jefe_unidad.unidad,
        asunto="Oficio",
        por=jefe_unidad,
        destinatario=persona,
        cuerpo="Le comunicamos la inspección.",
    )
    datos = {"asunto": "Oficio", "cuerpo": d.cuerpo, "destinatario_documento": persona.numero_documento}
    html = cliente_de(jefe_unidad).post(reverse("registro:firmar", args=[d.pk]), datos).content.decode()
    anio = timezone.localdate().year
    assert (
        f"tomará el número OFICIO Nº 001-{anio}-GDU/MDVE</strong> y el número de salida Sal. {anio}-000001"
        in html
    )


def test_funcionario_no_jefe_no_firma_403(cliente_de, funcionario_gdu, unidad_sg, tipos):
    d = _memo(funcionario_gdu, [unidad_sg], tipos)
    assert cliente_de(funcionario_gdu).post(reverse("registro:firmar", args=[d.pk])).status_code == 403
    d.refresh_from_db()
    assert d.estado == Documento.Estado.BORRADOR and not Evento.objects.filter(
        accion="registro.documento.firmar"
    )


def test_firmar_get_405_y_ajeno_404(cliente_de, jefe_unidad, unidad_sg, tipos, ajeno):
    d = _memo(jefe_unidad, [unidad_sg], tipos)
    assert cliente_de(jefe_unidad).get(reverse("registro:firmar", args=[d.pk])).status_code == 405
    assert cliente_de(ajeno).post(reverse("registro:firmar", args=[d.pk])).status_code == 404
    d.refresh_from_db()
    assert d.estado == Documento.Estado.BORRADOR


def test_encargado_firma_por_encargo(jefe_unidad, funcionario_gdu, unidad_sg, tipos):
    from pypdf import PdfReader

    hoy = timezone.localdate()
    Encargo.objects.create(
        titular=jefe_unidad,
        encargado=funcionario_gdu,
        desde=hoy - timedelta(days=1),
        hasta=hoy + timedelta(days=5),
    )
    d = firmar(documento=_memo(funcionario_gdu, [unidad_sg], tipos), por=funcionario_gdu)
    assert d.firmado_por == funcionario_gdu
    texto = " ".join(p.extract_text() for p in PdfReader(d.pdf.archivo.open("rb")).pages)
    assert "Por encargo de" in texto
    assert Evento.objects.get(accion="registro.documento.firmar").por_encargo_de == jefe_unidad


def test_secretario_general_firma_los_de_su_unidad_y_lo_firmado_no_se_edita(
    secretario, funcionario_gdu, unidad_sg, unidad_gdu, tipos
):
    d = firmar(documento=_memo(secretario, [unidad_gdu], tipos), por=secretario)
    assert d.estado == Documento.Estado.ENVIADO
    with pytest.raises(ValidationError, match="ya está firmado"):
        firmar(documento=d, por=secretario)
    with pytest.raises(ValidationError, match="no se edita"):
        actualizar_borrador(
            documento=d, por=secretario, asunto="otro", cuerpo="otro", destinatarios_unidades=[unidad_gdu]
        )
    d.refresh_from_db()
    assert d.asunto == "Coordinación de inspecciones"


def test_secretario_general_no_firma_con_el_numero_de_otra_unidad(
    cliente_de, secretario, funcionario_gdu, unidad_sg, tipos
):
    """El memorando de GDU lleva el número de GDU: lo firma su jefe (o su encargado), no la Secretaría."""
    d = _memo(funcionario_gdu, [unidad_sg], tipos)
    r = cliente_de(secretario).post(reverse("registro:firmar", args=[d.pk]))
    assert r.status_code == 403
    d.refresh_from_db()
    assert d.estado == Documento.Estado.BORRADOR and d.numero_texto == ""
    assert not Evento.objects.filter(accion="registro.documento.firmar").exists()
    with pytest.raises(ValidationError, match="Firma el jefe de .* el número es de esa unidad"):
        firmar(documento=d, por=secretario)


def test_circular_a_muchas_unidades_con_formato_propio(jefe_unidad, tipos):
    unidades = [UnidadFactory(sigla=s, nombre=f"Unidad {s}") for s in ("GAF", "GSC", "GDS")]
    d = firmar(
        documento=_memo(jefe_unidad, unidades, tipos, tipo_documental=tipos["circular"]), por=jefe_unidad
    )
    assert d.numero_texto.startswith("CIRCULAR Nº 001-")
    assert DestinatarioInterno.objects.filter(documento=d).count() == 3


def test_salida_lleva_numero_del_tipo_y_del_registro_de_salida(jefe_unidad, tipos):
    persona = PersonaFactory()
    d = crear_borrador(
        clase="salida",
        tipo_documental=tipos["oficio"],
        unidad_origen=jefe_unidad.unidad,
        asunto="Oficio",
        por=jefe_unidad,
        destinatario=persona,
        cuerpo="Le comunicamos la inspección.",
    )
    d = firmar(documento=d, por=jefe_unidad)
    anio = timezone.localdate().year
    assert d.numero_texto == f"OFICIO Nº 001-{anio}-GDU/MDVE"
    assert d.estado == Documento.Estado.REGISTRADO
    salida = NumeroRegistro.objects.get(serie__codigo="registro_salida", objeto_id=str(d.pk))
    assert salida.texto == f"Sal. {anio}-000001"


# --- Respuesta a un documento de entrada ----------------------------------------------------------


def test_responder_y_firmar_cierra_la_entrada(cliente_de, jefe_unidad, mesa_de_partes, unidad_gdu, tipos):
    entrada = DocumentoFactory(por=mesa_de_partes, numero_documento_origen="Carta 12-2026")
    derivar(documento=entrada, a_unidad=unidad_gdu, por=mesa_de_partes)
    c = cliente_de(jefe_unidad)
    r = c.get(reverse("registro:responder", args=[entrada.pk]))
    assert r.status_code == 200 and entrada.numero_texto in r.content.decode()
    r = c.post(
        reverse("registro:responder", args=[entrada.pk]),
        {
            "clase": "salida",
            "tipo_documental": tipos["oficio"].pk,
            "asunto": "Respuesta a su carta",
            "destinatario_documento": entrada.remitente.numero_documento,
        },
    )
    respuesta = Documento.objects.get(respuesta_a=entrada)
    assert r.status_code == 302
    assert respuesta.destinatario == entrada.remitente
    assert entrada.numero_texto in respuesta.cuerpo and "Carta 12-2026" in respuesta.cuerpo
    texto = respuesta.cuerpo.replace("[Escriba aquí la respuesta.]", "Se le otorga la licencia.")
    datos = {
        "asunto": respuesta.asunto,
        "cuerpo": texto,
        "destinatario_documento": entrada.remitente.numero_documento,
    }
    c.post(reverse("registro:firmar", args=[respuesta.pk]), {**datos, "confirmado": "1"})
    entrada.refresh_from_db()
    assert entrada.estado == Documento.Estado.ATENDIDO and entrada.cerrado_en is not None
    linea = Derivacion.objects.get(documento=entrada, a_unidad=unidad_gdu)
    assert linea.estado == Derivacion.Estado.ATENDIDA and linea.cerrado_por == jefe_unidad
    assert Evento.objects.filter(accion="registro.documento.atender", objeto_id=str(entrada.pk)).exists()


def test_responder_documento_ajeno_404(cliente_de, ajeno, mesa_de_partes, tipos):
    entrada = DocumentoFactory(por=mesa_de_partes)
    assert cliente_de(ajeno).get(reverse("registro:responder", args=[entrada.pk])).status_code == 404


def test_no_se_responde_lo_cerrado_ni_desde_otra_unidad(jefe_unidad, mesa_de_partes, unidad_gdu, tipos):
    entrada = DocumentoFactory(por=mesa_de_partes)
    with pytest.raises(ValidationError, match="Responde la unidad que tiene el documento"):
        crear_borrador(
            clase="salida",
            tipo_documental=tipos["oficio"],
            unidad_origen=unidad_gdu,
            asunto="x",
            por=jefe_unidad,
            respuesta_a=entrada,
        )
    Documento.objects.filter(pk=entrada.pk).update(estado=Documento.Estado.CONCLUIDO)
    entrada.refresh_from_db()
    with pytest.raises(ValidationError, match="ya está cerrado"):
        crear_borrador(
            clase="salida",
            tipo_documental=tipos["oficio"],
            unidad_origen=unidad_gdu,
            asunto="x",
            por=jefe_unidad,
            respuesta_a=entrada,
        )
    assert not Documento.objects.filter(respuesta_a=entrada).exists()


# --- Lista de emitidos ----------------------------------------------------------------------------


def test_emitidos_borradores_primero_y_consultas_fijas(
    cliente_de, jefe_unidad, unidad_sg, tipos, django_assert_num_queries
):
    firmado = firmar(documento=_memo(jefe_unidad, [unidad_sg], tipos, asunto="Firmado"), por=jefe_unidad)
    borrador = _memo(jefe_unidad, [unidad_sg], tipos, asunto="Pendiente")
    for i in range(3):
        _memo(jefe_unidad, [unidad_sg], tipos, asunto=f"Otro {i}")
    c = cliente_de(jefe_unidad)
    c.get(reverse("registro:emitidos"))  # calienta sesión y caché de tipos de contenido
    with django_assert_num_queries(con_sesion(8)):
        r = c.get(reverse("registro:emitidos"))
    html = r.content.decode()
    assert html.index("Pendiente") < html.index(firmado.numero_texto)
    assert f'data-documento="{borrador.pk}"' in html
