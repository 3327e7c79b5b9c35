from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.models import Evento
from core.services.perfiles import ErrorPerfil, fijar_regla_local
from core.services.plazos import calcular_vencimiento
from core.tests.pdf import texto_pdf
from registro.models import Documento
from registro.selectors.subsanacion import subsanaciones_vencidas
from registro.services.recepcion import subsanar, tener_por_no_presentado, vencer_subsanaciones
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


# --- El plazo para subsanar en la unidad del perfil, y su consecuencia solo donde el perfil la automatiza ---


def _con_perfil(municipio, perfil):
    municipio.perfil = perfil
    municipio.save()
    return municipio


@pytest.mark.parametrize(
    "perfil,subsanar_hasta,porque",
    [
        ("PE", date(2026, 3, 4), "2 días hábiles (TUO Ley 27444, art. 136)"),
        ("EC", date(2026, 3, 16), "10 días hábiles (COA, art. 140)"),
        # Ley 1755 de 2015, art. 17: un mes. El 02/04/2026 es Jueves Santo y el 03 Viernes Santo en CO: el lunes 6.
        ("CO", date(2026, 4, 6), "un mes de fecha a fecha, corrido sobre Semana Santa y el fin de semana"),
        ("MX", date(2026, 3, 9), "5 días hábiles (varía por estado)"),
    ],
)
def test_plazo_para_subsanar_en_la_unidad_del_perfil(
    municipio, mesa_de_partes, perfil, subsanar_hasta, porque
):
    _con_perfil(municipio, perfil)
    doc = DocumentoFactory(por=mesa_de_partes, recibido_en=LUNES, defectos="Falta el plano")
    assert doc.estado == Documento.Estado.OBSERVADO
    assert doc.subsanar_hasta == subsanar_hasta, porque
    evento = Evento.objects.de_objeto(doc).get(accion="registro.documento.registrar")
    assert evento.despues["subsanar_hasta"] == subsanar_hasta.isoformat()


def test_por_la_api_colombia_da_un_mes_y_no_treinta_dias_habiles(municipio, mesa_de_partes):
    _con_perfil(municipio, "CO")
    cliente = APIClient()
    token, _ = Token.objects.get_or_create(user=mesa_de_partes)
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    cuerpo = {
        "asunto": "Derecho de petición",
        "folios": 2,
        "defectos": "Falta la dirección de notificación",
        "remitente": {
            "nombre": "Ana María Gómez Ruiz",
            "tipo_documento": "CC",
            "numero_documento": "52345678",
        },
    }
    respuesta = cliente.post("/api/v1/registro/documentos/", cuerpo, format="json")
    assert respuesta.status_code == 201, respuesta.json()
    doc = Documento.objects.get()
    un_mes = calcular_vencimiento(
        desde=doc.recibido_en, cantidad=1, unidad="meses", municipio=municipio
    ).vence
    treinta = calcular_vencimiento(
        desde=doc.recibido_en, cantidad=30, unidad="dias_habiles", municipio=municipio
    )
    assert respuesta.json()["subsanar_hasta"] == un_mes.isoformat() and un_mes < treinta.vence


def test_regla_local_antigua_en_dias_sigue_valiendo(municipio, mesa_de_partes, secretario):
    fijar_regla_local(
        municipio=municipio,
        clave="plazos.subsanacion_dias",
        valor=5,
        vigente_desde=date(2026, 1, 1),
        fuente="Ordenanza 004-2026-MDVE",
        por=secretario,
    )
    doc = DocumentoFactory(por=mesa_de_partes, recibido_en=LUNES, defectos="Falta el plano")
    assert doc.subsanar_hasta == date(2026, 3, 9)  # 5 días hábiles: el tipo de cómputo del perfil PE


def test_regla_local_mal_escrita_no_registra_nada(municipio, mesa_de_partes, secretario):
    fijar_regla_local(
        municipio=municipio,
        clave="plazos.subsanacion",
        valor={"cantidad": 2, "unidad": "quincenas"},
        vigente_desde=date(2026, 1, 1),
        fuente="Ordenanza 004-2026-MDVE",
        por=secretario,
    )
    with pytest.raises(ErrorPerfil, match="la unidad es dias_habiles"):
        DocumentoFactory(por=mesa_de_partes, recibido_en=LUNES, defectos="Falta el plano")
    assert not Documento.objects.exists()


