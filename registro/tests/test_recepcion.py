from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from core.models import Evento, NumeroRegistro
from core.tests.factories import PersonaFactory
from registro.models import Documento
from registro.services.recepcion import registrar_documento, remitente_por_documento
from registro.tests.factories import DocumentoFactory, ProcedimientoFactory, TipoDocumentalFactory

LIMA = ZoneInfo("America/Lima")
LUNES = datetime(2026, 3, 2, 10, 30, tzinfo=LIMA)  # lunes hábil
DOMINGO = datetime(2026, 3, 1, 11, 0, tzinfo=LIMA)


def _registrar(por, **extra):
    datos = {
        "asunto": "Solicito licencia de funcionamiento",
        "folios": 4,
        "remitente": PersonaFactory(),
        "por": por,
    }
    datos.update(extra)
    return registrar_documento(**datos)


def test_numeros_consecutivos_con_formato_del_perfil(mesa_de_partes):
    a = _registrar(mesa_de_partes, recibido_en=LUNES)
    b = _registrar(mesa_de_partes, recibido_en=LUNES)
    assert a.numero_texto == "Reg. 2026-000001"
    assert b.numero_texto == "Reg. 2026-000002"
    assert (a.anio, a.correlativo, b.correlativo) == (2026, 1, 2)
    assert a.numero.objeto_id == str(a.pk)
    assert a.recibido_por == mesa_de_partes and a.estado == Documento.Estado.REGISTRADO
    assert a.unidad_actual == mesa_de_partes.unidad
    assert len(a.codigo_seguimiento) == 12


def test_el_numero_es_del_anio_de_recepcion(mesa_de_partes):
    _registrar(mesa_de_partes, recibido_en=datetime(2025, 12, 30, 9, 0, tzinfo=LIMA))
    nuevo = _registrar(mesa_de_partes, recibido_en=datetime(2026, 1, 5, 9, 0, tzinfo=LIMA))
    assert nuevo.numero_texto == "Reg. 2026-000001"


def test_vence_segun_el_plazo_del_procedimiento_en_dias_habiles(mesa_de_partes, unidad_gdu):
    licencia = ProcedimientoFactory(plazo_dias=15, unidad_responsable=unidad_gdu)
    doc = _registrar(mesa_de_partes, procedimiento=licencia, recibido_en=LUNES)
    # Del martes 3 de marzo, 15 días hábiles: vence el lunes 23 de marzo de 2026.
    assert doc.fecha_computo == date(2026, 3, 2)
    assert doc.vence == date(2026, 3, 23)
    assert doc.unidad_actual == unidad_gdu


def test_plazo_en_dias_calendario(mesa_de_partes):
    proc = ProcedimientoFactory(plazo_dias=5, tipo_plazo="calendario")
    doc = _registrar(mesa_de_partes, procedimiento=proc, recibido_en=datetime(2026, 3, 3, 9, tzinfo=LIMA))
    # Martes 3 + 5 días calendario = domingo 8: se corre al lunes 9.
    assert doc.vence == date(2026, 3, 9)


def test_sin_procedimiento_rige_el_plazo_de_respuesta_del_perfil(mesa_de_partes):
    doc = _registrar(mesa_de_partes, recibido_en=LUNES)
    # PE: 30 días hábiles; Semana Santa (2 y 3 de abril de 2026) no se cuenta.
    assert doc.vence == date(2026, 4, 15)


def test_presentado_en_domingo_cuenta_desde_el_lunes(mesa_de_partes):
    proc = ProcedimientoFactory(plazo_dias=15)
    doc = _registrar(mesa_de_partes, procedimiento=proc, recibido_en=DOMINGO)
    assert doc.fecha_computo == date(2026, 3, 2)
    assert doc.vence == date(2026, 3, 23)
    assert doc.recibido_en == DOMINGO


def test_con_defectos_queda_observado_con_plazo_para_subsanar(mesa_de_partes):
    doc = _registrar(mesa_de_partes, recibido_en=LUNES, defectos="Falta copia del DNI")
    assert doc.estado == Documento.Estado.OBSERVADO
    # TUO Ley 27444, art. 136: 2 días hábiles (martes 3 y miércoles 4).
    assert doc.subsanar_hasta == date(2026, 3, 4)
    assert doc.vence is None  # el plazo del trámite está suspendido


def test_registrar_deja_evento_de_auditoria(mesa_de_partes):
    tipo = TipoDocumentalFactory(nombre="Solicitud")
    doc = _registrar(mesa_de_partes, tipo_documental=tipo, numero_documento_origen="S/N", recibido_en=LUNES)
    evento = Evento.objects.de_objeto(doc).get()
    assert evento.accion == "registro.documento.registrar"
    assert evento.actor == mesa_de_partes
    assert evento.despues["numero_texto"] == "Reg. 2026-000001"
    assert evento.despues["folios"] == 4


