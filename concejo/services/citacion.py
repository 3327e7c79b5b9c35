"""La convocatoria: citación por miembro con PDF, envío por correo, acuse por enlace y el plazo de aviso.

Convocar congela la agenda (si aún no lo estaba), crea una `Citacion` por miembro para la versión vigente
y, tras el commit, encola una tarea por citación que arma su PDF (membrete, sesión, fecha, lugar, agenda y
lista de documentos del expediente; guardado con SHA-256 por `core.services.archivos`) y lo envía por
correo con el enlace `/concejo/citacion/<token>/`. Abrir ese enlace registra el acuse (`recibida_en`) y
muestra la agenda y los documentos al miembro sin ingresar al sistema.

El plazo de aviso sale del perfil (`concejo.aviso_<tipo>`: días hábiles, días calendario u horas) y se
calcula con `core.services.plazos`. Si no se cumple, el Secretario lo ve antes de confirmar; si confirma,
la sesión queda con `aviso_cumplido=False` y la advertencia, y el evento de auditoría lo dice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from concejo.models import Citacion, Miembro, Sesion, VersionAgenda
from concejo.selectors.sesiones import miembros_citables, nombre_tipo, reglas_en
from concejo.services.agenda import congelar_agenda, ultima_version
from core.models import Archivo
from core.rendering import render_pdf
from core.services.archivos import guardar_archivo
from core.services.auditoria import instantanea, registrar_evento
from core.services.plazos import anticipacion_completa

UNIDADES_AVISO = {"dias_habiles": "días hábiles", "dias_calendario": "días calendario", "horas": "horas"}


@dataclass(frozen=True)
class Aviso:
    """Resultado de comprobar el plazo de aviso. `cumplido` es None si el perfil no fija plazo."""

    cumplido: bool | None
    requerido: str
    explicacion: str
    advertencia: str = ""


def _regla_aviso(sesion: Sesion) -> dict | None:
    regla = reglas_en(sesion.fecha).aviso.get(sesion.tipo)
    if not isinstance(regla, dict) or regla.get("unidad") not in UNIDADES_AVISO or not regla.get("cantidad"):
        return None
    return regla


def comprobar_aviso(sesion: Sesion, *, ahora: datetime | None = None) -> Aviso:
    """¿Se cita con la anticipación que exige el perfil para este tipo de sesión?

    - días hábiles: deben transcurrir completos entre el día de la citación y el de la sesión (el plazo
      de `calcular_plazo` contado desde la citación vence antes del día de la sesión);
    - días calendario: días corridos contados desde el día mismo de la citación, aunque sea inhábil (sin
      correr nada a un día hábil: no es un plazo para presentar algo sino una anticipación mínima);
    - horas: de la citación a la hora de la sesión.
    """
    ahora = ahora or timezone.now()
    tipo = nombre_tipo(sesion.tipo).lower()
    regla = _regla_aviso(sesion)
    if regla is None:
        return Aviso(
            cumplido=None,
            requerido="",
            explicacion=f"El perfil no fija un plazo de aviso para la sesión {tipo}; no se comprobó.",
        )
    cantidad, unidad = int(regla["cantidad"]), regla["unidad"]
    requerido = f"{cantidad} {UNIDADES_AVISO[unidad]}"
    dia_sesion = timezone.localtime(sesion.fecha).date()
    if unidad == "horas":
        horas = (sesion.fecha - ahora).total_seconds() / 3600
        cumplido = horas >= cantidad
        detalle = f"faltan {int(horas)} horas para la sesión"
    else:
        # Días calendario: desde el día mismo de la citación, aunque sea inhábil (MX, 3 días naturales: una
        # citación del sábado para el miércoles cumple); días hábiles: desde el hábil siguiente.
        ultimo = anticipacion_completa(notificado=ahora, cantidad=cantidad, unidad=unidad)
        cumplido = ultimo < dia_sesion
        detalle = (
            f"el plazo contado desde hoy se completa el {ultimo:%d/%m/%Y} y la sesión es el "
            f"{dia_sesion:%d/%m/%Y}"
        )
    explicacion = f"La sesión {tipo} exige citar con {requerido} de anticipación: {detalle}."
    advertencia = (
        ""
        if cumplido
        else (f"Plazo de aviso no cumplido: la sesión {tipo} exige {requerido} de anticipación y {detalle}.")
    )
    return Aviso(cumplido=cumplido, requerido=requerido, explicacion=explicacion, advertencia=advertencia)


def correo_de(miembro: Miembro) -> str:
    return miembro.correo or (miembro.usuario.email if miembro.usuario is not None else "")


def url_citacion(citacion: Citacion) -> str:
    return settings.SITE_URL + reverse("concejo:citacion", args=[citacion.token])


def version_pendiente_de_envio(sesion: Sesion) -> VersionAgenda | None:
    """En una sesión convocada, la versión vigente de la agenda si aún no se envió a los miembros."""
    if sesion.estado != Sesion.Estado.CONVOCADA:
        return None
    version = ultima_version(sesion)
    if version is None or version.citaciones.exists():
        return None
    return version


@transaction.atomic
def convocar(
    *, sesion: Sesion, por, aceptar_aviso_corto: bool = False, ahora: datetime | None = None
) -> list[Citacion]:
    """Convoca la sesión: congela la agenda si hace falta, comprueba el plazo de aviso y crea una citación
    por miembro (PDF y correo salen después del commit, en la cola de tareas).

    Si el plazo de aviso no se cumple y no se pasó `aceptar_aviso_corto`, lanza ValidationError (código
    `aviso_corto`) con la advertencia y no cambia nada. Una sesión ya convocada cuya agenda cambió se
    vuelve a convocar para enviar la versión nueva (el aviso registrado es el de la primera citación).
    Evento `concejo.sesion.convocar` (con el resultado del aviso).
    """
    ahora = ahora or timezone.now()
    sesion = Sesion.objects.select_for_update().select_related("organo__periodo").get(pk=sesion.pk)
    reenvio = sesion.estado == Sesion.Estado.CONVOCADA
    if reenvio:
        if version_pendiente_de_envio(sesion) is None:
            raise ValidationError(
                "La sesión ya está convocada y los miembros tienen la versión vigente de la agenda."
            )
    elif sesion.estado != Sesion.Estado.PROGRAMADA:
        raise ValidationError(
            f"No se puede convocar: la sesión está «{sesion.get_estado_display().lower()}»."
        )
    if sesion.fecha <= ahora:
        raise ValidationError("La fecha de la sesión ya pasó: corríjala antes de convocar.")
    miembros = miembros_citables(sesion.organo, sesion.fecha)
    if not miembros:
        raise ValidationError(f"{sesion.organo} no tiene miembros a quienes citar en esa fecha.")
    aviso = None
    if not reenvio:
        if not sesion.puntos.exists():
            raise ValidationError("La agenda no tiene puntos: agregue al menos uno antes de convocar.")
        aviso = comprobar_aviso(sesion, ahora=ahora)
        if aviso.cumplido is False and not aceptar_aviso_corto:
            raise ValidationError(
                aviso.advertencia + " Confirme que convoca de todos modos: quedará registrado.",
                code="aviso_corto",
            )
    version = ultima_version(sesion) or congelar_agenda(sesion=sesion, por=por)
    Citacion.objects.bulk_create([Citacion(sesion=sesion, miembro=m, version=version) for m in miembros])
    antes = instantanea(sesion, ["estado", "convocada_en", "aviso_cumplido", "aviso_advertencia"])
    if aviso is not None:  # la primera citación (un reenvío no vuelve a comprobar el aviso)
        sesion.estado = Sesion.Estado.CONVOCADA
        sesion.convocada_en = ahora
        sesion.aviso_cumplido = aviso.cumplido
        sesion.aviso_advertencia = aviso.advertencia
        sesion.save(update_fields=["estado", "convocada_en", "aviso_cumplido", "aviso_advertencia"])
    registrar_evento(
        por=por,
        accion="concejo.sesion.convocar",
        objeto=sesion,
        antes=antes,
        despues={
            **instantanea(sesion, ["estado", "convocada_en", "aviso_cumplido", "aviso_advertencia"]),
            "version": version.numero,
            "citados": [m.pk for m in miembros],
            "reenvio": reenvio,
            "aviso": aviso.explicacion if aviso else "",
            "aviso_corto_aceptado": bool(aviso and aviso.cumplido is False),
        },
    )
    ids = [c.pk for c in Citacion.objects.filter(sesion=sesion, version=version)]
    transaction.on_commit(lambda: [enviar_citacion.enqueue(pk) for pk in ids])
    return list(Citacion.objects.filter(pk__in=ids).select_related("miembro__persona"))


def contexto_citacion(citacion: Citacion) -> dict:
    sesion = citacion.sesion
    return {
        "citacion": citacion,
        "sesion": sesion,
        "tipo": nombre_tipo(sesion.tipo),
        "puntos": citacion.version.contenido,
        "version": citacion.version,
        "url": url_citacion(citacion),
    }


def pdf_de(citacion: Citacion) -> bytes:
    """El PDF de la citación (WeasyPrint, membrete del municipio)."""
    return render_pdf("concejo/antes/citacion_pdf.html", contexto_citacion(citacion))


@transaction.atomic
def generar_pdf(*, citacion: Citacion, por=None) -> Citacion:
    """Arma y guarda el PDF de la citación si aún no lo tiene (SHA-256 en `core.Archivo`)."""
    citacion = (
        Citacion.objects.select_for_update()
        .select_related("sesion__organo", "miembro__persona", "version")
        .get(pk=citacion.pk)
    )
    if citacion.archivo_id:
        return citacion
    nombre = f"citacion-{citacion.sesion.tipo}-{citacion.sesion.numero}-{citacion.sesion.anio}-{citacion.miembro_id}.pdf"
    archivo = guardar_archivo(
        archivo=SimpleUploadedFile(nombre, pdf_de(citacion), content_type="application/pdf"),
        por=por,
        tipos_permitidos=["application/pdf"],
        tamano_maximo=50 * 1024 * 1024,
    )
    citacion.archivo = archivo
    citacion.save(update_fields=["archivo"])
    return citacion


@task()
def enviar_citacion(citacion_id: int) -> bool:
    """Tarea: arma el PDF de la citación y lo envía al correo del miembro con el enlace de acuse."""
    citacion = (
        Citacion.objects.filter(pk=citacion_id).select_related("miembro__persona", "miembro__usuario").first()
    )
    if citacion is None:
        return False
    citacion = generar_pdf(citacion=citacion)
    destino = correo_de(citacion.miembro)
    if citacion.enviada_en or not destino:
        return False
    sesion = citacion.sesion
    asunto = f"Citación: sesión {nombre_tipo(sesion.tipo).lower()} Nº {sesion.numero}-{sesion.anio} — {sesion.organo}"
    fecha = timezone.localtime(sesion.fecha)
    cuerpo = (
        f"Estimado(a) {citacion.miembro}:\n\n"
        f"Se le cita a la sesión {nombre_tipo(sesion.tipo).lower()} Nº {sesion.numero}-{sesion.anio} de "
        f"{sesion.organo}, el {fecha:%d/%m/%Y} a las {fecha:%H:%M}"
        + (f", en {sesion.lugar}" if sesion.lugar else "")
        + ".\n\n"
        "Adjuntamos la citación con la agenda. Abra este enlace para confirmar la recepción y ver los "
        f"documentos de cada punto:\n{url_citacion(citacion)}\n"
    )
    mensaje = EmailMessage(asunto, cuerpo, settings.DEFAULT_FROM_EMAIL, [destino])
    pdf = cast(Archivo, citacion.archivo)  # generar_pdf lo acaba de guardar
    with pdf.archivo.open("rb") as f:
        mensaje.attach(pdf.nombre_original, f.read(), "application/pdf")
    mensaje.send()
    with transaction.atomic():
        Citacion.objects.filter(pk=citacion.pk).update(enviada_en=timezone.now())
        registrar_evento(
            por=None,
            accion="concejo.citacion.enviar",
            objeto=citacion,
            despues={"correo": destino, "archivo": citacion.archivo_id},
        )
    return True


def citacion_por_token(token: str) -> Citacion | None:
    if not token or len(token) > 64:
        return None
    return (
        Citacion.objects.filter(token=token)
        .select_related("sesion__organo__periodo", "miembro__persona", "version")
        .first()
    )


@transaction.atomic
def registrar_recepcion(*, citacion: Citacion) -> Citacion:
    """Registra el acuse de recibo la primera vez que el miembro abre su enlace (después no cambia).
    Evento `concejo.citacion.recibir` (actor: el sistema, en nombre del miembro que abrió el enlace)."""
    citacion = Citacion.objects.select_for_update().get(pk=citacion.pk)
    if citacion.recibida_en is None:
        citacion.recibida_en = timezone.now()
        citacion.save(update_fields=["recibida_en"])
        registrar_evento(
            por=None,
            accion="concejo.citacion.recibir",
            objeto=citacion,
            despues={"miembro": citacion.miembro_id, "recibida_en": citacion.recibida_en},
        )
    return citacion


def avisar_cancelacion(sesion: Sesion) -> None:
    """Tras el commit, avisa por correo la cancelación a los miembros citados."""
    transaction.on_commit(lambda: enviar_aviso_cancelacion.enqueue(sesion.pk))


@task()
def enviar_aviso_cancelacion(sesion_id: int) -> int:
    """Tarea: un correo por miembro citado (una vez aunque tenga citaciones de varias versiones)."""
    sesion = Sesion.objects.filter(pk=sesion_id).select_related("organo").first()
    if sesion is None or sesion.estado != Sesion.Estado.CANCELADA:
        return 0
    destinos = sorted(
        {d for c in sesion.citaciones.select_related("miembro__usuario") if (d := correo_de(c.miembro))}
    )
    fecha = timezone.localtime(sesion.fecha)
    asunto = f"Cancelada: sesión {nombre_tipo(sesion.tipo).lower()} Nº {sesion.numero}-{sesion.anio} — {sesion.organo}"
    cuerpo = (
        f"La sesión prevista para el {fecha:%d/%m/%Y} a las {fecha:%H:%M} fue cancelada.\n\n"
        f"Motivo: {sesion.motivo_cancelacion}\n"
    )
    for destino in destinos:
        EmailMessage(asunto, cuerpo, settings.DEFAULT_FROM_EMAIL, [destino]).send()
    return len(destinos)


def estado_citaciones(sesion: Sesion) -> list[Citacion]:
    """Las citaciones de la versión más reciente enviada, con el miembro, para la página de acuses."""
    version = sesion.versiones.filter(citaciones__isnull=False).order_by("-numero").first()
    if version is None:
        return []
    citaciones = list(
        Citacion.objects.filter(sesion=sesion, version=version)
        .select_related("miembro__persona", "miembro__usuario", "archivo", "version")
        .order_by("miembro__orden", "miembro_id")
    )
    for c in citaciones:
        c.correo = correo_de(c.miembro)  # type: ignore[attr-defined]  # un dato más para la plantilla, no un campo
    return citaciones
