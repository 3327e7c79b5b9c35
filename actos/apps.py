from django.apps import AppConfig

from core import navegacion, roles
from core.navegacion import Entrada


class ActosConfig(AppConfig):
    name = "actos"
    verbose_name = "Actos (ordenanzas, acuerdos, resoluciones, decretos)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # El área se inscribe en los registros del núcleo: permisos de los roles, menú, tipo de búsqueda,
        # acceso a archivos y demostración. Estos módulos traen modelos: se importan aquí.
        from actos import demo, permissions  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from actos.selectors import busqueda  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.busqueda import registrar_proveedor, registrar_tipo  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.demo import registrar_cargador  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.permissions import registrar_acceso_archivo  # noqa: PLC0415 - los modelos no están listos al importar apps.py

        redactar, revisar = permissions.REDACTAR_ACTO, permissions.REVISAR_ACTO
        gestionar, generar = permissions.GESTIONAR_SEGUIMIENTO, permissions.GENERAR_PROTOCOLO
        roles.registrar_permisos(roles.SECRETARIO, redactar, revisar, gestionar, generar)
        roles.registrar_permisos(roles.PROSECRETARIO, redactar, revisar, gestionar)
        roles.registrar_permisos(roles.JEFE, redactar)

        for entrada in [
            # Redacción, ciclo de vida y publicación.
            Entrada("Actos", "Registro de actos", "actos:lista", redactar, 60),
            Entrada("Actos", "Nuevo proyecto", "actos:nuevo", redactar, 61),
            Entrada("Actos", "Decisiones del concejo por registrar", "actos:decisiones", revisar, 62),
            Entrada("Actos", "Actos por sancionar", "actos:por-sancionar", revisar, 63),
            Entrada("Actos", "Normativa publicada", "normativa:normativa", None, 69),
            # Seguimiento de la ejecución y protocolo anual.
            Entrada(
                "Actos", "Seguimiento de actos", "actos:seguimiento", orden=70, visible=permissions.ve_tablero
            ),
            Entrada(
                "Actos",
                "Protocolo anual",
                "actos:protocolos",
                orden=75,
                visible=permissions.ve_protocolos_en_menu,
            ),
        ]:
            navegacion.registrar(entrada)

        # Solo los actos publicados están en el índice común (se indexan al publicar): lo usa la normativa
        # pública. La búsqueda global tiene su propio proveedor, con los actos de todo estado que el
        # usuario ve (índice de actos/migrations/0009_busqueda.py).
        registrar_tipo("acto", etiqueta="Acto publicado", en_busqueda_global=False)
        registrar_proveedor(
            "acto", etiqueta="Acto", buscar=busqueda.hallazgos, textos=busqueda.textos, orden=20
        )

        registrar_acceso_archivo(permissions.pdf_de_acto_visible)
        registrar_acceso_archivo(permissions.evidencia_visible)
        registrar_acceso_archivo(permissions.pdf_de_protocolo_visible)

        # El seguimiento usa los actos publicados que carga la normativa.
        registrar_cargador(60, demo.cargar_normativa)
        registrar_cargador(61, demo.cargar_seguimiento)