def test_adjuntos_se_guardan(mesa_de_partes):
    archivo = SimpleUploadedFile("carta.txt", b"Texto de la carta\n", content_type="text/plain")
    doc = _registrar(mesa_de_partes, adjuntos=[archivo])
    adjunto = doc.adjuntos.get()
    assert adjunto.es_principal and adjunto.archivo.nombre_original == "carta.txt"
    assert len(adjunto.archivo.sha256) == 64


def test_un_rollback_no_consume_numero(mesa_de_partes):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            _registrar(mesa_de_partes, recibido_en=LUNES)
            raise RuntimeError("falla después de registrar")
    assert not NumeroRegistro.objects.exists()
    assert _registrar(mesa_de_partes, recibido_en=LUNES).numero_texto == "Reg. 2026-000001"


@pytest.mark.parametrize(
    "extra,campo,mensaje",
    [
        ({"asunto": "  "}, "asunto", "Escriba el asunto del documento."),
        ({"folios": -1}, "folios", "El número de folios debe ser 1 o más."),
        ({"folios": "tres"}, "folios", "Escriba el número de folios"),
        ({"canal": "paloma"}, "canal", "Elija un canal"),
        ({"prioridad": "maxima"}, "prioridad", "Elija una prioridad"),
        (
            {"adjuntos": [SimpleUploadedFile("virus.exe", b"MZ\x90\x00" + b"\x00" * 200)]},
            "adjuntos",
            "virus.exe",
        ),
    ],
)
def test_entrada_mala_no_registra_nada(mesa_de_partes, extra, campo, mensaje):
    with pytest.raises(ValidationError) as error:
        _registrar(mesa_de_partes, recibido_en=LUNES, **extra)
    assert mensaje in " ".join(error.value.message_dict[campo])
    assert not Documento.objects.exists() and not NumeroRegistro.objects.exists()
    assert _registrar(mesa_de_partes, recibido_en=LUNES).numero_texto == "Reg. 2026-000001"


def test_procedimiento_inactivo_se_rechaza(mesa_de_partes):
    proc = ProcedimientoFactory(activo=False)
    with pytest.raises(ValidationError) as error:
        _registrar(mesa_de_partes, procedimiento=proc)
    assert "no está activo" in error.value.message_dict["procedimiento"][0]


def test_la_fabrica_pasa_por_el_servicio(mesa_de_partes):
    doc = DocumentoFactory(por=mesa_de_partes)
    assert doc.numero_texto.startswith("Reg. ") and doc.vence is not None


def test_remitente_por_documento_busca_o_crea(mesa_de_partes):
    nueva = remitente_por_documento(
        tipo_documento="DNI",
        numero_documento="4587-1236",
        nombre="Juan Carlos Ramírez Poma",
        por=mesa_de_partes,
    )
    assert (nueva.nombres, nueva.apellidos, nueva.numero_documento) == (
        "Juan Carlos",
        "Ramírez Poma",
        "45871236",
    )
    misma = remitente_por_documento(
        tipo_documento="DNI", numero_documento="45871236", nombre="", por=mesa_de_partes
    )
    assert misma == nueva
    empresa = remitente_por_documento(
        tipo_documento="RUC",
        numero_documento="20100070970",
        nombre="Constructora Los Andes S.A.C.",
        por=mesa_de_partes,
    )
    assert empresa.tipo == "juridica" and empresa.razon_social == "Constructora Los Andes S.A.C."
    solo = remitente_por_documento(
        tipo_documento="DNI", numero_documento="10293847", nombre="Rosa", por=mesa_de_partes
    )
    assert solo.nombres == "Rosa"
    with pytest.raises(ValidationError) as error:
        remitente_por_documento(
            tipo_documento="DNI", numero_documento="123", nombre="X Y", por=mesa_de_partes
        )
    assert "8 dígitos" in error.value.message_dict["numero_documento"][0]


# La página de la mesa de partes ------------------------------------------------------------------------

URL = "/registro/registrar/"


def _post(persona=None, **extra):
    datos = {
        "asunto": "Solicito constancia de posesión",
        "folios": "2",
        "canal": "ventanilla",
        "prioridad": "normal",
    }
    if persona is not None:
        datos["remitente"] = str(persona.pk)
    datos.update(extra)
    return datos


def test_pagina_registrar_muestra_el_formulario_con_foco_en_el_remitente(cliente_de, mesa_de_partes):
    respuesta = cliente_de(mesa_de_partes).get(URL)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'name="buscar"' in html and "autofocus" in html.split('name="buscar"')[1].split(">")[0]
    assert 'enctype="multipart/form-data"' in html


