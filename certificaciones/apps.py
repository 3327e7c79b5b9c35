from django.apps import AppConfig

from core import roles
from core.navegacion import Entrada, registrar


class CertificacionesConfig(AppConfig):
    name = "certificaciones"
    verbose_name = "Certificaciones (fe pública, copias certificadas)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # El área se inscribe en los registros del núcleo: permisos de los roles, menú, acceso a archivos,
        # fuentes certificables y demostración (docs/desarrollo.md, «Forma de un área»).
        from certificaciones import demo, fuentes, fuentes_de_areas  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from certificaciones import permissions as acceso  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.demo import registrar_cargador  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.permissions import registrar_acceso_archivo  # noqa: PLC0415 - los modelos no están listos al importar apps.py

        roles.registrar_permisos(
            roles.SECRETARIO, acceso.CONFIGURAR, acceso.GESTIONAR, acceso.VER, acceso.CERTIFICAR_TITULAR
        )
        roles.registrar_permisos(
            roles.PROSECRETARIO, acceso.GESTIONAR, acceso.VER, acceso.CERTIFICAR_POR_ENCARGO
        )
        roles.registrar_permisos(roles.MESA, acceso.GESTIONAR, acceso.VER)

        for entrada in (
            Entrada(
                "Certificaciones",
                "Solicitudes",
                "certificaciones:solicitudes",
                orden=60,
                visible=acceso.en_menu,
            ),
            Entrada(
                "Certificaciones", "Nueva solicitud", "certificaciones:solicitud-crear", acceso.GESTIONAR, 61
            ),
            Entrada(
                "Certificaciones",
                "Registro de certificaciones",
                "certificaciones:registro",
                orden=62,
                visible=acceso.en_menu,
            ),
            Entrada("Certificaciones", "Fedatarios", "certificaciones:fedatarios", acceso.CONFIGURAR, 68),
            Entrada("Certificaciones", "Tarifas", "certificaciones:tarifas", acceso.CONFIGURAR, 69),
        ):
            registrar(entrada)

        registrar_acceso_archivo(acceso.archivo_de_certificacion_visible)
        # La demostración va después de las del registro, del concejo y de actos (actos carga en 60 y 61):
        # certifica sus documentos, un acta y actos publicados.
        registrar_cargador(62, demo.cargar)

        # Lo que se certifica de las áreas de abajo (las de arriba inscriben lo suyo en su propio apps.py).
        for fuente in fuentes_de_areas.FUENTES:
            fuentes.registrar_fuente(fuente)
