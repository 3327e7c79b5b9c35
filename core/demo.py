"""El municipio de demostración de cada país: Villa Esperanza (Perú, por omisión), Los Nogales (Ecuador),
Santa Inés del Monte (Colombia) y San Mateo de la Sierra (México, Zacatecas); todos ficticios. Los datos de
cada país están en `core.demo_paises`.

Cada área añade su parte con `registrar_cargador`; `cargar_demo()` los corre en orden y todo es
idempotente (se busca antes de crear), así que `secretaria demo` se puede correr dos veces. Cada cargador
recibe el municipio y sabe su país por el perfil (`pais_de`). Una base que ya tiene el municipio de otro
país no se mezcla: `cargar_demo` se niega con un mensaje en español (`DemoDeOtroPais`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core.demo_paises import PAISES, PE, Pais, usuarios_demo
from core.models import Cargo, DiaCalendario, Encargo, Municipio, Persona, UnidadOrganica, Usuario
from core.services.calendario import agregar_dia
from core.services.encargos import crear_encargo
from core.services.municipio import actualizar_municipio
from core.services.organizacion import actualizar_unidad, crear_cargo, crear_unidad
from core.services.personas import registrar_persona
from core.services.usuarios import crear_usuario

CLAVE_DEMO = "demo-secretaria-2026"

# Los ingresos de la demostración del Perú (la de siempre); los de otro país: `usuarios_demo(PAISES[x])`.
USUARIOS_DEMO: list[tuple[str, str]] = usuarios_demo(PE)

_cargadores: list[tuple[int, Callable[[Municipio], None]]] = []


class DemoDeOtroPais(ValueError):
    """La base ya tiene el municipio de otro país (o uno que no es de demostración): no se mezclan."""


def registrar_cargador(orden: int, funcion: Callable[[Municipio], None]) -> None:
    """Un área registra cómo carga sus ejemplos (se llama con el municipio ya creado)."""
    if all(f is not funcion for _, f in _cargadores):
        _cargadores.append((orden, funcion))


def pais_de(municipio: Municipio) -> Pais:
    """Los datos de demostración del país del municipio (por su perfil: «MX-ZAC» es México)."""
    return PAISES.get(municipio.perfil.split("-")[0], PE)


def unidad(clave: str) -> UnidadOrganica | None:
    """La unidad de la demostración con esa clave común (`SG`, `GDU`...), con la sigla de su país."""
    municipio = Municipio.objects.order_by("pk").first()
    pais = pais_de(municipio) if municipio is not None else PE
    sigla = next((u.sigla for u in pais.unidades if u.clave == clave), clave)
    return UnidadOrganica.objects.filter(sigla=sigla).first()


def unidades(*claves: str) -> dict[str, UnidadOrganica]:
    """Las unidades de la demostración por su clave común (las que existan)."""
    return {c: u for c in claves if (u := unidad(c)) is not None}


def _exigir_base_del_pais(pais: Pais) -> Municipio | None:
    """El municipio de demostración del país si ya está; si la base tiene otro municipio, se niega."""
    municipio = Municipio.objects.order_by("pk").first()
    if municipio is None:
        return None
    if municipio.sigla == pais.sigla and municipio.perfil == pais.perfil:
        return municipio
    otro = pais_de(municipio)
    if municipio.sigla == otro.sigla and otro.codigo != pais.codigo:
        raise DemoDeOtroPais(
            f"Esta base ya tiene la demostración de {otro.codigo} ({municipio.nombre}): no se carga la de "
            f"{pais.codigo} encima. Use una base vacía (otro archivo SQLite u otra base PostgreSQL)."
        )
    raise DemoDeOtroPais(
        f"Esta base ya tiene un municipio ({municipio.nombre}, perfil {municipio.perfil}) que no es la "
        f"demostración de {pais.codigo}: no se carga la demostración encima. Use una base vacía."
    )


def _local(pais: Pais, d: date) -> date:
    """El día local del país más reciente que no pasó de `d` (este año o el anterior)."""
    return next(
        date(anio, dia.mes, dia.dia)
        for dia in pais.dias_locales[:1]
        for anio in (d.year, d.year - 1)
        if date(anio, dia.mes, dia.dia) <= d
    )


@transaction.atomic
def _cargar_nucleo(pais: Pais = PE) -> Municipio:
    # Todo pasa por los servicios del núcleo (con su validación y su auditoría, actor «sistema»);
    # cada paso busca antes de crear para que `secretaria demo` se pueda correr dos veces.
    municipio = _exigir_base_del_pais(pais)
    if municipio is None:
        municipio = actualizar_municipio(
            municipio=None,
            por=None,
            nombre=pais.nombre,
            sigla=pais.sigla,
            direccion=pais.direccion,
            telefono=pais.telefono,
            correo=f"secretaria@{pais.dominio}",
            perfil=pais.perfil,
            zona_horaria=pais.zona_horaria,
        )
    creadas: dict[str, UnidadOrganica] = {}
    for orden, u in enumerate(pais.unidades):
        existente = UnidadOrganica.objects.filter(sigla=u.sigla).first()
        if existente is None:
            existente = crear_unidad(
                nombre=u.nombre,
                sigla=u.sigla,
                padre=creadas.get(u.padre) if u.padre is not None else None,
                orden=orden,
                por=None,
            )
        creadas[u.clave] = existente
    for du in pais.usuarios:
        de_unidad = creadas.get(du.unidad) if du.unidad is not None else None
        cargo = None
        if de_unidad:
            cargo = Cargo.objects.filter(nombre=du.cargo, unidad=de_unidad).first() or crear_cargo(
                nombre=du.cargo, unidad=de_unidad, es_jefatura=du.jefatura, por=None
            )
        usuario = Usuario.objects.filter(username=du.username).first()
        if usuario is None:
            usuario = crear_usuario(
                username=du.username,
                nombres=du.nombres,
                apellidos=du.apellidos,
                correo=f"{du.username}@{pais.dominio}",
                unidad=de_unidad,
                cargo=cargo,
                roles=[du.rol],
                clave=CLAVE_DEMO,
                por=None,
            )
        if du.jefatura and de_unidad and de_unidad.jefe_id is None:
            creadas[du.unidad or ""] = actualizar_unidad(unidad=de_unidad, jefe=usuario, por=None)
    if not Usuario.objects.filter(username="admin").exists():
        Usuario.objects.create_superuser("admin", f"admin@{pais.dominio}", CLAVE_DEMO)
    for p in pais.personas:
        if not Persona.objects.filter(tipo_documento=p.tipo_documento, numero_documento=p.numero).exists():
            registrar_persona(
                tipo=p.tipo,
                tipo_documento=p.tipo_documento,
                numero_documento=p.numero,
                nombres=p.nombres,
                apellidos=p.apellidos,
                razon_social=p.razon_social,
                correo=p.correo,
                por=None,
            )
    hoy = timezone.localdate()
    # El feriado o día no laborable local, el de este año si ya pasó (si no, el del año anterior).
    for dia in pais.dias_locales:
        fecha = _local(pais, hoy)
        if not DiaCalendario.objects.filter(municipio=municipio, descripcion=dia.descripcion).exists():
            agregar_dia(
                municipio=municipio,
                fecha=fecha,
                tipo=dia.tipo,
                descripcion=dia.descripcion,
                norma=dia.norma,
                por=None,
            )
    # El Pro-secretario actúa por encargo de la Secretaria General desde hace una semana y por cuatro
    # semanas más: así lo que haga en la demo queda registrado «por encargo de».
    secretario = Usuario.objects.get(username="secretario")
    prosecretario = Usuario.objects.get(username="prosecretario")
    if not Encargo.objects.vigentes(hoy).filter(titular=secretario).exists():
        desde, hasta = hoy - timedelta(days=7), hoy + timedelta(days=28)
        if not Encargo.objects.filter(
            titular=secretario, revocado=False, desde__lte=hasta, hasta__gte=desde
        ).exists():
            documento, motivo = pais.encargo
            crear_encargo(
                titular=secretario,
                encargado=prosecretario,
                cargo=secretario.cargo,
                desde=desde,
                hasta=hasta,
                documento=documento,
                motivo=motivo,
                por=None,
            )
    return municipio


def cargar_demo(pais: str = "PE") -> Municipio:
    """Carga el núcleo del país (`PE`, `EC`, `CO`, `MX`) y luego lo de cada área, en orden; idempotente.
    Si la base ya tiene otro municipio, `DemoDeOtroPais` (sin tocar nada)."""
    datos = PAISES.get(pais.upper())
    if datos is None:
        raise DemoDeOtroPais(f"País desconocido: «{pais}». Elija uno de: {', '.join(PAISES)}.")
    municipio = _cargar_nucleo(datos)
    for _, funcion in sorted(_cargadores, key=lambda t: t[0]):
        funcion(municipio)
    return municipio
