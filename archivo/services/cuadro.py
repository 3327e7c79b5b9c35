"""El cuadro de clasificación y la tabla de retención: crear niveles y versiones de retención.

Una versión de retención no se edita ni se borra: la nueva rige desde su fecha, que va después de la última
y, si ya había una, no antes de hoy (lo que rigió ayer no cambia; los expedientes guardan su versión)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from archivo.models import Disposicion, NodoCuadro, Retencion
from archivo.selectors.perfil import etapas_con_plazo
from core.models import UnidadOrganica
from core.services.auditoria import actualizar_con_auditoria, instantanea, registrar_evento

ANIOS_MAXIMOS = 100


@transaction.atomic
def crear_nodo(
    *,
    nivel: str,
    codigo: str,
    nombre: str,
    padre: NodoCuadro | None = None,
    unidad: UnidadOrganica | None = None,
    descripcion: str = "",
    por,
) -> NodoCuadro:
    """Añade un nivel al cuadro (fondo, sección, subsección, serie o subserie) con su código, que no se
    repite en todo el cuadro. El nivel cuelga del que le corresponde (una serie, de una sección o
    subsección; una subserie, de una serie); la sección o subsección puede corresponder a una unidad del
    organigrama."""
    codigo, nombre = (codigo or "").strip(), (nombre or "").strip()
    errores: dict[str, list[str]] = {}
    if nivel not in NodoCuadro.Nivel.values:
        errores["nivel"] = ["Elija el nivel: fondo, sección, subsección, serie o subserie."]
    if not codigo:
        errores["codigo"] = ["Escriba el código."]
    elif NodoCuadro.objects.filter(codigo=codigo).exists():
        errores["codigo"] = [f"Ya hay un nivel con el código «{codigo}»."]
    if not nombre:
        errores["nombre"] = ["Escriba el nombre."]
    if nivel in NodoCuadro.Nivel.values:
        validos = NodoCuadro.PADRES_VALIDOS[NodoCuadro.Nivel(nivel)]
        nombre_nivel = NodoCuadro.Nivel(nivel).label.lower()
        if not validos and padre is not None:
            errores["padre"] = ["El fondo no depende de otro nivel."]
        elif validos and padre is None:
            errores["padre"] = [f"Indique de qué nivel depende la {nombre_nivel}."]
        elif validos and padre is not None and padre.nivel not in validos:
            permitidos = " o ".join(NodoCuadro.Nivel(v).label.lower() for v in validos)
            errores["padre"] = [
                f"Una {nombre_nivel} depende de una {permitidos}, no de una {padre.get_nivel_display().lower()}."
            ]
        if unidad is not None and nivel not in (NodoCuadro.Nivel.SECCION, NodoCuadro.Nivel.SUBSECCION):
            errores["unidad"] = ["Solo una sección o subsección corresponde a una unidad del organigrama."]
    if errores:
        raise ValidationError(errores)
    nodo = NodoCuadro.objects.create(
        nivel=nivel, codigo=codigo, nombre=nombre, padre=padre, unidad=unidad, descripcion=descripcion or ""
    )
    registrar_evento(por=por, accion="archivo.cuadro.crear", objeto=nodo, despues=instantanea(nodo))
    return nodo


@transaction.atomic
def actualizar_nodo(*, nodo: NodoCuadro, por, **cambios: Any) -> NodoCuadro:
    """Cambia el nombre, la descripción, la unidad o si está activo un nivel (el código y el lugar en el
    árbol no cambian: los expedientes clasificados lo citan)."""

    def validar(n: NodoCuadro) -> None:
        if not (n.nombre or "").strip():
            raise ValidationError({"nombre": ["Escriba el nombre."]})
        if n.unidad_id and n.nivel not in (NodoCuadro.Nivel.SECCION, NodoCuadro.Nivel.SUBSECCION):
            raise ValidationError(
                {"unidad": ["Solo una sección o subsección corresponde a una unidad del organigrama."]}
            )

    return actualizar_con_auditoria(
        nodo,
        por=por,
        accion="archivo.cuadro.actualizar",
        cambios=cambios,
        editables=("nombre", "descripcion", "unidad", "activo"),
        validar=validar,
    )


def validar_plazos(plazos: dict[str, Any], fecha: date | None = None) -> dict[str, int]:
    """Los años por etapa, uno por cada etapa con plazo del perfil, enteros de 0 a 100."""
    etapas = etapas_con_plazo(fecha)
    limpios: dict[str, int] = {}
    errores: list[str] = []
    conocidas = {e.clave for e in etapas}
    for clave in plazos:
        if clave not in conocidas:
            errores.append(f"La etapa «{clave}» no es del perfil ({', '.join(sorted(conocidas))}).")
    for e in etapas:
        valor = plazos.get(e.clave)
        if valor is None or valor == "":
            errores.append(f"Indique los años en {e.nombre.lower()}.")
            continue
        try:
            anios = int(valor)
            if anios != float(valor):
                raise ValueError
        except (TypeError, ValueError):
            errores.append(f"Los años en {e.nombre.lower()} deben ser un número entero (se leyó «{valor}»).")
            continue
        if not 0 <= anios <= ANIOS_MAXIMOS:
            errores.append(f"Los años en {e.nombre.lower()} van de 0 a {ANIOS_MAXIMOS}.")
            continue
        limpios[e.clave] = anios
    if errores:
        raise ValidationError({"plazos": errores})
    return limpios


@transaction.atomic
def nueva_retencion(
    *,
    nodo: NodoCuadro,
    vigente_desde: date,
    plazos: dict[str, Any],
    disposicion: str,
    base_legal: str = "",
    procedimiento: str = "",
    por,
) -> Retencion:
    """Registra una versión nueva de la retención de una serie o subserie (años por etapa, disposición
    final, base legal), vigente desde `vigente_desde`. No reescribe el pasado: va después de la última
    versión y, si ya había una, no antes de hoy."""
    nodo = NodoCuadro.objects.select_for_update().get(pk=nodo.pk)
    errores: dict[str, list[str]] = {}
    if not nodo.clasificable:
        errores["nodo"] = ["La retención se fija para una serie o subserie."]
    if disposicion not in Disposicion.values:
        errores["disposicion"] = [
            "Elija la disposición final: conservación total, eliminación, selección o digitalización."
        ]
    if not isinstance(vigente_desde, date):
        errores["vigente_desde"] = ["Indique desde qué fecha rige."]
    try:
        plazos = validar_plazos(plazos or {}, vigente_desde if isinstance(vigente_desde, date) else None)
    except ValidationError as e:
        errores.update(e.message_dict)
    ultima = Retencion.objects.filter(nodo=nodo).order_by("-version").first()
    if ultima is not None and isinstance(vigente_desde, date):
        hoy = timezone.localdate()
        if vigente_desde <= ultima.vigente_desde:
            errores["vigente_desde"] = [
                f"La versión nueva debe regir después de la versión {ultima.version} "
                f"(vigente desde el {ultima.vigente_desde:%d/%m/%Y}): una versión no reescribe el pasado."
            ]
        elif vigente_desde < hoy:
            errores["vigente_desde"] = [
                f"La versión nueva no puede regir desde una fecha pasada ({vigente_desde:%d/%m/%Y}): "
                "lo que ya rigió no se cambia."
            ]
    if errores:
        raise ValidationError(errores)
    retencion = Retencion.objects.create(
        nodo=nodo,
        version=(ultima.version + 1) if ultima else 1,
        vigente_desde=vigente_desde,
        plazos=plazos,
        disposicion=disposicion,
        base_legal=(base_legal or "").strip(),
        procedimiento=(procedimiento or "").strip(),
        creado_por=por if getattr(por, "pk", None) else None,
    )
    registrar_evento(
        por=por, accion="archivo.retencion.crear", objeto=retencion, despues=instantanea(retencion)
    )
    return retencion


def es_igual(
    retencion: Retencion | None, *, plazos: dict, disposicion: str, base_legal: str, procedimiento: str
) -> bool:
    """Si una versión ya dice lo mismo (la importación no crea versiones repetidas)."""
    return (
        retencion is not None
        and retencion.plazos == plazos
        and retencion.disposicion == disposicion
        and retencion.base_legal == (base_legal or "").strip()
        and retencion.procedimiento == (procedimiento or "").strip()
    )