def test_pagina_registra_y_lleva_al_documento_con_imprimir_cargo(cliente_de, mesa_de_partes):
    persona = PersonaFactory()
    tipo = TipoDocumentalFactory(nombre="Solicitud")
    adjuntos = [SimpleUploadedFile("a.txt", b"uno\n"), SimpleUploadedFile("b.txt", b"dos\n")]
    cliente = cliente_de(mesa_de_partes)
    respuesta = cliente.post(URL, _post(persona, tipo_documental=str(tipo.pk), adjuntos=adjuntos))
    doc = Documento.objects.get()
    assert respuesta.status_code == 302 and respuesta["Location"] == f"/registro/documentos/{doc.pk}/"
    assert doc.remitente == persona and doc.folios == 2 and doc.adjuntos.count() == 2
    assert Evento.objects.de_objeto(doc).get().accion == "registro.documento.registrar"
    pagina = cliente.get(respuesta["Location"]).content.decode()
    assert "Imprimir cargo" in pagina and f"/registro/documentos/{doc.pk}/cargo/" in pagina


def test_enter_con_el_documento_completo_elige_al_remitente(cliente_de, mesa_de_partes):
    persona = PersonaFactory(numero_documento="45871236")
    cliente_de(mesa_de_partes).post(URL, _post(buscar="4587 1236"))
    assert Documento.objects.get().remitente == persona


def test_persona_nueva_se_registra_con_el_documento(cliente_de, mesa_de_partes):
    datos = _post(
        buscar="45871236",
        nuevo_tipo="natural",
        nuevo_tipo_documento="DNI",
        nuevo_numero_documento="45871236",
        nuevo_nombres="Juan Carlos",
        nuevo_apellidos="Ramírez Poma",
    )
    respuesta = cliente_de(mesa_de_partes).post(URL, datos)
    assert respuesta.status_code == 302
    assert Documento.objects.get().remitente.nombre_completo == "Juan Carlos Ramírez Poma"


def test_entrada_mala_en_la_pagina_no_registra_nada(cliente_de, mesa_de_partes):
    persona = PersonaFactory()
    cliente = cliente_de(mesa_de_partes)
    respuesta = cliente.post(URL, _post(persona, asunto="", folios="-3"))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "No se registró nada" in html
    assert "Este campo es requerido." in html
    assert "mayor o igual a 1" in html
    assert not Documento.objects.exists() and not NumeroRegistro.objects.exists()


def test_persona_nueva_mala_no_deja_ni_persona_ni_documento(cliente_de, mesa_de_partes):
    from core.models import Persona

    datos = _post(
        nuevo_tipo="natural",
        nuevo_tipo_documento="DNI",
        nuevo_numero_documento="123",
        nuevo_nombres="Ana",
        nuevo_apellidos="Soto",
    )
    respuesta = cliente_de(mesa_de_partes).post(URL, datos)
    assert "El DNI debe tener exactamente 8 dígitos." in respuesta.content.decode()
    assert not Persona.objects.exists() and not Documento.objects.exists()


def test_sin_remitente_pide_elegirlo(cliente_de, mesa_de_partes):
    respuesta = cliente_de(mesa_de_partes).post(URL, _post())
    assert "Elija al remitente de la lista o regístrelo" in respuesta.content.decode()
    assert not Documento.objects.exists()


def test_documento_de_un_servicio_fallido_no_deja_persona(cliente_de, mesa_de_partes):
    from core.models import Persona

    proc = ProcedimientoFactory(activo=True)
    datos = _post(
        nuevo_tipo="natural",
        nuevo_tipo_documento="DNI",
        nuevo_numero_documento="45871236",
        nuevo_nombres="Ana",
        nuevo_apellidos="Soto",
        procedimiento=str(proc.pk),
    )
    proc.activo = False
    proc.save()
    respuesta = cliente_de(mesa_de_partes).post(URL, datos)
    assert respuesta.status_code == 200
    assert not Persona.objects.exists() and not Documento.objects.exists()


def test_registrar_sin_permiso_da_403(cliente_de, jefe_unidad):
    assert cliente_de(jefe_unidad).get(URL).status_code == 403
    assert cliente_de(jefe_unidad).post(URL, _post(PersonaFactory())).status_code == 403
    assert not Documento.objects.exists()


def test_buscar_remitente_por_documento_o_nombre(cliente_de, mesa_de_partes):
    juan = PersonaFactory(numero_documento="45871236", nombres="Juan Carlos", apellidos="Ramírez Poma")
    cliente = cliente_de(mesa_de_partes)
    por_numero = cliente.get("/registro/registrar/remitente/", {"buscar": "4587"}, HTTP_HX_REQUEST="true")
    assert f'data-candidato="{juan.pk}"' in por_numero.content.decode()
    assert "checked" in por_numero.content.decode()  # uno solo: queda elegido
    assert "<html" not in por_numero.content.decode()
    por_nombre = cliente.get("/registro/registrar/remitente/", {"buscar": "ramírez"})
    assert f'data-candidato="{juan.pk}"' in por_nombre.content.decode()
    nadie = cliente.get("/registro/registrar/remitente/", {"buscar": "10293847"}).content.decode()
    assert "No hay nadie registrado" in nadie and 'value="10293847"' in nadie


def test_buscar_remitente_sin_permiso(cliente_de, jefe_unidad):
    assert cliente_de(jefe_unidad).get("/registro/registrar/remitente/", {"buscar": "45"}).status_code == 403
