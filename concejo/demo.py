"""La demostración del concejo (de cada país: los datos en `concejo.demo_paises`): el cuerpo, las sesiones
preparadas y convocadas, su celebración en vivo y sus actas. `ConcejoConfig.ready()` inscribe cada cargador
en `core.demo` con su orden: cuerpo (50), sesiones (51), en vivo (52) y actas (53). Todo pasa por los
servicios, con su auditoría, y cada cargador es idempotente: `secretaria demo` se puede correr dos veces."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from concejo.demo_paises import CONCEJOS, ConcejoDemo, MiembroDemo, PuntoDemo
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
from concejo.selectors.cuerpo import quorum_de, reglas_del_concejo
from concejo.selectors.en_vivo import estado_del_miembro, miembros_convocados
from concejo.selectors.votaciones import formas_permitidas, solo_dirime
from concejo.services import actas, agenda, cuerpo, en_vivo, votaciones
from concejo.services.citacion import convocar
from concejo.services.sesiones import crear_sesion
from core.demo import pais_de, unidades
from core.models import Municipio, Persona, Usuario
from core.rendering import render_pdf
from core.services.personas import registrar_persona
from registro.models import Documento


def _datos(municipio: Municipio | None = None) -> ConcejoDemo:
    """El concejo de demostración del país del municipio (el de la instalación si no se da)."""
    municipio = municipio or Municipio.objects.order_by("pk").first()
    return CONCEJOS[pais_de(municipio).codigo] if municipio is not None else CONCEJOS["PE"]


# --- El cuerpo (50) ---------------------------------------------------------------------------------


def _persona(m: MiembroDemo):
    return Persona.objects.filter(
        tipo_documento=m.tipo_documento, numero_documento=m.numero
    ).first() or registrar_persona(
        tipo="natural",
        tipo_documento=m.tipo_documento,
        numero_documento=m.numero,
        nombres=m.nombres,
        apellidos=m.apellidos,
        por=None,
    )


@transaction.atomic
def cargar_demo_cuerpo(municipio):
    """El periodo del país con su pleno y sus miembros, el usuario `regidor` vinculado, un miembro con
    licencia y su suplente en funciones y las comisiones. Idempotente."""
    datos = _datos(municipio)
    dominio = pais_de(municipio).dominio
    nombre, inicio, fin, numero_legal = datos.periodo
    periodo = Periodo.objects.filter(nombre=nombre).first() or cuerpo.crear_periodo(
        nombre=nombre,
        inicio=inicio,
        fin=fin,
        numero_legal=numero_legal,
        nombre_pleno=datos.nombre_pleno,
        por=None,
    )
    miembros = []
    for orden, dm in enumerate(datos.miembros):
        persona = _persona(dm)
        m = Miembro.objects.filter(periodo=periodo, persona=persona).first() or cuerpo.agregar_miembro(
            periodo=periodo,
            persona=persona,
            rol=dm.rol,
            partido=dm.partido,
            orden=orden,
            correo=f"{dm.usuario or dm.numero.lower()}@{dominio}",
            usuario=Usuario.objects.filter(username=dm.usuario).first() if dm.usuario else None,
            por=None,
        )
        miembros.append(m)

    # Licencia de un miembro alrededor de hoy (dentro del periodo), con su suplente en funciones.
    titular = miembros[datos.licencia]
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
            documento=datos.documento_licencia,
            motivo="Licencia por salud",
            por=None,
        )
        persona = _persona(datos.suplente)
        if not Miembro.objects.filter(periodo=periodo, persona=persona).exists():
            cuerpo.agregar_miembro(
                periodo=periodo,
                persona=persona,
                rol=datos.suplente.rol,
                partido=datos.suplente.partido,
                suplente_de=titular,
                desde=desde,
                orden=len(datos.miembros),
                correo=f"{datos.suplente.numero.lower()}@{dominio}",
                por=None,
            )

    for tipo, nombre_c, sigla, integrantes in datos.comisiones:
        comision = Organo.objects.filter(periodo=periodo, nombre=nombre_c).first() or cuerpo.crear_comision(
            periodo=periodo, tipo=tipo, nombre=nombre_c, sigla=sigla, por=None
        )
        if comision.integrantes.exists():
            continue
        for indice, funcion in integrantes:
            cuerpo.agregar_integrante(comision=comision, miembro=miembros[indice], funcion=funcion, por=None)


# --- Las sesiones, preparadas y convocadas (51) -------------------------------------------------


def _dia_habil_a(desde, dias: int, hora: int):
    """Un día de semana a `dias` de `desde` (hacia adelante o atrás), a la `hora` local."""
    paso = 1 if dias >= 0 else -1
    d = desde + timedelta(days=dias)
    while d.weekday() >= 5:
        d += timedelta(days=paso)
    return datetime(d.year, d.month, d.day, hora, 0, tzinfo=timezone.get_current_timezone())


def _mayoria(punto: PuntoDemo, fecha) -> str:
    """La mayoría del punto: la general del perfil, la primera especial del perfil o la indicada."""
    if punto.mayoria != "especial":
        return punto.mayoria
    especiales = reglas_del_concejo(timezone.localdate(fecha)).mayorias_especiales
    return especiales[0]["codigo"] if especiales else ""


def _agregar(sesion: Sesion, p: PuntoDemo, *, por, unidad_de) -> None:
    """Agrega a la agenda un punto de la demostración (despacho con la carta del registro si la hay; pedido
    con su proponente; segundo debate del punto de una sesión anterior; informe técnico adjunto)."""
    extra: dict = {}
    if p.seccion == "despacho":
        carta = (
            Documento.objects.filter(clase=Documento.Clase.ENTRADA, asunto__startswith="Invitación")
            .order_by("pk")
            .first()
        )
        if carta is None:
            return
        extra["documento"] = carta
    if p.clase == "pedido":
        proponente = (
            Miembro.objects.filter(periodo=sesion.organo.periodo, rol=Miembro.Rol.MIEMBRO)
            .order_by("orden")
            .first()
        )
        if proponente is None:
            return
        extra["proponente"] = proponente
    if p.segundo_debate_de:
        extra["primer_debate"] = PuntoAgenda.objects.get(
            sesion__organo__periodo=sesion.organo.periodo, titulo=p.segundo_debate_de, debate=1
        )
    if p.clase:
        extra["clase"] = p.clase
    if p.instrumento:
        extra["instrumento"] = p.instrumento
    if p.descripcion:
        extra["descripcion"] = p.descripcion
    if p.unidad:
        extra["unidad_proponente"] = unidad_de.get(p.unidad)
    if mayoria := _mayoria(p, sesion.fecha):
        extra["mayoria"] = mayoria
    punto = agenda.agregar_punto(sesion=sesion, seccion=p.seccion, titulo=p.titulo, por=por, **extra)
    if p.anexo:
        pdf = render_pdf(
            "documentos/generico.html",
            {"titulo": p.anexo, "parrafos": [f"Se propone al {sesion.organo.nombre} aprobar la propuesta."]},
        )
        agenda.adjuntar_anexo(
            punto=punto,
            archivo=SimpleUploadedFile(f"{slugify(p.anexo)[:80]}.pdf", pdf, content_type="application/pdf"),
            por=por,
        )


def cargar_demo_sesiones(municipio):
    """Dos sesiones ordinarias pasadas, convocadas a su tiempo (la parte «durante», orden 52, las celebra;
    la segunda aprueba el acta de la primera y la parte «despues», orden 53, la firma y publica) y una
    próxima, convocada, con la agenda congelada: aprobación del acta de la segunda, despacho enlazado a un
    documento del registro de la demostración, informes, pedidos y orden del día con su expediente."""
    datos = _datos(municipio)
    hoy = timezone.localdate()
    pleno = Organo.objects.filter(
        tipo=Organo.Tipo.PLENO, activo=True, periodo__inicio__lte=hoy, periodo__fin__gte=hoy
    ).first()
    secretario = Usuario.objects.filter(username="secretario").first()
    if pleno is None or secretario is None or Sesion.objects.filter(organo=pleno).exists():
        return
    unidad_de = unidades("GM", "GDU")
    fecha_primera, fecha_segunda = _dia_habil_a(hoy, -30, 10), _dia_habil_a(hoy, -14, 10)
    fecha_proxima = _dia_habil_a(hoy, 10, 10)
    if not (pleno.periodo.inicio <= fecha_primera.date() and fecha_proxima.date() <= pleno.periodo.fin):
        return  # al borde del periodo: las sesiones de ejemplo caerían fuera de él
    with transaction.atomic():
        primera = crear_sesion(
            organo=pleno, tipo="ordinaria", fecha=fecha_primera, lugar=datos.lugar, por=secretario
        )
        for p in datos.primera:
            _agregar(primera, p, por=secretario, unidad_de=unidad_de)
        convocar(sesion=primera, por=secretario, ahora=fecha_primera - timedelta(days=8))

        if datos.comision is not None:
            sigla, puntos = datos.comision
            fecha_comision = _dia_habil_a(hoy, -21, 9)
            comision = Organo.objects.get(periodo=pleno.periodo, sigla=sigla)
            en_comision = crear_sesion(
                organo=comision, tipo="ordinaria", fecha=fecha_comision, lugar=datos.lugar, por=secretario
            )
            for p in puntos:
                _agregar(en_comision, p, por=secretario, unidad_de=unidad_de)
            convocar(sesion=en_comision, por=secretario, ahora=fecha_comision - timedelta(days=8))

        segunda = crear_sesion(
            organo=pleno, tipo="ordinaria", fecha=fecha_segunda, lugar=datos.lugar, por=secretario
        )
        agenda.agregar_aprobacion_acta(sesion=segunda, acta_de=primera, por=secretario)
        for p in datos.segunda:
            _agregar(segunda, p, por=secretario, unidad_de=unidad_de)
        convocar(sesion=segunda, por=secretario, ahora=fecha_segunda - timedelta(days=8))

        proxima = crear_sesion(
            organo=pleno, tipo="ordinaria", fecha=fecha_proxima, lugar=datos.lugar, por=secretario
        )
        agenda.agregar_aprobacion_acta(sesion=proxima, acta_de=segunda, por=secretario)
        for p in datos.proxima:
            _agregar(proxima, p, por=secretario, unidad_de=unidad_de)
        convocar(sesion=proxima, por=secretario)


# --- La sesión en vivo (52) -------------------------------------------------------------------------


def cargar_demo_en_vivo(municipio):
    """Celebra, de la más antigua a la más reciente, las sesiones pasadas que carga la parte «antes» (orden
    51; si no hay ninguna, crea una): asistencia con una ausencia justificada, instalación con quórum, los
    informes tratados con intervenciones, los puntos del orden del día votados según su guion (nominal donde
    el perfil lo admite; el empate resuelto como manda el perfil), el acta de la sesión anterior aprobada
    (su borrador se genera antes de la sesión si falta) y la sesión levantada. Todo por los servicios (con
    su auditoría). Las ya celebradas no se tocan: `secretaria demo` se puede correr dos veces."""
    datos = _datos(municipio)
    hoy = timezone.localdate()
    pleno = Organo.objects.filter(
        tipo=Organo.Tipo.PLENO, activo=True, periodo__inicio__lte=hoy, periodo__fin__gte=hoy
    ).first()
    secretario = Usuario.objects.filter(username="secretario").first()
    if pleno is None or secretario is None:
        return
    # Las del pleno y las de sus comisiones (donde la demostración tiene una), de la más antigua a la última.
    pasadas = Sesion.objects.filter(organo__periodo=pleno.periodo, fecha__lt=timezone.now())
    with transaction.atomic():
        if not pasadas.exists():
            sesion = crear_sesion(
                organo=pleno,
                tipo="ordinaria",
                fecha=timezone.now() - timedelta(days=14),
                lugar="Salón de sesiones",
                por=secretario,
            )
            norma = next(p for p in datos.primera if p.instrumento)
            agenda.agregar_punto(
                sesion=sesion,
                seccion="orden_del_dia",
                titulo=norma.titulo,
                instrumento=norma.instrumento,
                por=secretario,
            )
        for sesion in pasadas.filter(estado__in=en_vivo.ESTADOS_POR_INSTALAR).order_by("fecha", "pk"):
            _celebrar(sesion, datos, por=secretario)


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


def _sentidos(guion: str, votantes: list[Miembro]) -> dict[int, str]:
    """Cómo vota cada quien según el guion del punto (los votantes en su orden; el alcalde primero donde
    vota, así su voto de calidad es el del lado a favor)."""
    n = len(votantes)
    if guion == "empate":
        # Tantos a favor como en contra; si son impares, el último se abstiene.
        pares = n - n % 2
        return {
            m.pk: ("a_favor" if i < pares // 2 else "en_contra" if i < pares else "abstencion")
            for i, m in enumerate(votantes)
        }
    if guion == "calificada":
        return {m.pk: ("en_contra" if i == n - 1 else "a_favor") for i, m in enumerate(votantes)}
    if guion == "unanimidad":
        return {m.pk: "a_favor" for m in votantes}
    return {
        m.pk: ("en_contra" if i == n - 1 else ("abstencion" if i == 2 else "a_favor"))
        for i, m in enumerate(votantes)
    }


def _votar(punto, *, guion: str, formas: dict, votantes: list[Miembro], por) -> None:
    """Vota el punto según su guion hasta tener un resultado: con el voto dirimente de quien preside si el
    perfil lo da (el suyo propio si ya votó), o repitiendo la votación empatada si el perfil lo manda."""
    if guion == "unanimidad" or "nominal" not in formas:
        forma = next(iter(formas))
    else:
        forma = "nominal"
    sentidos = _sentidos(guion, votantes)
    for _intento in range(3):
        v = votaciones.abrir_votacion(punto=punto, mocion=f"Aprobar: {punto.titulo}", forma=forma, por=por)
        if forma in votaciones.FORMAS_NOMINALES:
            for m in votantes:
                votaciones.registrar_voto(votacion=v, miembro=m, sentido=sentidos[m.pk], por=por)
        else:
            cuenta = list(sentidos.values())
            votaciones.registrar_conteo(
                votacion=v,
                a_favor=cuenta.count("a_favor"),
                en_contra=cuenta.count("en_contra"),
                abstenciones=cuenta.count("abstencion"),
                por=por,
            )
        votaciones.cerrar_votacion(votacion=v, por=por)
        v.refresh_from_db()
        if v.calculo.get("necesita_dirimente"):
            propio = (
                v.votos.filter(miembro=v.sesion.preside_id or 0).values_list("sentido", flat=True).first()
            )
            votaciones.registrar_dirimente(
                votacion=v, sentido=propio if propio in ("a_favor", "en_contra") else "a_favor", por=por
            )
        votaciones.confirmar_votacion(votacion=v, por=por)
        if Votacion.objects.get(pk=v.pk).resultado != Votacion.Resultado.EMPATE:
            return
    en_vivo.resolver_sin_voto(punto=punto, estado=PuntoAgenda.Estado.POSTERGADO, por=por)


def _celebrar(sesion, datos: ConcejoDemo, *, por) -> None:
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
    if datos.preside is not None:
        preside = next((m for m in miembros if m.orden == datos.preside), None)
    else:
        preside = next((m for m in miembros if m.rol == "alcalde"), None)
    if not quorum_de(sesion).hay_quorum:
        en_vivo.declarar_sin_quorum(sesion=sesion, por=secretario)
        return
    en_vivo.instalar_sesion(
        sesion=sesion, preside=preside, ahora=inicio + timedelta(minutes=10), por=secretario
    )
    en_sala = [m for m in miembros if m.pk != justificado.pk and estado_del_miembro(m, sesion) == "activo"]
    # Votan los que están en sala, salvo el alcalde donde solo dirime (Perú).
    votantes = [m for m in en_sala if not solo_dirime(m, sesion)]
    regidores = [m for m in en_sala if m.rol != "alcalde"]
    guiones = {p.titulo: p.guion for p in (*datos.primera, *datos.segunda, *datos.proxima)}
    if datos.comision is not None:
        guiones.update({p.titulo: p.guion for p in datos.comision[1]})
    formas = dict(formas_permitidas(sesion))
    apoyo, orador, pedido = datos.intervenciones
    for punto in sesion.puntos.filter(estado=PuntoAgenda.Estado.PENDIENTE).order_by("orden"):
        en_vivo.tomar_punto(punto=punto, por=secretario)
        if punto.seccion in (
            PuntoAgenda.Seccion.INFORMES,
            PuntoAgenda.Seccion.DESPACHO,
            PuntoAgenda.Seccion.PEDIDOS,
        ):
            en_vivo.agregar_intervencion(punto=punto, miembro=regidores[0], por=secretario, resumen=apoyo)
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
            _votar(punto, guion="unanimidad", formas=formas, votantes=votantes, por=secretario)
            continue
        en_vivo.agregar_intervencion(punto=punto, orador=datos.orador, por=secretario, resumen=orador)
        en_vivo.agregar_intervencion(
            punto=punto, miembro=regidores[1 % len(regidores)], por=secretario, resumen=pedido
        )
        _votar(
            punto,
            guion=guiones.get(punto.titulo, "mayoria"),
            formas=formas,
            votantes=votantes,
            por=secretario,
        )
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
