"""La demostración de actos (Villa Esperanza, MDVE, Perú); `apps.py` inscribe sus dos cargadores.

- `cargar_normativa` (orden 60): ordenanzas, acuerdos de concejo, decretos y resoluciones de alcaldía
  firmados y publicados por los servicios (número del registro, PDF con SHA-256, auditoría); una ordenanza
  que modifica otra y un decreto derogado; las decisiones pendientes del concejo de demostración (si las
  hay) se registran como acuerdos; y un proyecto de decreto de la Gerencia de Desarrollo Urbano en
  revisión. Idempotente: si ya hay actos de la demostración, no hace nada.
- `cargar_seguimiento` (orden 61): tareas sobre los actos publicados que carga el anterior.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actos.models import Acto, Tarea
from actos.services import ciclo
from actos.services.relaciones import relacionar
from actos.services.seguimiento import crear_tarea, informar_avance
from actos.services.texto import agregar_parte
from core.models import UnidadOrganica, Usuario

MARCA = "(demostración)"

ORDENANZA_BASE = {
    "tipo": "ordenanza",
    "titulo": "Ordenanza que regula el comercio ambulatorio en los espacios públicos del distrito",
    "temas": "comercio ambulatorio, espacios públicos, licencias",
    "partes": [
        (
            "visto",
            "El Informe Legal Nº 045-2026-OAJ/MDVE y el Dictamen de la Comisión de Desarrollo Económico.",
        ),
        (
            "considerando",
            "Que, el artículo 194 de la Constitución Política del Perú reconoce a las municipalidades "
            "autonomía política, económica y administrativa en los asuntos de su competencia;",
        ),
        (
            "considerando",
            "Que, el artículo 83 de la Ley Orgánica de Municipalidades, Ley 27972, faculta a las "
            "municipalidades distritales a regular el comercio ambulatorio;",
        ),
        (
            "formula",
            "Estando a lo expuesto y en uso de las facultades del artículo 9 de la Ley 27972, el Concejo "
            "Municipal aprobó por UNANIMIDAD la siguiente:\nORDENANZA",
        ),
        (
            "articulo",
            "La presente ordenanza regula el comercio ambulatorio en las vías y espacios públicos del "
            "distrito de Villa Esperanza.",
        ),
        (
            "articulo",
            "La autorización municipal temporal para el comercio ambulatorio tiene una vigencia de seis "
            "meses y es personal e intransferible.",
        ),
        (
            "articulo",
            "Se prohíbe el comercio ambulatorio a menos de cincuenta metros de los centros educativos y "
            "de salud.",
        ),
        ("final", "La presente ordenanza entra en vigor al día siguiente de su publicación."),
    ],
}
ORDENANZA_MODIFICA = {
    "tipo": "ordenanza",
    "titulo": "Ordenanza que modifica el artículo 2 de la ordenanza de comercio ambulatorio",
    "temas": "comercio ambulatorio, licencias",
    "partes": [
        (
            "considerando",
            "Que, es necesario ampliar la vigencia de las autorizaciones temporales para dar "
            "estabilidad a los comerciantes formalizados;",
        ),
        ("formula", "El Concejo Municipal aprobó la siguiente:\nORDENANZA"),
        (
            "articulo",
            "Modifíquese el artículo 2 de la ordenanza que regula el comercio ambulatorio, que queda "
            "redactado así: «La autorización municipal temporal tiene una vigencia de un año».",
        ),
    ],
}
DECRETO_HORARIO = {
    "tipo": "decreto",
    "titulo": "Decreto de alcaldía que fija el horario de atención de la Mesa de Partes",
    "temas": "atención al ciudadano, horario",
    "partes": [
        (
            "considerando",
            "Que, el artículo 42 de la Ley 27972 dispone que los decretos de alcaldía establecen "
            "normas reglamentarias y de aplicación de las ordenanzas;",
        ),
        ("formula", "SE DECRETA:"),
        (
            "articulo",
            "Fíjese el horario de atención de la Mesa de Partes de lunes a viernes de 8:00 a 16:30 horas.",
        ),
    ],
}
DECRETO_NUEVO_HORARIO = {
    "tipo": "decreto",
    "titulo": "Decreto de alcaldía que establece el horario corrido de atención al público",
    "temas": "atención al ciudadano, horario",
    "partes": [
        ("considerando", "Que, la demanda de atención exige ampliar el horario de la Mesa de Partes;"),
        ("formula", "SE DECRETA:"),
        (
            "articulo",
            "Fíjese el horario de atención al público de lunes a viernes de 8:00 a 17:00 horas, corrido.",
        ),
        (
            "derogatoria",
            "Deróguese el decreto de alcaldía que fijaba el horario de atención de la Mesa de Partes.",
        ),
    ],
}
RESOLUCION = {
    "tipo": "resolucion_alcaldia",
    "titulo": "Resolución de alcaldía que designa al responsable del portal de transparencia",
    "temas": "transparencia, designación",
    "partes": [
        ("visto", "El Memorando Nº 012-2026-GM/MDVE de la Gerencia Municipal."),
        (
            "considerando",
            "Que, el TUO de la Ley 27806 exige designar al funcionario responsable de elaborar y "
            "actualizar el portal de transparencia;",
        ),
        ("formula", "SE RESUELVE:"),
        (
            "articulo",
            "Designar al Jefe de la Unidad de Trámite Documentario y Archivo como responsable del "
            "portal de transparencia.",
        ),
        (
            "articulo",
            "Notificar la presente resolución al interesado y publicarla en el portal institucional.",
        ),
    ],
}
ACUERDO = {
    "tipo": "acuerdo",
    "titulo": "Acuerdo de concejo que aprueba el calendario de sesiones ordinarias del año",
    "temas": "concejo, sesiones",
    "partes": [
        (
            "considerando",
            "Que, el artículo 13 de la Ley 27972 dispone que el concejo se reúne en sesiones "
            "ordinarias no menos de dos ni más de cuatro veces al mes;",
        ),
        ("formula", "ACORDÓ:"),
        (
            "articulo",
            "Aprobar el calendario de sesiones ordinarias del Concejo Municipal para el presente año.",
        ),
    ],
}
# El texto de un acuerdo registrado desde una decisión del concejo ({materia}: el título del punto votado).
ACUERDO_DE_DECISION = {
    "partes": [
        (
            "considerando",
            "Que, el artículo 41 de la Ley Orgánica de Municipalidades, Ley 27972, dispone que los "
            "acuerdos son decisiones que toma el concejo referidas a asuntos específicos de interés "
            "público, vecinal o institucional;",
        ),
        (
            "considerando",
            "Que, el Concejo Municipal debatió y votó en sesión ordinaria el punto «{materia}»;",
        ),
        ("formula", "Estando a lo acordado, el Concejo Municipal\nACORDÓ:"),
        ("articulo", "Aprobar lo propuesto en el punto «{materia}», en los términos votados por el concejo."),
        ("articulo", "Encargar a la Gerencia Municipal el cumplimiento del presente acuerdo."),
    ],
}
PROYECTO = {
    "tipo": "decreto",
    "titulo": "Proyecto de decreto que reglamenta la instalación de anuncios publicitarios",
    "temas": "anuncios, licencias",
    "partes": [
        ("considerando", "Que, la ordenanza de anuncios publicitarios requiere normas de aplicación;"),
        ("formula", "SE DECRETA:"),
        ("articulo", "Los anuncios publicitarios en fachadas no excederán de dos metros cuadrados."),
    ],
}


def _redactar(datos: dict, *, por, autor=None) -> Acto:
    acto = ciclo.crear_proyecto(
        tipo=datos["tipo"], titulo=datos["titulo"], temas=datos["temas"], por=autor or por
    )
    _texto(acto, datos, por=autor or por)
    return acto


def _texto(acto: Acto, datos: dict, *, por) -> None:
    for tipo, texto in datos["partes"]:
        agregar_parte(acto=acto, tipo=tipo, texto=texto, por=por)


def _publicar(acto: Acto, *, por, dias_atras: int, decision=None, sesion: str = "") -> Acto:
    if acto.estado == Acto.Estado.PROYECTO:
        ciclo.enviar_a_revision(acto=acto, por=por)
    if acto.estado in (Acto.Estado.PROYECTO, Acto.Estado.EN_REVISION):
        acto = ciclo.aprobar(
            acto=Acto.objects.get(pk=acto.pk),
            por=por,
            decision=decision,
            aprobacion_externa="" if decision else sesion,
        )
    firmado = timezone.localdate() - timedelta(days=dias_atras)
    alcalde = ciclo.alcalde_vigente() or "Pedro Ramos Salas, Alcalde"
    nombre, _s, cargo = alcalde.rpartition(", ")
    acto = ciclo.firmar(acto=acto, por=por, firmante=nombre, cargo_firmante=cargo, fecha=firmado)
    medio = (ciclo.regla_de_publicacion(tipo=acto.tipo)["medios"] or ["Portal institucional"])[0]
    return ciclo.publicar(acto=acto, por=por, fecha=firmado + timedelta(days=1), medio=medio)


def cargar_normativa(municipio) -> None:
    """Los actos de la demostración (orden 60), por los servicios; idempotente."""
    secretario = Usuario.objects.filter(username="secretario").first()
    jefe = Usuario.objects.filter(username="jefe").first()
    if secretario is None or Acto.objects.filter(titulo=ORDENANZA_BASE["titulo"]).exists():
        return
    # Los actos del concejo nacen de decisiones: las pendientes de la demostración del concejo primero,
    # cada una con el acto de su instrumento (la aprobación de un acta no tiene instrumento: no es un acto).
    # Las ordenanzas, de la más antigua a la más reciente: la base y la que la modifica.
    pendientes = list(
        ciclo.decisiones_pendientes()
        .filter(instrumento="ordenanza")
        .order_by("sesion__fecha", "punto__orden", "pk")[:2]
    )
    base = _redactar(ORDENANZA_BASE, por=secretario)
    # Sin decisiones pendientes (concejo de demostración sin votaciones), la sesión se anota como externa.
    # Se firma después de la primera sesión de la demostración (hace unos 30 días) y antes de la segunda.
    base = _publicar(
        base,
        por=secretario,
        dias_atras=25,
        decision=pendientes[0] if pendientes else None,
        sesion="Sesión ordinaria de concejo, aprobada por unanimidad",
    )
    modifica = _redactar(ORDENANZA_MODIFICA, por=secretario)
    relacionar(
        origen=modifica,
        destino=base,
        tipo="modifica",
        partes="art_2",
        por=secretario,
        nota="Amplía la vigencia de la autorización temporal a un año.",
    )
    _publicar(
        modifica,
        por=secretario,
        dias_atras=12,
        decision=pendientes[1] if len(pendientes) > 1 else None,
        sesion="Sesión ordinaria de concejo, aprobada por mayoría",
    )

    decreto = _redactar(DECRETO_HORARIO, por=secretario, autor=jefe)
    decreto = _publicar(decreto, por=secretario, dias_atras=30)
    nuevo = _redactar(DECRETO_NUEVO_HORARIO, por=secretario, autor=jefe)
    relacionar(origen=nuevo, destino=decreto, tipo="deroga", por=secretario)
    _publicar(nuevo, por=secretario, dias_atras=8)

    _publicar(_redactar(RESOLUCION, por=secretario), por=secretario, dias_atras=20)

    # Un acuerdo: desde una decisión pendiente del concejo con ese instrumento si la hay (con el título del
    # punto votado); si no, el del calendario de sesiones, con la sesión anotada.
    resto = list(ciclo.decisiones_pendientes().filter(instrumento="acuerdo")[:1])
    if resto:
        titulo = resto[0].punto.titulo
        acuerdo = ciclo.crear_desde_decision(decision=resto[0], por=secretario, tipo="acuerdo", titulo=titulo)
        _texto(
            acuerdo,
            {
                **ACUERDO_DE_DECISION,
                "partes": [
                    (tipo, texto.format(materia=titulo)) for tipo, texto in ACUERDO_DE_DECISION["partes"]
                ],
            },
            por=secretario,
        )
    else:
        acuerdo = _redactar(ACUERDO, por=secretario)
    _publicar(acuerdo, por=secretario, dias_atras=5, sesion="Sesión ordinaria de concejo de enero")

    if jefe is not None:
        proyecto = _redactar(PROYECTO, por=secretario, autor=jefe)
        ciclo.enviar_a_revision(acto=proyecto, por=jefe)


def cargar_seguimiento(municipio) -> None:
    """Tareas sobre los actos publicados de la demostración (los carga `cargar_normativa`, orden 60): una
    atrasada y otra cumplida con su evidencia. Por los servicios; idempotente (busca antes de crear)."""
    actos = list(Acto.objects.filter(estado=Acto.Estado.PUBLICADO).order_by("anio", "tipo", "numero")[:2])
    secretario = Usuario.objects.filter(username="secretario").first()
    unidad = UnidadOrganica.objects.filter(sigla="GDU").first()
    if not actos or secretario is None or unidad is None:
        return
    hoy = timezone.localdate()
    atrasada = "Elaborar el padrón de comerciantes ambulantes del sector y publicarlo en el portal."
    if not Tarea.objects.filter(descripcion=atrasada).exists():
        crear_tarea(
            acto=actos[0],
            por=secretario,
            unidad=unidad,
            descripcion=atrasada,
            plazo_dias=10,
            asignada_el=hoy - timedelta(days=40),
        )
    cumplida = "Señalizar las zonas rígidas dispuestas por el acto."
    if not Tarea.objects.filter(descripcion=cumplida).exists():
        tarea = crear_tarea(
            acto=actos[-1],
            por=secretario,
            unidad=unidad,
            descripcion=cumplida,
            plazo_dias=15,
            asignada_el=hoy - timedelta(days=20),
        )
        informar_avance(
            tarea=tarea, por=secretario, porcentaje=40, texto="Señales compradas; instalación en curso."
        )
        evidencia = SimpleUploadedFile(
            "acta-de-conformidad.txt", "Acta de conformidad: 24 señales instaladas en el sector 3.\n".encode()
        )
        informar_avance(
            tarea=tarea,
            por=secretario,
            porcentaje=100,
            evidencia=evidencia,
            texto="Señalización instalada; se adjunta el acta de conformidad.",
        )
