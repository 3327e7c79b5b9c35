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
    datos = {"asunto": "Solicito licencia de funcionamiento", "folios": 4, "remitente": PersonaFactory(), "por": por}
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
        tipo_documento="DNI", numero_documento="4587-1236", nombre="Juan Carlos Ramírez Poma", por=mesa_de_partes
    )
    assert (nueva.nombres, nueva.apellidos, nueva.numero_documento) == ("Juan Carlos", "Ramírez Poma", "45871236")
    misma = remitente_por_documento(tipo_documento="DNI", numero_documento="45871236", nombre="", por=mesa_de_partes)
    assert misma == nueva
    empresa = remitente_por_documento(
        tipo_documento="RUC", numero_documento="20100070970", nombre="Constructora Los Andes S.A.C.", por=mesa_de_partes
    )
    assert empresa.tipo == "juridica" and empresa.razon_social == "Constructora Los Andes S.A.C."
    solo = remitente_por_documento(tipo_documento="DNI", numero_documento="10293847", nombre="Rosa", por=mesa_de_partes)
    assert solo.nombres == "Rosa"
    with pytest.raises(ValidationError) as error:
        remitente_por_documento(tipo_documento="DNI", numero_documento="123", nombre="X Y", por=mesa_de_partes)
    assert "8 dígitos" in error.value.message_dict["numero_documento"][0]
