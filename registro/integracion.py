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
