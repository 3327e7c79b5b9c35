"""Menú y demostración de la parte «durante» del concejo (la sesión en vivo)."""

from concejo.integracion import CONDUCIR_SESION
from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar

registrar(Entrada("Concejo", "Sesión en vivo", "concejo:sesiones-en-vivo", CONDUCIR_SESION, 62))


def _cargar_demo(municipio):
    """Celebra, de la más antigua a la más reciente, las sesiones pasadas que carga la parte «antes» (orden
    51; si no hay ninguna, crea una): asistencia con una ausencia justificada, instalación con quórum, los
    informes tratados con intervenciones, las ordenanzas votadas en forma nominal y los acuerdos en forma
    ordinaria, aprobados con su decisión, el acta de la sesión anterior aprobada (su borrador se genera
    antes de la sesión si falta) y la sesión levantada. Todo por los servicios (con su auditoría). Las ya
    celebradas no se tocan: `secretaria demo` se puede correr dos veces."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from concejo.models import Organo, Sesion
    from concejo.services import en_vivo
    from core.models import Usuario

    hoy = timezone.localdate()
    pleno = Organo.objects.filter(
        tipo=Organo.Tipo.PLENO, activo=True, periodo__inicio__lte=hoy, periodo__fin__gte=hoy
    ).first()
    secretario = Usuario.objects.filter(username="secretario").first()
    if pleno is None or secretario is None:
        return
    pasadas = Sesion.objects.filter(organo=pleno, fecha__lt=timezone.now())
    with transaction.atomic():
        if not pasadas.exists():
            from concejo.services.agenda import agregar_punto
            from concejo.services.sesiones import crear_sesion

            sesion = crear_sesion(
                organo=pleno,
                tipo="ordinaria",
                fecha=timezone.now() - timedelta(days=14),
                lugar="Salón de sesiones",
                por=secretario,
            )
            agregar_punto(
                sesion=sesion,
                seccion="orden_del_dia",
                titulo="Ordenanza que regula el comercio ambulatorio en el Centro Histórico",
                instrumento="ordenanza",
                por=secretario,
            )
        for sesion in pasadas.filter(estado__in=en_vivo.ESTADOS_POR_INSTALAR).order_by("fecha", "pk"):
            _celebrar(sesion, por=secretario)


def _servicio_de_actas():
    """`concejo.services.actas` (la parte «despues»), o None si no está instalada."""
    import importlib
    import importlib.util

    if importlib.util.find_spec("concejo.services.actas") is None:
        return None
    return importlib.import_module("concejo.services.actas")


def _preparar_actas(sesion, por) -> set[int]:
    """Las actas que la sesión aprobará deben existir como borrador antes de votarlas (si no, confirmar la
    votación falla): se generan las que falten. Devuelve los puntos de acta que se pueden votar."""
    from concejo.models import Acta, PuntoAgenda

    actas = _servicio_de_actas()
    if actas is None:
        return set()
    votables = set()
    for punto in sesion.puntos.filter(seccion=PuntoAgenda.Seccion.ACTA, acta_de__isnull=False).select_related(
        "acta_de"
    ):
        acta = Acta.objects.filter(sesion=punto.acta_de).first()
        if acta is None and punto.acta_de.estado in actas.ESTADOS_CON_ACTA:
            acta = actas.generar_acta(sesion=punto.acta_de, por=por)
        if acta is not None and acta.estado == Acta.Estado.BORRADOR:
            votables.add(punto.pk)
    return votables


def _celebrar(sesion, *, por) -> None:
    from datetime import timedelta

    from concejo.models import PuntoAgenda, Votacion
    from concejo.services import en_vivo, votaciones

    secretario = por
    miembros = en_vivo.miembros_convocados(sesion)
    if len(miembros) < 3:
        return
    actas_votables = _preparar_actas(sesion, secretario)
    inicio = sesion.fecha
    justificado = miembros[-1]
    for m in miembros:
        if m.pk == justificado.pk:
            en_vivo.marcar_asistencia(
                sesion=sesion,
                miembro=m,
                estado="justificado",
                nota="Comisión de servicio (oficio presentado)",
                por=secretario,
            )
        elif en_vivo.estado_del_miembro(m, sesion) == "activo":
            en_vivo.marcar_asistencia(
                sesion=sesion, miembro=m, estado="presente", momento=inicio, por=secretario
            )
    alcalde = next((m for m in miembros if m.rol == "alcalde"), None)
    if not en_vivo.quorum(sesion).hay_quorum:
        en_vivo.declarar_sin_quorum(sesion=sesion, por=secretario)
        return
    en_vivo.instalar_sesion(
        sesion=sesion, preside=alcalde, ahora=inicio + timedelta(minutes=10), por=secretario
    )
    regidores = [
        m
        for m in miembros
        if m.rol != "alcalde" and m.pk != justificado.pk and en_vivo.estado_del_miembro(m, sesion) == "activo"
    ]
    formas = dict(votaciones.formas_permitidas(sesion))
    for punto in sesion.puntos.filter(estado=PuntoAgenda.Estado.PENDIENTE).order_by("orden"):
        en_vivo.tomar_punto(punto=punto, por=secretario)
        if punto.seccion in (
            PuntoAgenda.Seccion.INFORMES,
            PuntoAgenda.Seccion.DESPACHO,
            PuntoAgenda.Seccion.PEDIDOS,
        ):
            en_vivo.agregar_intervencion(
                punto=punto,
                miembro=regidores[0],
                por=secretario,
                resumen="Pide que el informe se publique en el portal de transparencia.",
            )
            en_vivo.resolver_sin_voto(punto=punto, estado=PuntoAgenda.Estado.TRATADO, por=secretario)
            continue
        if punto.seccion == PuntoAgenda.Seccion.ACTA:
            if punto.pk not in actas_votables:
                en_vivo.resolver_sin_voto(
                    punto=punto,
                    estado=PuntoAgenda.Estado.POSTERGADO,
                    por=secretario,
                    motivo="El acta anterior no se distribuyó a tiempo.",
                )
                continue
            # Confirmar «aprobado» aprueba el acta (`concejo.services.actas.al_confirmar_votacion`).
            forma = "ordinaria" if "ordinaria" in formas else next(iter(formas))
            v = votaciones.abrir_votacion(
                punto=punto, mocion=f"Aprobar: {punto.titulo}", forma=forma, por=secretario
            )
            if forma in votaciones.FORMAS_NOMINALES:
                for m in regidores:
                    votaciones.registrar_voto(votacion=v, miembro=m, sentido="a_favor", por=secretario)
            else:
                votaciones.registrar_conteo(votacion=v, a_favor=len(regidores), en_contra=0, por=secretario)
            votaciones.cerrar_votacion(votacion=v, por=secretario)
            votaciones.confirmar_votacion(votacion=v, por=secretario)
            continue
        en_vivo.agregar_intervencion(
            punto=punto,
            orador="Gerente Municipal",
            por=secretario,
            resumen="Sustenta la propuesta y el informe técnico y legal.",
        )
        en_vivo.agregar_intervencion(
            punto=punto,
            miembro=regidores[1 % len(regidores)],
            por=secretario,
            resumen="Pide precisar los plazos de adecuación.",
        )
        nominal = punto.instrumento == "ordenanza" and "nominal" in formas
        forma = "nominal" if nominal else next(iter(formas))
        v = votaciones.abrir_votacion(
            punto=punto, mocion=f"Aprobar: {punto.titulo}", forma=forma, por=secretario
        )
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
