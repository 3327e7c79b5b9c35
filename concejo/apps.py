from django.apps import AppConfig

from core import navegacion, roles


class ConcejoConfig(AppConfig):
    name = "concejo"
    verbose_name = "Concejo (sesiones, votaciones y actas)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # El área se inscribe en los registros del núcleo: permisos de los roles, menú, acceso a archivos,
        # claves del perfil, cargadores de la demostración y el grupo de versiones «cuerpo». Los módulos con
        # modelos no están listos cuando se importa apps.py.
        from concejo import demo  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from concejo.models import EstadoMiembro, Miembro  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from concejo.permissions import (  # noqa: PLC0415 - los modelos no están listos al importar apps.py
            CONDUCIR_SESION,
            GESTIONAR_ACTAS,
            GESTIONAR_CONCEJO,
            PREPARAR_SESION,
            VER_CONCEJO,
            archivo_visible,
        )
        from concejo.reglas import MAYORIAS  # noqa: PLC0415 - junto a las demás del arranque
        from concejo.selectors import busqueda  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from concejo.selectors.cuerpo import claves_del_concejo  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.busqueda import registrar_proveedor  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.demo import registrar_cargador  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.guia_ley import registrar_palabras  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.models import Persona  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.permissions import registrar_acceso_archivo  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.services.perfiles import registrar_claves  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.versiones import Vigilada, registrar_grupo  # noqa: PLC0415 - los modelos no están listos al importar apps.py

        roles.registrar_permisos(
            roles.SECRETARIO,
            GESTIONAR_CONCEJO,
            PREPARAR_SESION,
            CONDUCIR_SESION,
            GESTIONAR_ACTAS,
            VER_CONCEJO,
        )
        roles.registrar_permisos(
            roles.PROSECRETARIO, PREPARAR_SESION, CONDUCIR_SESION, GESTIONAR_ACTAS, VER_CONCEJO
        )
        roles.registrar_permisos(roles.REGIDOR, VER_CONCEJO)

        for entrada in [
            navegacion.Entrada("Concejo", "Sesiones", "concejo:sesiones", VER_CONCEJO, 60),
            navegacion.Entrada("Concejo", "Programar sesión", "concejo:sesion-crear", PREPARAR_SESION, 61),
            navegacion.Entrada(
                "Concejo", "Periodo, miembros y comisiones", "concejo:periodos", GESTIONAR_CONCEJO, 60
            ),
            navegacion.Entrada("Concejo", "El concejo en una fecha", "concejo:concejo-hoy", VER_CONCEJO, 61),
            navegacion.Entrada("Concejo", "Sesión en vivo", "concejo:sesiones-en-vivo", CONDUCIR_SESION, 62),
            navegacion.Entrada("Concejo", "Actas", "concejo:actas", VER_CONCEJO, 65),
            navegacion.Entrada(
                "Concejo", "Sesiones realizadas (portal)", "concejo:realizadas", VER_CONCEJO, 66
            ),
        ]:
            navegacion.registrar(entrada)

        registrar_acceso_archivo(archivo_visible)
        registrar_proveedor(
            "acta",
            etiqueta="Acta del concejo",
            buscar=busqueda.hallazgos,
            textos=busqueda.textos,
            por_unidad=False,
            orden=30,
        )
        registrar_claves(claves_del_concejo)
        registrar_palabras(MAYORIAS)

        # El cuerpo primero; luego las sesiones que se preparan, las que se celebran y sus actas.
        registrar_cargador(50, demo.cargar_demo_cuerpo)
        registrar_cargador(51, demo.cargar_demo_sesiones)
        registrar_cargador(52, demo.cargar_demo_en_vivo)
        registrar_cargador(53, demo.cargar_demo_actas)

        # La situación del pleno que el voto en vivo guarda en el proceso vale mientras no cambien los miembros,
        # sus estados ni sus personas (una persona nueva aún no es miembro de nada).
        registrar_grupo(
            "cuerpo", Vigilada(Miembro), Vigilada(EstadoMiembro), Vigilada(Persona, ("UPDATE", "DELETE"))
        )
