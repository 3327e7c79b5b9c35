"""Informe de documentos recibidos y despachados y cumplimiento de plazos: cifras sobre un conjunto
pequeño armado a mano, alcance por unidad, exportaciones que se leen de vuelta y consultas fijas.
"""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from core.services.plazos import dias_habiles_entre
from core.tests.consultas import con_sesion
from informes.selectors import cumplimiento_plazos, recibidos_y_despachados
from registro.models import Derivacion, Documento
from registro.tests.factories import DocumentoFactory

LIMA = ZoneInfo("America/Lima")
URL = reverse("informes:registro")
EXPORTAR = reverse("informes:registro-exportar")
ENERO = {"desde": "2025-01-01", "hasta": "2025-02-28", "periodo": "mes"}


def _lima(*args) -> datetime:
    return datetime(*args, tzinfo=LIMA)


def _cerrar(doc, *, en: datetime, vence: date | None, estado=Documento.Estado.ATENDIDO, unidad=None):
    Documento.objects.filter(pk=doc.pk).update(
        estado=estado, cerrado_en=en, vence=vence, unidad_actual=unidad or doc.unidad_actual
    )
    doc.refresh_from_db()
    return doc


@pytest.fixture
def datos(mesa_de_partes, jefe_unidad, unidad_gdu, ajeno):
    """Enero y febrero de 2025 en Villa Esperanza (Perú; el 1 de enero es feriado)."""
    utda = mesa_de_partes.unidad
    otra = ajeno.unidad

    def registrar(en, **kw):
        return DocumentoFactory(por=mesa_de_partes, recibido_en=en, unidad_destino=unidad_gdu, **kw)

    # Registrados: 4 en enero (uno a las 23:30 del 31, que en UTC ya es febrero) y 1 en febrero.
    d1 = registrar(_lima(2025, 1, 6, 9, 0))  # lunes
    d2 = registrar(_lima(2025, 1, 6, 10, 0))  # lunes
    d3 = registrar(_lima(2025, 1, 11, 10, 0))  # sábado: se computa desde el lunes 13
    d4 = registrar(_lima(2025, 1, 31, 23, 30))
    d5 = registrar(_lima(2025, 2, 3, 8, 0))
    # Uno anulado y uno de 2024: no cuentan.
    anulado = registrar(_lima(2025, 1, 7, 9, 0))
    Documento.objects.filter(pk=anulado.pk).update(estado=Documento.Estado.ANULADO)
    registrar(_lima(2024, 12, 31, 12, 0))

    # Cierres en GDU: d1 con retraso (4 días hábiles), d2 a tiempo (2), d3 cerrado el mismo sábado (0).
    _cerrar(d1, en=_lima(2025, 1, 10, 16, 0), vence=date(2025, 1, 9))
    _cerrar(d2, en=_lima(2025, 1, 8, 11, 0), vence=date(2025, 1, 20), estado=Documento.Estado.CONCLUIDO)
    _cerrar(d3, en=_lima(2025, 1, 11, 12, 0), vence=None)
    # d4 sigue abierto con el plazo vencido el 14 de febrero; d5 abierto y dentro de plazo.
    Documento.objects.filter(pk=d4.pk).update(vence=date(2025, 2, 14), estado=Documento.Estado.EN_TRAMITE)
    Documento.objects.filter(pk=d5.pk).update(vence=date(2099, 1, 1))

    # El registro ya abre la primera línea de la hoja de ruta hacia GDU; aquí las líneas se arman a mano.
    Derivacion.objects.all().delete()
    # Derivaciones: 2 para acción a GDU en enero, 1 copia (no cuenta) y 1 para acción a OTRA en febrero.
    for i, (doc, a, tipo, en) in enumerate(
        [
            (d1, unidad_gdu, "accion", _lima(2025, 1, 6, 11, 0)),
            (d2, unidad_gdu, "accion", _lima(2025, 1, 6, 12, 0)),
            (d2, otra, "copia", _lima(2025, 1, 6, 12, 0)),
            (d5, otra, "accion", _lima(2025, 2, 3, 9, 0)),
        ]
    ):
        Derivacion.objects.create(
            documento=doc, secuencia=10 + i, de_unidad=utda, a_unidad=a, tipo=tipo, enviado_en=en
        )

    # Salida: GDU despacha uno firmado en febrero; un borrador no cuenta.
    Documento.objects.create(
        clase="salida",
        asunto="Respuesta",
        estado="enviado",
        unidad_origen=unidad_gdu,
        firmado_en=_lima(2025, 2, 10, 10, 0),
        recibido_en=_lima(2025, 2, 10, 10, 0),
    )
    Documento.objects.create(clase="salida", asunto="Borrador", estado="borrador", unidad_origen=unidad_gdu)
    return {"utda": utda, "gdu": unidad_gdu, "otra": otra, "cerrados": [d1, d2, d3]}


