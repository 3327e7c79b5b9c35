"""La pantalla de la sesión en vivo (/concejo/sesiones/<pk>/en-vivo/): asistencia, quórum, puntos,
debate y votaciones. Cada acción es un POST que con HTMX devuelve el fragmento que cambió (el tablero
entero, o solo el panel de la votación al anotar un voto); sin JavaScript redirige a la página."""

from __future__ import annotations

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from concejo.models import PuntoAgenda, Sesion, Votacion, Voto
from concejo.permissions import (
    CONDUCIR_SESION,
    miembro_de,
    obtener_punto,
    obtener_sesion_en_vivo,
    obtener_votacion,
    sesiones_visibles,
)
from concejo.selectors.cuerpo import quorums_de, situacion_en_cache
from concejo.selectors.en_vivo import lista_de_asistencia, miembros_convocados
from concejo.selectors.votaciones import (
    con_reconsideracion,
    en_sala,
    faltan_votar,
    formas_permitidas,
    mayorias,
    quien_dirime,
    reglas_de_la_sesion,
    solo_dirime,
)
from concejo.services import en_vivo, votaciones
from core.services.perfiles import reglas_locales_en_cache


def reglas_en_cache(vista):
    """Durante la solicitud, el perfil (municipio y reglas locales) se lee una vez: el quórum y cada
    resultado releen las reglas del concejo varias veces."""

    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        with reglas_locales_en_cache():
            return vista(request, *args, **kwargs)

    return envuelta


def entero(valor, campo: str) -> int:
    try:
        return int(str(valor).strip() or "0")
    except ValueError:
        raise ValidationError({campo: ["Escriba un número entero de cero o más."]}) from None


def contexto(sesion: Sesion) -> dict:
    """Todo lo que muestra el tablero de la sesión en vivo."""
    sesion = Sesion.objects.select_related("organo", "organo__periodo", "preside__persona").get(pk=sesion.pk)
    puntos = list(sesion.puntos.prefetch_related("intervenciones__miembro__persona").order_by("orden"))
    votacion = (
        sesion.votaciones.filter(estado__in=[Votacion.Estado.ABIERTA, Votacion.Estado.CERRADA])
        .select_related("punto")
        .first()
    )
    asistencia = lista_de_asistencia(sesion)
    en_curso = sesion.estado in en_vivo.ESTADOS_EN_CURSO
    quorums = quorums_de(sesion)
    return {
        "sesion": sesion,
        "asistencia": asistencia,
        "presentes": [f.miembro for f in asistencia if f.en_sala],
        "miembros": [f.miembro for f in asistencia],
        "quorum": quorums["decidir"],
        "quorum_deliberar": quorums["deliberar"],
        "puntos": puntos,
        "punto_actual": next((p for p in puntos if p.estado == PuntoAgenda.Estado.EN_DEBATE), None),
        "por_instalar": sesion.estado in en_vivo.ESTADOS_POR_INSTALAR,
        "en_curso": en_curso,
        "instalada": sesion.estado == Sesion.Estado.INSTALADA,
        "estados_asistencia": [
            ("presente", "Presente"),
            ("ausente", "Ausente"),
            ("justificado", "Justificado"),
            ("licencia", "Licencia"),
        ],
        "resoluciones": [(e.value, e.label) for e in en_vivo.RESOLUCIONES_SIN_VOTO],
        "formas": formas_permitidas(sesion) if en_curso else [],
        "mayorias": mayorias(),
        "reconsiderables": votaciones.votaciones_reconsiderables(sesion) if en_curso else [],
        "confirmadas": con_reconsideracion(
            sesion.votaciones.exclude(estado__in=[Votacion.Estado.ABIERTA, Votacion.Estado.CERRADA])
            .select_related("punto", "sesion__organo__periodo", "reconsideracion_pedida_por__persona")
            .order_by("numero")
        ),
        **contexto_votacion(votacion),
    }


