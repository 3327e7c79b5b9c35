"""La demostración del concejo (Villa Esperanza): el cuerpo, las sesiones preparadas y convocadas, su
celebración en vivo y sus actas. `ConcejoConfig.ready()` inscribe cada cargador en `core.demo` con su orden:
cuerpo (50), sesiones (51), en vivo (52) y actas (53). Todo pasa por los servicios, con su auditoría, y
cada cargador es idempotente: `secretaria demo` se puede correr dos veces."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from concejo.models import (
    Acta,
    EstadoMiembro,
    Miembro,
    Organo,
    Periodo,
    PuntoAgenda,
    Sesion,
    Votacion,
)
from concejo.selectors.cuerpo import quorum_de
from concejo.selectors.en_vivo import estado_del_miembro, miembros_convocados
from concejo.selectors.votaciones import formas_permitidas
from concejo.services import actas, agenda, cuerpo, en_vivo, votaciones
from concejo.services.citacion import convocar
from concejo.services.sesiones import crear_sesion
from core.models import Persona, UnidadOrganica, Usuario
from core.rendering import render_pdf
from core.services.personas import registrar_persona
from registro.models import Documento

# --- El cuerpo (50) ---------------------------------------------------------------------------------
# Villa Esperanza es un distrito: el concejo lo forman el alcalde y 9 regidores (número legal 10). El
# número de regidores de cada distrito lo fija el JNE por población para cada elección (Ley 26864); 9 es
# un valor corriente para un distrito mediano y da un quórum no trivial (mitad más uno de 10 = 6).

PERIODO = ("2023-2026", date(2023, 1, 1), date(2026, 12, 31), 10)
# (DNI, nombres, apellidos, rol, partido, usuario demo)
MIEMBROS = [
    ("41230001", "Víctor Hugo", "Salazar Méndez", "alcalde", "Fuerza Vecinal", None),
    ("41230002", "Ana María", "Castillo Rojas", "miembro", "Fuerza Vecinal", "regidor"),
    ("41230003", "Pedro Pablo", "Huamán Ccori", "miembro", "Fuerza Vecinal", None),
    ("41230004", "Lucía", "Benavides Paz", "miembro", "Fuerza Vecinal", None),
    ("41230005", "Rosa", "Villanueva Ortiz", "miembro", "Fuerza Vecinal", None),
    ("41230006", "Carlos Alberto", "Ñahui Quispe", "miembro", "Fuerza Vecinal", None),
    ("41230007", "Jorge", "Palomino Reyes", "miembro", "Alianza por el Distrito", None),
    ("41230008", "Milagros", "Chávez Loayza", "miembro", "Alianza por el Distrito", None),
    ("41230009", "Raúl", "Espinoza Tello", "miembro", "Somos Villa Esperanza", None),
    ("41230010", "Teresa", "Gamarra Vílchez", "miembro", "Movimiento Regional Esperanza", None),
]
# El regidor con licencia (Jorge Palomino) y su suplente (accesitario) de la misma lista.
SUPLENTE = ("41230011", "Elena", "Mamani Soto", "Alianza por el Distrito")
COMISIONES = [
    (
        "comision_mesa",
        "Comisión de Mesa",
        "CM-MESA",
        [("41230002", "presidente"), ("41230003", "vicepresidente"), ("41230007", "secretario")],
    ),
    (
        "comision_ordinaria",
        "Comisión de Desarrollo Urbano e Infraestructura",
        "CDUI",
        [
            ("41230004", "presidente"),
            ("41230002", "vicepresidente"),
            ("41230009", "secretario"),
            ("41230010", "miembro"),
        ],
    ),
    (
        "comision_ordinaria",
        "Comisión de Administración, Presupuesto y Rentas",
        "CAPR",
        [
            ("41230005", "presidente"),
            ("41230006", "vicepresidente"),
            ("41230008", "secretario"),
            ("41230003", "miembro"),
        ],
    ),
]


def _persona(dni, nombres, apellidos):
    return Persona.objects.filter(tipo_documento="DNI", numero_documento=dni).first() or registrar_persona(
        tipo="natural",
        tipo_documento="DNI",
        numero_documento=dni,
        nombres=nombres,
        apellidos=apellidos,
        por=None,
    )


@transaction.atomic
def cargar_demo_cuerpo(municipio):
    """Periodo 2023-2026 de MDVE con su pleno, 10 miembros, la usuaria `regidor` vinculada, un regidor con
    licencia y su suplente en funciones, dos comisiones ordinarias y la Comisión de Mesa. Idempotente."""
    nombre, inicio, fin, numero_legal = PERIODO
    periodo = Periodo.objects.filter(nombre=nombre).first() or cuerpo.crear_periodo(
        nombre=nombre,
        inicio=inicio,
        fin=fin,
        numero_legal=numero_legal,
        nombre_pleno="Concejo Municipal",
        por=None,
    )
    miembros = {}
    for orden, (dni, nombres, apellidos, rol, partido, usuario) in enumerate(MIEMBROS):
        persona = _persona(dni, nombres, apellidos)
        m = Miembro.objects.filter(periodo=periodo, persona=persona).first() or cuerpo.agregar_miembro(
            periodo=periodo,
            persona=persona,
            rol=rol,
            partido=partido,
            orden=orden,
            correo=f"{usuario or dni}@villaesperanza.gob.pe",
            usuario=Usuario.objects.filter(username=usuario).first() if usuario else None,
            por=None,
        )
        miembros[dni] = m

    # Licencia de un regidor alrededor de hoy (dentro del periodo), con su suplente en funciones.
    titular = miembros["41230007"]
    hoy = min(
        max(timezone.localdate(), periodo.inicio + timedelta(days=30)), periodo.fin - timedelta(days=30)
    )
    if not titular.estados.exists():
        desde = hoy - timedelta(days=7)
        cuerpo.registrar_estado(
            miembro=titular,
            estado=EstadoMiembro.Estado.LICENCIA,
            desde=desde,
            hasta=hoy + timedelta(days=21),
            documento="Acuerdo de Concejo Nº 031-2026-MDVE",
            motivo="Licencia por salud",
            por=None,
        )
        dni, nombres, apellidos, partido = SUPLENTE
        persona = _persona(dni, nombres, apellidos)
        if not Miembro.objects.filter(periodo=periodo, persona=persona).exists():
            cuerpo.agregar_miembro(
                periodo=periodo,
                persona=persona,
                rol="miembro",
                partido=partido,
                suplente_de=titular,
                desde=desde,
                orden=len(MIEMBROS),
                correo=f"{dni}@villaesperanza.gob.pe",
                por=None,
            )

    for tipo, nombre_c, sigla, integrantes in COMISIONES:
        comision = Organo.objects.filter(periodo=periodo, nombre=nombre_c).first() or cuerpo.crear_comision(
            periodo=periodo, tipo=tipo, nombre=nombre_c, sigla=sigla, por=None
        )
        if comision.integrantes.exists():
            continue
        for dni, funcion in integrantes:
            cuerpo.agregar_integrante(comision=comision, miembro=miembros[dni], funcion=funcion, por=None)


# --- Las sesiones, preparadas y convocadas (51) -------------------------------------------------


def _dia_habil_a(desde, dias: int, hora: int):
    """Un día de semana a `dias` de `desde` (hacia adelante o atrás), a la `hora` local."""
    paso = 1 if dias >= 0 else -1
    d = desde + timedelta(days=dias)
    while d.weekday() >= 5:
        d += timedelta(days=paso)
    return datetime(d.year, d.month, d.day, hora, 0, tzinfo=timezone.get_current_timezone())


def cargar_demo_sesiones(municipio):
    """Dos sesiones ordinarias pasadas, convocadas a su tiempo (la parte «durante», orden 52, las celebra;
    la segunda aprueba el acta de la primera y la parte «despues», orden 53, la firma y publica) y una
    próxima, convocada, con la agenda congelada: aprobación del acta de la segunda, despacho enlazado a un
    documento del registro de la demostración, informes, pedidos y orden del día con su expediente."""
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


# --- La sesión en vivo (52) -------------------------------------------------------------------------


def cargar_demo_en_vivo(municipio):
    """Celebra, de la más antigua a la más reciente, las sesiones pasadas que carga la parte «antes» (orden
    51; si no hay ninguna, crea una): asistencia con una ausencia justificada, instalación con quórum, los
    informes tratados con intervenciones, las ordenanzas votadas en forma nominal y los acuerdos en forma
    ordinaria, aprobados con su decisión, el acta de la sesión anterior aprobada (su borrador se genera
    antes de la sesión si falta) y la sesión levantada. Todo por los servicios (con su auditoría). Las ya
    celebradas no se tocan: `secretaria demo` se puede correr dos veces."""
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
            sesion = crear_sesion(
                organo=pleno,
                tipo="ordinaria",
                fecha=timezone.now() - timedelta(days=14),
                lugar="Salón de sesiones",
                por=secretario,
            )
            agenda.agregar_punto(
                sesion=sesion,
                seccion="orden_del_dia",
                titulo="Ordenanza que regula el comercio ambulatorio en el Centro Histórico",
                instrumento="ordenanza",
                por=secretario,
            )
        for sesion in pasadas.filter(estado__in=en_vivo.ESTADOS_POR_INSTALAR).order_by("fecha", "pk"):
            _celebrar(sesion, por=secretario)


def _preparar_actas(sesion, por) -> set[int]:
    """Las actas que la sesión aprobará deben existir como borrador antes de votarlas (si no, confirmar la
    votación falla): se generan las que falten. Devuelve los puntos de acta que se pueden votar."""
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
    secretario = por
    miembros = miembros_convocados(sesion)
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
        elif estado_del_miembro(m, sesion) == "activo":
            en_vivo.marcar_asistencia(
                sesion=sesion, miembro=m, estado="presente", momento=inicio, por=secretario
            )
    alcalde = next((m for m in miembros if m.rol == "alcalde"), None)
    if not quorum_de(sesion).hay_quorum:
        en_vivo.declarar_sin_quorum(sesion=sesion, por=secretario)
        return
    en_vivo.instalar_sesion(
        sesion=sesion, preside=alcalde, ahora=inicio + timedelta(minutes=10), por=secretario
    )
    regidores = [
        m
        for m in miembros
        if m.rol != "alcalde" and m.pk != justificado.pk and estado_del_miembro(m, sesion) == "activo"
    ]
    formas = dict(formas_permitidas(sesion))
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


# --- Las actas (53) ---------------------------------------------------------------------------------


def cargar_demo_actas(municipio):
    """Las actas de las sesiones concluidas de la demostración: se generan las que falten (la de la primera
    sesión ya la generó la parte «durante» antes de que la segunda la aprobara); las aprobadas (por la
    votación de su punto en una sesión posterior) se firman y publican; la de la última sesión celebrada
    queda en borrador, por aprobar en la próxima. Idempotente: lo hecho no se repite."""
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
