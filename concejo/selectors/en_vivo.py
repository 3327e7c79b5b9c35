"""Lecturas de la sesión en vivo: el día que rige, quiénes se convocan y su estado ese día, la lista de
asistencia que muestra la pantalla y la votación que falta terminar. Las usan la pantalla, la API y los
servicios de `concejo.services.en_vivo` y `votaciones`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from concejo.models import Asistencia, Miembro, Sesion, Votacion
from concejo.selectors.cuerpo import estado_en, miembros_de

ESTADOS_MIEMBRO_NO_HABIL = {"licencia": "con licencia", "suspendido": "suspendido", "vacado": "vacado"}


def fecha_de(sesion: Sesion) -> date:
    """El día (hora local) en que se celebra la sesión: el que rige el estado de los miembros."""
    return timezone.localtime(sesion.fecha).date()


def miembros_convocados(sesion: Sesion) -> list[Miembro]:
    """Los miembros del órgano de la sesión ese día: las filas de la lista de asistencia."""
    return list(miembros_de(sesion.organo, fecha_de(sesion)))


def estado_del_miembro(miembro: Miembro, sesion: Sesion) -> str:
    """El estado de `miembro` el día de la sesión (valor de `EstadoMiembro.Estado`)."""
    return estado_en(miembro, fecha_de(sesion))


def estado_inicial(estado_miembro: str) -> tuple[str, str]:
    """La asistencia con que empieza un miembro en la lista (estado y nota): ausente, o con licencia si
    ese día está con licencia, suspendido o vacado."""
    if estado_miembro in ESTADOS_MIEMBRO_NO_HABIL:
        return Asistencia.Estado.LICENCIA, ESTADOS_MIEMBRO_NO_HABIL[estado_miembro].capitalize() + " ese día."
    return Asistencia.Estado.AUSENTE, ""


def votacion_pendiente(sesion: Sesion) -> Votacion | None:
    """La votación de la sesión que sigue abierta o cerrada sin confirmar, si la hay."""
    return (
        Votacion.objects.filter(sesion=sesion, estado__in=[Votacion.Estado.ABIERTA, Votacion.Estado.CERRADA])
        .order_by("numero")
        .first()
    )


@dataclass
class FilaAsistencia:
    miembro: Miembro
    estado: str
    etiqueta: str
    llegada: datetime | None
    retiro: datetime | None
    nota: str
    en_sala: bool
    habil: bool


def lista_de_asistencia(sesion: Sesion) -> list[FilaAsistencia]:
    """Una fila por miembro del órgano ese día, con su asistencia (la guardada o la inicial que tendrá:
    ausente, o con licencia si su estado lo dice)."""
    guardadas = {a.miembro_id: a for a in Asistencia.objects.filter(sesion=sesion)}
    etiquetas = dict(Asistencia.Estado.choices)
    filas = []
    for miembro in miembros_convocados(sesion):
        estado_miembro = estado_del_miembro(miembro, sesion)
        fila = guardadas.get(miembro.pk)
        if fila is None:
            estado, nota = estado_inicial(estado_miembro)
            llegada = retiro = None
        else:
            estado, nota, llegada, retiro = fila.estado, fila.nota, fila.llegada, fila.retiro
        en_sala = estado == Asistencia.Estado.PRESENTE and retiro is None
        filas.append(
            FilaAsistencia(
                miembro,
                estado,
                etiquetas[estado],
                llegada,
                retiro,
                nota,
                en_sala,
                estado_miembro not in ESTADOS_MIEMBRO_NO_HABIL,
            )
        )
    return filas