def contexto_votacion(votacion: Votacion | None) -> dict:
    """El panel de la votación activa: votos por miembro, quién falta y el resultado calculado."""
    if votacion is None:
        return {"votacion": None}
    sesion = votacion.sesion
    # Si la votación viene de recalcular su resultado (anotar un voto), la sala y los votos ya están leídos.
    lectura = getattr(votacion, "lectura_del_resultado", None)
    if lectura is not None:
        votos, sala = lectura.votos_por_miembro(votacion), set(lectura.en_sala)
    else:
        votos, sala = {v.miembro_id: v for v in votacion.votos.all()}, en_sala(sesion)
    reglas = reglas_de_la_sesion(sesion)
    filas = []
    convocados = miembros_convocados(sesion)
    por_pk = {m.pk: m for m in convocados}
    for miembro in convocados:
        if miembro.pk not in sala and miembro.pk not in votos:
            continue
        filas.append(
            {
                "miembro": miembro,
                "voto": votos.get(miembro.pk),
                "solo_dirime": solo_dirime(miembro, sesion, reglas),
                "en_sala": miembro.pk in sala,
            }
        )
    nominal = votacion.forma in votaciones.FORMAS_NOMINALES
    if nominal and votacion.estado == Votacion.Estado.ABIERTA:
        url_voto = escape(reverse("concejo:votacion-voto", args=[votacion.pk]))
        razonada = votacion.forma == Votacion.Forma.NOMINAL_RAZONADA
        etiquetas = {valor: escape(etiqueta) for valor, etiqueta in Voto.Sentido.choices}
        for fila in filas:
            fila["html"] = _fila_de_voto(fila, url_voto=url_voto, razonada=razonada, etiquetas=etiquetas)
    faltan = []
    if nominal and votacion.estado == Votacion.Estado.ABIERTA:
        # Lo mismo que `faltan_votar`, con los votos, la sala y los miembros ya leídos; si alguien en sala
        # no está entre los convocados (caso raro), se pregunta a la base como allí.
        pendientes = sala - set(votos)
        if pendientes <= por_pk.keys():
            faltan = sorted(
                (por_pk[pk] for pk in pendientes if not solo_dirime(por_pk[pk], sesion, reglas)),
                key=lambda m: (m.orden, m.pk),
            )
        else:
            faltan = faltan_votar(votacion)
    return {
        "votacion": votacion,
        "nominal": nominal,
        "filas_voto": filas,
        "faltan": faltan,
        "calculo": votacion.calculo or {},
        "mayoria_nombre": mayorias().get(votacion.mayoria, votacion.mayoria),
        # Quien preside suele estar entre los convocados ya leídos; si no, `quien_dirime` lo consulta.
        "dirime": por_pk.get(sesion.preside_id) or quien_dirime(sesion),
        "sentidos": SENTIDOS,
    }


SENTIDOS = [
    ("a_favor", "A favor"),
    ("en_contra", "En contra"),
    ("abstencion", "Abstención"),
    ("inhibido", "Se inhibe"),
]
# Los botones de voto de cada fila, con sus textos ya escapados (constantes).
_BOTONES = [(valor, escape(etiqueta)) for valor, etiqueta in SENTIDOS]


def _fila_de_voto(fila: dict, *, url_voto: str, razonada: bool, etiquetas: dict[str, str]) -> str:
    """La fila de un miembro en el panel de una votación nominal abierta: nombre, su voto y los cuatro
    botones (y el fundamento si es razonada). Se arma en Python, escapando cada dato una vez: son 40 filas
    por voto anotado, y con etiquetas de plantilla y `format_html` costaban más que anotar el voto."""
    miembro, voto = fila["miembro"], fila["voto"]
    pk, nombre = int(miembro.pk), escape(str(miembro))
    actual = voto.sentido if voto is not None else ""
    partes = [
        f'<li class="fila-miembro" data-votante="{pk}" data-sentido="{escape(actual)}">\n'
        '<div class="d-flex flex-wrap justify-content-between align-items-center gap-2">\n'
        f"<span>{nombre}"
    ]
    if voto is not None:
        partes.append(f" — <strong>{etiquetas.get(actual, escape(actual))}</strong>")
    partes.append("</span>\n")
    votante = fila["en_sala"] and not fila["solo_dirime"]
    if fila["solo_dirime"]:
        partes.append('<small class="text-body-secondary">Solo voto dirimente</small>\n')
    elif fila["en_sala"]:
        partes.append(f'<div class="btn-group flex-wrap" role="group" aria-label="Voto de {nombre}">\n')
        for valor, etiqueta in _BOTONES:
            pulsado = actual == valor
            partes.append(
                f'<button type="button" class="btn btn-voto {"btn-primary" if pulsado else "btn-outline-primary"}" '
                f'hx-post="{url_voto}" hx-vals=\'{{"miembro": "{pk}", "sentido": "{valor}"}}\' '
                f'hx-include="#fundamento-{pk}" hx-target="#votacion" hx-swap="outerHTML" '
                f'aria-pressed="{"true" if pulsado else "false"}" aria-label="{etiqueta}: {nombre}" '
                f'data-votar="{valor}">{etiqueta}</button>\n'
            )
        partes.append("</div>\n")
    partes.append("</div>\n")
    if razonada and votante:
        fundamento = escape(voto.fundamento) if voto is not None else ""
        partes.append(
            f'<label class="visually-hidden" for="fundamento-{pk}">Fundamento del voto de {nombre}</label>\n'
            f'<input type="text" name="fundamento" id="fundamento-{pk}" class="form-control form-control-sm mt-1" '
            f'placeholder="Fundamento del voto" value="{fundamento}" maxlength="5000">\n'
        )
    partes.append("</li>\n")
    return mark_safe("".join(partes))  # noqa: S308 - cada dato va escapado arriba


