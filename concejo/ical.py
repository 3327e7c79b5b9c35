"""Las sesiones como iCalendar (RFC 5545, paquete `icalendar`): el calendario público y el de cada miembro.

- Público (`/concejo/sesiones.ics`): las sesiones publicadas que ya fueron convocadas, también las ya
  celebradas; una sesión cancelada después de convocarse sale con STATUS:CANCELLED para que los
  calendarios suscritos la tachen. Nunca una sesión programada (agenda en borrador).
- Por miembro (`/concejo/miembros/<token>/sesiones.ics`): las sesiones a las que fue citado, públicas o
  no. El token es propio del miembro (`CalendarioMiembro`), distinto del de cada citación.

El UID es estable (`sesion-<id>@<sigla del municipio>`), así una sesión movida o cancelada actualiza el
mismo evento; SEQUENCE crece con cada versión de la agenda y con la cancelación. La duración no se
conoce antes de la sesión: DTEND es la hora de inicio más `DURACION_PREVISTA` (o la hora en que se levantó).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from concejo.models import CalendarioMiembro, Miembro, PuntoAgenda, Sesion, nuevo_token
from concejo.permissions import sesiones_publicas
from concejo.selectors.sesiones import nombre_tipo
from core.models import Municipio
from core.services.auditoria import registrar_evento

DURACION_PREVISTA = timedelta(hours=3)


def sesiones_del_calendario_publico() -> QuerySet[Sesion]:
    """Publicadas y convocadas alguna vez (una cancelada antes de convocar nunca se anunció)."""
    return _con_agenda(sesiones_publicas().filter(convocada_en__isnull=False))


def sesiones_del_miembro(miembro: Miembro) -> QuerySet[Sesion]:
    return _con_agenda(Sesion.objects.filter(citaciones__miembro=miembro).distinct())


def _con_agenda(qs: QuerySet[Sesion]) -> QuerySet[Sesion]:
    return (
        qs.select_related("organo")
        .annotate(n_versiones=Count("versiones", distinct=True))
        .prefetch_related(Prefetch("puntos", queryset=PuntoAgenda.objects.order_by("orden")))
        .order_by("fecha", "pk")
    )


def uid(sesion: Sesion, dominio: str) -> str:
    return f"sesion-{sesion.pk}@{dominio}"


def _dominio(municipio: Municipio | None) -> str:
    sigla = (municipio.sigla if municipio else "") or "secretaria"
    return f"{sigla.lower()}.concejo"


def titulo(sesion: Sesion) -> str:
    return f"Sesión {nombre_tipo(sesion.tipo).lower()} Nº {sesion.numero}-{sesion.anio} — {sesion.organo}"


def _evento(sesion: Sesion, dominio: str) -> Event:
    e = Event()
    e.add("uid", uid(sesion, dominio))
    e.add("dtstamp", sesion.convocada_en or sesion.creada)
    e.add("dtstart", sesion.fecha)
    e.add("dtend", sesion.levantada_en or sesion.fecha + DURACION_PREVISTA)
    e.add("summary", titulo(sesion))
    if sesion.lugar:
        e.add("location", sesion.lugar)
    lineas = [f"{p.orden}. {p.titulo}" for p in sesion.puntos.all()]
    descripcion = "Agenda:\n" + "\n".join(lineas) if lineas else "Agenda por publicar."
    cancelada = sesion.estado == Sesion.Estado.CANCELADA
    if cancelada:
        descripcion = f"CANCELADA: {sesion.motivo_cancelacion}\n\n{descripcion}"
    e.add("description", descripcion)
    e.add("status", "CANCELLED" if cancelada else "CONFIRMED")
    e.add("sequence", max(getattr(sesion, "n_versiones", 0) - 1, 0) + (1 if cancelada else 0))
    if sesion.publica:
        e.add("url", settings.SITE_URL + reverse("concejo:proxima", args=[sesion.pk]))
    return e


def calendario(sesiones, *, nombre: str) -> bytes:
    """El documento iCalendar con un VEVENT por sesión."""
    municipio = Municipio.objects.actual()
    cal = Calendar()
    cal.add("prodid", "-//Secretaría General//Concejo//ES")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nombre)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    dominio = _dominio(municipio)
    for sesion in sesiones:
        cal.add_component(_evento(sesion, dominio))
    return cal.to_ical()


def miembro_por_token(token: str) -> Miembro | None:
    if not token or len(token) > 64:
        return None
    fila = CalendarioMiembro.objects.filter(token=token).select_related("miembro__persona").first()
    return fila.miembro if fila else None


@transaction.atomic
def calendario_de(miembro: Miembro, *, por=None, renovar: bool = False) -> CalendarioMiembro:
    """El enlace de calendario del miembro; lo crea la primera vez y, con `renovar`, cambia su token (el
    enlace anterior deja de funcionar). Eventos `concejo.calendario.crear` y `concejo.calendario.renovar`."""
    fila = CalendarioMiembro.objects.select_for_update().filter(miembro=miembro).first()
    if fila is None:
        fila = CalendarioMiembro.objects.create(miembro=miembro)
        registrar_evento(
            por=por, accion="concejo.calendario.crear", objeto=fila, despues={"miembro": miembro.pk}
        )
    elif renovar:
        fila.token = nuevo_token()
        fila.save(update_fields=["token"])
        registrar_evento(
            por=por, accion="concejo.calendario.renovar", objeto=fila, despues={"miembro": miembro.pk}
        )
    return fila


def url_calendario(fila: CalendarioMiembro) -> str:
    return settings.SITE_URL + reverse("concejo:miembro-ics", args=[fila.token])
