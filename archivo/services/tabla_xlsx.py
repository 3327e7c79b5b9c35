"""Importar y exportar el cuadro de clasificación con su tabla de retención en XLSX (formato en
docs/usuario/archivo.md): una hoja «Cuadro», una fila por nivel. Un archivo con errores no cambia nada y
cada error dice su fila en español."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from archivo.models import Disposicion, NodoCuadro, Retencion
from archivo.selectors.cuadro import arbol
from archivo.selectors.perfil import Etapa, etapas_con_plazo, instrumento
from archivo.services.cuadro import actualizar_nodo, crear_nodo, es_igual, nueva_retencion
from core.models import UnidadOrganica
from core.services.auditoria import registrar_evento

HOJA = "Cuadro"
TAMANO_MAXIMO = 5 * 1024 * 1024
FILAS_MAXIMAS = 5000

# Columnas fijas; entre «Unidad» y «Disposición final» va una por cada etapa con plazo del perfil.
ANTES = ["Nivel", "Código", "Nombre", "Código superior", "Unidad"]
DESPUES = ["Disposición final", "Base legal", "Procedimiento", "Vigente desde"]

# Cómo se puede escribir cada disposición (sin tildes ni mayúsculas); la exportación usa el nombre completo.
DISPOSICIONES = {
    "conservacion total": Disposicion.CONSERVACION_TOTAL,
    "ct": Disposicion.CONSERVACION_TOTAL,
    "conservacion_total": Disposicion.CONSERVACION_TOTAL,
    "eliminacion": Disposicion.ELIMINACION,
    "e": Disposicion.ELIMINACION,
    "baja": Disposicion.ELIMINACION,
    "seleccion": Disposicion.SELECCION,
    "s": Disposicion.SELECCION,
    "digitalizacion": Disposicion.DIGITALIZACION,
    "digitalizacion (medio tecnico)": Disposicion.DIGITALIZACION,
    "microfilmacion": Disposicion.DIGITALIZACION,
    "medio tecnico": Disposicion.DIGITALIZACION,
    "d": Disposicion.DIGITALIZACION,
    "m": Disposicion.DIGITALIZACION,
}


def _normal(texto: Any) -> str:
    texto = unicodedata.normalize("NFKD", str(texto or "")).encode("ascii", "ignore").decode()
    return " ".join(texto.lower().replace("_", " ").split())


NIVELES = {_normal(n.label): n.value for n in NodoCuadro.Nivel} | {n.value: n.value for n in NodoCuadro.Nivel}


def columna_de_etapa(etapa: Etapa) -> str:
    return f"{etapa.nombre} (años)"


def encabezados(fecha: date | None = None) -> list[str]:
    return ANTES + [columna_de_etapa(e) for e in etapas_con_plazo(fecha)] + DESPUES


# --- Exportar -------------------------------------------------------------------------------------------


def exportar() -> bytes:
    """El cuadro con la retención vigente de cada serie (hoja «Cuadro», la que se importa) y todas las
    versiones de retención (hoja «Historial», solo para leer)."""
    etapas = etapas_con_plazo()
    libro = Workbook()
    hoja = libro.active
    hoja.title = HOJA
    hoja.append(encabezados())
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    for fila in arbol():
        nodo, r = fila["nodo"], fila["retencion"]
        datos: list[Any] = [
            nodo.get_nivel_display(),
            nodo.codigo,
            nodo.nombre,
            nodo.padre.codigo if nodo.padre else "",
            nodo.unidad.sigla if nodo.unidad else "",
        ]
        if r is not None:
            datos += [r.plazos.get(e.clave, "") for e in etapas]
            datos += [r.get_disposicion_display(), r.base_legal, r.procedimiento, r.vigente_desde]
        else:
            datos += [""] * (len(etapas) + len(DESPUES))
        hoja.append(datos)
    for letra, ancho in zip("ABCDE", (12, 16, 50, 16, 10), strict=True):
        hoja.column_dimensions[letra].width = ancho
    historial = libro.create_sheet("Historial")
    historial.append(
        ["Código", "Versión", "Vigente desde", "Años por etapa", "Disposición final", "Base legal"]
    )
    for r in Retencion.objects.select_related("nodo").order_by("nodo__codigo", "version"):
        plazos = ", ".join(f"{k}: {v}" for k, v in r.plazos.items())
        historial.append(
            [r.nodo.codigo, r.version, r.vigente_desde, plazos, r.get_disposicion_display(), r.base_legal]
        )
    salida = BytesIO()
    libro.properties.title = f"Cuadro de clasificación y {instrumento()['nombre']}"
    libro.save(salida)
    return salida.getvalue()


# --- Importar -------------------------------------------------------------------------------------------


@dataclass
class Fila:
    numero: int
    nivel: str
    codigo: str
    nombre: str
    padre: str
    unidad: UnidadOrganica | None
    plazos: dict[str, Any] = field(default_factory=dict)
    disposicion: str = ""
    base_legal: str = ""
    procedimiento: str = ""
    vigente_desde: date | None = None

    @property
    def con_retencion(self) -> bool:
        return bool(self.disposicion or any(v not in (None, "") for v in self.plazos.values()))


@dataclass
class Resultado:
    niveles_creados: int = 0
    niveles_actualizados: int = 0
    versiones_creadas: int = 0

    def __str__(self) -> str:
        return (
            f"{self.niveles_creados} niveles nuevos, {self.niveles_actualizados} actualizados y "
            f"{self.versiones_creadas} versiones de retención nuevas"
        )


def _texto(valor: Any) -> str:
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return str(valor).strip()


def _fecha(valor: Any) -> date | None:
    if valor in (None, ""):
        return None
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    texto = str(valor).strip()
    for formato in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(texto, formato).date()
        except ValueError:
            continue
    raise ValueError(texto)


def _leer_libro(contenido: bytes) -> list[tuple[int, tuple]]:
    if len(contenido) > TAMANO_MAXIMO:
        raise ValidationError(f"El archivo pasa de {TAMANO_MAXIMO // (1024 * 1024)} MB.")
    try:
        libro = load_workbook(BytesIO(contenido), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ValidationError("El archivo no es un libro de Excel (.xlsx) válido.") from None
    hoja = libro[HOJA] if HOJA in libro.sheetnames else libro.worksheets[0]
    filas = [(i, fila) for i, fila in enumerate(hoja.iter_rows(values_only=True), start=1)]
    libro.close()
    if len(filas) > FILAS_MAXIMAS + 1:
        raise ValidationError(f"El archivo tiene más de {FILAS_MAXIMAS} filas.")
    return filas


def _columnas(encabezado: tuple, etapas: list[Etapa]) -> dict[str, int]:
    """Dónde está cada columna, por su encabezado (sin tildes ni mayúsculas); faltantes → error."""
    posicion = {_normal(v): i for i, v in enumerate(encabezado) if v not in (None, "")}
    columnas: dict[str, int] = {}
    faltan: list[str] = []
    for nombre in ANTES + DESPUES:
        if _normal(nombre) in posicion:
            columnas[nombre] = posicion[_normal(nombre)]
        elif nombre in ("Nivel", "Código", "Nombre"):
            faltan.append(nombre)
    for e in etapas:
        for candidato in (columna_de_etapa(e), e.nombre, e.clave):
            if _normal(candidato) in posicion:
                columnas[e.clave] = posicion[_normal(candidato)]
                break
    if faltan:
        raise ValidationError(
            f"Fila 1: faltan las columnas {', '.join(f'«{f}»' for f in faltan)}. "
            f"Los encabezados son: {', '.join(encabezados())}."
        )
    return columnas


def _leer_filas(contenido: bytes) -> list[Fila]:
    filas = _leer_libro(contenido)
    if not filas:
        raise ValidationError("El archivo está vacío.")
    etapas = etapas_con_plazo()
    columnas = _columnas(filas[0][1], etapas)
    unidades = {u.sigla.upper(): u for u in UnidadOrganica.objects.all()}
    errores: list[str] = []
    leidas: list[Fila] = []
    vistos: dict[str, int] = {}

    def celda(fila: tuple, nombre: str) -> Any:
        i = columnas.get(nombre)
        return fila[i] if i is not None and i < len(fila) else None

    for numero, fila in filas[1:]:
        if all(v in (None, "") for v in fila):
            continue
        propios: list[str] = []
        nivel = NIVELES.get(_normal(celda(fila, "Nivel")))
        if nivel is None:
            propios.append(
                f"el nivel «{_texto(celda(fila, 'Nivel'))}» no existe (fondo, sección, subsección, serie o subserie)"
            )
        codigo, nombre = _texto(celda(fila, "Código")), _texto(celda(fila, "Nombre"))
        if not codigo:
            propios.append("falta el código")
        elif codigo in vistos:
            propios.append(f"el código «{codigo}» ya está en la fila {vistos[codigo]}")
        else:
            vistos[codigo] = numero
        if not nombre:
            propios.append("falta el nombre")
        sigla = _texto(celda(fila, "Unidad"))
        unidad = unidades.get(sigla.upper()) if sigla else None
        if sigla and unidad is None:
            propios.append(f"la unidad «{sigla}» no está en el organigrama")
        leida = Fila(
            numero=numero,
            nivel=nivel or "",
            codigo=codigo,
            nombre=nombre,
            padre=_texto(celda(fila, "Código superior")),
            unidad=unidad,
            plazos={e.clave: celda(fila, e.clave) for e in etapas if e.clave in columnas},
            base_legal=_texto(celda(fila, "Base legal")),
            procedimiento=_texto(celda(fila, "Procedimiento")),
        )
        texto_disposicion = _texto(celda(fila, "Disposición final"))
        if texto_disposicion:
            disposicion = DISPOSICIONES.get(_normal(texto_disposicion))
            if disposicion is None:
                propios.append(
                    f"la disposición final «{texto_disposicion}» no existe (conservación total, eliminación, "
                    "selección o digitalización)"
                )
            else:
                leida.disposicion = disposicion
        try:
            leida.vigente_desde = _fecha(celda(fila, "Vigente desde"))
        except ValueError as e:
            propios.append(f"la fecha «{e}» no se entiende (use dd/mm/aaaa)")
        if leida.con_retencion and nivel not in (None, *NodoCuadro.CLASIFICABLES):
            propios.append("solo una serie o subserie lleva años de retención y disposición final")
        if leida.con_retencion and not leida.disposicion and not any("disposición" in p for p in propios):
            propios.append("falta la disposición final")
        errores += [f"Fila {numero}: {p}." for p in propios]
        leidas.append(leida)
    if errores:
        raise ValidationError(errores)
    if not leidas:
        raise ValidationError("El archivo no tiene filas debajo de los encabezados.")
    return leidas


def _mensajes(e: ValidationError) -> list[str]:
    return list(e.messages)


@transaction.atomic
def importar(*, contenido: bytes, por) -> Resultado:
    """Importa el cuadro y su retención desde un XLSX: crea los niveles que no existen, actualiza el nombre
    y la unidad de los que existen y crea una versión de retención nueva para cada serie cuya retención
    cambió (vigente desde la fecha de la fila, u hoy). Todo o nada: si una fila tiene errores, se lanza
    ValidationError con todos los errores («Fila N: ...») y no cambia nada."""
    filas = _leer_filas(contenido)
    resultado = Resultado()
    errores: list[str] = []
    hoy = timezone.localdate()
    existentes = {n.codigo: n for n in NodoCuadro.objects.all()}
    for fila in filas:
        nodo = existentes.get(fila.codigo)
        try:
            padre = None
            if fila.padre:
                padre = existentes.get(fila.padre)
                if padre is None:
                    raise ValidationError(
                        f"el código superior «{fila.padre}» no existe (va en una fila anterior o ya en el cuadro)"
                    )
            if nodo is None:
                nodo = crear_nodo(
                    nivel=fila.nivel,
                    codigo=fila.codigo,
                    nombre=fila.nombre,
                    padre=padre,
                    unidad=fila.unidad,
                    por=por,
                )
                existentes[nodo.codigo] = nodo
                resultado.niveles_creados += 1
            else:
                if nodo.nivel != fila.nivel or nodo.padre_id != (padre.pk if padre else None):
                    raise ValidationError(
                        f"el código «{fila.codigo}» ya existe como {nodo.get_nivel_display().lower()} de "
                        f"«{nodo.padre.codigo if nodo.padre else '—'}»: el nivel y el superior no cambian"
                    )
                if nodo.nombre != fila.nombre or nodo.unidad_id != (fila.unidad.pk if fila.unidad else None):
                    nodo = actualizar_nodo(nodo=nodo, nombre=fila.nombre, unidad=fila.unidad, por=por)
                    existentes[nodo.codigo] = nodo
                    resultado.niveles_actualizados += 1
            if fila.con_retencion:
                ultima = Retencion.objects.filter(nodo=nodo).order_by("-version").first()
                plazos = {k: v for k, v in fila.plazos.items() if v not in (None, "")}
                try:
                    plazos = {k: int(v) for k, v in plazos.items()}
                except (TypeError, ValueError):
                    pass  # nueva_retencion dice qué años no son un número
                if not es_igual(
                    ultima,
                    plazos=plazos,
                    disposicion=fila.disposicion,
                    base_legal=fila.base_legal,
                    procedimiento=fila.procedimiento,
                ):
                    nueva_retencion(
                        nodo=nodo,
                        vigente_desde=fila.vigente_desde or hoy,
                        plazos=plazos,
                        disposicion=fila.disposicion,
                        base_legal=fila.base_legal,
                        procedimiento=fila.procedimiento,
                        por=por,
                    )
                    resultado.versiones_creadas += 1
        except ValidationError as e:
            errores += [f"Fila {fila.numero}: {m.rstrip('.')}." for m in _mensajes(e)]
    if errores:
        # Sale de la transacción con la excepción: lo que ya se escribió se deshace.
        raise ValidationError(errores)
    registrar_evento(
        por=por,
        accion="archivo.cuadro.importar",
        despues={
            "niveles_creados": resultado.niveles_creados,
            "niveles_actualizados": resultado.niveles_actualizados,
            "versiones_creadas": resultado.versiones_creadas,
        },
    )
    return resultado