@pytest.mark.parametrize(
    "perfil,automatiza,texto",
    [
        ("PE", True, "no presentados: 1"),
        ("EC", False, "desistida"),
        ("CO", False, "Ley 1755 de 2015, art. 17"),
        ("MX", False, "no presentado"),
    ],
)
def test_la_consecuencia_solo_se_automatiza_donde_el_perfil_la_nombra(
    municipio, mesa_de_partes, perfil, automatiza, texto
):
    _con_perfil(municipio, perfil)
    doc = DocumentoFactory(por=mesa_de_partes, recibido_en=LUNES, defectos="Falta el plano")
    salida = StringIO()
    call_command("vencer-subsanaciones", "--fecha", "2026-06-01", stdout=salida)
    doc.refresh_from_db()
    assert texto in salida.getvalue()
    cerrado = Evento.objects.de_objeto(doc).filter(accion="registro.documento.no_presentado").exists()
    if automatiza:
        assert doc.estado == Documento.Estado.NO_PRESENTADO and cerrado
    else:
        # Nada cambia: el documento queda observado y la orden lo lista para el funcionario.
        assert doc.estado == Documento.Estado.OBSERVADO and not cerrado
        assert "No se cambió ningún documento" in salida.getvalue()
        assert f"- {doc.numero_texto}: venció el {doc.subsanar_hasta:%d/%m/%Y}" in salida.getvalue()
        assert list(subsanaciones_vencidas(hoy=date(2026, 6, 1))) == [doc]


def test_la_tarea_diaria_no_cierra_nada_en_colombia(municipio, mesa_de_partes):
    _con_perfil(municipio, "CO")
    doc = DocumentoFactory(
        por=mesa_de_partes,
        recibido_en=datetime(2025, 3, 3, 10, tzinfo=ZoneInfo("America/Bogota")),
        defectos="X",
    )
    assert tarea_vencer.enqueue().return_value == 0
    doc.refresh_from_db()
    assert doc.estado == Documento.Estado.OBSERVADO


def test_una_regla_local_puede_activar_la_automatizacion(municipio, mesa_de_partes, secretario):
    # Un estado mexicano cuya ley tiene por no presentado sin más trámite: el municipio lo fija localmente.
    _con_perfil(municipio, "MX")
    fijar_regla_local(
        municipio=municipio,
        clave="plazos.automatizaciones",
        valor=["tener_por_no_presentado"],
        vigente_desde=date(2026, 1, 1),
        fuente="Ley de procedimiento administrativo del estado (prueba)",
        por=secretario,
    )
    doc = DocumentoFactory(por=mesa_de_partes, recibido_en=LUNES, defectos="X")
    assert vencer_subsanaciones(hoy=date(2026, 6, 1)) == 1
    doc.refresh_from_db()
    assert doc.estado == Documento.Estado.NO_PRESENTADO


def test_en_colombia_no_se_tiene_por_no_presentado_ni_a_mano(cliente_de, municipio, mesa_de_partes):
    _con_perfil(municipio, "CO")
    doc = DocumentoFactory(
        por=mesa_de_partes,
        recibido_en=datetime(2025, 3, 3, 10, tzinfo=ZoneInfo("America/Bogota")),
        defectos="Falta la dirección",
    )
    cliente = cliente_de(mesa_de_partes)
    pagina = cliente.get(f"/registro/documentos/{doc.pk}/").content.decode()
    assert 'data-consecuencia="desistimiento_tacito"' in pagina and "Ley 1755 de 2015, art. 17" in pagina
    assert "1 mes" in pagina and "Tener por no presentado" not in pagina
    respuesta = cliente.post(f"/registro/documentos/{doc.pk}/no-presentado/", follow=True)
    assert "no se tiene por no presentado: desistimiento tácito" in respuesta.content.decode()
    doc.refresh_from_db()
    assert doc.estado == Documento.Estado.OBSERVADO
    assert not Evento.objects.filter(accion="registro.documento.no_presentado").exists()


def test_en_peru_la_pagina_ofrece_tener_por_no_presentado_con_su_fuente(cliente_de, mesa_de_partes):
    doc = DocumentoFactory(por=mesa_de_partes, recibido_en=LUNES, defectos="Falta el plano")
    pagina = cliente_de(mesa_de_partes).get(f"/registro/documentos/{doc.pk}/").content.decode()
    assert "2 días hábiles, TUO Ley 27444, art. 136" in pagina
    assert 'data-consecuencia="no_presentado"' in pagina and "Tener por no presentado" in pagina


@pytest.mark.parametrize(
    "perfil,dice,no_dice",
    [
        ("PE", "Si no los subsana: se tiene por no presentado (TUO Ley 27444, art. 136.4)", "desistimiento"),
        (
            "CO",
            "desistimiento tácito, que el funcionario declara por acto motivado (Ley 1755 de 2015, art. 17)",
            "no presentado",
        ),
    ],
)
def test_el_cargo_dice_la_consecuencia_del_perfil(
    cliente_de, municipio, mesa_de_partes, perfil, dice, no_dice
):
    _con_perfil(municipio, perfil)
    doc = DocumentoFactory(por=mesa_de_partes, recibido_en=LUNES, defectos="Falta el plano")
    respuesta = cliente_de(mesa_de_partes).get(f"/registro/documentos/{doc.pk}/cargo/")
    texto = texto_pdf(respuesta.content)
    assert dice in texto and no_dice not in texto
