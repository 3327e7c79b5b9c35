"""Datos de prueba de la parte «despues»: una sesión ya realizada con todo lo que el acta cuenta, y la
sesión siguiente con el punto de aprobación de esa acta. Se crean con el ORM (el registro de la sesión es
de las partes «antes» y «durante»; aquí solo hace falta que exista)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from concejo.models import Asistencia, Decision, Intervencion, Miembro, PuntoAgenda, Sesion, Votacion, Voto
from concejo.tests.factories import PuntoFactory, SesionFactory, concejo_completo

QUORUM = {
    "hay_quorum": True,
    "presentes": 5,
    "requerido": 4,
    "base": "habiles",
    "base_numero": 6,
    "regla": "mitad_mas_uno_habiles",
    "explicacion": "El quórum es la mitad más uno de los 6 miembros hábiles: 4.",
}
CALCULO = {
    "resultado": "aprobado",
    "requerido": 3,
    "base": "presentes",
    "base_numero": 5,
    "regla": "simple_presentes",
    "desempate": "",
    "necesita_dirimente": False,
    "explicacion": "Mayoría simple de los presentes: 3 votos a favor de 5 presentes superan a 1 en contra.",
}


def sesion_realizada(*, regidores: int = 5, organo=None, numero: int = 7) -> Sesion:
    """Sesión ordinaria de hace una semana, levantada: 5 presentes (uno llegó tarde, otro se retiró),
    un ausente; dos puntos, intervenciones, una votación nominal aprobada con su decisión y una ordinaria."""
    pleno = organo or concejo_completo(regidores=regidores)
    inicio = (timezone.now() - timedelta(days=7)).replace(hour=15, minute=0, second=0, microsecond=0)
    miembros = list(pleno.periodo.miembros.select_related("persona").order_by("orden", "id"))
    alcalde = next((m for m in miembros if m.rol == Miembro.Rol.ALCALDE), miembros[0])
    sesion = SesionFactory(
        organo=pleno,
        numero=numero,
        fecha=inicio,
        estado=Sesion.Estado.LEVANTADA,
        instalada_en=inicio + timedelta(minutes=10),
        levantada_en=inicio + timedelta(hours=2),
        quorum=QUORUM,
        preside=alcalde,
        lugar="Salón consistorial",
    )
    for i, m in enumerate(miembros):
        estado = Asistencia.Estado.PRESENTE if i < 5 else Asistencia.Estado.AUSENTE
        Asistencia.objects.create(
            sesion=sesion,
            miembro=m,
            estado=estado,
            llegada=inicio + timedelta(minutes=40) if i == 3 else None,
            retiro=inicio + timedelta(minutes=90) if i == 4 else None,
            nota="Comisión de servicio" if i == 5 else "",
        )
    p1 = PuntoFactory(
        sesion=sesion,
        orden=1,
        titulo="Ordenanza de ornato",
        descripcion="Propuesta de la GDU.",
        estado=PuntoAgenda.Estado.APROBADO,
        instrumento="ordenanza",
    )
    p2 = PuntoFactory(
        sesion=sesion,
        orden=2,
        titulo="Pedido de informe sobre limpieza pública",
        estado=PuntoAgenda.Estado.RECHAZADO,
    )
    Intervencion.objects.create(punto=p1, miembro=miembros[1], resumen="Pide precisar las multas.", orden=1)
    Intervencion.objects.create(
        punto=p1, orador="Gerente de Desarrollo Urbano", resumen="Explica el alcance.", orden=2
    )
    v1 = Votacion.objects.create(
        sesion=sesion,
        punto=p1,
        numero=1,
        mocion="Aprobar la ordenanza de ornato",
        forma=Votacion.Forma.NOMINAL,
        mayoria="simple_presentes",
        estado=Votacion.Estado.CONFIRMADA,
        calculo=CALCULO,
        resultado=Votacion.Resultado.APROBADO,
        a_favor=3,
        en_contra=1,
        abstenciones=1,
    )
    sentidos = [
        Voto.Sentido.A_FAVOR,
        Voto.Sentido.A_FAVOR,
        Voto.Sentido.A_FAVOR,
        Voto.Sentido.EN_CONTRA,
        Voto.Sentido.ABSTENCION,
    ]
    for m, sentido in zip(miembros, sentidos, strict=False):
        Voto.objects.create(
            votacion=v1,
            miembro=m,
            sentido=sentido,
            fundamento="Las multas son altas." if sentido == Voto.Sentido.EN_CONTRA else "",
        )
    Decision.objects.create(
        sesion=sesion,
        punto=p1,
        votacion=v1,
        instrumento="ordenanza",
        resumen="Aprobar la Ordenanza de ornato del distrito.",
    )
    Votacion.objects.create(
        sesion=sesion,
        punto=p2,
        numero=2,
        mocion="Aprobar el pedido de informe",
        forma=Votacion.Forma.ORDINARIA,
        mayoria="simple_presentes",
        estado=Votacion.Estado.CONFIRMADA,
        resultado=Votacion.Resultado.RECHAZADO,
        a_favor=1,
        en_contra=4,
        calculo={**CALCULO, "resultado": "rechazado", "explicacion": "1 a favor no supera 4 en contra."},
    )
    return sesion


def votacion_de_aprobacion(
    sesion: Sesion,
    *,
    resultado=Votacion.Resultado.APROBADO,
    estado=Votacion.Estado.CONFIRMADA,
    dias_despues: int = 7,
) -> Votacion:
    """La sesión siguiente del mismo órgano con el punto «aprobación del acta» y su votación."""
    siguiente = SesionFactory(
        organo=sesion.organo,
        numero=sesion.numero + 1,
        fecha=sesion.fecha + timedelta(days=dias_despues),
        estado=Sesion.Estado.INSTALADA,
    )
    punto = PuntoFactory(
        sesion=siguiente,
        orden=1,
        seccion=PuntoAgenda.Seccion.ACTA,
        clase=PuntoAgenda.Clase.ACTA,
        acta_de=sesion,
        titulo=f"Aprobación del acta de la sesión Nº {sesion.numero}",
    )
    return Votacion.objects.create(
        sesion=siguiente,
        punto=punto,
        numero=1,
        mocion="Aprobar el acta",
        forma=Votacion.Forma.ORDINARIA,
        mayoria="simple_presentes",
        estado=estado,
        resultado=resultado,
        a_favor=5,
    )
