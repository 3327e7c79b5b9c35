"""Exportaciones del informe del registro: CSV (módulo csv), XLSX (openpyxl) y PDF (core.rendering)."""

from __future__ import annotations

import csv
import io

from core.rendering import render_pdf
from informes.selectors import FilaCumplimiento, InformeRecibidos

ENCABEZADO_RECIBIDOS = ["Periodo", "Unidad", "Registrados", "Derivados recibidos", "Atendidos", "Despachados"]
ENCABEZADO_CUMPLIMIENTO = [
    "Unidad",
    "Cerrados",
    "A tiempo",
    "Con retraso",
    "Sin plazo",
    "Vencidos abiertos",
    "% a tiempo",
    "Promedio días hábiles",
]


def _filas_recibidos(informe: InformeRecibidos):
    for f in informe.filas:
        yield [f.periodo.isoformat(), f.unidad, f.registrados, f.derivados, f.atendidos, f.despachados]
    t = informe.totales
    yield ["Total", "", t["registrados"], t["derivados"], t["atendidos"], t["despachados"]]


def _filas_cumplimiento(cumplimiento: list[FilaCumplimiento]):
    for f in cumplimiento:
        yield [
            f.unidad,
            f.cerrados,
            f.a_tiempo,
            f.con_retraso,
            f.sin_plazo,
            f.vencidos_abiertos,
            f.porcentaje_a_tiempo,
            f.promedio_dias,
        ]


def a_csv(
    informe: InformeRecibidos, cumplimiento: list[FilaCumplimiento], *, tabla: str = "recibidos"
) -> bytes:
    """Una tabla por archivo (un CSV no tiene hojas): `recibidos` o `cumplimiento`. UTF-8 con BOM para
    que la hoja de cálculo respete las tildes.
    """
    salida = io.StringIO()
    escritor = csv.writer(salida)
    if tabla == "cumplimiento":
        escritor.writerow(ENCABEZADO_CUMPLIMIENTO)
        escritor.writerows(
            ["" if v is None else v for v in fila] for fila in _filas_cumplimiento(cumplimiento)
        )
    else:
        escritor.writerow(ENCABEZADO_RECIBIDOS)
        escritor.writerows(_filas_recibidos(informe))
    return ("\ufeff" + salida.getvalue()).encode("utf-8")


def a_xlsx(informe: InformeRecibidos, cumplimiento: list[FilaCumplimiento]) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl tarda en importarse y solo lo usa la exportación a XLSX
    from openpyxl.styles import Font  # noqa: PLC0415 - openpyxl tarda en importarse y solo lo usa la exportación a XLSX

    libro = Workbook()
    hoja = libro.active
    hoja.title = "Recibidos y despachados"
    for titulo, encabezado, filas in (
        (None, ENCABEZADO_RECIBIDOS, _filas_recibidos(informe)),
        ("Cumplimiento de plazos", ENCABEZADO_CUMPLIMIENTO, _filas_cumplimiento(cumplimiento)),
    ):
        if titulo:
            hoja = libro.create_sheet(titulo)
        hoja.append(encabezado)
        for celda in hoja[1]:
            celda.font = Font(bold=True)
        for fila in filas:
            hoja.append(fila)
        hoja.freeze_panes = "A2"
        for columna, ancho in zip("ABCDEFGH", (28, 40, 14, 14, 14, 14, 12, 14), strict=True):
            hoja.column_dimensions[columna].width = ancho
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def barras(informe: InformeRecibidos) -> list[dict]:
    """Cada periodo con el ancho (en %) de sus barras de registrados y despachados, para el gráfico CSS."""
    maximo = max([max(p["registrados"], p["despachados"]) for p in informe.por_periodo] or [0]) or 1
    return [
        {
            **p,
            "ancho_registrados": round(100 * p["registrados"] / maximo, 1),
            "ancho_despachados": round(100 * p["despachados"] / maximo, 1),
        }
        for p in informe.por_periodo
    ]


def a_pdf(informe: InformeRecibidos, cumplimiento: list[FilaCumplimiento], *, unidad=None) -> bytes:
    return render_pdf(
        "informes/registro_pdf.html",
        {
            "titulo": "Informe de documentos recibidos y despachados",
            "informe": informe,
            "cumplimiento": cumplimiento,
            "barras": barras(informe),
            "unidad": unidad,
        },
    )
