"""El municipio de demostración: Municipalidad Distrital de Villa Esperanza (ficticia, Perú).

Cada área añade su parte con `registrar_cargador`; `cargar_demo()` los corre en orden y todo
es idempotente (se busca antes de crear), así que `secretaria demo` se puede correr dos veces.
"""

from __future__ import annotations

from typing import Callable

from django.db import transaction

from core.models import Cargo, Municipio, Persona, UnidadOrganica, Usuario
from core import roles

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


@transaction.atomic
def _cargar_nucleo() -> Municipio:
    from django.contrib.auth.models import Group

    municipio, _ = Municipio.objects.get_or_create(
        sigla="MDVE",
        defaults={
            "nombre": "Municipalidad Distrital de Villa Esperanza",
            "direccion": "Plaza de Armas 100, Villa Esperanza, Lima",
            "telefono": "(01) 555-0100",
            "correo": "secretaria@villaesperanza.gob.pe",
            "perfil": "PE",
            "zona_horaria": "America/Lima",
        },
    )
    unidades: dict[str, UnidadOrganica] = {}
    for orden, (sigla, nombre, padre) in enumerate(UNIDADES):
        unidades[sigla], _ = UnidadOrganica.objects.get_or_create(
            sigla=sigla, defaults={"nombre": nombre, "padre": unidades.get(padre), "orden": orden}
        )
    for username, nombres, apellidos, sigla, nombre_cargo, jefatura, rol in USUARIOS:
        unidad = unidades.get(sigla)
        cargo = None
        if unidad:
            cargo, _ = Cargo.objects.get_or_create(
                nombre=nombre_cargo, unidad=unidad, defaults={"es_jefatura": jefatura}
            )
        usuario = Usuario.objects.filter(username=username).first()
        if usuario is None:
            usuario = Usuario(
                username=username,
                first_name=nombres,
                last_name=apellidos,
                email=f"{username}@villaesperanza.gob.pe",
                unidad=unidad,
                cargo=cargo,
            )
            usuario.set_password(CLAVE_DEMO)
            usuario.save()
            usuario.groups.add(Group.objects.get(name=rol))
        if jefatura and unidad and unidad.jefe_id is None:
            unidad.jefe = usuario
            unidad.save(update_fields=["jefe"])
    if not Usuario.objects.filter(username="admin").exists():
        Usuario.objects.create_superuser("admin", "admin@villaesperanza.gob.pe", CLAVE_DEMO)
    for tipo_doc, numero, nombres, apellidos in [
        ("DNI", "45871236", "Juan Carlos", "Ramírez Poma"),
        ("DNI", "10293847", "María Isabel", "Gutiérrez Salas"),
    ]:
        Persona.objects.get_or_create(
            tipo_documento=tipo_doc,
            numero_documento=numero,
            defaults={"nombres": nombres, "apellidos": apellidos, "correo": f"{nombres.split()[0].lower()}@ejemplo.pe"},
        )
    Persona.objects.get_or_create(
        tipo_documento="RUC",
        numero_documento="20100070970",
        defaults={"tipo": Persona.Tipo.JURIDICA, "razon_social": "Constructora Los Andes S.A.C."},
    )
    return municipio


def cargar_demo() -> Municipio:
    """Carga el núcleo y luego lo de cada área, en orden; idempotente."""
    municipio = _cargar_nucleo()
    for _, funcion in sorted(_cargadores, key=lambda t: t[0]):
        funcion(municipio)
    return municipio