def _pagina(request, sesion):
    return redirect("concejo:sesion-en-vivo", pk=sesion.pk)


def _responder(
    request,
    sesion,
    *,
    exito: str = "",
    error: ValidationError | None = None,
    parcial="tablero",
    votacion=None,
    releer=True,
):
    """Con HTMX, el fragmento actualizado (400 si hubo error, con el mensaje); sin él, vuelve a la página."""
    mensaje_error = " ".join(error.messages) if error is not None else ""
    if not request.htmx:
        if mensaje_error:
            messages.error(request, mensaje_error)
        elif exito:
            messages.success(request, exito)
        return _pagina(request, sesion)
    if parcial == "votacion" and votacion is not None:
        # Relee lo que el servicio cambió sin soltar la sesión, el órgano y el periodo ya cargados (salvo que
        # quien llama ya traiga lo cambiado: `releer=False`).
        if releer:
            votacion.refresh_from_db(
                fields=[
                    f.attname
                    for f in votacion._meta.concrete_fields
                    if f.attname not in ("id", "sesion_id", "punto_id")
                ]
            )
        datos = {"sesion": votacion.sesion, **contexto_votacion(votacion)}
    else:
        datos = contexto(sesion)
    datos.update({"aviso": exito, "error": mensaje_error})
    return render(request, f"concejo/durante/en_vivo.html#{parcial}", datos, status=400 if error else 200)


def _accion(request, destino, funcion, exito: str, **kwargs):
    """Llama al servicio con los argumentos dados y responde sobre la sesión `destino`."""
    try:
        funcion(por=request.user, **kwargs)
    except ValidationError as e:
        return _responder(request, destino, error=e)
    return _responder(request, destino, exito=exito)


@login_required
@reglas_en_cache
@require_GET
def sesiones_en_vivo(request):
    if not request.user.has_perm(CONDUCIR_SESION):
        raise PermissionDenied("Solo la Secretaría conduce la sesión en vivo.")
    estados = [*en_vivo.ESTADOS_POR_INSTALAR, *en_vivo.ESTADOS_EN_CURSO]
    sesiones = (
        sesiones_visibles(request.user)
        .filter(estado__in=estados)
        .select_related("organo")
        .order_by("fecha")[:50]
    )
    return render(request, "concejo/durante/sesiones.html", {"sesiones": sesiones})


@login_required
@reglas_en_cache
@require_GET
def sesion_en_vivo(request, pk: int):
    sesion = obtener_sesion_en_vivo(request.user, pk)
    if request.htmx:
        return render(request, "concejo/durante/en_vivo.html#tablero", contexto(sesion))
    return render(request, "concejo/durante/en_vivo.html", contexto(sesion))


@login_required
@reglas_en_cache
@require_POST
def asistencia_marcar(request, pk: int):
    sesion = obtener_sesion_en_vivo(request.user, pk)
    try:
        miembro = miembro_de(sesion, request.POST.get("miembro"))
        fila = en_vivo.marcar_asistencia(
            sesion=sesion,
            miembro=miembro,
            estado=request.POST.get("estado", ""),
            nota=request.POST.get("nota", ""),
            por=request.user,
        )
    except ValidationError as e:
        return _responder(request, sesion, error=e)
    return _responder(request, sesion, exito=f"{miembro}: {fila.get_estado_display().lower()}.")


@login_required
@reglas_en_cache
@require_POST
def asistencia_retiro(request, pk: int):
    sesion = obtener_sesion_en_vivo(request.user, pk)
    try:
        miembro = miembro_de(sesion, request.POST.get("miembro"))
        en_vivo.registrar_retiro(sesion=sesion, miembro=miembro, por=request.user)
    except ValidationError as e:
        return _responder(request, sesion, error=e)
    return _responder(request, sesion, exito=f"Se anotó el retiro de {miembro}.")


