"""Roles del sistema (grupos de Django) y los permisos de cada uno.

Cada área añade aquí los permisos de sus roles; `secretaria demo` y la migración de datos
crean los grupos. El alcance por unidad no vive aquí sino en las funciones de acceso.
"""

from __future__ import annotations

SECRETARIO = "Secretario General"
PROSECRETARIO = "Pro-secretario"
MESA = "Mesa de partes"
ARCHIVO = "Archivo central"
JEFE = "Jefe de unidad"
REGIDOR = "Regidor"
FUNCIONARIO = "Funcionario"

# Permisos del núcleo: "app_label.codename".
CONFIGURAR = "core.configurar_municipio"
VER_AUDITORIA = "core.ver_auditoria"
GESTIONAR_USUARIOS = "core.gestionar_usuarios"
GESTIONAR_PERSONAS = "core.gestionar_personas"
GESTIONAR_CALENDARIO = "core.gestionar_calendario"
GESTIONAR_NUMERACION = "core.gestionar_numeracion"

# Registro (mesa de partes y trámite documentario).
REGISTRAR_DOCUMENTO = "registro.registrar_documento"
VER_TODO_REGISTRO = "registro.ver_todo_registro"
GESTIONAR_PROCEDIMIENTOS = "registro.gestionar_procedimientos"
VER_INFORMES_REGISTRO = "registro.ver_informes_registro"

PERMISOS_POR_ROL: dict[str, list[str]] = {
    SECRETARIO: [
        CONFIGURAR,
        VER_AUDITORIA,
        GESTIONAR_USUARIOS,
        GESTIONAR_PERSONAS,
        GESTIONAR_CALENDARIO,
        GESTIONAR_NUMERACION,
        REGISTRAR_DOCUMENTO,
        VER_TODO_REGISTRO,
        GESTIONAR_PROCEDIMIENTOS,
        VER_INFORMES_REGISTRO,
    ],
    PROSECRETARIO: [
        VER_AUDITORIA,
        GESTIONAR_PERSONAS,
        GESTIONAR_CALENDARIO,
        VER_TODO_REGISTRO,
        VER_INFORMES_REGISTRO,
    ],
    MESA: [GESTIONAR_PERSONAS, REGISTRAR_DOCUMENTO],
    ARCHIVO: [],
    JEFE: [VER_INFORMES_REGISTRO],
    REGIDOR: [],
    FUNCIONARIO: [],
}


def registrar_permisos(rol: str, *permisos: str) -> None:
    """Da a `rol` permisos de otra área ("app_label.codename").

    Cada área lo llama desde el `ready()` de su `apps.py` (al arrancar, antes de cualquier post_migrate),
    así el núcleo no necesita conocer los permisos de las áreas que están por encima.
    """
    if rol not in PERMISOS_POR_ROL:
        raise KeyError(f"Rol desconocido: {rol}")
    for permiso in permisos:
        if permiso not in PERMISOS_POR_ROL[rol]:
            PERMISOS_POR_ROL[rol].append(permiso)
