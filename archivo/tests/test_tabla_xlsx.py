"""Importar y exportar el cuadro con su retención en XLSX por la página: todo o nada, con errores por fila
en español; exportar y volver a importar no cambia nada."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from archivo.models import NodoCuadro, Retencion
from archivo.services.tabla_xlsx import encabezados
from core.models import Evento

pytestmark = pytest.mark.django_db

CABECERA = [
    "Nivel",
    "Código",
    "Nombre",
    "Código superior",
    "Unidad",
    "Archivo de gestión (años)",
    "Archivo periférico (años)",
    "Archivo central (años)",
    "Disposición final",
    "Base legal",
    "Procedimiento",
    "Vigente desde",
]


def _libro(filas, cabecera=CABECERA) -> SimpleUploadedFile:
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Cuadro"
    hoja.append(cabecera)
    for f in filas:
        hoja.append(f)
    salida = BytesIO()
    libro.save(salida)
    return SimpleUploadedFile(
        "cuadro.xlsx", salida.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


BUENO = [
    [
        "Fondo",
        "MDVE",
        "Municipalidad Distrital de Villa Esperanza",
        "",
        "",
        None,
        None,
        None,
        "",
        "",
        "",
        None,
    ],
    ["Sección", "SG", "Secretaría General", "MDVE", "SG", None, None, None, "", "", "", None],
    [
        "Serie",
        "SG-01",
        "Actas de sesiones de concejo",
        "SG",
        "",
        2,
        1,
        8,
        "Conservación total",
        "Ley 27972",
        "",
        "01/03/2021",
    ],
    ["Serie", "SG-02", "Correspondencia", "SG", "", 1, 0, 4, "E", "TUO Ley 27444", "", None],
    ["Subserie", "SG-02-01", "Correspondencia recibida", "SG-02", "", 1, 0, 4, "eliminación", "", "", None],
]


def test_importar_un_cuadro_y_volver_a_importar_lo_exportado(secretario, unidad_sg, cliente_de):
    cliente = cliente_de(secretario)
    r = cliente.post(reverse("archivo:tabla"), {"archivo": _libro(BUENO)})
    assert r.status_code == 302, r.content.decode()
    assert NodoCuadro.objects.count() == 5
    actas = Retencion.objects.get(nodo__codigo="SG-01")
    assert (actas.plazos, actas.disposicion, str(actas.vigente_desde)) == (
        {"gestion": 2, "periferico": 1, "central": 8},
        "conservacion_total",
        "2021-03-01",
    )
    assert NodoCuadro.objects.get(codigo="SG").unidad == unidad_sg
    assert Retencion.objects.get(nodo__codigo="SG-02-01").disposicion == "eliminacion"
    evento = Evento.objects.get(accion="archivo.cuadro.importar")
    assert evento.despues == {"niveles_creados": 5, "niveles_actualizados": 0, "versiones_creadas": 3}

    exportado = cliente.get(reverse("archivo:tabla-exportar"))
    assert exportado.status_code == 200
    hoja = load_workbook(BytesIO(exportado.content))["Cuadro"]
    filas = list(hoja.iter_rows(values_only=True))
    assert list(filas[0]) == encabezados() == CABECERA
    assert filas[3][:9] == (
        "Serie",
        "SG-01",
        "Actas de sesiones de concejo",
        "SG",
        None,
        2,
        1,
        8,
        "Conservación total",
    )

    archivo = SimpleUploadedFile("cuadro.xlsx", exportado.content)
    assert cliente.post(reverse("archivo:tabla"), {"archivo": archivo}).status_code == 302
    assert (NodoCuadro.objects.count(), Retencion.objects.count()) == (5, 3)
    ultimo = Evento.objects.filter(accion="archivo.cuadro.importar").order_by("-id").first()
    assert ultimo.despues == {"niveles_creados": 0, "niveles_actualizados": 0, "versiones_creadas": 0}


def test_un_archivo_con_errores_no_cambia_nada_y_dice_cada_fila(secretario, cliente_de):
    malo = [
        ["Fondo", "MDVE", "Villa Esperanza", "", "", None, None, None, "", "", "", None],
        ["Seccion", "SG", "Secretaría General", "MDVE", "NOEXISTE", None, None, None, "", "", "", None],
        ["Serie", "SG-01", "Actas", "SG", "", "dos", 1, 8, "Conservación total", "", "", None],
        ["Carpeta", "SG-09", "Otra", "SG", "", None, None, None, "", "", "", None],
        ["Serie", "SG-02", "Correspondencia", "XX", "", 1, 0, 4, "quemar", "", "", "31/02/2026"],
        ["Sección", "SG-03", "Sección con plazos", "MDVE", "", 1, 0, 4, "Eliminación", "", "", None],
    ]
    antes = Evento.objects.count()
    r = cliente_de(secretario).post(reverse("archivo:tabla"), {"archivo": _libro(malo)})
    assert r.status_code == 400
    texto = r.content.decode()
    assert "No se importó nada" in texto
    for esperado in (
        "Fila 3: la unidad «NOEXISTE» no está en el organigrama.",
        "Fila 5: el nivel «Carpeta» no existe",
        "Fila 6: la disposición final «quemar» no existe",
        "Fila 6: la fecha «31/02/2026» no se entiende (use dd/mm/aaaa).",
        "Fila 7: solo una serie o subserie lleva años de retención y disposición final.",
    ):
        assert esperado in texto
    assert not NodoCuadro.objects.exists() and Evento.objects.count() == antes


def test_errores_de_la_segunda_pasada_tambien_deshacen_todo(secretario, cliente_de):
    """Las filas bien escritas pero que no encajan (superior inexistente, años que no son número) se
    descubren al crear: lo ya creado se deshace."""
    malo = [
        ["Fondo", "MDVE", "Villa Esperanza", "", "", None, None, None, "", "", "", None],
        ["Sección", "SG", "Secretaría General", "MDVE", "", None, None, None, "", "", "", None],
        ["Serie", "SG-01", "Actas", "SG", "", "dos", 1, 8, "Conservación total", "", "", None],
        ["Serie", "GM-01", "Informes", "GM", "", 2, 1, 8, "Selección", "", "", None],
    ]
    r = cliente_de(secretario).post(reverse("archivo:tabla"), {"archivo": _libro(malo)})
    assert r.status_code == 400
    texto = r.content.decode()
    assert "Fila 4: Los años en archivo de gestión deben ser un número entero (se leyó «dos»)." in texto
    assert "Fila 5: el código superior «GM» no existe" in texto
    assert not NodoCuadro.objects.exists() and not Retencion.objects.exists()


def test_lo_que_no_es_xlsx_o_no_tiene_columnas(secretario, cliente_de):
    cliente = cliente_de(secretario)
    r = cliente.post(reverse("archivo:tabla"), {"archivo": SimpleUploadedFile("x.xlsx", b"no es excel")})
    assert r.status_code == 400 and "no es un libro de Excel (.xlsx) válido" in r.content.decode()
    r = cliente.post(reverse("archivo:tabla"), {"archivo": _libro([["x"]], cabecera=["Otra cosa"])})
    assert (
        r.status_code == 400
        and "Fila 1: faltan las columnas «Nivel», «Código», «Nombre»" in r.content.decode()
    )
    assert not NodoCuadro.objects.exists()


def test_importar_pide_gestionar_el_cuadro(regidor, jefe_unidad, cliente_de):
    for usuario in (regidor, jefe_unidad):
        r = cliente_de(usuario).post(reverse("archivo:tabla"), {"archivo": _libro(BUENO)})
        assert r.status_code == 403
    assert not NodoCuadro.objects.exists()
    # Exportar basta con ver el archivo.
    assert cliente_de(regidor).get(reverse("archivo:tabla-exportar")).status_code == 200
