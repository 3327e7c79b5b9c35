"""Sesiones del concejo y de sus comisiones: programar, editar mientras está programada, cancelar.

El número de sesión es correlativo por órgano, tipo y año, sin saltos (una sesión cancelada conserva su
número). Dos secretarios que programan a la vez no sacan el mismo número: la transacción toma primero la
cabeza de la cadena de auditoría (orden de cerrojos del proyecto, `docs/desarrollo.md`) y luego bloquea la
fila del órgano (`select_for_update`) antes de leer el último número; la restricción única
`sesion_numero_unico` es la última red. No se usa la numeración del núcleo (`core.services.numeracion`)
porque sus series son por código y año, y aquí haría falta una serie por órgano y tipo que nadie consulta.

La agenda vive en `concejo.services.agenda` (se reexporta al final de este módulo).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from concejo.models import Miembro, Organo, PuntoAgenda, Sesion
from concejo.services.cuerpo import miembros_de, reglas_del_concejo
from core.services import perfiles
from core.services.auditoria import bloquear_cadena, instantanea, registrar_evento

# Estados en que la agenda todavía se puede cambiar desde «antes» (después manda la sesión en vivo).
ESTADOS_PREPARACION = (Sesion.Estado.PROGRAMADA, Sesion.Estado.CONVOCADA)

NOMBRES_TIPO = {
    "ordinaria": "Ordinaria",
    "extraordinaria": "Extraordinaria",
    "solemne": "Solemne",
    "inaugural": "Inaugural",
    "conmemorativa": "Conmemorativa",
    "abierta": "Abierta (cabildo abierto)",
    "secreta": "Secreta",
}


def nombre_tipo(tipo: str) -> str:
    """La etiqueta en español de un tipo de sesión del perfil."""
    return NOMBRES_TIPO.get(tipo, tipo.replace("_", " ").capitalize())


def _fecha_de(valor: date | datetime | None) -> date:
    if valor is None:
        return timezone.localdate()
    if isinstance(valor, datetime):
        return timezone.localtime(valor).date() if timezone.is_aware(valor) else valor.date()
    return valor


def reglas_en(fecha: date | datetime | None = None):
    """Las reglas del concejo vigentes en `fecha` (`cuerpo.reglas_del_concejo`), leyendo las reglas
    locales del municipio de una sola vez."""
    from core.models import Municipio

    with perfiles.reglas_locales_en_cache():
        return reglas_del_concejo(_fecha_de(fecha), municipio=Municipio.objects.actual())


def tipos_de_sesion(fecha: date | datetime | None = None) -> list[str]:
    """Los tipos de sesión que el perfil de jurisdicción conoce en `fecha` (ordinaria, extraordinaria...)."""
    return list(reglas_en(fecha).tipos_sesion)


def miembros_citables(organo: Organo, fecha: date | datetime) -> list[Miembro]:
    """Quiénes se citan a una sesión de `organo` en `fecha`: del pleno, los titulares (también con licencia)
    y los suplentes en funciones; de una comisión, sus integrantes ese día (`cuerpo.miembros_de`)."""
    return list(miembros_de(organo, _fecha_de(fecha)))


def agenda_congelada(sesion: Sesion) -> bool:
    """La agenda tiene al menos una versión congelada: todo cambio posterior pide motivo."""
    return sesion.versiones.exists()


def exigir_preparacion(sesion: Sesion, accion: str) -> None:
    """Lanza ValidationError si la sesión ya no está en preparación (programada o convocada)."""
    if sesion.estado not in ESTADOS_PREPARACION:
        raise ValidationError(
            f"No se puede {accion}: la sesión está «{sesion.get_estado_display().lower()}»."
        )


def _validar_datos(*, organo: Organo, tipo: str, fecha: datetime, lugar: str) -> dict[str, list[str]]:
    errores: dict[str, list[str]] = {}
    if fecha is None:
        errores["fecha"] = ["Indique la fecha y la hora de la sesión."]
    elif timezone.is_naive(fecha):
        errores["fecha"] = ["La fecha de la sesión debe llevar zona horaria."]
    else:
        dia = _fecha_de(fecha)
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
    anio = _fecha_de(fecha).year
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
    if not errores and _fecha_de(fecha).year != sesion.anio:
        errores["fecha"] = [f"La sesión es la Nº {sesion.numero}-{sesion.anio}: no puede pasar a otro año."]
    if not errores:
        dia = _fecha_de(fecha)
        choques = PuntoAgenda.objects.filter(sesion=sesion, primer_debate__isnull=False).select_related(
            "primer_debate__sesion"
        )
        segundos = PuntoAgenda.objects.filter(primer_debate__sesion=sesion).select_related("sesion")
        for punto in choques:
            if _fecha_de(punto.primer_debate.sesion.fecha) >= dia:
                errores["fecha"] = [
                    f"El punto «{punto.titulo}» es segundo debate: debe tratarse en un día posterior al del "
                    f"primer debate ({_fecha_de(punto.primer_debate.sesion.fecha):%d/%m/%Y})."
                ]
        for punto in segundos:
            if _fecha_de(punto.sesion.fecha) <= dia:
                errores["fecha"] = [
                    f"Esta sesión tiene el primer debate de «{punto.titulo}», cuyo segundo debate es el "
                    f"{_fecha_de(punto.sesion.fecha):%d/%m/%Y}: el primero debe ser en un día anterior."
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
        from concejo.services.citacion import avisar_cancelacion

        avisar_cancelacion(sesion)
    return sesion


# La agenda (contrato: «crear_sesion y los servicios de la agenda» se importan desde aquí). Reexport
# perezoso: `agenda` importa este módulo, así que no se puede importar arriba.
_DE_AGENDA = {
    "adjuntar_anexo",
    "agregar_aprobacion_acta",
    "agregar_punto",
    "congelar_agenda",
    "diferencias",
    "editar_punto",
    "mover_punto",
    "quitar_anexo",
    "quitar_punto",
}


def __getattr__(nombre: str):
    if nombre in _DE_AGENDA:
        from concejo.services import agenda

        return getattr(agenda, nombre)
    raise AttributeError(f"module {__name__!r} has no attribute {nombre!r}")
