from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import Evento
from registro.models import Documento
from registro.services.recepcion import subsanar, tener_por_no_presentado
from registro.tasks import vencer_subsanaciones as tarea_vencer
from registro.tests.factories import DocumentoFactory, ProcedimientoFactory

LUNES = datetime(2026, 3, 2, 10, 30, tzinfo=ZoneInfo("America/Lima"))


@pytest.fixture
def observado(mesa_de_partes):
    proc = ProcedimientoFactory(plazo_dias=15)
    return DocumentoFactory(
        por=mesa_de_partes, procedimiento=proc, recibido_en=LUNES, defectos="Falta el plano"
    )


def test_subsanar_devuelve_a_registrado_y_suma_los_dias_suspendidos(observado, mesa_de_partes):
    assert observado.subsanar_hasta == date(2026, 3, 4)
    doc = subsanar(
        documento=observado, por=mesa_de_partes, observacion="Trajo el plano", fecha=date(2026, 3, 4)
    )
    assert doc.estado == Documento.Estado.REGISTRADO
    # Sin observación vencía el 23 de marzo; suspendido el 3 y el 4, se corre dos días hábiles: 25 de marzo.
    assert doc.vence == date(2026, 3, 25)
    assert "Trajo el plano" in doc.observaciones
    evento = Evento.objects.de_objeto(doc).filter(accion="registro.documento.subsanar").get()
    assert evento.antes["estado"] == "observado" and evento.despues["estado"] == "registrado"
    assert evento.despues["vence"] == "2026-03-25"


def test_subsanar_el_mismo_dia_no_suspende_nada(observado, mesa_de_partes):
    doc = subsanar(documento=observado, por=mesa_de_partes, fecha=date(2026, 3, 2))
    assert doc.vence == date(2026, 3, 23)


def test_solo_se_subsana_lo_observado(mesa_de_partes):
    doc = DocumentoFactory(por=mesa_de_partes, recibido_en=LUNES)
    with pytest.raises(ValidationError, match="Solo se subsana un documento observado"):
        subsanar(documento=doc, por=mesa_de_partes)
    doc.refresh_from_db()
    assert doc.estado == Documento.Estado.REGISTRADO


def test_tener_por_no_presentado_despues_del_plazo(observado, mesa_de_partes):
    with pytest.raises(ValidationError, match="aún no se puede"):
        tener_por_no_presentado(documento=observado, por=mesa_de_partes, hoy=date(2026, 3, 4))
    doc = tener_por_no_presentado(documento=observado, por=mesa_de_partes, hoy=date(2026, 3, 5))
    assert doc.estado == Documento.Estado.NO_PRESENTADO and doc.cerrado and doc.cerrado_en
    assert Evento.objects.de_objeto(doc).filter(accion="registro.documento.no_presentado").exists()


def test_comando_cierra_solo_los_vencidos_como_el_sistema(observado, mesa_de_partes):
    vigente = DocumentoFactory(
        por=mesa_de_partes,
        recibido_en=datetime(2026, 3, 4, 9, tzinfo=ZoneInfo("America/Lima")),
        defectos="Sin firma",
    )
    registrado = DocumentoFactory(por=mesa_de_partes, recibido_en=LUNES)
    salida = StringIO()
    call_command("vencer-subsanaciones", "--fecha", "2026-03-05", stdout=salida)
    assert "no presentados: 1" in salida.getvalue()
    observado.refresh_from_db()
    vigente.refresh_from_db()
    registrado.refresh_from_db()
    assert observado.estado == Documento.Estado.NO_PRESENTADO
    assert vigente.estado == Documento.Estado.OBSERVADO
    assert registrado.estado == Documento.Estado.REGISTRADO
    evento = Evento.objects.de_objeto(observado).get(accion="registro.documento.no_presentado")
    assert evento.actor is None
    # Repetirlo no hace nada.
    call_command("vencer-subsanaciones", "--fecha", "2026-03-05", stdout=StringIO())
    assert Evento.objects.filter(accion="registro.documento.no_presentado").count() == 1


def test_comando_con_fecha_mala():
    with pytest.raises(CommandError, match="AAAA-MM-DD"):
        call_command("vencer-subsanaciones", "--fecha", "05/03/2026")


def test_la_tarea_cierra_los_vencidos(mesa_de_partes):
    doc = DocumentoFactory(
        por=mesa_de_partes,
        recibido_en=datetime(2025, 3, 3, 10, tzinfo=ZoneInfo("America/Lima")),
        defectos="X",
    )
    resultado = tarea_vencer.enqueue()
    assert resultado.return_value == 1
    doc.refresh_from_db()
    assert doc.estado == Documento.Estado.NO_PRESENTADO
