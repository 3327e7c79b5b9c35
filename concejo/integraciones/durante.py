"""Menú y demostración de la parte «durante» del concejo (la sesión en vivo)."""

from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar
from concejo.integracion import CONDUCIR_SESION

registrar(Entrada("Concejo", "Sesión en vivo", "concejo:sesiones-en-vivo", CONDUCIR_SESION, 62))


def _cargar_demo(municipio):
    """Celebra la sesión pasada que carga la parte «antes» (orden 51; si no está, crea una): asistencia
    con una ausencia justificada, instalación con quórum, un informe tratado con intervenciones, la
    ordenanza votada en forma nominal y el acuerdo en forma ordinaria, ambos aprobados con su decisión,
    y la sesión levantada. Todo por los servicios (con su auditoría). Si ya se celebró, no hace nada."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from concejo.models import Organo, PuntoAgenda, Sesion, Votacion
    from concejo.services import en_vivo, votaciones
    from core.models import Usuario

    hoy = timezone.localdate()
    pleno = Organo.objects.filter(tipo=Organo.Tipo.PLENO, activo=True, periodo__inicio__lte=hoy,
                                  periodo__fin__gte=hoy).first()
    secretario = Usuario.objects.filter(username="secretario").first()
    if pleno is None or secretario is None:
        return
    sesion = Sesion.objects.filter(organo=pleno, fecha__lt=timezone.now()).order_by("-fecha").first()
    if sesion is not None and sesion.estado not in en_vivo.ESTADOS_POR_INSTALAR:
        return  # ya celebrada (o cancelada): `secretaria demo` se puede correr dos veces
    with transaction.atomic():
        if sesion is None:
            from concejo.services.agenda import agregar_punto
            from concejo.services.sesiones import crear_sesion

            sesion = crear_sesion(organo=pleno, tipo="ordinaria", fecha=timezone.now() - timedelta(days=14),
                                  lugar="Salón de sesiones", por=secretario)
            agregar_punto(sesion=sesion, seccion="orden_del_dia", titulo="Ordenanza que regula el comercio "
                          "ambulatorio en el Centro Histórico", instrumento="ordenanza", por=secretario)
        miembros = en_vivo.miembros_convocados(sesion)
        if len(miembros) < 3:
            return
        inicio = sesion.fecha
        justificado = miembros[-1]
        for m in miembros:
            if m.pk == justificado.pk:
                en_vivo.marcar_asistencia(sesion=sesion, miembro=m, estado="justificado",
                                          nota="Comisión de servicio (oficio presentado)", por=secretario)
            elif en_vivo.estado_del_miembro(m, sesion) == "activo":
                en_vivo.marcar_asistencia(sesion=sesion, miembro=m, estado="presente", momento=inicio,
                                          por=secretario)
        alcalde = next((m for m in miembros if m.rol == "alcalde"), None)
        if not en_vivo.quorum(sesion).hay_quorum:
            en_vivo.declarar_sin_quorum(sesion=sesion, por=secretario)
            return
        en_vivo.instalar_sesion(sesion=sesion, preside=alcalde, ahora=inicio + timedelta(minutes=10),
                                por=secretario)
        regidores = [m for m in miembros if m.rol != "alcalde" and m.pk != justificado.pk
                     and en_vivo.estado_del_miembro(m, sesion) == "activo"]
        formas = dict(votaciones.formas_permitidas(sesion))
        for punto in sesion.puntos.filter(estado=PuntoAgenda.Estado.PENDIENTE).order_by("orden"):
            en_vivo.tomar_punto(punto=punto, por=secretario)
            if punto.seccion in (PuntoAgenda.Seccion.INFORMES, PuntoAgenda.Seccion.DESPACHO,
                                 PuntoAgenda.Seccion.PEDIDOS):
                en_vivo.agregar_intervencion(punto=punto, miembro=regidores[0], por=secretario,
                                             resumen="Pide que el informe se publique en el portal de transparencia.")
                en_vivo.resolver_sin_voto(punto=punto, estado=PuntoAgenda.Estado.TRATADO, por=secretario)
                continue
            if punto.seccion == PuntoAgenda.Seccion.ACTA:
                en_vivo.resolver_sin_voto(punto=punto, estado=PuntoAgenda.Estado.POSTERGADO, por=secretario,
                                          motivo="El acta anterior no se distribuyó a tiempo.")
                continue
            en_vivo.agregar_intervencion(punto=punto, orador="Gerente Municipal", por=secretario,
                                         resumen="Sustenta la propuesta y el informe técnico y legal.")
            en_vivo.agregar_intervencion(punto=punto, miembro=regidores[1 % len(regidores)], por=secretario,
                                         resumen="Pide precisar los plazos de adecuación.")
            nominal = punto.instrumento == "ordenanza" and "nominal" in formas
            forma = "nominal" if nominal else next(iter(formas))
            v = votaciones.abrir_votacion(punto=punto, mocion=f"Aprobar: {punto.titulo}", forma=forma,
                                          por=secretario)
            if forma in votaciones.FORMAS_NOMINALES:
                for i, m in enumerate(regidores):
                    sentido = "en_contra" if i == len(regidores) - 1 else ("abstencion" if i == 2 else "a_favor")
                    votaciones.registrar_voto(votacion=v, miembro=m, sentido=sentido, por=secretario)
            else:
                votaciones.registrar_conteo(votacion=v, a_favor=len(regidores), en_contra=0, por=secretario)
            votaciones.cerrar_votacion(votacion=v, por=secretario)
            v.refresh_from_db()
            if v.calculo.get("necesita_dirimente"):
                votaciones.registrar_dirimente(votacion=v, sentido="a_favor", por=secretario)
            votaciones.confirmar_votacion(votacion=v, por=secretario)
            if Votacion.objects.get(pk=v.pk).resultado == "empate":
                en_vivo.resolver_sin_voto(punto=punto, estado=PuntoAgenda.Estado.POSTERGADO, por=secretario)
        en_vivo.levantar_sesion(sesion=sesion, ahora=inicio + timedelta(hours=2, minutes=30), por=secretario)


registrar_cargador(52, _cargar_demo)
