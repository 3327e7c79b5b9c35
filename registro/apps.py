from django.apps import AppConfig

from core import navegacion, roles
from core.navegacion import Entrada


def _con_unidad(usuario) -> bool:
    return bool(usuario.unidad_id)


MENU = [
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
]


class RegistroConfig(AppConfig):
    name = "registro"
    verbose_name = "Registro (mesa de partes y trámite documentario)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # El área se inscribe en los registros del núcleo: menú, acceso a archivos y demostración. Los
        # módulos con modelos se importan aquí porque no están listos cuando se importa apps.py.
        from core import demo as demo_del_nucleo  # noqa: PLC0415 - modelos: dentro de ready()
        from core.busqueda import registrar_proveedor  # noqa: PLC0415 - modelos: dentro de ready()
        from core.permissions import registrar_acceso_archivo  # noqa: PLC0415 - modelos: dentro de ready()
        from registro import demo, permissions  # noqa: PLC0415 - modelos: dentro de ready()
        from registro.selectors import busqueda  # noqa: PLC0415 - modelos: dentro de ready()
        from registro.selectors.emision import archivo_de_emitido_visible  # noqa: PLC0415 - modelos

        for entrada in MENU:
            navegacion.registrar(entrada)
        registrar_acceso_archivo(permissions.adjunto_visible)
        registrar_proveedor(
            "documento",
            etiqueta="Documento del registro",
            buscar=busqueda.hallazgos,
            textos=busqueda.textos,
            orden=10,
        )
        registrar_acceso_archivo(archivo_de_emitido_visible)
        # Recepción primero: la emisión responde a sus documentos.
        demo_del_nucleo.registrar_cargador(30, demo.cargar_recepcion)
        demo_del_nucleo.registrar_cargador(40, demo.cargar_emision)
