"""El municipio de demostración: Municipalidad Distrital de Villa Esperanza (ficticia, Perú).

Cada área añade su parte con `registrar_cargador`; `cargar_demo()` los corre en orden y todo
es idempotente (se busca antes de crear), así que `secretaria demo` se puede correr dos veces.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core import roles
from core.models import Cargo, Encargo, Municipio, Persona, UnidadOrganica, Usuario
from core.services.encargos import crear_encargo
from core.services.municipio import actualizar_municipio
from core.services.organizacion import actualizar_unidad, crear_cargo, crear_unidad
from core.services.personas import registrar_persona
from core.services.usuarios import crear_usuario

CLAVE_DEMO = "demo-secretaria-2026"

USUARIOS_DEMO: list[tuple[str, str]] = [
    ("secretario", "Secretaria General (configura todo, ve la auditoría)"),
    ("prosecretario", "Pro-secretario (actúa por encargo de la Secretaria General)"),
    ("mesa", "Mesa de partes (recepción de documentos)"),
    ("archivo", "Archivo central"),
    ("jefe", "Jefe de la Gerencia de Desarrollo Urbano"),
    ("regidor", "Regidor del Concejo Municipal"),
    ("admin", "Administrador técnico (superusuario de Django)"),
]

_cargadores: list[tuple[int, Callable[[Municipio], None]]] = []


def registrar_cargador(orden: int, funcion: Callable[[Municipio], None]) -> None:
    """Un área registra cómo carga sus ejemplos (se llama con el municipio ya creado)."""
    if all(f is not funcion for _, f in _cargadores):
        _cargadores.append((orden, funcion))


UNIDADES = [
    # (sigla, nombre, padre)
    ("ALC", "Alcaldía", None),
    ("GM", "Gerencia Municipal", "ALC"),
    ("SG", "Secretaría General", "ALC"),
    ("UTDA", "Unidad de Trámite Documentario y Archivo", "SG"),
    ("OAJ", "Oficina de Asesoría Jurídica", "GM"),
    ("GAF", "Gerencia de Administración y Finanzas", "GM"),
    ("GDU", "Gerencia de Desarrollo Urbano", "GM"),
    ("GSC", "Gerencia de Servicios a la Ciudad", "GM"),
    ("GDS", "Gerencia de Desarrollo Social", "GM"),
]

# usuario, nombres, apellidos, unidad, cargo, jefatura, rol
USUARIOS = [
    ("secretario", "Rosa Elena", "Quispe Huamán", "SG", "Secretaria General", True, roles.SECRETARIO),
    ("prosecretario", "Jorge Luis", "Mendoza Ríos", "SG", "Pro-secretario", False, roles.PROSECRETARIO),
    ("mesa", "Carmen", "Flores Tapia", "UTDA", "Técnica de Mesa de Partes", False, roles.MESA),
    ("archivo", "Luis Alberto", "Paredes Soto", "UTDA", "Jefe del Archivo Central", True, roles.ARCHIVO),
    ("jefe", "Miguel Ángel", "Torres Vega", "GDU", "Gerente de Desarrollo Urbano", True, roles.JEFE),
    ("regidor", "Ana María", "Castillo Rojas", None, "Regidora", False, roles.REGIDOR),
]


PERSONAS = [
    # tipo, documento, número (válidos: DNI de 8 dígitos, RUC con dígito verificador), nombres, apellidos,
    # razón social, correo
    ("natural", "DNI", "45871236", "Juan Carlos", "Ramírez Poma", "", "juan@ejemplo.pe"),
    ("natural", "DNI", "10293847", "María Isabel", "Gutiérrez Salas", "", "maria@ejemplo.pe"),
    ("juridica", "RUC", "20100070970", "", "", "Constructora Los Andes S.A.C.", "contacto@losandes.com.pe"),
]


@transaction.atomic
def _cargar_nucleo() -> Municipio:
    # Todo pasa por los servicios del núcleo (con su validación y su auditoría, actor «sistema»);
    # cada paso busca antes de crear para que `secretaria demo` se pueda correr dos veces.

    municipio = Municipio.objects.filter(sigla="MDVE").first()
    if municipio is None:
        municipio = actualizar_municipio(
            municipio=None,
            por=None,
            nombre="Municipalidad Distrital de Villa Esperanza",
            sigla="MDVE",
            direccion="Plaza de Armas 100, Villa Esperanza, Lima",
            telefono="(01) 555-0100",
            correo="secretaria@villaesperanza.gob.pe",
            perfil="PE",
            zona_horaria="America/Lima",
        )
    unidades: dict[str, UnidadOrganica] = {}
    for orden, (sigla, nombre, padre) in enumerate(UNIDADES):
        unidad = UnidadOrganica.objects.filter(sigla=sigla).first()
        if unidad is None:
            unidad = crear_unidad(
                nombre=nombre,
                sigla=sigla,
                padre=unidades.get(padre) if padre is not None else None,
                orden=orden,
                por=None,
            )
        unidades[sigla] = unidad
    for username, nombres, apellidos, de_unidad, nombre_cargo, jefatura, rol in USUARIOS:
        unidad = unidades.get(de_unidad) if de_unidad is not None else None  # el regidor no es de una unidad
        cargo = None
        if unidad:
            cargo = Cargo.objects.filter(nombre=nombre_cargo, unidad=unidad).first() or crear_cargo(
                nombre=nombre_cargo, unidad=unidad, es_jefatura=jefatura, por=None
            )
        usuario = Usuario.objects.filter(username=username).first()
        if usuario is None:
            usuario = crear_usuario(
                username=username,
                nombres=nombres,
                apellidos=apellidos,
                correo=f"{username}@villaesperanza.gob.pe",
                unidad=unidad,
                cargo=cargo,
                roles=[rol],
                clave=CLAVE_DEMO,
                por=None,
            )
        if jefatura and unidad and unidad.jefe_id is None:
            unidades[unidad.sigla] = actualizar_unidad(unidad=unidad, jefe=usuario, por=None)
    if not Usuario.objects.filter(username="admin").exists():
        Usuario.objects.create_superuser("admin", "admin@villaesperanza.gob.pe", CLAVE_DEMO)
    for tipo, tipo_doc, numero, nombres, apellidos, razon_social, correo in PERSONAS:
        if not Persona.objects.filter(tipo_documento=tipo_doc, numero_documento=numero).exists():
            registrar_persona(
                tipo=tipo,
                tipo_documento=tipo_doc,
                numero_documento=numero,
                nombres=nombres,
                apellidos=apellidos,
                razon_social=razon_social,
                correo=correo,
                por=None,
            )
    # El Pro-secretario actúa por encargo de la Secretaria General desde hace una semana y por cuatro
    # semanas más: así lo que haga en la demo queda registrado «por encargo de».
    secretario = Usuario.objects.get(username="secretario")
    prosecretario = Usuario.objects.get(username="prosecretario")
    hoy = timezone.localdate()
    if not Encargo.objects.vigentes(hoy).filter(titular=secretario).exists():
        desde, hasta = hoy - timedelta(days=7), hoy + timedelta(days=28)
        if not Encargo.objects.filter(
            titular=secretario, revocado=False, desde__lte=hasta, hasta__gte=desde
        ).exists():
            crear_encargo(
                titular=secretario,
                encargado=prosecretario,
                cargo=secretario.cargo,
                desde=desde,
                hasta=hasta,
                documento="Resolución de Alcaldía Nº 045-2026-MDVE",
                motivo="Vacaciones de la Secretaria General",
                por=None,
            )
    return municipio


def cargar_demo() -> Municipio:
    """Carga el núcleo y luego lo de cada área, en orden; idempotente."""
    municipio = _cargar_nucleo()
    for _, funcion in sorted(_cargadores, key=lambda t: t[0]):
        funcion(municipio)
    return municipio