def _celdas(informe):
    return {
        (f.periodo, f.unidad_id): (f.registrados, f.derivados, f.atendidos, f.despachados)
        for f in informe.filas
    }


def test_recibidos_y_despachados_por_mes_y_unidad(datos):
    informe = recibidos_y_despachados(desde=date(2025, 1, 1), hasta=date(2025, 2, 28))
    utda, gdu, otra = datos["utda"].pk, datos["gdu"].pk, datos["otra"].pk
    assert _celdas(informe) == {
        (date(2025, 1, 1), utda): (4, 0, 0, 0),
        (date(2025, 1, 1), gdu): (0, 2, 3, 0),
        (date(2025, 2, 1), utda): (1, 0, 0, 0),
        (date(2025, 2, 1), otra): (0, 1, 0, 0),
        (date(2025, 2, 1), gdu): (0, 0, 0, 1),
    }
    assert informe.totales == {"registrados": 5, "derivados": 3, "atendidos": 3, "despachados": 1}
    assert [p["registrados"] for p in informe.por_periodo] == [4, 1]


def test_por_dia_y_por_semana_y_unidad(datos):
    gdu = datos["gdu"]
    por_dia = recibidos_y_despachados(desde=date(2025, 1, 1), hasta=date(2025, 1, 31), periodo="dia")
    assert _celdas(por_dia)[(date(2025, 1, 31), datos["utda"].pk)] == (1, 0, 0, 0)
    por_semana = recibidos_y_despachados(
        desde=date(2025, 1, 1), hasta=date(2025, 1, 31), periodo="semana", unidad=gdu
    )
    # Semanas que empiezan el lunes 6 (derivaciones y dos cierres) y el lunes 6 también para el sábado 11.
    assert {f.unidad_id for f in por_semana.filas} == {gdu.pk}
    assert _celdas(por_semana) == {(date(2025, 1, 6), gdu.pk): (0, 2, 3, 0)}


def test_cumplimiento_de_plazos(datos):
    filas = {f.unidad_id: f for f in cumplimiento_plazos(desde=date(2025, 1, 1), hasta=date(2025, 2, 28))}
    gdu = filas[datos["gdu"].pk]
    # Vencidos abiertos: d4 (vence el 14 de febrero) y el de 2024, cuyo plazo venció en enero de 2025.
    assert (gdu.cerrados, gdu.a_tiempo, gdu.con_retraso, gdu.sin_plazo, gdu.vencidos_abiertos) == (
        3,
        1,
        1,
        1,
        2,
    )
    # El promedio es el de la función de plazos, documento por documento: (4 + 2 + 0) / 3.
    dias = [dias_habiles_entre(d.recibido_en, d.cerrado_en) for d in datos["cerrados"]]
    assert dias == [4, 2, 0]
    assert gdu.promedio_dias == 2.0
    assert gdu.porcentaje_a_tiempo == 50.0
    # Un periodo sin cierres ni vencimientos no da filas.
    assert cumplimiento_plazos(desde=date(2025, 3, 1), hasta=date(2025, 3, 31)) == []


def test_periodos_en_la_hora_local_con_cambio_de_horario(mesa_de_partes, unidad_gdu):
    """En una zona con horario de verano (México hasta 2022), cada documento cae en su día y su semana
    locales, también el que llega a las 23:30 del día del cambio y el que llega en la última semana de
    un año que empezó en lunes del año anterior."""
    from core.models import Municipio

    mexico = ZoneInfo("America/Mexico_City")
    Municipio.objects.filter(activo=True).update(zona_horaria="America/Mexico_City")
    en = lambda *a: datetime(*a, tzinfo=mexico)  # noqa: E731
    # El 3 de abril de 2022 a las 2:00 los relojes pasaron a las 3:00 (ese día tuvo 23 horas).
    for momento in [
        en(2022, 4, 2, 23, 59),
        en(2022, 4, 3, 0, 30),
        en(2022, 4, 3, 23, 30),
        en(2022, 4, 4, 0, 0),
        en(2021, 12, 31, 18, 0),
        en(2022, 1, 2, 9, 0),
        en(2022, 1, 3, 9, 0),
    ]:
        DocumentoFactory(por=mesa_de_partes, recibido_en=momento, unidad_destino=unidad_gdu)
    utda = mesa_de_partes.unidad.pk

    por_dia = recibidos_y_despachados(desde=date(2022, 4, 1), hasta=date(2022, 4, 5), periodo="dia")
    assert {f.periodo: f.registrados for f in por_dia.filas if f.unidad_id == utda} == {
        date(2022, 4, 2): 1,
        date(2022, 4, 3): 2,
        date(2022, 4, 4): 1,
    }
    # Semanas de lunes a domingo: el 31 de diciembre de 2021 (viernes) y el domingo 2 de enero son de la
    # semana del lunes 27 de diciembre; el lunes 3 empieza otra.
    por_semana = recibidos_y_despachados(desde=date(2021, 12, 30), hasta=date(2022, 1, 9), periodo="semana")
    assert {f.periodo: f.registrados for f in por_semana.filas} == {
        date(2021, 12, 27): 2,
        date(2022, 1, 3): 1,
    }
    por_mes = recibidos_y_despachados(desde=date(2021, 12, 15), hasta=date(2022, 4, 30))
    assert [(p["periodo"], p["registrados"]) for p in por_mes.por_periodo] == [
        (date(2021, 12, 1), 1),
        (date(2022, 1, 1), 2),
        (date(2022, 4, 1), 4),
    ]


