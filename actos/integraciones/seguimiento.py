"""Menú, acceso a evidencias y demostración de la parte «seguimiento» de actos."""

from actos.integracion import GENERAR_PROTOCOLO, GESTIONAR_SEGUIMIENTO, REVISAR_ACTO
from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar
from core.permissions import registrar_acceso_archivo


def _ve_tablero(usuario) -> bool:
    return bool(usuario.unidad_id) or usuario.has_perm(GESTIONAR_SEGUIMIENTO)


def _ve_protocolos(usuario) -> bool:
    # Solo permisos (ya en caché en cada página): el menú no consulta encargos. Quien subroga al Secretario
    # es el pro-secretario, que revisa actos; la página misma aplica `puede_generar` con el encargo.
    return usuario.has_perm(REVISAR_ACTO) or usuario.has_perm(GENERAR_PROTOCOLO)


for entrada in [
    Entrada("Actos", "Seguimiento de actos", "actos:seguimiento", orden=70, visible=_ve_tablero),
    Entrada("Actos", "Protocolo anual", "actos:protocolos", orden=75, visible=_ve_protocolos),
]:
    registrar(entrada)


@registrar_acceso_archivo
def _quien_ve_la_tarea_ve_su_evidencia(usuario, archivo) -> bool:
    from actos.services.seguimiento import tareas_visibles

    return tareas_visibles(usuario).filter(avances__evidencia=archivo).exists()


@registrar_acceso_archivo
def _la_secretaria_ve_el_protocolo(usuario, archivo) -> bool:
    from actos.models import Protocolo

    return usuario.has_perm(REVISAR_ACTO) and Protocolo.objects.filter(archivo=archivo).exists()


def _cargar_demo(municipio):
    """Tareas sobre los actos publicados de la demostración (los carga la parte «nucleo», orden 60): una
    atrasada y otra cumplida con su evidencia. Por los servicios; idempotente (busca antes de crear)."""
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from actos.models import Acto, Tarea
    from actos.services.seguimiento import crear_tarea, informar_avance
    from core.models import UnidadOrganica, Usuario

    actos = list(Acto.objects.filter(estado=Acto.Estado.PUBLICADO).order_by("anio", "tipo", "numero")[:2])
    secretario = Usuario.objects.filter(username="secretario").first()
    unidad = UnidadOrganica.objects.filter(sigla="GDU").first()
    if not actos or secretario is None or unidad is None:
        return
    hoy = timezone.localdate()
    atrasada = "Elaborar el padrón de comerciantes ambulantes del sector y publicarlo en el portal."
    if not Tarea.objects.filter(descripcion=atrasada).exists():
        crear_tarea(
            acto=actos[0],
            por=secretario,
            unidad=unidad,
            descripcion=atrasada,
            plazo_dias=10,
            asignada_el=hoy - timedelta(days=40),
        )
    cumplida = "Señalizar las zonas rígidas dispuestas por el acto."
    if not Tarea.objects.filter(descripcion=cumplida).exists():
        tarea = crear_tarea(
            acto=actos[-1],
            por=secretario,
            unidad=unidad,
            descripcion=cumplida,
            plazo_dias=15,
            asignada_el=hoy - timedelta(days=20),
        )
        informar_avance(
            tarea=tarea, por=secretario, porcentaje=40, texto="Señales compradas; instalación en curso."
        )
        evidencia = SimpleUploadedFile(
            "acta-de-conformidad.txt", "Acta de conformidad: 24 señales instaladas en el sector 3.\n".encode()
        )
        informar_avance(
            tarea=tarea,
            por=secretario,
            porcentaje=100,
            evidencia=evidencia,
            texto="Señalización instalada; se adjunta el acta de conformidad.",
        )


registrar_cargador(61, _cargar_demo)
