"""Menú y demostración de la parte «despues» del concejo (actas y sesiones realizadas)."""

from concejo.integracion import VER_CONCEJO
from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar

registrar(Entrada("Concejo", "Actas", "concejo:actas", VER_CONCEJO, 65))
registrar(Entrada("Concejo", "Sesiones realizadas (portal)", "concejo:realizadas", VER_CONCEJO, 66))


def _cargar_demo(municipio):
    """Las actas de las sesiones concluidas de la demostración: se generan las que falten (la de la primera
    sesión ya la generó la parte «durante» antes de que la segunda la aprobara); las aprobadas (por la
    votación de su punto en una sesión posterior) se firman y publican; la de la última sesión celebrada
    queda en borrador, por aprobar en la próxima. Idempotente: lo hecho no se repite."""
    from django.db import transaction

    from concejo.models import Acta, Sesion, Votacion
    from concejo.services import actas
    from core.models import Usuario

    por = Usuario.objects.filter(username="secretario").first()
    with transaction.atomic():
        for sesion in Sesion.objects.filter(estado__in=actas.ESTADOS_CON_ACTA).order_by("fecha"):
            if not Acta.objects.filter(sesion=sesion).exists():
                actas.generar_acta(sesion=sesion, por=por)
        for votacion in Votacion.objects.filter(
            punto__seccion="acta",
            estado=Votacion.Estado.CONFIRMADA,
            resultado=Votacion.Resultado.APROBADO,
            punto__acta_de__acta__estado=Acta.Estado.BORRADOR,
        ):
            actas.al_confirmar_votacion(votacion, por=por)
        for acta in Acta.objects.filter(estado=Acta.Estado.APROBADA):
            actas.firmar_acta(acta=acta, por=por)
        for acta in Acta.objects.filter(estado=Acta.Estado.FIRMADA):
            actas.publicar_acta(acta=acta, por=por)


registrar_cargador(53, _cargar_demo)