def test_cumplimiento_con_computo_muy_anterior_o_posterior_al_cierre(mesa_de_partes, unidad_gdu):
    """Un documento presentado años antes del periodo (fuera de las tablas que van a PostgreSQL) y uno
    cuya fecha de cómputo es posterior a su cierre: los días hábiles son los de `dias_habiles_entre`."""
    viejo = DocumentoFactory(
        por=mesa_de_partes, recibido_en=_lima(2020, 3, 2, 9, 0), unidad_destino=unidad_gdu
    )
    _cerrar(viejo, en=_lima(2025, 1, 15, 10, 0), vence=date(2020, 4, 1), unidad=unidad_gdu)
    # Presentado y cerrado el sábado 28 de diciembre de 2024: se computa desde el lunes 30, después del cierre.
    adelantado = DocumentoFactory(
        por=mesa_de_partes, recibido_en=_lima(2024, 12, 28, 9, 0), unidad_destino=unidad_gdu
    )
    _cerrar(adelantado, en=_lima(2024, 12, 28, 11, 0), vence=date(2025, 1, 10), unidad=unidad_gdu)
    Documento.objects.filter(pk=adelantado.pk).update(fecha_computo=date(2024, 12, 30))
    normal = DocumentoFactory(
        por=mesa_de_partes, recibido_en=_lima(2024, 12, 20, 9, 0), unidad_destino=unidad_gdu
    )
    _cerrar(normal, en=_lima(2024, 12, 27, 9, 0), vence=date(2025, 1, 3), unidad=unidad_gdu)
    # Presentado el sábado 11 de enero (sin fecha de cómputo) y cerrado el domingo: cero días, no -1.
    fin_de_semana = DocumentoFactory(
        por=mesa_de_partes, recibido_en=_lima(2025, 1, 11, 9, 0), unidad_destino=unidad_gdu
    )
    _cerrar(fin_de_semana, en=_lima(2025, 1, 12, 9, 0), vence=date(2025, 1, 20), unidad=unidad_gdu)
    Documento.objects.filter(pk=fin_de_semana.pk).update(fecha_computo=None)

    docs = Documento.objects.filter(pk__in=[viejo.pk, adelantado.pk, normal.pk, fin_de_semana.pk])
    esperados = [dias_habiles_entre(d.fecha_computo or d.recibido_en, d.cerrado_en) for d in docs]
    assert sorted(esperados)[:2] == [0, 0] and max(esperados) > 1000  # el viejo, más de 4 años
    (gdu,) = cumplimiento_plazos(desde=date(2024, 12, 1), hasta=date(2025, 1, 31), hoy=date(2025, 2, 1))
    assert (gdu.unidad_id, gdu.cerrados, gdu.a_tiempo, gdu.con_retraso) == (unidad_gdu.pk, 4, 3, 1)
    assert gdu._dias == sum(esperados)
    # Uno cerrado sin fecha de registro ni de cómputo (importado a medias): cuenta como cerrado, sin días.
    sin_fechas = DocumentoFactory(
        por=mesa_de_partes, recibido_en=_lima(2025, 1, 6, 9, 0), unidad_destino=unidad_gdu
    )
    _cerrar(sin_fechas, en=_lima(2025, 1, 20, 9, 0), vence=None, unidad=unidad_gdu)
    Documento.objects.filter(pk=sin_fechas.pk).update(recibido_en=None, fecha_computo=None)
    (gdu,) = cumplimiento_plazos(desde=date(2024, 12, 1), hasta=date(2025, 1, 31), hoy=date(2025, 2, 1))
    assert (gdu.cerrados, gdu.sin_plazo, gdu._dias) == (5, 1, sum(esperados))


