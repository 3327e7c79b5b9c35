"""Sesiones del concejo y de sus comisiones: programar, editar mientras está programada, cancelar.

El número de sesión es correlativo por órgano, tipo y año, sin saltos (una sesión cancelada conserva su
número). Dos secretarios que programan a la vez no sacan el mismo número: la transacción toma primero la
cabeza de la cadena de auditoría (orden de cerrojos del proyecto, `docs/desarrollo.md`) y luego bloquea la
fila del órgano (`select_for_update`) antes de leer el último número; la restricción única
`sesion_numero_unico` es la última red. No se usa la numeración del núcleo (`core.services.numeracion`)
porque sus series son por código y año, y aquí haría falta una serie por órgano y tipo que nadie consulta.

La agenda vive en `concejo.services.agenda`; la convocatoria, en `concejo.services.citacion`; lo que las tres
leen (tipos de sesión, reglas del día, a quiénes se cita), en `concejo.selectors.sesiones`.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from concejo.models import Organo, PuntoAgenda, Sesion
from concejo.selectors.cuerpo import fecha_local
from concejo.selectors.sesiones import exigir_preparacion, nombre_tipo, tipos_de_sesion
from concejo.services.citacion import avisar_cancelacion
from core.services.auditoria import bloquear_cadena, instantanea, registrar_evento


def _validar_datos(*, organo: Organo, tipo: str, fecha: datetime, lugar: str) -> dict[str, list[str]]:
    errores: dict[str, list[str]] = {}
    if fecha is None:
        errores["fecha"] = ["Indique la fecha y la hora de la sesión."]
    elif timezone.is_naive(fecha):
        errores["fecha"] = ["La fecha de la sesión debe llevar zona horaria."]
    else:
        dia = fecha_local(fecha)
        periodo = organo.periodo
        if not (periodo.inicio <= dia <= periodo.fin):
            errores["fecha"] = [
                f"La fecha está fuera del periodo {periodo} ({periodo.inicio:%d/%m/%Y} a {periodo.fin:%d/%m/%Y})."
            ]
        tipos = tipos_de_sesion(dia)
        if tipo not in tipos:
            errores["tipo"] = [
                f"«{tipo}» no es un tipo de sesión del perfil; use uno de: "
                + ", ".join(nombre_tipo(t).lower() for t in tipos)
                + "."
            ]
    if not organo.activo:
        errores["organo"] = [f"{organo} no está activo."]
    if len(lugar) > 200:
        errores["lugar"] = ["El lugar no puede pasar de 200 caracteres."]
    return errores


@transaction.atomic
def crear_sesion(
    *, organo: Organo, tipo: str, fecha: datetime, lugar: str = "", por, publica: bool = True
) -> Sesion:
    """Programa una sesión de `organo` con el siguiente número de su tipo en el año de `fecha`.

    El tipo debe ser uno de los del perfil vigente en esa fecha y la fecha debe caer dentro del periodo
    del órgano. La sesión nace programada (agenda en preparación) y no se ve en el portal hasta
    convocarla. Evento `concejo.sesion.crear`.
    """
    lugar = (lugar or "").strip()
    errores = _validar_datos(organo=organo, tipo=tipo, fecha=fecha, lugar=lugar)
    if errores:
        raise ValidationError(errores)
    anio = fecha_local(fecha).year
    bloquear_cadena()
    Organo.objects.select_for_update().filter(pk=organo.pk).first()
    ultimo = Sesion.objects.filter(organo=organo, tipo=tipo, anio=anio).aggregate(n=Max("numero"))["n"] or 0
    sesion = Sesion.objects.create(
        organo=organo, tipo=tipo, numero=ultimo + 1, anio=anio, fecha=fecha, lugar=lugar, publica=publica
    )
    registrar_evento(por=por, accion="concejo.sesion.crear", objeto=sesion, despues=instantanea(sesion))
    return sesion


@transaction.atomic
def editar_sesion(*, sesion: Sesion, fecha: datetime, lugar: str = "", publica: bool = True, por) -> Sesion:
    """Cambia fecha, lugar o publicidad de una sesión mientras está programada (aún sin convocar).

    El tipo y el número no cambian (harían un hueco en la numeración: se cancela y se programa otra).
    La fecha no puede quedar en el mismo día que el primer o el segundo debate de un punto enlazado.
    Evento `concejo.sesion.editar` con el antes y el después.
    """
    sesion = Sesion.objects.select_for_update().select_related("organo__periodo").get(pk=sesion.pk)
    if sesion.estado != Sesion.Estado.PROGRAMADA:
        raise ValidationError(
            "Solo se edita una sesión programada; esta ya está "
            f"«{sesion.get_estado_display().lower()}». Si hay que moverla, cancélela y programe otra."
        )
    lugar = (lugar or "").strip()
    errores = _validar_datos(organo=sesion.organo, tipo=sesion.tipo, fecha=fecha, lugar=lugar)
    if not errores and fecha_local(fecha).year != sesion.anio:
        errores["fecha"] = [f"La sesión es la Nº {sesion.numero}-{sesion.anio}: no puede pasar a otro año."]
    if not errores:
        dia = fecha_local(fecha)
        choques = PuntoAgenda.objects.filter(sesion=sesion, primer_debate__isnull=False).select_related(
            "primer_debate__sesion"
        )
        segundos = PuntoAgenda.objects.filter(primer_debate__sesion=sesion).select_related("sesion")
        for punto in choques:
            primero = cast(PuntoAgenda, punto.primer_debate)  # el filtro: primer_debate__isnull=False
            if fecha_local(primero.sesion.fecha) >= dia:
                errores["fecha"] = [
                    f"El punto «{punto.titulo}» es segundo debate: debe tratarse en un día posterior al del "
                    f"primer debate ({fecha_local(primero.sesion.fecha):%d/%m/%Y})."
                ]
        for punto in segundos:
            if fecha_local(punto.sesion.fecha) <= dia:
                errores["fecha"] = [
                    f"Esta sesión tiene el primer debate de «{punto.titulo}», cuyo segundo debate es el "
                    f"{fecha_local(punto.sesion.fecha):%d/%m/%Y}: el primero debe ser en un día anterior."
                ]
    if errores:
        raise ValidationError(errores)
    antes = instantanea(sesion, ["fecha", "lugar", "publica"])
    sesion.fecha, sesion.lugar, sesion.publica = fecha, lugar, publica
    sesion.save(update_fields=["fecha", "lugar", "publica"])
    registrar_evento(
        por=por,
        accion="concejo.sesion.editar",
        objeto=sesion,
        antes=antes,
        despues=instantanea(sesion, ["fecha", "lugar", "publica"]),
    )
    return sesion


@transaction.atomic
def cancelar_sesion(*, sesion: Sesion, motivo: str, por) -> Sesion:
    """Cancela una sesión programada o convocada, con su motivo (obligatorio). Conserva su número.

    Si ya estaba convocada, cada miembro citado con correo recibe el aviso de cancelación (tras el
    commit) y el calendario la publica como cancelada. Evento `concejo.sesion.cancelar`.
    """
    motivo = (motivo or "").strip()
    sesion = Sesion.objects.select_for_update().get(pk=sesion.pk)
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo de la cancelación."]})
    exigir_preparacion(sesion, "cancelar la sesión")
    antes = instantanea(sesion, ["estado", "motivo_cancelacion"])
    convocada = sesion.estado == Sesion.Estado.CONVOCADA
    sesion.estado = Sesion.Estado.CANCELADA
    sesion.motivo_cancelacion = motivo
    sesion.save(update_fields=["estado", "motivo_cancelacion"])
    registrar_evento(
        por=por,
        accion="concejo.sesion.cancelar",
        objeto=sesion,
        antes=antes,
        despues=instantanea(sesion, ["estado", "motivo_cancelacion"]),
    )
    if convocada:
        avisar_cancelacion(sesion)
    return sesion
