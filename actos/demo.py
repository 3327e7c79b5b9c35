"""La demostración de actos (de cada país; `apps.py` inscribe sus dos cargadores).

- `cargar_normativa` (orden 60): normas del concejo (ordenanzas; acuerdos en Colombia; reglamentos en
  México), acuerdos o resoluciones del concejo, decretos y resoluciones del alcalde firmados y publicados por
  los servicios (número del registro, PDF con SHA-256, auditoría); una norma que modifica otra y un decreto
  derogado; las decisiones pendientes del concejo de demostración (si las hay) se registran como actos de su
  instrumento; y un proyecto de decreto de la unidad de desarrollo urbano en revisión. Los tipos son los
  instrumentos del perfil del país y los textos citan su ley (`TEXTOS`, `TIPOS`). Idempotente: si ya hay
  actos de la demostración, no hace nada.
- `cargar_seguimiento` (orden 61): tareas sobre los actos publicados que carga el anterior.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actos.models import Acto, Sancion, Tarea
from actos.selectors import firmantes as firmantes_sel
from actos.services import ciclo, sancion
from actos.services.relaciones import relacionar
from actos.services.seguimiento import crear_tarea, informar_avance
from actos.services.texto import agregar_parte
from core.demo import pais_de, unidad
from core.models import Municipio, Usuario

MARCA = "(demostración)"

# El tipo de acto (instrumento del perfil) que hace cada papel en la demostración de cada país.
TIPOS = {
    "PE": {
        "norma": "ordenanza",
        "acuerdo": "acuerdo",
        "decreto": "decreto",
        "resolucion": "resolucion_alcaldia",
    },
    "EC": {
        "norma": "ordenanza",
        "acuerdo": "resolucion_concejo",
        "decreto": "resolucion_alcaldia",
        "resolucion": "resolucion_alcaldia",
    },
    "CO": {
        "norma": "acuerdo",
        "acuerdo": "resolucion_concejo",
        "decreto": "decreto",
        "resolucion": "resolucion_alcaldia",
    },
    "MX": {
        "norma": "reglamento",
        "acuerdo": "acuerdo",
        "decreto": "resolucion_alcaldia",
        "resolucion": "resolucion_alcaldia",
    },
}

# Lo que cambia en los textos de un país a otro (las citas legales, los nombres): sin artículo preciso
# donde no se verificó. Los textos del Perú son los de siempre.
TEXTOS = {
    "PE": {
        "Norma": "Ordenanza",
        "NORMA": "ORDENANZA",
        "la_norma": "la ordenanza",
        "La_presente": "La presente ordenanza",
        "Decreto": "Decreto de alcaldía",
        "el_decreto": "el decreto de alcaldía",
        "Resolucion": "Resolución de alcaldía",
        "Acuerdo": "Acuerdo de concejo",
        "DECRETA": "SE DECRETA:",
        "RESUELVE": "SE RESUELVE:",
        "ACORDO": "ACORDÓ:",
        "territorio": "distrito",
        "lugar": "Villa Esperanza",
        "concejo": "Concejo Municipal",
        "gerencia": "la Gerencia Municipal",
        "visto_norma": "El Informe Legal Nº 045-2026-OAJ/MDVE y el Dictamen de la Comisión de Desarrollo Económico.",
        "autonomia": "Que, el artículo 194 de la Constitución Política del Perú reconoce a las municipalidades "
        "autonomía política, económica y administrativa en los asuntos de su competencia;",
        "competencia": "Que, el artículo 83 de la Ley Orgánica de Municipalidades, Ley 27972, faculta a las "
        "municipalidades distritales a regular el comercio ambulatorio;",
        "formula_norma": "Estando a lo expuesto y en uso de las facultades del artículo 9 de la Ley 27972, el "
        "Concejo Municipal aprobó por UNANIMIDAD la siguiente:\nORDENANZA",
        "formula_modifica": "El Concejo Municipal aprobó la siguiente:\nORDENANZA",
        "considerando_decreto": "Que, el artículo 42 de la Ley 27972 dispone que los decretos de alcaldía "
        "establecen normas reglamentarias y de aplicación de las ordenanzas;",
        "visto_resolucion": "El Memorando Nº 012-2026-GM/MDVE de la Gerencia Municipal.",
        "ley_transparencia": "el TUO de la Ley 27806",
        "responsable": "al Jefe de la Unidad de Trámite Documentario y Archivo",
        "considerando_sesiones": "Que, el artículo 13 de la Ley 27972 dispone que el concejo se reúne en "
        "sesiones ordinarias no menos de dos ni más de cuatro veces al mes;",
        "considerando_acuerdo": "Que, el artículo 41 de la Ley Orgánica de Municipalidades, Ley 27972, dispone "
        "que los acuerdos son decisiones que toma el concejo referidas a asuntos específicos de interés "
        "público, vecinal o institucional;",
    },
    "EC": {
        "Norma": "Ordenanza",
        "NORMA": "ORDENANZA",
        "la_norma": "la ordenanza",
        "La_presente": "La presente ordenanza",
        "Decreto": "Resolución administrativa",
        "el_decreto": "la resolución administrativa",
        "Resolucion": "Resolución administrativa",
        "Acuerdo": "Resolución de concejo",
        "DECRETA": "RESUELVE:",
        "RESUELVE": "RESUELVE:",
        "ACORDO": "RESUELVE:",
        "territorio": "cantón",
        "lugar": "Los Nogales",
        "concejo": "Concejo Municipal",
        "gerencia": "la Dirección Administrativa",
        "visto_norma": "El criterio jurídico de la Procuraduría Síndica y el informe de la Comisión de "
        "Planificación y Presupuesto.",
        "autonomia": "Que, el artículo 238 de la Constitución de la República reconoce a los gobiernos "
        "autónomos descentralizados autonomía política, administrativa y financiera;",
        "competencia": "Que, el Código Orgánico de Organización Territorial, Autonomía y Descentralización "
        "(COOTAD) atribuye al concejo municipal regular el uso del espacio público cantonal;",
        "formula_norma": "En ejercicio de la facultad legislativa que le confiere el COOTAD, el Concejo "
        "Municipal, en dos debates, expide la siguiente:\nORDENANZA",
        "considerando_decreto": "Que, el COOTAD atribuye al alcalde la dirección de la administración "
        "municipal y la expedición de sus resoluciones administrativas;",
        "visto_resolucion": "El memorando Nº GADMLN-DA-2026-012 de la Dirección Administrativa.",
        "ley_transparencia": "la Ley Orgánica de Transparencia y Acceso a la Información Pública",
        "responsable": "al Jefe de la Unidad de Gestión Documental y Archivo",
        "considerando_sesiones": "Que, el COOTAD dispone que el concejo municipal sesiona ordinariamente según "
        "su ordenanza de funcionamiento;",
        "considerando_acuerdo": "Que, el COOTAD dispone que el concejo municipal expresa su voluntad mediante "
        "ordenanzas, acuerdos y resoluciones;",
    },
    "CO": {
        "Norma": "Acuerdo",
        "NORMA": "ACUERDO",
        "la_norma": "el acuerdo",
        "La_presente": "El presente acuerdo",
        "Decreto": "Decreto",
        "el_decreto": "el decreto",
        "Resolucion": "Resolución de alcaldía",
        "Acuerdo": "Resolución del concejo",
        "DECRETA": "DECRETA:",
        "RESUELVE": "RESUELVE:",
        "ACORDO": "RESUELVE:",
        "territorio": "municipio",
        "lugar": "Santa Inés del Monte",
        "concejo": "Concejo Municipal",
        "gerencia": "la Secretaría de Gobierno",
        "visto_norma": "La exposición de motivos del alcalde y la ponencia de la Comisión Primera "
        "Permanente del Plan de Desarrollo.",
        "autonomia": "Que, el artículo 287 de la Constitución Política reconoce a las entidades territoriales "
        "autonomía para la gestión de sus intereses;",
        "competencia": "Que, el artículo 313 de la Constitución Política atribuye a los concejos "
        "reglamentar los usos del suelo y el espacio público;",
        "formula_norma": "En uso de sus atribuciones constitucionales y legales, en especial las de la Ley 136 "
        "de 1994, el Concejo Municipal, aprobado en dos debates,\nACUERDA:",
        "considerando_decreto": "Que, el artículo 315 de la Constitución Política atribuye al alcalde "
        "reglamentar los acuerdos del concejo y dirigir la administración;",
        "visto_resolucion": "El memorando SGOB-2026-012 de la Secretaría de Gobierno.",
        "ley_transparencia": "la Ley 1712 de 2014",
        "responsable": "al Coordinador de la Ventanilla Única y Archivo Central",
        "considerando_sesiones": "Que, la Ley 136 de 1994 fija los periodos de sesiones ordinarias del "
        "concejo municipal;",
        "considerando_acuerdo": "Que, la Ley 136 de 1994 permite al concejo adoptar resoluciones para su "
        "organización y funcionamiento;",
    },
    "MX": {
        "Norma": "Reglamento",
        "NORMA": "REGLAMENTO",
        "la_norma": "el reglamento",
        "La_presente": "El presente reglamento",
        "Decreto": "Acuerdo de la presidencia municipal",
        "el_decreto": "el acuerdo de la presidencia municipal",
        "Resolucion": "Acuerdo de la presidencia municipal",
        "Acuerdo": "Acuerdo de cabildo",
        "DECRETA": "ACUERDA:",
        "RESUELVE": "ACUERDA:",
        "ACORDO": "ACUERDA:",
        "territorio": "municipio",
        "lugar": "San Mateo de la Sierra",
        "concejo": "Ayuntamiento",
        "gerencia": "la Oficialía Mayor",
        "visto_norma": "El dictamen de la Comisión de Gobernación y Seguridad Pública y la opinión de la "
        "Dirección Jurídica.",
        "autonomia": "Que, el artículo 115 de la Constitución Política de los Estados Unidos Mexicanos faculta "
        "a los ayuntamientos para aprobar los reglamentos de observancia general en su municipio;",
        "competencia": "Que, la Ley Orgánica del Municipio del Estado de Zacatecas atribuye al ayuntamiento "
        "regular el comercio en la vía pública;",
        "formula_norma": "Con fundamento en lo expuesto, el Honorable Ayuntamiento, en sesión de cabildo, "
        "tiene a bien expedir el siguiente:\nREGLAMENTO",
        "considerando_decreto": "Que, la Ley Orgánica del Municipio del Estado de Zacatecas atribuye al "
        "presidente municipal la ejecución de los reglamentos y acuerdos del ayuntamiento;",
        "visto_resolucion": "El oficio OM/0012/2026 de la Oficialía Mayor.",
        "ley_transparencia": "la Ley de Transparencia y Acceso a la Información Pública del Estado de Zacatecas",
        "responsable": "al Encargado de la Oficialía de Partes y Archivo Municipal",
        "considerando_sesiones": "Que, la Ley Orgánica del Municipio del Estado de Zacatecas dispone que el "
        "ayuntamiento celebra sesiones ordinarias de cabildo en las fechas que acuerde;",
        "considerando_acuerdo": "Que, la Ley Orgánica del Municipio del Estado de Zacatecas dispone que el "
        "ayuntamiento resuelve los asuntos de su competencia mediante acuerdos de cabildo;",
    },
}

ORDENANZA_BASE = {
    "tipo": "norma",
    "titulo": "{Norma} que regula el comercio ambulatorio en los espacios públicos del {territorio}",
    "temas": "comercio ambulatorio, espacios públicos, licencias",
    "partes": [
        ("visto", "{visto_norma}"),
        ("considerando", "{autonomia}"),
        ("considerando", "{competencia}"),
        ("formula", "{formula_norma}"),
        (
            "articulo",
            "{La_presente} regula el comercio ambulatorio en las vías y espacios públicos del "
            "{territorio} de {lugar}.",
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
        ("final", "{La_presente} entra en vigor al día siguiente de su publicación."),
    ],
}
ORDENANZA_MODIFICA = {
    "tipo": "norma",
    "titulo": "{Norma} que modifica el artículo 2 de {la_norma} de comercio ambulatorio",
    "temas": "comercio ambulatorio, licencias",
    "partes": [
        (
            "considerando",
            "Que, es necesario ampliar la vigencia de las autorizaciones temporales para dar "
            "estabilidad a los comerciantes formalizados;",
        ),
        ("formula", "{formula_modifica}"),
        (
            "articulo",
            "Modifíquese el artículo 2 de {la_norma} que regula el comercio ambulatorio, que queda "
            "redactado así: «La autorización municipal temporal tiene una vigencia de un año».",
        ),
    ],
}
DECRETO_HORARIO = {
    "tipo": "decreto",
    "titulo": "{Decreto} que fija el horario de atención de la Mesa de Partes",
    "temas": "atención al ciudadano, horario",
    "partes": [
        ("considerando", "{considerando_decreto}"),
        ("formula", "{DECRETA}"),
        (
            "articulo",
            "Fíjese el horario de atención de la Mesa de Partes de lunes a viernes de 8:00 a 16:30 horas.",
        ),
    ],
}
DECRETO_NUEVO_HORARIO = {
    "tipo": "decreto",
    "titulo": "{Decreto} que establece el horario corrido de atención al público",
    "temas": "atención al ciudadano, horario",
    "partes": [
        ("considerando", "Que, la demanda de atención exige ampliar el horario de la Mesa de Partes;"),
        ("formula", "{DECRETA}"),
        (
            "articulo",
            "Fíjese el horario de atención al público de lunes a viernes de 8:00 a 17:00 horas, corrido.",
        ),
        (
            "derogatoria",
            "Deróguese {el_decreto} que fijaba el horario de atención de la Mesa de Partes.",
        ),
    ],
}
RESOLUCION = {
    "tipo": "resolucion",
    "titulo": "{Resolucion} que designa al responsable del portal de transparencia",
    "temas": "transparencia, designación",
    "partes": [
        ("visto", "{visto_resolucion}"),
        (
            "considerando",
            "Que, {ley_transparencia} exige designar al funcionario responsable de elaborar y "
            "actualizar el portal de transparencia;",
        ),
        ("formula", "{RESUELVE}"),
        ("articulo", "Designar {responsable} como responsable del portal de transparencia."),
        (
            "articulo",
            "Notificar la presente resolución al interesado y publicarla en el portal institucional.",
        ),
    ],
}
ACUERDO = {
    "tipo": "acuerdo",
    "titulo": "{Acuerdo} que aprueba el calendario de sesiones ordinarias del año",
    "temas": "concejo, sesiones",
    "partes": [
        ("considerando", "{considerando_sesiones}"),
        ("formula", "{ACORDO}"),
        ("articulo", "Aprobar el calendario de sesiones ordinarias del {concejo} para el presente año."),
    ],
}
# El texto de un acuerdo registrado desde una decisión del concejo ({materia}: el título del punto votado).
ACUERDO_DE_DECISION = {
    "partes": [
        ("considerando", "{considerando_acuerdo}"),
        ("considerando", "Que, el {concejo} debatió y votó en sesión ordinaria el punto «{{materia}}»;"),
        ("formula", "Estando a lo acordado, el {concejo}\n{ACORDO}"),
        (
            "articulo",
            "Aprobar lo propuesto en el punto «{{materia}}», en los términos votados por el concejo.",
        ),
        ("articulo", "Encargar a {gerencia} el cumplimiento del presente acuerdo."),
    ],
}
PROYECTO = {
    "tipo": "decreto",
    "titulo": "Proyecto de {Decreto_min} que reglamenta la instalación de anuncios publicitarios",
    "temas": "anuncios, licencias",
    "partes": [
        ("considerando", "Que, {la_norma} de anuncios publicitarios requiere normas de aplicación;"),
        ("formula", "{DECRETA}"),
        ("articulo", "Los anuncios publicitarios en fachadas no excederán de dos metros cuadrados."),
    ],
}


def _del_pais(datos: dict, pais: str) -> dict:
    """El acto de la demostración con el tipo y los textos del país."""
    textos = TEXTOS[pais]
    valores = {**textos, "Decreto_min": textos["Decreto"].split()[0].lower()}
    valores.setdefault("formula_modifica", textos["formula_norma"])
    del_pais = {**datos, "partes": [(tipo, texto.format(**valores)) for tipo, texto in datos["partes"]]}
    if "tipo" in datos:
        del_pais["tipo"] = TIPOS[pais][datos["tipo"]]
        del_pais["titulo"] = datos["titulo"].format(**valores)
    return del_pais


def _redactar(datos: dict, *, por, autor=None) -> Acto:
    acto = ciclo.crear_proyecto(
        tipo=datos["tipo"], titulo=datos["titulo"], temas=datos["temas"], por=autor or por
    )
    _texto(acto, datos, por=autor or por)
    return acto


def _texto(acto: Acto, datos: dict, *, por) -> None:
    for tipo, texto in datos["partes"]:
        agregar_parte(acto=acto, tipo=tipo, texto=texto, por=por)


def _publicar(
    acto: Acto, *, por, dias_atras: int, decision=None, sesion: str = "", alcalde: str = ""
) -> Acto:
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
    # Quien figura como alcalde en el concejo; si no lo integra (Colombia), el del municipio de demostración.
    alcalde = ciclo.alcalde_vigente() or alcalde or "Pedro Ramos Salas, Alcalde"
    nombre, _s, cargo = alcalde.rpartition(", ")
    if firmantes_sel.firmantes_del_tipo(acto.tipo, firmado)["firma"][:1] != ["alcalde"]:
        nombre = cargo = ""  # firma otro cargo (CO acuerdos: el presidente del concejo): lo propone la firma
    acto = ciclo.firmar(acto=acto, por=por, firmante=nombre, cargo_firmante=cargo, fecha=firmado)
    # Donde el perfil tiene etapa de sanción (EC, CO), el alcalde sanciona el mismo día antes de publicar.
    etapa = Sancion.objects.filter(acto=acto).first()
    if etapa is not None and not etapa.completa:
        termina = next(d for d in sancion.ACCIONES_QUE_TERMINAN if d in etapa.puede)
        sancion.decidir(acto=acto, por=por, decision=termina, fecha=firmado)
        acto = Acto.objects.get(pk=acto.pk)
    medio = (ciclo.regla_de_publicacion(tipo=acto.tipo)["medios"] or ["Portal institucional"])[0]
    return ciclo.publicar(acto=acto, por=por, fecha=firmado + timedelta(days=1), medio=medio)


def cargar_normativa(municipio: Municipio) -> None:
    """Los actos de la demostración (orden 60), por los servicios; idempotente."""
    pais = pais_de(municipio)
    tipos = TIPOS[pais.codigo]

    def del_pais(datos: dict) -> dict:
        return _del_pais(datos, pais.codigo)

    def publicar(acto: Acto, **kwargs) -> Acto:
        return _publicar(acto, por=secretario, alcalde=pais.alcalde, **kwargs)

    secretario = Usuario.objects.filter(username="secretario").first()
    jefe = Usuario.objects.filter(username="jefe").first()
    if secretario is None or Acto.objects.filter(titulo=del_pais(ORDENANZA_BASE)["titulo"]).exists():
        return
    # Los actos del concejo nacen de decisiones: las pendientes de la demostración del concejo primero,
    # cada una con el acto de su instrumento (la aprobación de un acta no tiene instrumento: no es un acto).
    # Las ordenanzas, de la más antigua a la más reciente: la base y la que la modifica.
    pendientes = list(
        ciclo.decisiones_pendientes()
        .filter(instrumento=tipos["norma"])
        .order_by("sesion__fecha", "punto__orden", "pk")[:2]
    )
    base = _redactar(del_pais(ORDENANZA_BASE), por=secretario)
    # Sin decisiones pendientes (concejo de demostración sin votaciones), la sesión se anota como externa.
    # Se firma después de la primera sesión de la demostración (hace unos 30 días) y antes de la segunda.
    base = publicar(
        base,
        dias_atras=25,
        decision=pendientes[0] if pendientes else None,
        sesion="Sesión ordinaria de concejo, aprobada por unanimidad",
    )
    modifica = _redactar(del_pais(ORDENANZA_MODIFICA), por=secretario)
    relacionar(
        origen=modifica,
        destino=base,
        tipo="modifica",
        partes="art_2",
        por=secretario,
        nota="Amplía la vigencia de la autorización temporal a un año.",
    )
    publicar(
        modifica,
        dias_atras=12,
        decision=pendientes[1] if len(pendientes) > 1 else None,
        sesion="Sesión ordinaria de concejo, aprobada por mayoría",
    )

    decreto = _redactar(del_pais(DECRETO_HORARIO), por=secretario, autor=jefe)
    decreto = publicar(decreto, dias_atras=30)
    # En orden de firma: donde decreto y resolución comparten registro (EC), los números siguen a las fechas.
    publicar(_redactar(del_pais(RESOLUCION), por=secretario), dias_atras=20)
    nuevo = _redactar(del_pais(DECRETO_NUEVO_HORARIO), por=secretario, autor=jefe)
    relacionar(origen=nuevo, destino=decreto, tipo="deroga", por=secretario)
    publicar(nuevo, dias_atras=8)

    # Un acuerdo: desde una decisión pendiente del concejo con ese instrumento si la hay (con el título del
    # punto votado); si no, el del calendario de sesiones, con la sesión anotada.
    resto = list(ciclo.decisiones_pendientes().filter(instrumento=tipos["acuerdo"])[:1])
    if resto:
        titulo = resto[0].punto.titulo
        acuerdo = ciclo.crear_desde_decision(
            decision=resto[0], por=secretario, tipo=tipos["acuerdo"], titulo=titulo
        )
        texto = del_pais(ACUERDO_DE_DECISION)
        _texto(
            acuerdo,
            {"partes": [(tipo, parte.format(materia=titulo)) for tipo, parte in texto["partes"]]},
            por=secretario,
        )
    else:
        acuerdo = _redactar(del_pais(ACUERDO), por=secretario)
    publicar(acuerdo, dias_atras=5, sesion="Sesión ordinaria de concejo de enero")

    if jefe is not None:
        proyecto = _redactar(del_pais(PROYECTO), por=secretario, autor=jefe)
        ciclo.enviar_a_revision(acto=proyecto, por=jefe)


def cargar_seguimiento(municipio) -> None:
    """Tareas sobre los actos publicados de la demostración (los carga `cargar_normativa`, orden 60): una
    atrasada y otra cumplida con su evidencia. Por los servicios; idempotente (busca antes de crear)."""
    actos = list(Acto.objects.filter(estado=Acto.Estado.PUBLICADO).order_by("anio", "tipo", "numero")[:2])
    secretario = Usuario.objects.filter(username="secretario").first()
    unidad_gdu = unidad("GDU")
    if not actos or secretario is None or unidad_gdu is None:
        return
    hoy = timezone.localdate()
    atrasada = "Elaborar el padrón de comerciantes ambulantes del sector y publicarlo en el portal."
    if not Tarea.objects.filter(descripcion=atrasada).exists():
        crear_tarea(
            acto=actos[0],
            por=secretario,
            unidad=unidad_gdu,
            descripcion=atrasada,
            plazo_dias=10,
            asignada_el=hoy - timedelta(days=40),
        )
    cumplida = "Señalizar las zonas rígidas dispuestas por el acto."
    if not Tarea.objects.filter(descripcion=cumplida).exists():
        tarea = crear_tarea(
            acto=actos[-1],
            por=secretario,
            unidad=unidad_gdu,
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
