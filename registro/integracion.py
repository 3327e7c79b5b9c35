"""Lo que el área registro registra en el núcleo: menú, acceso a archivos y demostración.

Se importa desde `RegistroConfig.ready()`.
"""

from core import roles
from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar
from core.permissions import registrar_acceso_archivo
from registro.demo_emision import cargar_demo_emision
from registro.selectors.emision import archivo_de_emitido_visible


def _con_unidad(usuario) -> bool:
    return bool(usuario.unidad_id)


# --- Menú ---
for entrada in [
    # Hoja de ruta: bandejas de la unidad y personal.
    Entrada(
        "Trámite documentario", "Bandeja de mi unidad", "registro:bandeja", orden=10, visible=_con_unidad
    ),
    Entrada(
        "Trámite documentario", "Mis documentos", "registro:bandeja-personal", orden=11, visible=_con_unidad
    ),
    # Documentos internos y de salida.
    Entrada(
        "Trámite documentario", "Documentos emitidos", "registro:emitidos", orden=40, visible=_con_unidad
    ),
    Entrada(
        "Trámite documentario",
        "Recibidos internos",
        "registro:recibidos-internos",
        orden=41,
        visible=_con_unidad,
    ),
    Entrada("Trámite documentario", "Registro de salida", "registro:salida", orden=42, visible=_con_unidad),
    # Recepción (mesa de partes) y catálogos.
    Entrada("Registro", "Registrar documento", "registro:registrar", roles.REGISTRAR_DOCUMENTO, 30),
    Entrada(
        "Registro", "Procedimientos (TUPA)", "registro:procedimientos", roles.GESTIONAR_PROCEDIMIENTOS, 38
    ),
    Entrada(
        "Registro", "Tipos de documento", "registro:tipos-documentales", roles.GESTIONAR_PROCEDIMIENTOS, 39
    ),
]:
    registrar(entrada)


# --- Acceso a archivos ---
@registrar_acceso_archivo
def _quien_ve_el_documento_ve_sus_adjuntos(usuario, archivo) -> bool:
    from registro.permissions import documentos_visibles

    return documentos_visibles(usuario).filter(adjuntos__archivo=archivo).exists()


registrar_acceso_archivo(archivo_de_emitido_visible)


# --- Demostración (recepción primero: la emisión responde a sus documentos) ---
def _cargar_demo_recepcion(municipio):
    from registro.demo_recepcion import cargar

    cargar(municipio)


registrar_cargador(30, _cargar_demo_recepcion)
registrar_cargador(40, cargar_demo_emision)