def test_pagina_secretario_ve_todo_con_consultas_fijas(
    cliente_de, secretario, datos, django_assert_num_queries
):
    cliente = cliente_de(secretario)
    cliente.get(URL, ENERO)  # calienta caches de sesión y permisos fuera de la cuenta
    with django_assert_num_queries(con_sesion(20)):
        r = cliente.get(URL, ENERO)
    assert r.status_code == 200
    html = r.content.decode()
    assert 'data-total="registrados">5<' in html
    assert 'data-total="despachados">1<' in html
    assert "Trámite Documentario" in html and "Otra unidad" in html


def test_jefe_ve_solo_su_unidad_aunque_pida_otra(cliente_de, jefe_unidad, datos):
    r = cliente_de(jefe_unidad).get(URL, {**ENERO, "unidad": datos["utda"].pk})
    assert r.status_code == 200
    html = r.content.decode()
    assert 'data-total="registrados">0<' in html  # los registró la mesa de partes, no GDU
    assert 'data-total="derivados">2<' in html
    assert 'data-total="atendidos">3<' in html
    assert "Otra unidad" not in html and "Trámite Documentario" not in html


def test_secretario_filtra_por_unidad(cliente_de, secretario, datos):
    r = cliente_de(secretario).get(URL, {**ENERO, "unidad": datos["otra"].pk})
    assert 'data-total="derivados">1<' in r.content.decode()


def test_sin_permiso_403_y_anonimo_al_ingreso(client, cliente_de, ajeno, mesa_de_partes):
    assert cliente_de(ajeno).get(URL).status_code == 403
    assert cliente_de(mesa_de_partes).get(EXPORTAR, {"formato": "csv"}).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_solo_get(cliente_de, secretario):
    assert cliente_de(secretario).post(URL).status_code == 405
    assert cliente_de(secretario).post(EXPORTAR).status_code == 405


def test_fechas_al_reves_dan_mensaje(cliente_de, secretario, datos):
    cliente = cliente_de(secretario)
    r = cliente.get(URL, {"desde": "2025-02-01", "hasta": "2025-01-01"})
    assert r.status_code == 400
    assert "no puede ser anterior" in r.content.decode()
    r = cliente.get(EXPORTAR, {"desde": "2025-02-01", "hasta": "2025-01-01", "formato": "csv"})
    assert r.status_code == 400 and "no puede ser anterior" in r.content.decode()
    r = cliente.get(URL, {"desde": "2020-01-01", "hasta": "2025-01-01", "periodo": "dia"})
    assert r.status_code == 400 and "agrupe por semana o por mes" in r.content.decode()
    r = cliente.get(EXPORTAR, {**ENERO, "formato": "doc"})
    assert r.status_code == 400 and "Formato desconocido" in r.content.decode()


def test_htmx_devuelve_solo_el_fragmento(cliente_de, secretario, datos):
    r = cliente_de(secretario).get(URL, ENERO, headers={"HX-Request": "true"})
    html = r.content.decode()
    assert 'data-tabla="recibidos"' in html and "<form" not in html


def test_exportar_csv(cliente_de, secretario, datos):
    cliente = cliente_de(secretario)
    r = cliente.get(EXPORTAR, {**ENERO, "formato": "csv"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    filas = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert filas[0][:3] == ["Periodo", "Unidad", "Registrados"]
    assert filas[-1] == ["Total", "", "5", "3", "3", "1"]
    r = cliente.get(EXPORTAR, {**ENERO, "formato": "csv", "tabla": "cumplimiento"})
    filas = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    gdu = next(f for f in filas if f["Unidad"] == "Gerencia de Desarrollo Urbano")
    assert (gdu["A tiempo"], gdu["Con retraso"], gdu["Promedio días hábiles"]) == ("1", "1", "2.0")


def test_exportar_xlsx(cliente_de, jefe_unidad, datos):
    r = cliente_de(jefe_unidad).get(EXPORTAR, {**ENERO, "formato": "xlsx"})
    assert r.status_code == 200
    libro = load_workbook(io.BytesIO(r.content))
    assert libro.sheetnames == ["Recibidos y despachados", "Cumplimiento de plazos"]
    filas = list(libro["Recibidos y despachados"].iter_rows(values_only=True))
    assert filas[-1] == ("Total", None, 0, 2, 3, 1)
    plazos = list(libro["Cumplimiento de plazos"].iter_rows(values_only=True))
    assert plazos[1][:6] == ("Gerencia de Desarrollo Urbano", 3, 1, 1, 1, 2)


def test_exportar_pdf(cliente_de, secretario, datos):
    r = cliente_de(secretario).get(EXPORTAR, {**ENERO, "formato": "pdf"})
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    texto = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "Informe de documentos recibidos y despachados" in texto
    assert "Gerencia de Desarrollo Urbano" in texto and "Cumplimiento de plazos" in texto