@login_required
@reglas_en_cache
@require_POST
def sesion_instalar(request, pk: int):
    sesion = obtener_sesion_en_vivo(request.user, pk)
    try:
        preside = miembro_de(sesion, request.POST["preside"]) if request.POST.get("preside") else None
        en_vivo.instalar_sesion(sesion=sesion, preside=preside, por=request.user)
    except ValidationError as e:
        return _responder(request, sesion, error=e)
    return _responder(request, sesion, exito="Sesión instalada con quórum.")


@login_required
@reglas_en_cache
@require_POST
def sesion_sin_quorum(request, pk: int):
    sesion = obtener_sesion_en_vivo(request.user, pk)
    return _accion(
        request,
        sesion,
        en_vivo.declarar_sin_quorum,
        "Queda constancia: la sesión no se instaló por falta de quórum.",
        sesion=sesion,
    )


@login_required
@reglas_en_cache
@require_POST
def sesion_suspender(request, pk: int):
    sesion = obtener_sesion_en_vivo(request.user, pk)
    return _accion(
        request,
        sesion,
        en_vivo.suspender_sesion,
        "Sesión en cuarto intermedio.",
        sesion=sesion,
        motivo=request.POST.get("motivo", ""),
    )


@login_required
@reglas_en_cache
@require_POST
def sesion_reanudar(request, pk: int):
    sesion = obtener_sesion_en_vivo(request.user, pk)
    return _accion(request, sesion, en_vivo.reanudar_sesion, "Sesión reanudada.", sesion=sesion)


@login_required
@reglas_en_cache
@require_POST
def sesion_levantar(request, pk: int):
    sesion = obtener_sesion_en_vivo(request.user, pk)
    return _accion(request, sesion, en_vivo.levantar_sesion, "Sesión levantada.", sesion=sesion)


@login_required
@reglas_en_cache
@require_POST
def punto_tomar(request, pk: int):
    punto = obtener_punto(request.user, pk)
    return _accion(request, punto.sesion, en_vivo.tomar_punto, f"Punto {punto.orden} en debate.", punto=punto)


@login_required
@reglas_en_cache
@require_POST
def punto_notas(request, pk: int):
    punto = obtener_punto(request.user, pk)
    return _accion(
        request,
        punto.sesion,
        en_vivo.anotar_debate,
        "Notas guardadas.",
        punto=punto,
        notas=request.POST.get("notas", ""),
    )


@login_required
@reglas_en_cache
@require_POST
def punto_intervencion(request, pk: int):
    punto = obtener_punto(request.user, pk)
    try:
        miembro = miembro_de(punto.sesion, request.POST["miembro"]) if request.POST.get("miembro") else None
        en_vivo.agregar_intervencion(
            punto=punto,
            miembro=miembro,
            orador=request.POST.get("orador", ""),
            resumen=request.POST.get("resumen", ""),
            por=request.user,
        )
    except ValidationError as e:
        return _responder(request, punto.sesion, error=e)
    return _responder(request, punto.sesion, exito="Intervención anotada.")


@login_required
@reglas_en_cache
@require_POST
def punto_resolver(request, pk: int):
    punto = obtener_punto(request.user, pk)
    estado = request.POST.get("estado", "")
    etiqueta = en_vivo.RESOLUCIONES_SIN_VOTO.get(estado, "")
    return _accion(
        request,
        punto.sesion,
        en_vivo.resolver_sin_voto,
        f"Punto {punto.orden} {etiqueta}.",
        punto=punto,
        estado=estado,
        motivo=request.POST.get("motivo", ""),
    )


@login_required
@reglas_en_cache
@require_POST
def punto_votar(request, pk: int):
    punto = obtener_punto(request.user, pk)
    try:
        original = None
        if request.POST.get("reconsideracion_de"):
            original = obtener_votacion(request.user, request.POST["reconsideracion_de"])
        repite = (
            obtener_votacion(request.user, request.POST["repite"]) if request.POST.get("repite") else None
        )
        v = votaciones.abrir_votacion(
            punto=punto,
            mocion=request.POST.get("mocion", ""),
            forma=request.POST.get("forma", ""),
            mayoria=request.POST.get("mayoria", ""),
            reconsideracion_de=original,
            repite=repite,
            dispensa_actas=request.POST.get("dispensa_actas") == "1",
            por=request.user,
        )
    except (ValidationError, Http404) as e:
        if isinstance(e, Http404):
            e = ValidationError("La votación a reconsiderar o repetir no existe.")
        return _responder(request, punto.sesion, error=e)
    return _responder(request, punto.sesion, exito=f"Votación {v.numero} abierta.")


