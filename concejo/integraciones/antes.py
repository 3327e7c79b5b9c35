"""Menú, acceso a archivos y demostración de la parte «antes» del concejo."""

from concejo.integracion import PREPARAR_SESION, VER_CONCEJO
from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar
from core.permissions import registrar_acceso_archivo

for entrada in [
    Entrada("Concejo", "Sesiones", "concejo:sesiones", VER_CONCEJO, 60),
    Entrada("Concejo", "Programar sesión", "concejo:sesion-crear", PREPARAR_SESION, 61),
]:
    registrar(entrada)


@registrar_acceso_archivo
def _quien_ve_el_concejo_ve_expedientes_y_citaciones(usuario, archivo) -> bool:
    """Los documentos del expediente de un punto y los PDF de las citaciones: quien ve las sesiones."""
    from concejo.models import Citacion, PuntoAgenda

    if not usuario.has_perm(VER_CONCEJO):
        return False
    return (
        PuntoAgenda.objects.filter(anexos=archivo).exists()
        or Citacion.objects.filter(archivo=archivo).exists()
    )


def _dia_habil_a(desde, dias: int, hora: int):
    """Un día de semana a `dias` de `desde` (hacia adelante o atrás), a la `hora` local."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    paso = 1 if dias >= 0 else -1
    d = desde + timedelta(days=dias)
    while d.weekday() >= 5:
        d += timedelta(days=paso)
    return datetime(d.year, d.month, d.day, hora, 0, tzinfo=timezone.get_current_timezone())


def _cargar_demo(municipio):
    """Dos sesiones ordinarias pasadas, convocadas a su tiempo (la parte «durante», orden 52, las celebra;
    la segunda aprueba el acta de la primera y la parte «despues», orden 53, la firma y publica) y una
    próxima, convocada, con la agenda congelada: aprobación del acta de la segunda, despacho enlazado a un
    documento del registro de la demostración, informes, pedidos y orden del día con su expediente."""
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.utils import timezone

    from concejo.models import Miembro, Organo, Sesion
    from concejo.services import agenda
    from concejo.services.citacion import convocar
    from concejo.services.sesiones import crear_sesion
    from core.models import UnidadOrganica, Usuario
    from core.rendering import render_pdf
    from registro.models import Documento

    hoy = timezone.localdate()
    pleno = Organo.objects.filter(
        tipo=Organo.Tipo.PLENO, activo=True, periodo__inicio__lte=hoy, periodo__fin__gte=hoy
    ).first()
    secretario = Usuario.objects.filter(username="secretario").first()
    if pleno is None or secretario is None or Sesion.objects.filter(organo=pleno).exists():
        return
    unidad = {u.sigla: u for u in UnidadOrganica.objects.filter(sigla__in=["GM", "GDU"])}
    fecha_primera, fecha_segunda = _dia_habil_a(hoy, -30, 10), _dia_habil_a(hoy, -14, 10)
    fecha_proxima = _dia_habil_a(hoy, 10, 10)
    if not (pleno.periodo.inicio <= fecha_primera.date() and fecha_proxima.date() <= pleno.periodo.fin):
        return  # al borde del periodo: las sesiones de ejemplo caerían fuera de él
    lugar = "Salón de sesiones del Palacio Municipal"
    with transaction.atomic():
        primera = crear_sesion(
            organo=pleno, tipo="ordinaria", fecha=fecha_primera, lugar=lugar, por=secretario
        )
        agenda.agregar_punto(
            sesion=primera,
            seccion="informes",
            titulo="Informe del alcalde sobre la ejecución presupuestal del primer semestre",
            por=secretario,
        )
        agenda.agregar_punto(
            sesion=primera,
            seccion="orden_del_dia",
            titulo="Ordenanza que regula el comercio ambulatorio en el Centro Histórico",
            instrumento="ordenanza",
            unidad_proponente=unidad.get("GDU"),
            por=secretario,
        )
        agenda.agregar_punto(
            sesion=primera,
            seccion="orden_del_dia",
            titulo="Acuerdo que aprueba el convenio con "
            "la Sociedad de Beneficencia para el comedor municipal",
            instrumento="acuerdo",
            por=secretario,
        )
        convocar(sesion=primera, por=secretario, ahora=fecha_primera - timedelta(days=8))

        segunda = crear_sesion(
            organo=pleno, tipo="ordinaria", fecha=fecha_segunda, lugar=lugar, por=secretario
        )
        agenda.agregar_aprobacion_acta(sesion=segunda, acta_de=primera, por=secretario)
        agenda.agregar_punto(
            sesion=segunda,
            seccion="informes",
            titulo="Informe de la Gerencia de Desarrollo "
            "Urbano sobre el empadronamiento de comerciantes ambulantes",
            por=secretario,
        )
        agenda.agregar_punto(
            sesion=segunda,
            seccion="orden_del_dia",
            titulo="Ordenanza que modifica el artículo 2 de la ordenanza que regula el comercio ambulatorio",
            instrumento="ordenanza",
            descripcion="Amplía a un año la vigencia de la autorización municipal temporal.",
            unidad_proponente=unidad.get("GDU"),
            por=secretario,
        )
        convocar(sesion=segunda, por=secretario, ahora=fecha_segunda - timedelta(days=8))

        proxima = crear_sesion(
            organo=pleno, tipo="ordinaria", fecha=fecha_proxima, lugar=lugar, por=secretario
        )
        agenda.agregar_aprobacion_acta(sesion=proxima, acta_de=segunda, por=secretario)
        carta = (
            Documento.objects.filter(clase=Documento.Clase.ENTRADA, asunto__startswith="Invitación")
            .order_by("pk")
            .first()
        )
        if carta is not None:
            agenda.agregar_punto(
                sesion=proxima,
                seccion="despacho",
                titulo="Invitación al concejo a la ceremonia por el aniversario de la I.E. N.º 6045",
                documento=carta,
                por=secretario,
            )
        agenda.agregar_punto(
            sesion=proxima,
            seccion="informes",
            titulo="Informe de la Comisión de Obras sobre la pista de la Av. Los Próceres",
            por=secretario,
        )
        proponente = (
            Miembro.objects.filter(periodo=pleno.periodo, rol=Miembro.Rol.MIEMBRO).order_by("orden").first()
        )
        if proponente is not None:
            agenda.agregar_punto(
                sesion=proxima,
                seccion="pedidos",
                titulo="Pedido de mayor patrullaje de serenazgo en el AA.HH. Santa Rosa",
                clase="pedido",
                proponente=proponente,
                por=secretario,
            )
        propuesta = agenda.agregar_punto(
            sesion=proxima,
            seccion="orden_del_dia",
            titulo="Ordenanza que aprueba el Plan Local de Seguridad Ciudadana",
            instrumento="ordenanza",
            descripcion="Propuesta de la Gerencia Municipal con informe técnico y opinión legal.",
            unidad_proponente=unidad.get("GM"),
            por=secretario,
        )
        pdf = render_pdf(
            "documentos/generico.html",
            {
                "titulo": "Informe técnico — Plan Local de Seguridad Ciudadana",
                "parrafos": ["Se propone al Concejo Municipal aprobar el plan."],
            },
        )
        agenda.adjuntar_anexo(
            punto=propuesta,
            archivo=SimpleUploadedFile(
                "informe-tecnico-plan-seguridad.pdf", pdf, content_type="application/pdf"
            ),
            por=secretario,
        )
        agenda.agregar_punto(
            sesion=proxima,
            seccion="orden_del_dia",
            titulo="Dictamen de la Comisión de "
            "Economía sobre la exoneración de arbitrios a comedores populares",
            clase="dictamen",
            instrumento="acuerdo",
            por=secretario,
        )
        convocar(sesion=proxima, por=secretario)


registrar_cargador(51, _cargar_demo)
