"""Perfiles de jurisdicción: reglas como datos con vigencia, fuente y confianza (DOMAIN.md).

Los perfiles viven en `core/perfiles/*.toml` (y `core/perfiles/mx/<ESTADO>.toml` para los ajustes de
cada estado mexicano). Un municipio puede sustituir cualquier valor con una `ReglaLocal`, que gana
mientras esté vigente. Nada de esto es una constante en el código: las leyes cambian.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.models import Municipio, ReglaLocal
from core.selectors.municipio import municipio_vigente
from core.services.auditoria import instantanea, registrar_evento
from core.services.formato_numeracion import validar_formato

CONFIANZAS = {"L": "Ley", "S": "Fuente secundaria", "?": "Sin verificar"}
# Marcadores que admiten los formatos de numeración (Python str.format).
_CODIGO_MX_ESTADO = re.compile(r"^MX-([A-Z]{2,4})$")


class ErrorPerfil(ValueError):
    """Error de configuración del perfil, con mensaje en español para el usuario."""


class PerfilDesconocido(ErrorPerfil):
    pass


class ClaveDesconocida(ErrorPerfil):
    pass


@dataclass(frozen=True)
class Regla:
    clave: str
    valor: Any
    vigente_desde: date
    vigente_hasta: date | None
    fuente: str
    confianza: str
    local: bool = False

    def vigente_en(self, fecha: date) -> bool:
        return self.vigente_desde <= fecha and (self.vigente_hasta is None or fecha <= self.vigente_hasta)

    @property
    def confianza_nombre(self) -> str:
        return "Regla local" if self.local else CONFIANZAS.get(self.confianza, self.confianza)


@dataclass(frozen=True)
class Perfil:
    codigo: str
    nombre: str
    pais: str
    notas: str
    versiones: dict[str, tuple[Regla, ...]] = field(default_factory=dict)

    @property
    def claves(self) -> list[str]:
        return sorted(self.versiones)

    def regla(self, clave: str, fecha: date) -> Regla | None:
        return next((r for r in self.versiones.get(clave, ()) if r.vigente_en(fecha)), None)


@dataclass(frozen=True)
class ClaveConocida:
    """Una clave que el código lee aunque un perfil no la defina (con un valor por omisión propio): el
    municipio puede fijarla con una regla local. `ejemplo` da el tipo del valor; `validar(valor)`, si se da,
    lanza ValidationError con un mensaje en español para un valor de ese tipo que no sirve."""

    clave: str
    ejemplo: Any
    descripcion: str = ""
    validar: Callable[[Any], None] | None = field(default=None, compare=False)


# Cada área registra aquí una función `f(leer) -> claves`, donde `leer(clave)` da el valor vigente o None
# (p. ej. el concejo da una clave de aviso por cada tipo de sesión que el perfil o una regla local fija).
_CLAVES_CONOCIDAS: list[Callable[[Callable[[str], Any]], Iterable[ClaveConocida]]] = []


def registrar_claves(funcion: Callable[[Callable[[str], Any]], Iterable[ClaveConocida]]) -> None:
    """Registra las claves que un área lee aunque el perfil no las fije, para que el municipio pueda
    sustituirlas localmente. Se llama al arrancar (`AppConfig.ready` o la integración del área)."""
    if funcion not in _CLAVES_CONOCIDAS:
        _CLAVES_CONOCIDAS.append(funcion)


def _leer_toml(*partes: str) -> dict | None:
    recurso = resources.files("core.perfiles").joinpath(*partes)
    if not recurso.is_file():
        return None
    with recurso.open("rb") as f:
        return tomllib.load(f)


def _reglas_de(datos: dict, archivo: str) -> dict[str, tuple[Regla, ...]]:
    versiones: dict[str, list[Regla]] = {}
    for r in datos.get("regla", []):
        confianza = r.get("confianza")
        if confianza not in CONFIANZAS:
            raise ErrorPerfil(f"{archivo}: la regla «{r.get('clave')}» tiene una confianza inválida.")
        regla = Regla(
            clave=r["clave"],
            valor=r["valor"],
            vigente_desde=r["vigente_desde"],
            vigente_hasta=r.get("vigente_hasta"),
            fuente=r["fuente"],
            confianza=confianza,
        )
        versiones.setdefault(regla.clave, []).append(regla)
    # La versión más reciente primero: `Perfil.regla` toma la primera vigente.
    return {c: tuple(sorted(v, key=lambda r: r.vigente_desde, reverse=True)) for c, v in versiones.items()}


def codigos_disponibles() -> list[str]:
    """Los códigos de perfil con archivo propio (PE, EC, CO, MX y MX-<estado>)."""
    raiz = resources.files("core.perfiles")
    codigos = [p.name[:-5] for p in raiz.iterdir() if p.name.endswith(".toml")]
    codigos += [f"MX-{p.name[:-5]}" for p in raiz.joinpath("mx").iterdir() if p.name.endswith(".toml")]
    return sorted(codigos)


@lru_cache(maxsize=32)
def obtener_perfil(codigo: str) -> Perfil:
    """El perfil de jurisdicción `codigo` (PE, EC, CO, MX o MX-<estado>), leído de sus archivos TOML.

    Un perfil MX-<estado> parte de MX y sustituye las claves que su archivo de estado define; un
    estado sin archivo usa MX tal cual. Un código desconocido lanza `PerfilDesconocido` en español.
    """
    codigo = (codigo or "").strip().upper()
    estado = _CODIGO_MX_ESTADO.match(codigo)
    base = "MX" if estado else codigo
    if not re.fullmatch(r"[A-Z]{2}", base) or (datos := _leer_toml(f"{base}.toml")) is None:
        raise PerfilDesconocido(
            f"El perfil de jurisdicción «{codigo}» no existe. Use uno de: {', '.join(codigos_disponibles())}."
        )
    perfil = Perfil(
        codigo=base,
        nombre=datos["nombre"],
        pais=datos["pais"],
        notas=datos.get("notas", ""),
        versiones=_reglas_de(datos, f"{base}.toml"),
    )
    if estado:
        ajustes = _leer_toml("mx", f"{estado.group(1)}.toml")
        versiones = dict(perfil.versiones)
        notas, nombre = perfil.notas, f"México ({estado.group(1)})"
        if ajustes is not None:
            versiones.update(_reglas_de(ajustes, f"mx/{estado.group(1)}.toml"))
            nombre = ajustes.get("nombre", nombre)
            notas = f"{ajustes.get('notas', '')}\n{notas}".strip()
        perfil = replace(perfil, codigo=codigo, nombre=nombre, notas=notas, versiones=versiones)
    return perfil


def _hoy(municipio: Municipio | None) -> date:
    # El «hoy» del municipio, aunque quien llama no haya activado su zona horaria (consola, tareas).
    if municipio is None:
        return timezone.localdate()
    return timezone.localdate(timezone=ZoneInfo(municipio.zona_horaria))


def _municipio_o_actual(municipio: Municipio | None) -> Municipio | None:
    # El de la instalación, el que la solicitud (o la tarea, o la orden) ya leyó: una vez por unidad de trabajo.
    return municipio if municipio is not None else municipio_vigente()


# Reglas locales leídas una vez por municipio dentro de `reglas_locales_en_cache` (una solicitud).
_reglas_locales: ContextVar[dict | None] = ContextVar("secretaria_reglas_locales", default=None)


@contextmanager
def reglas_locales_en_cache():
    """Dentro del bloque, las reglas locales de cada municipio se leen de una vez (una consulta) y
    `valor`/`regla_vigente` eligen en memoria la vigente; fuera, cada lectura consulta. Para una
    solicitud que lee varias claves (p. ej. registrar un documento: plazo, tipo de cómputo, días
    hábiles); no para bloques que fijan reglas y las releen.
    """
    token = _reglas_locales.set({})
    try:
        yield
    finally:
        _reglas_locales.reset(token)


def precargar_reglas_locales(municipio: Municipio, filas: list[ReglaLocal]) -> None:
    """Dentro de `reglas_locales_en_cache`, da por leídas las reglas locales de `municipio` (todas, en el
    orden `-vigente_desde, -pk`), traídas por quien llama junto con otras lecturas (un solo viaje a la base
    de datos). Fuera del bloque no hace nada."""
    cache = _reglas_locales.get()
    if cache is not None:
        cache[municipio.pk] = list(filas)


def _regla_local(municipio: Municipio, clave: str, fecha: date) -> Regla | None:
    cache = _reglas_locales.get()
    if cache is None:
        fila = (
            municipio.reglas_locales.filter(clave=clave, vigente_desde__lte=fecha)
            .exclude(vigente_hasta__lt=fecha)
            .order_by("-vigente_desde", "-pk")
            .first()
        )
        return _regla_de_fila(fila) if fila else None
    filas = cache.get(municipio.pk)
    if filas is None:
        filas = cache[municipio.pk] = list(municipio.reglas_locales.order_by("-vigente_desde", "-pk"))
    for fila in filas:  # el mismo orden y filtro que la consulta de arriba
        if (
            fila.clave == clave
            and fila.vigente_desde <= fecha
            and (fila.vigente_hasta is None or fila.vigente_hasta >= fecha)
        ):
            return _regla_de_fila(fila)
    return None


def _regla_de_fila(fila: ReglaLocal) -> Regla:
    return Regla(
        clave=fila.clave,
        valor=fila.valor,
        vigente_desde=fila.vigente_desde,
        vigente_hasta=fila.vigente_hasta,
        fuente=fila.fuente,
        confianza="L",
        local=True,
    )


def regla_vigente(
    clave: str, *, municipio: Municipio | None = None, perfil: str | None = None, fecha: date | None = None
) -> Regla:
    """La regla que rige `clave` en `fecha` (hoy si no se da): la local del municipio si está vigente,
    si no la del perfil. Sin municipio ni perfil usa el municipio de la instalación. Lanza
    `ClaveDesconocida` si no hay regla local vigente y el perfil no define la clave o no tiene versión
    vigente en esa fecha.
    """
    if perfil is None:
        municipio = _municipio_o_actual(municipio)
        if municipio is None:
            raise ErrorPerfil("No hay un municipio configurado: indique el perfil de jurisdicción.")
        perfil = municipio.perfil
    fecha = fecha or _hoy(municipio)
    p = obtener_perfil(perfil)
    # Una regla local rige también una clave que el perfil no define (las de `registrar_claves`).
    if municipio is not None and (local := _regla_local(municipio, clave, fecha)) is not None:
        return local
    if clave not in p.versiones:
        raise ClaveDesconocida(f"La clave «{clave}» no existe en el perfil {p.codigo}.")
    regla = p.regla(clave, fecha)
    if regla is None:
        raise ClaveDesconocida(
            f"La clave «{clave}» del perfil {p.codigo} no tiene valor vigente el {fecha:%d/%m/%Y}."
        )
    return regla


def valor(
    clave: str, *, municipio: Municipio | None = None, perfil: str | None = None, fecha: date | None = None
) -> Any:
    """El valor vigente de `clave` para el municipio (o el perfil) en `fecha`; ver `regla_vigente`.

    Es la única puerta por la que las áreas leen reglas de jurisdicción (plazos, formatos de
    numeración, vocabulario, reglas del concejo), para que un cambio de ley o una regla local
    se aplique en todas partes a la vez.
    """
    return regla_vigente(clave, municipio=municipio, perfil=perfil, fecha=fecha).valor


def reglas(codigo: str, fecha: date | None = None, *, municipio: Municipio | None = None) -> list[Regla]:
    """Todas las reglas del perfil `codigo` vigentes en `fecha`, con su fuente y confianza, ordenadas
    por clave. Con `municipio`, las reglas locales vigentes sustituyen a las del perfil (marcadas `local`) y
    se añaden las de claves que el perfil no define.
    """
    fecha = fecha or _hoy(municipio)
    p = obtener_perfil(codigo)
    locales: dict[str, Regla] = {}
    if municipio is not None:
        filas = (
            municipio.reglas_locales.filter(vigente_desde__lte=fecha)
            .exclude(vigente_hasta__lt=fecha)
            .order_by("vigente_desde", "pk")
        )
        locales = {f.clave: _regla_de_fila(f) for f in filas}  # la más reciente queda la última
    resultado = []
    for clave in sorted(set(p.claves) | set(locales)):
        regla = locales.get(clave) or p.regla(clave, fecha)
        if regla is not None:
            resultado.append(regla)
    return resultado


def _mismo_tipo(a: Any, b: Any) -> bool:
    # bool es subclase de int en Python: se comparan los tipos exactos.
    return type(a) is type(b)


def interpretar_valor(texto: str, ejemplo: Any) -> Any:
    """Convierte el texto escrito en un formulario al tipo de `ejemplo` (el valor del perfil)."""
    texto = (texto or "").strip()
    if isinstance(ejemplo, bool):
        normal = texto.lower()
        if normal in {"sí", "si", "true", "verdadero", "1"}:
            return True
        if normal in {"no", "false", "falso", "0"}:
            return False
        raise ValidationError("Escriba «sí» o «no».")
    if isinstance(ejemplo, int):
        try:
            return int(texto)
        except ValueError:
            raise ValidationError("Escriba un número entero.") from None
    if isinstance(ejemplo, (list, dict)):
        try:
            return json.loads(texto)
        except json.JSONDecodeError:
            tipo = "una lista" if isinstance(ejemplo, list) else "un objeto"
            raise ValidationError(f"Escriba {tipo} en formato JSON, como el valor del perfil.") from None
    return texto


def claves_sustituibles(municipio: Municipio, fecha: date | None = None) -> dict[str, Any]:
    """Las claves que el municipio puede fijar con una regla local, cada una con su valor de referencia (el
    del perfil, o el ejemplo de `registrar_claves` si el perfil no la define): las del perfil y las que el
    código lee aunque el perfil no las fije.
    """
    perfil = obtener_perfil(municipio.perfil)
    claves = {c: v[0].valor for c, v in perfil.versiones.items()}
    for clave in _claves_conocidas(municipio, fecha).values():
        claves.setdefault(clave.clave, clave.ejemplo)
    return dict(sorted(claves.items()))


def _claves_conocidas(municipio: Municipio, fecha: date | None) -> dict[str, ClaveConocida]:
    def leer(clave: str):
        try:
            return valor(clave, municipio=municipio, fecha=fecha)
        except ErrorPerfil:
            return None

    conocidas: dict[str, ClaveConocida] = {}
    for funcion in _CLAVES_CONOCIDAS:
        for clave in funcion(leer):
            conocidas.setdefault(clave.clave, clave)
    return conocidas


@transaction.atomic
def fijar_regla_local(
    *,
    municipio: Municipio,
    clave: str,
    valor: Any,
    vigente_desde: date,
    fuente: str,
    por,
    vigente_hasta: date | None = None,
) -> ReglaLocal:
    """Sustituye localmente el valor de `clave` desde `vigente_desde` (y hasta `vigente_hasta` inclusive, si
    se da): el reglamento del municipio manda.

    La clave debe existir en el perfil del municipio o ser una que el código lee aunque el perfil no la
    fije (`registrar_claves`), y el valor debe tener el mismo tipo que el de referencia; los formatos de
    numeración se prueban. La regla anterior no se edita: gana la de inicio más reciente. Registra el
    evento `core.regla_local.fijar` en la misma transacción.
    """
    perfil = obtener_perfil(municipio.perfil)
    conocida = None
    if clave in perfil.versiones:
        referencia = perfil.versiones[clave][0].valor
    else:
        conocida = _claves_conocidas(municipio, vigente_desde).get(clave)
        if conocida is None:
            raise ValidationError(
                {"clave": f"La clave «{clave}» no existe en el perfil {perfil.codigo} ni la lee el sistema."}
            )
        referencia = conocida.ejemplo
    if not _mismo_tipo(valor, referencia):
        tipo = "del perfil" if conocida is None else "de la referencia"
        raise ValidationError({"valor": f"El valor debe ser del mismo tipo que el {tipo}."})
    if conocida is not None and conocida.validar is not None:
        try:
            conocida.validar(valor)
        except ValidationError as e:
            raise ValidationError({"valor": e.messages}) from None
    if clave.startswith("numeracion.formato."):
        try:
            validar_formato(valor)
        except ValidationError as e:
            raise ValidationError({"valor": e.messages}) from None
    if not (fuente or "").strip():
        raise ValidationError({"fuente": "Indique la norma local que dispone este valor."})
    if vigente_hasta is not None and vigente_hasta < vigente_desde:
        raise ValidationError({"vigente_hasta": "La fecha final no puede ser anterior a la de inicio."})
    # Una regla quitada antes de empezar a regir (termina antes de su inicio) no ocupa la fecha.
    if (
        municipio.reglas_locales.filter(clave=clave, vigente_desde=vigente_desde)
        .exclude(vigente_hasta__lt=vigente_desde)
        .exists()
    ):
        raise ValidationError(
            {
                "vigente_desde": "Ya hay una regla local para esa clave desde esa fecha; use otra fecha de inicio."
            }
        )
    regla = ReglaLocal.objects.create(
        municipio=municipio,
        clave=clave,
        valor=valor,
        vigente_desde=vigente_desde,
        vigente_hasta=vigente_hasta,
        fuente=fuente.strip(),
    )
    anterior = perfil.regla(clave, vigente_desde)
    registrar_evento(
        por=por,
        accion="core.regla_local.fijar",
        objeto=regla,
        antes={"clave": clave, "valor": anterior.valor if anterior else None},
        despues=instantanea(regla),
    )
    return regla


@transaction.atomic
def terminar_regla_local(*, regla: ReglaLocal, por, desde: date | None = None) -> ReglaLocal:
    """Quita la regla local desde `desde` (hoy en el municipio si no se da): rige hasta el día anterior y
    desde `desde` vuelve a regir el valor del perfil (o la regla local anterior, si la hay). La regla no se
    borra: queda con su `vigente_hasta` para las fechas pasadas y la historia. Una regla que aún no había
    empezado queda sin efecto (termina antes de su inicio). Registra `core.regla_local.terminar`.
    """
    regla = ReglaLocal.objects.select_for_update().select_related("municipio").get(pk=regla.pk)
    desde = desde or _hoy(regla.municipio)
    if regla.vigente_hasta is not None and regla.vigente_hasta < desde:
        raise ValidationError(
            f"La regla local «{regla.clave}» ya no rige desde el {regla.vigente_hasta + timedelta(days=1):%d/%m/%Y}."
        )
    antes = instantanea(regla)
    regla.vigente_hasta = desde - timedelta(days=1)
    regla.save(update_fields=["vigente_hasta"])
    registrar_evento(
        por=por, accion="core.regla_local.terminar", objeto=regla, antes=antes, despues=instantanea(regla)
    )
    return regla