@login_required
@reglas_en_cache
@require_POST
def votacion_voto(request, pk: int):
    votacion = obtener_votacion(request.user, pk)
    # Anotar un voto no cambia quién integra el pleno: el resultado y el panel comparten la situación del día.
    # La votación (con su periodo) se leyó en esta solicitud: vale la situación guardada de su versión.
    with situacion_en_cache(version=votacion.version_del_cuerpo):
        try:
            miembro = miembro_de(votacion.sesion, request.POST.get("miembro"))
            anotada = votaciones.registrar_voto(
                votacion=votacion,
                miembro=miembro,
                sentido=request.POST.get("sentido", ""),
                fundamento=request.POST.get("fundamento", ""),
                por=request.user,
            )
        except ValidationError as e:
            return _responder(request, votacion.sesion, error=e, parcial="votacion", votacion=votacion)
        # Anotar un voto solo cambia el resultado calculado: se toma de la votación que devuelve el servicio.
        votacion.estado, votacion.calculo, votacion.resultado = (
            anotada.estado,
            anotada.calculo,
            anotada.resultado,
        )
        votacion.lectura_del_resultado = anotada.lectura_del_resultado
        return _responder(request, votacion.sesion, parcial="votacion", votacion=votacion, releer=False)


@login_required
@reglas_en_cache
@require_POST
def votacion_conteo(request, pk: int):
    votacion = obtener_votacion(request.user, pk)
    try:
        conteos = {c: entero(request.POST.get(c, "0"), c) for c in ("a_favor", "en_contra", "abstenciones")}
        votaciones.registrar_conteo(votacion=votacion, por=request.user, **conteos)
    except ValidationError as e:
        return _responder(request, votacion.sesion, error=e, parcial="votacion", votacion=votacion)
    return _responder(
        request, votacion.sesion, parcial="votacion", votacion=votacion, exito="Conteo anotado."
    )


@login_required
@reglas_en_cache
@require_POST
def votacion_cerrar(request, pk: int):
    votacion = obtener_votacion(request.user, pk)
    return _accion(
        request,
        votacion.sesion,
        votaciones.cerrar_votacion,
        f"Votación {votacion.numero} cerrada: revise el resultado calculado y confírmelo.",
        votacion=votacion,
    )


@login_required
@reglas_en_cache
@require_POST
def votacion_dirimente(request, pk: int):
    votacion = obtener_votacion(request.user, pk)
    return _accion(
        request,
        votacion.sesion,
        votaciones.registrar_dirimente,
        "Voto dirimente anotado.",
        votacion=votacion,
        sentido=request.POST.get("sentido", ""),
    )


@login_required
@reglas_en_cache
@require_POST
def votacion_confirmar(request, pk: int):
    votacion = obtener_votacion(request.user, pk)
    return _accion(
        request,
        votacion.sesion,
        votaciones.confirmar_votacion,
        f"Votación {votacion.numero} confirmada.",
        votacion=votacion,
    )


@login_required
@reglas_en_cache
@require_POST
def votacion_anular(request, pk: int):
    votacion = obtener_votacion(request.user, pk)
    return _accion(
        request,
        votacion.sesion,
        votaciones.anular_votacion,
        f"Votación {votacion.numero} anulada.",
        votacion=votacion,
        motivo=request.POST.get("motivo", ""),
    )


def _fecha(valor: str, campo: str) -> date | None:
    """La fecha de un campo `<input type="date">` (aaaa-mm-dd), o None si vino vacío."""
    valor = (valor or "").strip()
    if not valor:
        return None
    try:
        return date.fromisoformat(valor)
    except ValueError:
        raise ValidationError({campo: ["Escriba la fecha como día/mes/año."]}) from None


@login_required
@reglas_en_cache
@require_POST
def votacion_pedir_reconsideracion(request, pk: int):
    """Anota el pedido de reconsideración de una votación confirmada (día, quién y fundamento)."""
    votacion = obtener_votacion(request.user, pk)
    try:
        miembro = (
            miembro_de(votacion.sesion, request.POST["miembro"]) if request.POST.get("miembro") else None
        )
        votaciones.pedir_reconsideracion(
            votacion=votacion,
            fecha=_fecha(request.POST.get("fecha", ""), "fecha"),
            miembro=miembro,
            fundamento=request.POST.get("fundamento", ""),
            por=request.user,
        )
    except ValidationError as e:
        return _responder(request, votacion.sesion, error=e)
    return _responder(
        request,
        votacion.sesion,
        exito=f"Se anotó el pedido de reconsideración de la votación {votacion.numero}.",
    )
