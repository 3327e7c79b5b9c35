"""Lo que el área registro registra en el núcleo: menú, búsqueda, acceso a archivos, demo.

Cada parte del área añade su bloque aquí (solo líneas nuevas).
"""

# --- Documentos internos y de salida (emisión, acuse de lectura, registro de salida) ---
from core.demo import registrar_cargador  # noqa: E402
from core.navegacion import Entrada, registrar  # noqa: E402
from core.permissions import registrar_acceso_archivo  # noqa: E402
from registro.demo_emision import cargar_demo_emision  # noqa: E402
from registro.selectors.emision import archivo_de_emitido_visible  # noqa: E402

registrar(Entrada("Trámite documentario", "Documentos emitidos", "registro:emitidos", orden=40,
                  visible=lambda u: bool(u.unidad_id)))
registrar(Entrada("Trámite documentario", "Recibidos internos", "registro:recibidos-internos", orden=41,
                  visible=lambda u: bool(u.unidad_id)))
registrar(Entrada("Trámite documentario", "Registro de salida", "registro:salida", orden=42,
                  visible=lambda u: bool(u.unidad_id)))
registrar_acceso_archivo(archivo_de_emitido_visible)
registrar_cargador(40, cargar_demo_emision)

# Recepción (mesa de partes): menú, acceso a los adjuntos y demostración. ------------------------------
from core import roles as _roles  # noqa: E402
from core.demo import registrar_cargador as _registrar_cargador  # noqa: E402
from core.navegacion import Entrada as _Entrada  # noqa: E402
from core.navegacion import registrar as _registrar_menu  # noqa: E402
from core.permissions import registrar_acceso_archivo as _registrar_acceso_archivo  # noqa: E402

_registrar_menu(_Entrada("Registro", "Registrar documento", "registro:registrar", _roles.REGISTRAR_DOCUMENTO, 30))
_registrar_menu(
    _Entrada("Registro", "Procedimientos (TUPA)", "registro:procedimientos", _roles.GESTIONAR_PROCEDIMIENTOS, 38)
)
_registrar_menu(
    _Entrada("Registro", "Tipos de documento", "registro:tipos-documentales", _roles.GESTIONAR_PROCEDIMIENTOS, 39)
)


@_registrar_acceso_archivo
def _quien_ve_el_documento_ve_sus_adjuntos(usuario, archivo) -> bool:
    from registro.permissions import documentos_visibles

    return documentos_visibles(usuario).filter(adjuntos__archivo=archivo).exists()


def _cargar_demo_recepcion(municipio):
    from registro.demo_recepcion import cargar

    cargar(municipio)


_registrar_cargador(30, _cargar_demo_recepcion)

# --- Hoja de ruta: bandejas de la unidad y personal ---
from core.navegacion import Entrada as _EntradaRuta  # noqa: E402
from core.navegacion import registrar as _registrar_ruta  # noqa: E402

_registrar_ruta(_EntradaRuta("Trámite documentario", "Bandeja de mi unidad", "registro:bandeja", orden=10,
                             visible=lambda u: bool(u.unidad_id)))
_registrar_ruta(_EntradaRuta("Trámite documentario", "Mis documentos", "registro:bandeja-personal", orden=11,
                             visible=lambda u: bool(u.unidad_id)))
