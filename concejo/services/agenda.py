"""La agenda (orden del día) de una sesión: puntos por sección, congelamiento y versiones.

Secciones, en este orden: aprobación del acta anterior, despacho (correspondencia del registro), informes,
pedidos y orden del día (propuestas de la administración con su expediente, dictámenes de comisión y
mociones de los miembros). El orden de los puntos es global (1, 2, 3...) pero cada punto queda siempre
dentro de su sección: agregar o mover renumera.

Congelar la agenda hace la versión 1 (`VersionAgenda`: foto JSON de los puntos y su SHA-256). Desde
entonces todo cambio pide un motivo y hace una versión nueva; los puntos agregados después llevan
`agregado_tras_congelar`. Una sesión extraordinaria convocada solo trata lo anunciado: no admite puntos
nuevos.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from concejo.models import Miembro, PuntoAgenda, Sesion, VersionAgenda
from concejo.reglas import MAYORIAS
from concejo.selectors.sesiones import (
    ESTADOS_PREPARACION,
    agenda_congelada,
    exigir_preparacion,
    nombre_tipo,
    reglas_en,
)
from concejo.selectors.votaciones import problema_del_intervalo
from core.models import Archivo, UnidadOrganica
from core.services import perfiles
from core.services.archivos import guardar_archivo
from core.services.auditoria import instantanea, registrar_evento
from registro.models import Documento
from registro.permissions import documentos_visibles
from registro.selectors.busqueda import buscar_documentos

Seccion = PuntoAgenda.Seccion
Clase = PuntoAgenda.Clase

# Claves de tipo str: los valores de Seccion y Clase son str y se comparan con lo que llega de formularios.
ORDEN_SECCIONES: list[str] = [
    Seccion.ACTA,
    Seccion.DESPACHO,
    Seccion.INFORMES,
    Seccion.PEDIDOS,
    Seccion.ORDEN_DEL_DIA,
]

# Clases que admite cada sección (la primera es la que se usa si no se indica).
CLASES_POR_SECCION: dict[str, list[str]] = {
    Seccion.ACTA: [Clase.ACTA],
    Seccion.DESPACHO: [Clase.CORRESPONDENCIA, Clase.OTRO],
    Seccion.INFORMES: [Clase.INFORME, Clase.OTRO],
    Seccion.PEDIDOS: [Clase.PEDIDO, Clase.MOCION, Clase.OTRO],
    Seccion.ORDEN_DEL_DIA: [Clase.PROPUESTA, Clase.DICTAMEN, Clase.MOCION, Clase.OTRO],
}

# Secciones cuyos puntos se votan: llevan la mayoría requerida desde que se agregan.
SECCIONES_CON_VOTO = (Seccion.ACTA, Seccion.ORDEN_DEL_DIA)

MAX_ANEXO = 30 * 1024 * 1024
TIPOS_ANEXO = [
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/png",
    "image/jpeg",
]


def mayorias() -> dict[str, str]:
    """Código → etiqueta de las mayorías que conoce el motor de reglas (`concejo.reglas.MAYORIAS`)."""
    return dict(MAYORIAS)


def _dia(valor: datetime | date) -> date:
    if isinstance(valor, datetime):
        return timezone.localtime(valor).date() if timezone.is_aware(valor) else valor.date()
    return valor


def mayoria_por_defecto(fecha: datetime | date) -> str:
    """La mayoría general del perfil vigente en `fecha` (`concejo.mayoria`)."""
    return reglas_en(fecha).mayoria


def instrumentos(fecha: datetime | date) -> dict[str, str]:
    """Los instrumentos que adopta el concejo según el perfil (código → nombre)."""
    return {
        i["codigo"]: i["nombre"]
        for i in perfiles.valor("instrumentos", fecha=_dia(fecha))
        if i.get("organo") == "concejo"
    }


def instrumentos_con_dos_debates(fecha: datetime | date) -> list[str]:
    """Los instrumentos que el perfil hace pasar por dos debates (`concejo.debates`: EC las ordenanzas, CO
    los acuerdos; PE y MX ninguno)."""
    return reglas_en(fecha).instrumentos_con_dos_debates()


# --- Fotos y versiones -----------------------------------------------------------------------------


def _puntos(sesion: Sesion) -> QuerySet[PuntoAgenda]:
    return (
        PuntoAgenda.objects.filter(sesion=sesion)
        .select_related("documento", "acta_de", "primer_debate__sesion")
        .prefetch_related("anexos")
        .order_by("orden")
    )


def foto(sesion: Sesion) -> list[dict]:
    """Los puntos de la agenda como lista JSON (lo que guarda una versión)."""
    secciones = dict(Seccion.choices)
    return [
        {
            "punto_id": p.pk,
            "orden": p.orden,
            "seccion": p.seccion,
            "seccion_nombre": str(secciones[p.seccion]),
            "clase": p.clase,
            "titulo": p.titulo,
            "descripcion": p.descripcion,
            "mayoria": p.mayoria,
            "instrumento": p.instrumento,
            "debate": p.debate,
            "primer_debate_id": p.primer_debate_id,
            "documento_id": p.documento_id,
            "documento": p.documento.numero_texto if p.documento is not None else "",
            "acta_de_id": p.acta_de_id,
            "anexos": [
                {"id": a.pk, "nombre": a.nombre_original, "sha256": a.sha256}
                for a in sorted(p.anexos.all(), key=lambda a: a.pk)
            ],
            "agregado_tras_congelar": p.agregado_tras_congelar,
        }
        for p in _puntos(sesion)
    ]


def sha256_de(contenido: list[dict]) -> str:
    canonico = json.dumps(contenido, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonico.encode("utf-8")).hexdigest()


def _nueva_version(sesion: Sesion, *, por, motivo: str) -> VersionAgenda:
    ultima = sesion.versiones.order_by("-numero").first()
    contenido = foto(sesion)
    version = VersionAgenda.objects.create(
        sesion=sesion,
        numero=(ultima.numero + 1) if ultima else 1,
        contenido=contenido,
        sha256=sha256_de(contenido),
        motivo=motivo,
        por=por,
    )
    return version


def ultima_version(sesion: Sesion) -> VersionAgenda | None:
    return sesion.versiones.order_by("-numero").first()


@transaction.atomic
def congelar_agenda(*, sesion: Sesion, por) -> VersionAgenda:
    """Congela la agenda: crea la versión 1 con la foto de los puntos y su SHA-256.

    Hace falta al menos un punto. Desde entonces cada cambio pide motivo y crea otra versión.
    Evento `concejo.agenda.congelar`.
    """
    sesion = Sesion.objects.select_for_update().get(pk=sesion.pk)
    exigir_preparacion(sesion, "congelar la agenda")
    if agenda_congelada(sesion):
        raise ValidationError(
            # cast: la agenda congelada tiene al menos una versión (agenda_congelada lo acaba de ver).
            f"La agenda ya está congelada (versión {cast(VersionAgenda, ultima_version(sesion)).numero}); "
            "los cambios se hacen con motivo y crean otra versión."
        )
    if not sesion.puntos.exists():
        raise ValidationError("La agenda no tiene puntos: agregue al menos uno antes de congelarla.")
    version = _nueva_version(sesion, por=por, motivo="")
    registrar_evento(
        por=por,
        accion="concejo.agenda.congelar",
        objeto=sesion,
        despues={"version": version.numero, "sha256": version.sha256, "puntos": len(version.contenido)},
    )
    return version


def _exigir_motivo(sesion: Sesion, motivo: str) -> tuple[bool, str]:
    motivo = (motivo or "").strip()
    congelada = agenda_congelada(sesion)
    if congelada and not motivo:
        raise ValidationError({"motivo": ["La agenda está congelada: escriba el motivo del cambio."]})
    return congelada, motivo


def _tras_cambio(sesion: Sesion, *, por, motivo: str, congelada: bool) -> VersionAgenda | None:
    return _nueva_version(sesion, por=por, motivo=motivo) if congelada else None


def _bloquear(sesion: Sesion, accion: str) -> Sesion:
    sesion = Sesion.objects.select_for_update().select_related("organo__periodo").get(pk=sesion.pk)
    exigir_preparacion(sesion, accion)
    return sesion


def _renumerar(sesion: Sesion, orden_deseado: list[int] | None = None) -> None:
    """Numera 1..n los puntos, cada uno dentro de su sección. `orden_deseado` (ids) decide el orden
    dentro de cada sección; si no, el orden actual. Dos pasos por la restricción única (sesion, orden)."""
    puntos = list(PuntoAgenda.objects.filter(sesion=sesion).values_list("pk", "seccion", "orden"))
    posicion = {pk: i for i, pk in enumerate(orden_deseado or [])}
    rango = {s: i for i, s in enumerate(ORDEN_SECCIONES)}
    puntos.sort(key=lambda p: (rango.get(p[1], 99), posicion.get(p[0], p[2] + 100000), p[2]))
    if all(orden == i for i, (_, _, orden) in enumerate(puntos, start=1)):
        return
    PuntoAgenda.objects.filter(sesion=sesion).update(orden=F("orden") + 10000)
    for i, (pk, _, _) in enumerate(puntos, start=1):
        PuntoAgenda.objects.filter(pk=pk).update(orden=i)


# --- Validación de los datos de un punto -----------------------------------------------------------


@dataclass
class DatosPunto:
    seccion: str
    clase: str
    titulo: str
    descripcion: str
    mayoria: str
    instrumento: str
    documento: Documento | None
    proponente: Miembro | None
    unidad_proponente: UnidadOrganica | None


def _validar(sesion: Sesion, d: DatosPunto, *, por) -> dict[str, list[str]]:
    errores: dict[str, list[str]] = {}
    if d.seccion not in CLASES_POR_SECCION:
        errores["seccion"] = ["Elija una sección de la agenda."]
        return errores
    if d.seccion == Seccion.ACTA:
        errores["seccion"] = ["La aprobación del acta se agrega con «Agregar aprobación del acta anterior»."]
    if d.clase not in CLASES_POR_SECCION[d.seccion]:
        nombres = dict(Clase.choices)
        errores["clase"] = [
            f"En {dict(Seccion.choices)[d.seccion].lower()} solo caben: "
            + ", ".join(str(nombres[c]).lower() for c in CLASES_POR_SECCION[d.seccion])
            + "."
        ]
    if not d.titulo:
        errores["titulo"] = ["Escriba el título del punto."]
    elif len(d.titulo) > 500:
        errores["titulo"] = ["El título no puede pasar de 500 caracteres."]
    if d.mayoria and d.mayoria not in mayorias():
        errores["mayoria"] = [f"«{d.mayoria}» no es una mayoría conocida."]
    if d.instrumento and d.instrumento not in instrumentos(sesion.fecha):
        errores["instrumento"] = [f"«{d.instrumento}» no es un instrumento del concejo en el perfil."]
    if d.documento is not None:
        if (
            not documentos_visibles(por)
            .filter(pk=d.documento.pk, clase=Documento.Clase.ENTRADA)
            .exclude(estado__in=[Documento.Estado.BORRADOR, Documento.Estado.ANULADO])
            .exists()
        ):
            errores["documento"] = ["Ese documento no está en el registro de entrada o no puede verlo."]
    if d.proponente is not None and d.proponente.periodo_id != sesion.organo.periodo_id:
        errores["proponente"] = ["El proponente no es miembro del concejo en este periodo."]
    if d.clase == Clase.MOCION and d.proponente is None:
        errores["proponente"] = ["Una moción lleva el miembro que la propone."]
    return errores


def _datos(
    *, seccion, clase, titulo, descripcion, mayoria, instrumento, documento, proponente, unidad_proponente
) -> DatosPunto:
    clase = clase or (CLASES_POR_SECCION.get(seccion) or [""])[0]
    return DatosPunto(
        seccion=seccion,
        clase=clase,
        titulo=(titulo or "").strip(),
        descripcion=(descripcion or "").strip(),
        mayoria=(mayoria or "").strip(),
        instrumento=(instrumento or "").strip(),
        documento=documento,
        proponente=proponente,
        unidad_proponente=unidad_proponente,
    )


def _validar_segundo_debate(sesion: Sesion, primer: PuntoAgenda) -> dict[str, list[str]]:
    primera = primer.sesion
    regla = reglas_en(sesion.fecha)
    if regla.debates_de(primer.instrumento) < 2:
        nombre = instrumentos(sesion.fecha).get(primer.instrumento, primer.instrumento or "sin instrumento")
        return {
            "primer_debate": [
                f"Según el perfil, «{nombre}» se aprueba en un solo debate: el punto se vota una vez y no "
                "tiene segundo debate."
            ]
        }
    if primer.debate != 1:
        return {"primer_debate": ["El punto elegido no es un primer debate."]}
    if primera.organo.periodo_id != sesion.organo.periodo_id:
        return {"primer_debate": ["El primer debate es de otro periodo del concejo."]}
    if primera.estado == Sesion.Estado.CANCELADA:
        return {"primer_debate": ["La sesión del primer debate fue cancelada."]}
    if _dia(primera.fecha) >= _dia(sesion.fecha):
        return {
            "primer_debate": [
                f"El segundo debate debe ser en un día distinto y posterior al del primero "
                f"({_dia(primera.fecha):%d/%m/%Y}); esta sesión es el {_dia(sesion.fecha):%d/%m/%Y}."
            ]
        }
    if problema := problema_del_intervalo(regla, primero=primera, segundo=sesion, desde=_dia(primera.fecha)):
        return {"primer_debate": [problema]}
    if primer.segundos_debates.exists():
        return {"primer_debate": ["Ese punto ya tiene su segundo debate en otra agenda."]}
    return {}


# --- Servicios de los puntos -----------------------------------------------------------------------


@transaction.atomic
def agregar_punto(
    *,
    sesion: Sesion,
    seccion: str,
    titulo: str,
    por,
    clase: str = "",
    descripcion: str = "",
    mayoria: str = "",
    instrumento: str = "",
    documento=None,
    proponente: Miembro | None = None,
    unidad_proponente: UnidadOrganica | None = None,
    primer_debate: PuntoAgenda | None = None,
    motivo: str = "",
) -> PuntoAgenda:
    """Agrega un punto al final de su sección.

    Despacho enlaza un documento del registro de entrada (`documento`); el orden del día lleva la
    mayoría requerida (la general del perfil si no se da) y el instrumento que resultaría. Con
    `primer_debate`, el punto es el segundo debate de esa ordenanza o acuerdo: solo donde el perfil exige
    dos debates y en un día posterior al primero. Una extraordinaria convocada no admite puntos nuevos.
    Con la agenda congelada pide `motivo` y crea otra versión. Evento `concejo.punto.agregar`.
    """
    sesion = _bloquear(sesion, "agregar puntos")
    if sesion.tipo == "extraordinaria" and sesion.estado == Sesion.Estado.CONVOCADA:
        raise ValidationError(
            "Esta sesión extraordinaria ya fue convocada: solo se tratan los puntos anunciados en la "
            "convocatoria. Para otro asunto convoque otra sesión."
        )
    congelada, motivo = _exigir_motivo(sesion, motivo)
    d = _datos(
        seccion=seccion,
        clase=clase,
        titulo=titulo,
        descripcion=descripcion,
        mayoria=mayoria,
        instrumento=instrumento,
        documento=documento,
        proponente=proponente,
        unidad_proponente=unidad_proponente,
    )
    errores = _validar(sesion, d, por=por)
    debate = 1
    if primer_debate is not None and not errores:
        errores.update(_validar_segundo_debate(sesion, primer_debate))
        debate = 2
        d.instrumento = primer_debate.instrumento
        d.mayoria = d.mayoria or primer_debate.mayoria
    if errores:
        raise ValidationError(errores)
    if not d.mayoria and d.seccion in SECCIONES_CON_VOTO:
        d.mayoria = mayoria_por_defecto(sesion.fecha)
    ultimo = (
        PuntoAgenda.objects.filter(sesion=sesion).order_by("-orden").values_list("orden", flat=True).first()
    )
    punto = PuntoAgenda.objects.create(
        sesion=sesion,
        orden=(ultimo or 0) + 1,
        seccion=d.seccion,
        clase=d.clase,
        titulo=d.titulo,
        descripcion=d.descripcion,
        mayoria=d.mayoria,
        instrumento=d.instrumento,
        debate=debate,
        primer_debate=primer_debate,
        documento=d.documento,
        proponente=d.proponente,
        unidad_proponente=d.unidad_proponente,
        agregado_tras_congelar=congelada,
    )
    _renumerar(sesion)
    punto.refresh_from_db()
    version = _tras_cambio(sesion, por=por, motivo=motivo, congelada=congelada)
    registrar_evento(
        por=por,
        accion="concejo.punto.agregar",
        objeto=punto,
        despues={**instantanea(punto), "motivo": motivo, "version": version.numero if version else None},
    )
    return punto


def acta_pendiente(sesion: Sesion) -> Sesion | None:
    """La sesión anterior del mismo órgano ya celebrada (levantada) cuya acta aún no tiene punto de
    aprobación en ninguna agenda vigente: la que se propone aprobar en `sesion`."""
    return (
        Sesion.objects.filter(organo=sesion.organo, fecha__lt=sesion.fecha, estado=Sesion.Estado.LEVANTADA)
        .exclude(
            puntos_aprobacion_acta__sesion__estado__in=[
                *ESTADOS_PREPARACION,
                Sesion.Estado.INSTALADA,
                Sesion.Estado.SUSPENDIDA,
                Sesion.Estado.LEVANTADA,
            ]
        )
        .order_by("-fecha")
        .first()
    )


def titulo_acta(anterior: Sesion) -> str:
    return (
        f"Aprobación del acta de la sesión {nombre_tipo(anterior.tipo).lower()} "
        f"Nº {anterior.numero}-{anterior.anio} del {_dia(anterior.fecha):%d/%m/%Y}"
    )


@transaction.atomic
def agregar_aprobacion_acta(
    *, sesion: Sesion, por, acta_de: Sesion | None = None, motivo: str = ""
) -> PuntoAgenda:
    """Agrega el punto «aprobación del acta» de la sesión anterior (`acta_de`; si no se da, la última
    sesión celebrada del mismo órgano que aún no tiene ese punto). Sección y clase «acta», la mayoría
    general del perfil. La parte «después» aprueba el acta cuando la votación de este punto se confirma.
    Evento `concejo.punto.agregar`.
    """
    sesion = _bloquear(sesion, "agregar puntos")
    if sesion.tipo == "extraordinaria" and sesion.estado == Sesion.Estado.CONVOCADA:
        raise ValidationError(
            "Esta sesión extraordinaria ya fue convocada: solo se tratan los puntos anunciados."
        )
    congelada, motivo = _exigir_motivo(sesion, motivo)
    anterior = Sesion.objects.filter(pk=acta_de.pk).first() if acta_de is not None else acta_pendiente(sesion)
    if anterior is None:
        raise ValidationError("No hay una sesión anterior celebrada de este órgano con el acta por aprobar.")
    if anterior.organo_id != sesion.organo_id or anterior.fecha >= sesion.fecha:
        raise ValidationError("El acta debe ser de una sesión anterior del mismo órgano.")
    if anterior.estado in (Sesion.Estado.PROGRAMADA, Sesion.Estado.CANCELADA):
        raise ValidationError("Esa sesión no se celebró: no tiene acta que aprobar.")
    if sesion.puntos.filter(acta_de=anterior).exists():
        raise ValidationError("El acta de esa sesión ya está en esta agenda.")
    ultimo = (
        PuntoAgenda.objects.filter(sesion=sesion).order_by("-orden").values_list("orden", flat=True).first()
    )
    punto = PuntoAgenda.objects.create(
        sesion=sesion,
        orden=(ultimo or 0) + 1,
        seccion=Seccion.ACTA,
        clase=Clase.ACTA,
        titulo=titulo_acta(anterior),
        mayoria=mayoria_por_defecto(sesion.fecha),
        acta_de=anterior,
        agregado_tras_congelar=congelada,
    )
    _renumerar(sesion)
    punto.refresh_from_db()
    version = _tras_cambio(sesion, por=por, motivo=motivo, congelada=congelada)
    registrar_evento(
        por=por,
        accion="concejo.punto.agregar",
        objeto=punto,
        despues={**instantanea(punto), "motivo": motivo, "version": version.numero if version else None},
    )
    return punto


def _bloquear_punto(punto: PuntoAgenda, accion: str) -> tuple[PuntoAgenda, Sesion]:
    sesion = _bloquear(punto.sesion, accion)
    punto = PuntoAgenda.objects.select_related("documento").get(pk=punto.pk)
    return punto, sesion


CAMPOS_EDITABLES = [
    "titulo",
    "descripcion",
    "clase",
    "mayoria",
    "instrumento",
    "documento",
    "proponente",
    "unidad_proponente",
]


@transaction.atomic
def editar_punto(
    *,
    punto: PuntoAgenda,
    por,
    titulo: str,
    descripcion: str = "",
    clase: str = "",
    mayoria: str = "",
    instrumento: str = "",
    documento=None,
    proponente: Miembro | None = None,
    unidad_proponente: UnidadOrganica | None = None,
    motivo: str = "",
) -> PuntoAgenda:
    """Cambia los datos de un punto (no su sección: se quita y se agrega). Con la agenda congelada pide
    motivo y crea otra versión. Evento `concejo.punto.editar` con el antes y el después."""
    punto, sesion = _bloquear_punto(punto, "editar la agenda")
    congelada, motivo = _exigir_motivo(sesion, motivo)
    if punto.seccion == Seccion.ACTA:
        raise ValidationError("El punto de aprobación del acta no se edita: quítelo y agréguelo de nuevo.")
    d = _datos(
        seccion=punto.seccion,
        clase=clase or punto.clase,
        titulo=titulo,
        descripcion=descripcion,
        mayoria=mayoria,
        instrumento=instrumento,
        documento=documento,
        proponente=proponente,
        unidad_proponente=unidad_proponente,
    )
    errores = _validar(sesion, d, por=por)
    if punto.primer_debate_id and d.instrumento != punto.instrumento:
        errores["instrumento"] = ["Un segundo debate conserva el instrumento del primero."]
    if punto.segundos_debates.exists() and d.instrumento != punto.instrumento:
        errores["instrumento"] = ["Este punto ya tiene segundo debate: su instrumento no cambia."]
    if errores:
        raise ValidationError(errores)
    if not d.mayoria and d.seccion in SECCIONES_CON_VOTO:
        d.mayoria = mayoria_por_defecto(sesion.fecha)
    antes = instantanea(punto, CAMPOS_EDITABLES)
    for campo in CAMPOS_EDITABLES:
        setattr(punto, campo, getattr(d, campo))
    punto.save(update_fields=CAMPOS_EDITABLES)
    despues = instantanea(punto, CAMPOS_EDITABLES)
    if antes == despues:
        return punto
    version = _tras_cambio(sesion, por=por, motivo=motivo, congelada=congelada)
    registrar_evento(
        por=por,
        accion="concejo.punto.editar",
        objeto=punto,
        antes=antes,
        despues={**despues, "motivo": motivo, "version": version.numero if version else None},
    )
    return punto


@transaction.atomic
def quitar_punto(*, punto: PuntoAgenda, por, motivo: str = "") -> None:
    """Quita un punto de la agenda (las versiones anteriores lo conservan). Con la agenda congelada pide
    motivo y crea otra versión. Evento `concejo.punto.quitar`."""
    punto, sesion = _bloquear_punto(punto, "quitar puntos")
    congelada, motivo = _exigir_motivo(sesion, motivo)
    if punto.segundos_debates.exists():
        raise ValidationError(
            "Este punto es el primer debate de otro que ya está en agenda: quite antes el segundo."
        )
    antes = instantanea(punto)
    registrar_evento(
        por=por, accion="concejo.punto.quitar", objeto=sesion, antes=antes, despues={"motivo": motivo}
    )
    punto.delete()
    _renumerar(sesion)
    _tras_cambio(sesion, por=por, motivo=motivo, congelada=congelada)


@transaction.atomic
def mover_punto(*, punto: PuntoAgenda, direccion: str, por, motivo: str = "") -> PuntoAgenda:
    """Sube o baja un punto un lugar dentro de su sección. Con la agenda congelada pide motivo y crea
    otra versión. Evento `concejo.punto.mover`."""
    if direccion not in ("subir", "bajar"):
        raise ValidationError("Indique si el punto sube o baja.")
    punto, sesion = _bloquear_punto(punto, "reordenar la agenda")
    congelada, motivo = _exigir_motivo(sesion, motivo)
    hermanos = list(
        PuntoAgenda.objects.filter(sesion=sesion, seccion=punto.seccion)
        .order_by("orden")
        .values_list("pk", flat=True)
    )
    i = hermanos.index(punto.pk)
    j = i - 1 if direccion == "subir" else i + 1
    if not 0 <= j < len(hermanos):
        raise ValidationError(
            f"El punto ya es el {'primero' if direccion == 'subir' else 'último'} de su sección."
        )
    hermanos[i], hermanos[j] = hermanos[j], hermanos[i]
    antes = punto.orden
    _renumerar(sesion, hermanos)
    punto.refresh_from_db()
    version = _tras_cambio(sesion, por=por, motivo=motivo, congelada=congelada)
    registrar_evento(
        por=por,
        accion="concejo.punto.mover",
        objeto=punto,
        antes={"orden": antes},
        despues={"orden": punto.orden, "motivo": motivo, "version": version.numero if version else None},
    )
    return punto


@transaction.atomic
def adjuntar_anexo(*, punto: PuntoAgenda, archivo, por, motivo: str = "") -> Archivo:
    """Agrega un documento al expediente del punto (PDF, Word, Excel o imagen, validado por contenido y
    guardado con su SHA-256 por `core.services.archivos`). Con la agenda congelada pide motivo y crea
    otra versión. Evento `concejo.punto.anexo_agregar`."""
    punto, sesion = _bloquear_punto(punto, "cambiar el expediente del punto")
    congelada, motivo = _exigir_motivo(sesion, motivo)
    if archivo is None:
        raise ValidationError({"archivo": ["Elija el archivo."]})
    try:
        guardado = guardar_archivo(
            archivo=archivo, por=por, tipos_permitidos=TIPOS_ANEXO, tamano_maximo=MAX_ANEXO
        )
    except ValidationError as e:
        raise ValidationError({"archivo": e.messages}) from None
    punto.anexos.add(guardado)
    version = _tras_cambio(sesion, por=por, motivo=motivo, congelada=congelada)
    registrar_evento(
        por=por,
        accion="concejo.punto.anexo_agregar",
        objeto=punto,
        despues={
            "archivo": guardado.pk,
            "nombre": guardado.nombre_original,
            "sha256": guardado.sha256,
            "motivo": motivo,
            "version": version.numero if version else None,
        },
    )
    return guardado


@transaction.atomic
def quitar_anexo(*, punto: PuntoAgenda, archivo: Archivo, por, motivo: str = "") -> None:
    """Saca un documento del expediente del punto (el archivo se conserva: las versiones lo citan).
    Evento `concejo.punto.anexo_quitar`."""
    punto, sesion = _bloquear_punto(punto, "cambiar el expediente del punto")
    congelada, motivo = _exigir_motivo(sesion, motivo)
    if not punto.anexos.filter(pk=archivo.pk).exists():
        raise ValidationError("Ese documento no está en el expediente del punto.")
    punto.anexos.remove(archivo)
    version = _tras_cambio(sesion, por=por, motivo=motivo, congelada=congelada)
    registrar_evento(
        por=por,
        accion="concejo.punto.anexo_quitar",
        objeto=punto,
        antes={"archivo": archivo.pk, "nombre": archivo.nombre_original},
        despues={"motivo": motivo, "version": version.numero if version else None},
    )


# --- Diferencias entre versiones -------------------------------------------------------------------

_CAMPOS_COMPARADOS = {
    "titulo": "título",
    "descripcion": "descripción",
    "seccion_nombre": "sección",
    "mayoria": "mayoría",
    "instrumento": "instrumento",
    "documento": "documento del registro",
}


def diferencias(anterior: VersionAgenda | None, nueva: VersionAgenda) -> list[dict]:
    """Lo que cambió de `anterior` a `nueva`: puntos agregados, quitados, movidos y cambiados (con los
    campos). Cada cambio es `{"tipo", "titulo", "detalle"}`, en español, para la página de versiones."""
    viejos = {p["punto_id"]: p for p in (anterior.contenido if anterior else [])}
    nuevos = {p["punto_id"]: p for p in nueva.contenido}
    cambios: list[dict] = []
    for pid, p in nuevos.items():
        if pid not in viejos:
            cambios.append(
                {
                    "tipo": "agregado",
                    "titulo": p["titulo"],
                    "detalle": f"Nuevo punto {p['orden']} en {p['seccion_nombre'].lower()}.",
                }
            )
            continue
        v = p_viejo = viejos[pid]
        campos = [nombre for clave, nombre in _CAMPOS_COMPARADOS.items() if v.get(clave) != p.get(clave)]
        anexos_v = {a["id"] for a in p_viejo.get("anexos", [])}
        anexos_n = {a["id"] for a in p.get("anexos", [])}
        if anexos_v != anexos_n:
            campos.append("documentos del expediente")
        if campos:
            cambios.append(
                {"tipo": "cambiado", "titulo": p["titulo"], "detalle": "Cambió: " + ", ".join(campos) + "."}
            )
        if v["orden"] != p["orden"]:
            cambios.append(
                {
                    "tipo": "movido",
                    "titulo": p["titulo"],
                    "detalle": f"Pasó del punto {v['orden']} al {p['orden']}.",
                }
            )
    for pid, v in viejos.items():
        if pid not in nuevos:
            cambios.append(
                {"tipo": "quitado", "titulo": v["titulo"], "detalle": f"Era el punto {v['orden']}."}
            )
    return cambios


def buscar_documentos_para_despacho(*, usuario, texto: str, limite: int = 20):
    """Documentos del registro de entrada que `usuario` puede ver, por número o asunto (búsqueda de
    texto del registro), para enlazarlos en el despacho. Los más recientes primero."""
    texto = (texto or "").strip()
    if not texto:
        return Documento.objects.none()
    qs = (
        documentos_visibles(usuario)
        .filter(clase=Documento.Clase.ENTRADA)
        .exclude(estado__in=[Documento.Estado.BORRADOR, Documento.Estado.ANULADO])
    )
    return (
        buscar_documentos(texto, usuario=usuario, qs=qs)
        .select_related("remitente")
        .order_by("-recibido_en")[:limite]
    )
