"""Una sola búsqueda sobre todas las áreas: un registro de proveedores, uno por tipo de resultado.

Cada área inscribe en su `AppConfig.ready` un proveedor (`registrar_proveedor`): una función que, dados
el usuario y la consulta (`Consulta`: raíces, filtros y tope), devuelve sus resultados (`Hallazgo`) ya
**limitados a lo que ese usuario puede ver** y ordenados de más a menos relevante, con una sola consulta
indexada con LIMIT (el queryset de acceso del área + la condición de texto completo; nada de revisar
permisos fila a fila en Python). Lo que no se ve no se devuelve, así que tampoco se cuenta.

`buscar_en_todo` valida la consulta, pregunta a cada proveedor, mezcla las listas y pagina. La mezcla es
por posición (*reciprocal rank fusion*, k = 60): los puntajes de FTS5 y de PostgreSQL, o de dos tablas,
no se comparan entre sí, pero el orden que da cada proveedor sí; a igual puntaje, lo más reciente
primero. Los fragmentos se piden después, solo para la página que se muestra (`textos`).

Protocolo completo, con un ejemplo, en docs/desarrollo.md («Búsqueda global»).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.safestring import SafeString

from core.busqueda.fragmentos import Fragmento, fragmento
from core.busqueda.normalizacion import palabras, terminos_de_consulta

MAXIMO_CONSULTA = 200
MINIMO_LETRAS = 2
# Cuántos resultados pide a cada proveedor: siempre los mismos, así la mezcla (y cada página) no cambia
# según la página pedida. Más allá, se afina con los filtros.
LIMITE_POR_TIPO = 100
POR_PAGINA = 20
MAXIMO_POR_PAGINA = 50
_K_FUSION = 60

MENSAJE_CORTA = "Escriba al menos una palabra de dos letras o más para buscar."
MENSAJE_LARGA = f"La búsqueda no puede pasar de {MAXIMO_CONSULTA} caracteres."
MENSAJE_FECHAS = "La fecha «desde» no puede ser posterior a la fecha «hasta»."


@dataclass(frozen=True)
class Consulta:
    """Lo que recibe un proveedor. `texto` tal como lo escribió el usuario (acotado), `raices` sus raíces
    sin palabras vacías; `desde`/`hasta` ya como instantes del municipio ([desde, hasta)); `unidad` el id
    de una unidad orgánica o None; `limite` cuántos devolver como máximo."""

    texto: str
    raices: tuple[str, ...]
    unidad: int | None = None
    desde: datetime | None = None
    hasta: datetime | None = None
    limite: int = LIMITE_POR_TIPO


@dataclass
class Hallazgo:
    """Un resultado. `id` es el del objeto en su área; `unidad` el nombre (o sigla) de su unidad, si
    tiene; `fecha` la que ordena y filtra en esa área (registro, firma, sesión)."""

    tipo: str
    id: int | str
    titulo: str
    url: str
    fecha: datetime | date | None = None
    unidad: str = ""
    # Una línea más para quien lee: número de registro, estado, órgano…
    detalle: str = ""
    etiqueta: str = ""
    puntaje: float = 0.0
    fragmento: Fragmento = field(default_factory=lambda: Fragmento(texto="", resaltes=()))

    @property
    def fragmento_html(self) -> SafeString:
        return self.fragmento.html()


BuscarFn = Callable[[Any, Consulta], Iterable[Hallazgo]]
TextosFn = Callable[[Any, list[Any]], dict[Any, str]]


@dataclass(frozen=True)
class Proveedor:
    tipo: str
    etiqueta: str
    buscar: BuscarFn
    # textos(usuario, ids) -> {id: texto plano}: el texto del que sale el fragmento, solo para los ids
    # que `buscar` ya devolvió a ese usuario (la página que se muestra).
    textos: TextosFn | None = None
    # Si el proveedor entiende el filtro por unidad; si no, con ese filtro no aporta resultados.
    por_unidad: bool = True
    orden: int = 50


_PROVEEDORES: dict[str, Proveedor] = {}


def registrar_proveedor(
    tipo: str,
    *,
    etiqueta: str,
    buscar: BuscarFn,
    textos: TextosFn | None = None,
    por_unidad: bool = True,
    orden: int = 50,
) -> Proveedor:
    """Inscribe (o reemplaza) el proveedor del tipo `tipo` («documento», «acto», «acta», «expediente»…),
    desde el `AppConfig.ready` del área. `etiqueta` es lo que lee el usuario («Documento del registro»);
    `orden` ordena la lista de tipos del filtro."""
    proveedor = Proveedor(
        tipo=tipo, etiqueta=etiqueta, buscar=buscar, textos=textos, por_unidad=por_unidad, orden=orden
    )
    _PROVEEDORES[tipo] = proveedor
    return proveedor


def quitar_proveedor(tipo: str) -> None:
    """Para pruebas: deja el registro como estaba."""
    _PROVEEDORES.pop(tipo, None)


def proveedores() -> list[Proveedor]:
    """Los proveedores inscritos, en su orden."""
    return sorted(_PROVEEDORES.values(), key=lambda p: (p.orden, p.etiqueta))


@dataclass
class Resultados:
    consulta: Consulta
    hallazgos: list[Hallazgo]
    pagina: int
    por_pagina: int
    hay_mas: bool

    @property
    def inicio(self) -> int:
        return (self.pagina - 1) * self.por_pagina + 1

    @property
    def fin(self) -> int:
        return self.inicio + len(self.hallazgos) - 1


def validar_texto(texto: str | None) -> tuple[str, tuple[str, ...]]:
    """La consulta recortada y sus raíces; ValidationError (campo «q») si está vacía, es demasiado
    larga o no tiene ninguna palabra de dos letras o más que no sea vacía («de», «la»)."""
    texto = (texto or "").strip()
    if len(texto) > MAXIMO_CONSULTA:
        raise ValidationError({"q": [MENSAJE_LARGA]})
    raices = tuple(terminos_de_consulta(texto))
    utiles = [p for p in palabras(texto) if len(p) >= MINIMO_LETRAS]
    if not raices or not utiles:
        raise ValidationError({"q": [MENSAJE_CORTA]})
    return texto, raices


def _instante(dia: date, *, siguiente: bool = False) -> datetime:
    """El comienzo del día `dia` (o del siguiente) en la zona del municipio."""
    if siguiente:
        dia = dia + timedelta(days=1)
    return datetime.combine(dia, time.min, tzinfo=timezone.get_current_timezone())


def armar_consulta(
    texto: str | None,
    *,
    unidad: int | None = None,
    desde: date | None = None,
    hasta: date | None = None,
) -> Consulta:
    """La `Consulta` validada (mensajes en español, por campo) de lo que escribió el usuario."""
    texto, raices = validar_texto(texto)
    if desde and hasta and desde > hasta:
        raise ValidationError({"desde": [MENSAJE_FECHAS]})
    return Consulta(
        texto=texto,
        raices=raices,
        unidad=unidad,
        desde=_instante(desde) if desde else None,
        hasta=_instante(hasta, siguiente=True) if hasta else None,
    )


def buscar_en_todo(
    consulta: Consulta,
    *,
    usuario,
    tipos: Iterable[str] | None = None,
    pagina: int = 1,
    por_pagina: int = POR_PAGINA,
) -> Resultados:
    """Los resultados de `consulta` que `usuario` puede ver, de los tipos `tipos` (todos si None), en la
    página `pagina`: cada proveedor da hasta LIMITE_POR_TIPO, se mezclan por posición y se pagina. Solo los
    de la página llevan fragmento. Sin sesión, nada."""
    pagina = max(1, pagina)
    por_pagina = max(1, min(por_pagina, MAXIMO_POR_PAGINA))
    elegidos = set(tipos) if tipos is not None else None
    todos: list[Hallazgo] = []
    if usuario is not None and usuario.is_authenticated:
        for proveedor in proveedores():
            if elegidos is not None and proveedor.tipo not in elegidos:
                continue
            if consulta.unidad is not None and not proveedor.por_unidad:
                continue
            lista = list(proveedor.buscar(usuario, consulta))[: consulta.limite]
            for posicion, hallazgo in enumerate(lista):
                hallazgo.etiqueta = hallazgo.etiqueta or proveedor.etiqueta
                hallazgo.puntaje = 1.0 / (_K_FUSION + posicion + 1)
            todos.extend(lista)
    todos.sort(key=lambda h: (-h.puntaje, -_marca(h.fecha), h.tipo, str(h.id)))
    desde = (pagina - 1) * por_pagina
    en_pagina = todos[desde : desde + por_pagina]
    _poner_fragmentos(en_pagina, consulta, usuario)
    return Resultados(
        consulta=consulta,
        hallazgos=en_pagina,
        pagina=pagina,
        por_pagina=por_pagina,
        hay_mas=len(todos) > desde + por_pagina,
    )


def _marca(fecha: datetime | date | None) -> float:
    if fecha is None:
        return 0.0
    if isinstance(fecha, datetime):
        return fecha.timestamp()
    return _instante(fecha).timestamp()


def _poner_fragmentos(hallazgos: list[Hallazgo], consulta: Consulta, usuario) -> None:
    por_tipo: dict[str, list[Hallazgo]] = {}
    for h in hallazgos:
        por_tipo.setdefault(h.tipo, []).append(h)
    for tipo, lista in por_tipo.items():
        proveedor = _PROVEEDORES.get(tipo)
        if proveedor is None or proveedor.textos is None:
            continue
        textos = proveedor.textos(usuario, [h.id for h in lista])
        for h in lista:
            h.fragmento = fragmento(textos.get(h.id, ""), consulta.raices)
