from django.apps import AppConfig

from core import roles
from core.navegacion import Entrada, registrar


class ArchivoConfig(AppConfig):
    name = "archivo"
    verbose_name = "Archivo central (cuadro de clasificación, retención, expedientes)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # El área se inscribe en los registros del núcleo: permisos de los roles, menú, claves del perfil y
        # demostración (docs/desarrollo.md, «Forma de un área»).
        from archivo import demo  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from archivo import permissions as acceso  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from archivo.selectors import busqueda  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from archivo.selectors.perfil import claves_del_archivo  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.busqueda import registrar_proveedor  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.demo import registrar_cargador  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.services.perfiles import registrar_claves  # noqa: PLC0415 - los modelos no están listos al importar apps.py

        # El Archivo central gestiona el cuadro y los expedientes de todas las unidades y ve los reservados;
        # la Secretaría General también; cada unidad abre y archiva los suyos; todos los funcionarios ven el
        # cuadro y los expedientes públicos.
        todos = (
            acceso.VER,
            acceso.GESTIONAR_CUADRO,
            acceso.ABRIR,
            acceso.GESTIONAR_EXPEDIENTES,
            acceso.VER_RESERVADOS,
            acceso.RECIBIR,
            acceso.PRESTAMOS,
            acceso.ELIMINACION,
        )
        roles.registrar_permisos(roles.ARCHIVO, *todos)
        roles.registrar_permisos(roles.SECRETARIO, *todos)
        roles.registrar_permisos(roles.PROSECRETARIO, acceso.VER, acceso.ABRIR, acceso.VER_RESERVADOS)
        for rol in (roles.MESA, roles.JEFE, roles.FUNCIONARIO):
            roles.registrar_permisos(rol, acceso.VER, acceso.ABRIR)
        roles.registrar_permisos(roles.REGIDOR, acceso.VER)

        for entrada in (
            Entrada("Archivo", "Cuadro de clasificación", "archivo:cuadro", acceso.VER, 70),
            Entrada("Archivo", "Expedientes", "archivo:expedientes", acceso.VER, 71),
            Entrada("Archivo", "Importar y exportar (XLSX)", "archivo:tabla", acceso.GESTIONAR_CUADRO, 72),
            Entrada("Archivo", "Transferencias", "archivo:transferencias", acceso.VER, 73),
            Entrada("Archivo", "Préstamos", "archivo:prestamos", acceso.VER, 74),
            Entrada("Archivo", "Eliminación documental", "archivo:eliminaciones", acceso.ELIMINACION, 75),
        ):
            registrar(entrada)

        registrar_claves(claves_del_archivo)
        registrar_proveedor(
            "expediente",
            etiqueta="Expediente del archivo",
            buscar=busqueda.hallazgos,
            textos=busqueda.textos,
            por_unidad=True,
            orden=40,
        )
        # Después de registro, concejo, actos y certificaciones (62): archiva sus documentos y actos.
        registrar_cargador(70, demo.cargar)
