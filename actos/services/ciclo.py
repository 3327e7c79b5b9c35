"""Ciclo de vida de un acto: proyecto → en revisión → aprobado → firmado (número) → publicado; o archivado.

- Un acto del concejo nace de una decisión de sesión (`crear_desde_decision`), ya aprobado por su votación.
- Un acto del alcalde (decreto, resolución de alcaldía) lo redacta una unidad (`actos.redactar_acto`), lo
  revisa la Secretaría General (`actos.revisar_acto`) y lo firma el alcalde; el Secretario da fe.
- El número sale al firmar, del registro del tipo y año (`core.services.numeracion`): sin saltos, y un
  proyecto que no prospera no consume número (ARCHITECTURE, invariante 1).
- Firmado, el acto no se edita más (invariante 2): se corrige con otro acto enlazado.

Cada servicio comprueba el permiso (PermissionDenied → 403), valida (ValidationError en español, nada
cambia) y escribe su evento de auditoría en la misma transacción.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from actos.models import Acto, FirmaActo, Parte
from actos.permissions import puede_redactar, puede_revisar
from actos.selectors import firmantes as firmantes_sel
from actos.selectors.instrumentos import instrumento, nombre_de_tipo, opciones_de_tipo
from actos.services import sancion, vigencia
from actos.services.documento import pdf_de_acto
from actos.services.relaciones import indexar_acto
from concejo.models import Decision, Miembro
from concejo.selectors.votaciones import decision_firme
from core.firma import firmar_pdf
from core.models import Municipio, UnidadOrganica
from core.services.archivos import guardar_archivo
from core.services.auditoria import encargo_vigente, instantanea, registrar_evento
from core.services.numeracion import serie_por_perfil, siguiente_numero
from core.services.perfiles import ClaveDesconocida, regla_vigente, valor

CAMPOS = [
    "tipo",
    "organo",
    "titulo",
    "temas",
    "estado",
    "anio",
    "numero",
    "numero_texto",
    "decision",
    "unidad_proponente",
    "firmado_en",
    "firmante",
    "refrendado_por",
    "por_encargo_de",
    "archivo",
    "sha256",
    "pdf_pades",
    "publicado_en",
    "medio_publicacion",
    "vigente_desde",
    "aprobacion_externa",
    "vigencia_modo",
    "vigencia_fecha",
    "vigencia_dias",
    "notificado_en",
    "motivo_orden_firma",
]
MENSAJE_FIRMADO = (
    "El acto ya está firmado y no se edita: corríjalo con una fe de erratas o con otro acto que lo modifique."
)


# --- Auxiliares ----------------------------------------------------------------------------------


def _bloquear(acto: Acto) -> Acto:
    return Acto.objects.select_for_update(of=("self",)).get(pk=acto.pk)


def _auditar(por, accion: str, acto: Acto, antes: dict | None, extra: dict | None = None) -> None:
    despues = instantanea(acto, CAMPOS)
    if extra:
        despues.update(extra)
    registrar_evento(por=por, accion=accion, objeto=acto, antes=antes, despues=despues)


def _exigir_estado(acto: Acto, *estados: str, accion: str) -> None:
    if acto.estado not in estados:
        permitidos = " o ".join(str(Acto.Estado(e).label).lower() for e in estados)
        raise ValidationError(
            f"No se puede {accion} un acto en estado «{acto.get_estado_display().lower()}»: debe estar {permitidos}."
        )


def _exigir_revisor(por) -> None:
    if not puede_revisar(por):
        raise PermissionDenied("Solo la Secretaría General revisa, firma (da fe) y publica los actos.")


def _validar_datos(*, tipo: str, titulo: str, organo: str | None = None) -> tuple[dict, str]:
    errores: dict[str, list[str]] = {}
    datos = instrumento(tipo or "")
    if datos is None:
        nombres = ", ".join(n for _c, n in opciones_de_tipo(organo=organo))
        errores["tipo"] = [f"Elija un tipo de acto del perfil: {nombres}."]
    elif organo is not None and datos["organo"] != organo:
        errores["tipo"] = [f"«{datos['nombre']}» no lo emite el {organo}."]
    titulo = (titulo or "").strip()
    if not titulo:
        errores["titulo"] = ["Escriba el título o sumilla del acto."]
    elif len(titulo) > 500:
        errores["titulo"] = ["El título no puede pasar de 500 caracteres."]
    if errores or datos is None:  # sin `datos` ya hay un error en «tipo»
        raise ValidationError(errores)
    return datos, titulo


# --- Creación ------------------------------------------------------------------------------------


@transaction.atomic
def crear_proyecto(
    *,
    tipo: str,
    titulo: str,
    por,
    temas: str = "",
    unidad_proponente: UnidadOrganica | None = None,
) -> Acto:
    """Crea el proyecto de un acto (sin número) redactado por `por` para su unidad. Requiere
    `actos.redactar_acto`. Un acto del concejo también puede empezar como proyecto (p. ej. una ordenanza
    que una unidad propone); luego se aprueba vinculando la decisión de la sesión que lo votó.
    """
    if not puede_redactar(por):
        raise PermissionDenied("No tiene permiso para redactar actos.")
    datos, titulo = _validar_datos(tipo=tipo, titulo=titulo)
    acto = Acto.objects.create(
        tipo=datos["codigo"],
        organo=datos["organo"],
        titulo=titulo,
        temas=(temas or "").strip()[:300],
        unidad_proponente=unidad_proponente or getattr(por, "unidad", None),
        creado_por=por,
    )
    _auditar(por, "actos.acto.crear", acto, None)
    return acto


def decisiones_pendientes():
    """Las decisiones del concejo que aún no son acto, de la sesión más reciente a la más antigua."""
    return (
        Decision.objects.filter(estado=Decision.Estado.PENDIENTE)
        .select_related("sesion", "sesion__organo", "punto", "votacion")
        .order_by("-sesion__fecha", "punto__orden", "pk")
    )


def tipo_para_decision(decision) -> str:
    """El tipo de acto que corresponde a la decisión: su instrumento si es un instrumento del concejo
    en el perfil; si no, el primer instrumento del concejo que sea acuerdo (o el primero que haya)."""
    del_concejo = [c for c, _n in opciones_de_tipo(organo=Acto.Organo.CONCEJO)]
    if decision.instrumento in del_concejo:
        return decision.instrumento
    return "acuerdo" if "acuerdo" in del_concejo else (del_concejo[0] if del_concejo else "")


def _tomar_decision(decision, *, error: str, campo: str | None = None):
    """Bloquea la decisión que pasa a ser acto y comprueba que puede: pendiente, sin otro acto, sin una
    reconsideración abierta de su votación (la que se confirma la deja sin efecto) y firme
    (`concejo.selectors.votaciones.decision_firme`: venció su plazo de reconsideración sin pedido, el perfil
    no la prevé o se votó con dispensa del trámite de aprobación de actas)."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.estado == Decision.Estado.SIN_EFECTO:
        error = "Esa decisión quedó sin efecto por reconsideración."
    elif decision.estado == Decision.Estado.PENDIENTE and decision.en_reconsideracion():
        error = "La votación de esa decisión se está reconsiderando: se registra cuando se confirme."
    elif decision.estado == Decision.Estado.PENDIENTE and not (firmeza := decision_firme(decision)).firme:
        error = f"Esa decisión aún no está firme. {firmeza.motivo}"
    elif decision.estado == Decision.Estado.PENDIENTE and not Acto.objects.filter(decision=decision).exists():
        return decision
    raise ValidationError({campo: [error]} if campo else error)


@transaction.atomic
def crear_desde_decision(*, decision, por, tipo: str | None = None, titulo: str | None = None) -> Acto:
    """Registra como acto lo que el concejo decidió en una sesión: tipo y título propuestos desde la
    decisión (instrumento y lo decidido), enlazado a ella (y por ella a su votación y acta). El acto
    nace aprobado —lo aprobó la votación— y con el texto por redactar; la decisión pasa a «registrada».
    Solo la Secretaría General (`actos.revisar_acto`).
    """
    _exigir_revisor(por)
    decision = _tomar_decision(decision, error="Esa decisión ya está registrada como acto.")
    tipo = tipo or tipo_para_decision(decision)
    titulo = (
        titulo
        if titulo is not None
        else decision.resumen.strip().splitlines()[0][:500]
        if decision.resumen
        else ""
    )
    datos, titulo = _validar_datos(tipo=tipo, titulo=titulo, organo=Acto.Organo.CONCEJO)
    acto = Acto.objects.create(
        tipo=datos["codigo"],
        organo=Acto.Organo.CONCEJO,
        titulo=titulo,
        decision=decision,
        estado=Acto.Estado.APROBADO,
        creado_por=por,
    )
    decision.estado = Decision.Estado.REGISTRADA
    decision.save(update_fields=["estado"])
    _auditar(
        por,
        "actos.acto.crear_desde_decision",
        acto,
        None,
        {"sesion": decision.sesion_id, "votacion": decision.votacion_id},
    )
    registrar_evento(
        por=por,
        accion="concejo.decision.registrar",
        objeto=decision,
        antes={"estado": Decision.Estado.PENDIENTE},
        despues={"estado": decision.estado, "acto": acto.pk},
    )
    return acto


@transaction.atomic
def editar_datos(*, acto: Acto, por, titulo: str, temas: str = "") -> Acto:
    """Cambia título y temas mientras el acto es editable (antes de la firma)."""
    acto = _bloquear(acto)
    if not puede_redactar(por, acto):
        raise PermissionDenied("No tiene permiso para editar este acto.")
    if not acto.editable:
        raise ValidationError(MENSAJE_FIRMADO)
    _d, titulo = _validar_datos(tipo=acto.tipo, titulo=titulo)
    antes = instantanea(acto, CAMPOS)
    acto.titulo = titulo
    acto.temas = (temas or "").strip()[:300]
    acto.save(update_fields=["titulo", "temas"])
    _auditar(por, "actos.acto.editar", acto, antes)
    return acto


# --- Revisión y aprobación -----------------------------------------------------------------------


def _exigir_texto(acto: Acto) -> None:
    if not acto.partes.filter(tipo=Parte.Tipo.ARTICULO).exists():
        raise ValidationError("El acto no tiene artículos: redacte al menos un artículo antes de seguir.")


@transaction.atomic
def enviar_a_revision(*, acto: Acto, por) -> Acto:
    """El proyecto pasa a la Secretaría General para su revisión. Necesita al menos un artículo."""
    acto = _bloquear(acto)
    if not puede_redactar(por, acto):
        raise PermissionDenied("No tiene permiso para enviar este acto a revisión.")
    _exigir_estado(acto, Acto.Estado.PROYECTO, accion="enviar a revisión")
    _exigir_texto(acto)
    antes = instantanea(acto, CAMPOS)
    acto.estado = Acto.Estado.EN_REVISION
    acto.save(update_fields=["estado"])
    _auditar(por, "actos.acto.enviar_a_revision", acto, antes)
    return acto


@transaction.atomic
def devolver(*, acto: Acto, por, motivo: str) -> Acto:
    """La Secretaría devuelve a la unidad un proyecto en revisión, con sus observaciones."""
    _exigir_revisor(por)
    acto = _bloquear(acto)
    _exigir_estado(acto, Acto.Estado.EN_REVISION, accion="devolver")
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba las observaciones por las que se devuelve."]})
    antes = instantanea(acto, CAMPOS)
    acto.estado = Acto.Estado.PROYECTO
    acto.save(update_fields=["estado"])
    _auditar(por, "actos.acto.devolver", acto, antes, {"motivo": motivo})
    return acto


@transaction.atomic
def aprobar(*, acto: Acto, por, decision=None, aprobacion_externa: str = "") -> Acto:
    """Aprueba el proyecto revisado. Un acto del alcalde queda visado para la firma; uno del concejo se
    aprueba solo por votación: hay que vincular la decisión pendiente de la sesión que lo aprobó, o —si la
    sesión no está en el sistema (p. ej. anterior a su instalación)— escribir cuál fue (`aprobacion_externa`).
    """
    _exigir_revisor(por)
    acto = _bloquear(acto)
    _exigir_estado(acto, Acto.Estado.EN_REVISION, accion="aprobar")
    _exigir_texto(acto)
    antes = instantanea(acto, CAMPOS)
    aprobacion_externa = (aprobacion_externa or "").strip()
    if len(aprobacion_externa) > 300:
        raise ValidationError({"aprobacion_externa": ["No puede pasar de 300 caracteres."]})
    if acto.organo == Acto.Organo.CONCEJO and acto.decision_id is None and decision is None:
        if not aprobacion_externa:
            raise ValidationError(
                {
                    "decision": [
                        "Un acto del concejo se aprueba por votación: elija la decisión de la sesión o, si la sesión no "
                        "está en el sistema, escriba cuál fue (sesión, fecha y votación)."
                    ]
                }
            )
        acto.aprobacion_externa = aprobacion_externa
    elif acto.organo == Acto.Organo.CONCEJO and acto.decision_id is None:
        decision = _tomar_decision(
            decision, error="Esa decisión ya está registrada como otro acto.", campo="decision"
        )
        acto.decision = decision
        decision.estado = Decision.Estado.REGISTRADA
        decision.save(update_fields=["estado"])
        registrar_evento(
            por=por,
            accion="concejo.decision.registrar",
            objeto=decision,
            antes={"estado": Decision.Estado.PENDIENTE},
            despues={"estado": decision.estado, "acto": acto.pk},
        )
    acto.estado = Acto.Estado.APROBADO
    acto.save(update_fields=["estado", "decision", "aprobacion_externa"])
    _auditar(por, "actos.acto.aprobar", acto, antes)
    return acto


@transaction.atomic
def archivar(*, acto: Acto, por, motivo: str) -> Acto:
    """Archiva sin aprobar un acto que no prospera (no consume número); con motivo."""
    acto = _bloquear(acto)
    if not (puede_revisar(por) or (acto.estado == Acto.Estado.PROYECTO and puede_redactar(por, acto))):
        raise PermissionDenied("No tiene permiso para archivar este acto.")
    _exigir_estado(
        acto, Acto.Estado.PROYECTO, Acto.Estado.EN_REVISION, Acto.Estado.APROBADO, accion="archivar"
    )
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo por el que se archiva."]})
    antes = instantanea(acto, CAMPOS)
    acto.estado = Acto.Estado.ARCHIVADO
    acto.save(update_fields=["estado"])
    _auditar(por, "actos.acto.archivar", acto, antes, {"motivo": motivo})
    return acto


# --- Firma ---------------------------------------------------------------------------------------


def alcalde_vigente(fecha: date | None = None) -> str:
    """«Nombre, Alcalde» de quien figura hoy como alcalde en el concejo, para proponer el firmante."""
    fecha = fecha or timezone.localdate()
    miembro = (
        Miembro.objects.filter(rol=Miembro.Rol.ALCALDE, desde__lte=fecha)
        .exclude(hasta__lt=fecha)
        .select_related("persona")
        .order_by("-desde")
        .first()
    )
    if miembro is None:
        return ""
    cargo = str(valor("vocabulario.alcalde")).capitalize()
    return f"{miembro.persona}, {cargo}"


def firmar(
    *,
    acto: Acto,
    por,
    firmante: str = "",
    cargo_firmante: str = "",
    fecha: date | datetime | None = None,
    motivo_excepcion: str = "",
    motivo_orden: str = "",
) -> Acto:
    """Firma el acto aprobado. Firman y refrendan quienes el perfil pide para su tipo (`actos.firmantes`),
    tomados de la organización el día de la firma (`actos.selectors.firmantes`): si `firmante` está vacío
    se toma al único ocupante del cargo que firma; si se escribe, debe ser uno de sus ocupantes (o quien
    lo subroga por encargo). Refrenda (da fe) `por`, que debe ocupar el cargo que refrenda o subrogarlo.
    Otra persona se rechaza, salvo que el perfil admita la excepción motivada (`motivo_excepcion`).
    El número sale del registro del tipo y del año de la firma, y no puede quedar detrás de una firma
    posterior ni delante de una anterior del mismo registro (salvo excepción motivada: `motivo_orden`).

    Dos transacciones: la firma con su número (lo más corta posible: desde el número los demás esperan)
    y luego el PDF firmado (PAdES) guardado con su SHA-256. `fecha` (por defecto ahora) sirve para cargar
    actos pasados; no puede ser futura.
    """
    _firmar_y_numerar(
        acto=acto,
        por=por,
        firmante=firmante,
        cargo_firmante=cargo_firmante,
        fecha=fecha,
        motivo_excepcion=motivo_excepcion,
        motivo_orden=motivo_orden,
    )
    return guardar_pdf_firmado(acto=Acto.objects.get(pk=acto.pk), por=por)


def _normal(texto: str) -> list[str]:
    sin_tildes = unicodedata.normalize("NFKD", texto or "").encode("ascii", "ignore").decode()
    return [p for p in "".join(c if c.isalnum() else " " for c in sin_tildes.casefold()).split() if p]


def _coincide(escrito: str, candidato: firmantes_sel.Candidato) -> bool:
    palabras = _normal(escrito)
    return bool(palabras) and set(palabras) <= set(_normal(candidato.nombre))


def _elegir_firmantes(
    *, acto: Acto, por, firmante: str, cargo_firmante: str, dia: date, motivo_excepcion: str
) -> list[tuple[str, str, firmantes_sel.Candidato, str]]:
    """[(calidad, código, candidato, motivo de excepción)] o ValidationError en español."""
    propuesta = firmantes_sel.propuesta(acto.tipo, dia)
    excepcion = firmantes_sel.excepcion_admitida("firmantes", dia)
    motivo_excepcion = (motivo_excepcion or "").strip()
    elegidos: list[tuple[str, str, firmantes_sel.Candidato, str]] = []
    escrito = (firmante or "").strip()
    for i, (codigo, ocupantes) in enumerate(propuesta["firma"]):
        cargo = firmantes_sel.nombre_de_cargo(codigo)
        texto = escrito if i == 0 else ""
        nombres = "; ".join(c.rotulo for c in ocupantes)
        if texto:
            iguales = [c for c in ocupantes if _coincide(texto, c)]
        else:
            iguales = ocupantes if len(ocupantes) == 1 else []
        if len(iguales) == 1:
            elegidos.append(("firma", codigo, iguales[0], ""))
            continue
        if texto and excepcion and motivo_excepcion:
            libre = firmantes_sel.Candidato(
                codigo=codigo, nombre=texto[:150], cargo_texto=(cargo_firmante or cargo).strip()[:100]
            )
            elegidos.append(("firma", codigo, libre, motivo_excepcion))
            continue
        if not ocupantes:
            mensaje = (
                f"Nadie ocupa el cargo de {cargo} el {dia:%d/%m/%Y} en la organización: registre quién lo "
                "ocupa (o su encargo) antes de firmar."
            )
        elif texto and not iguales:
            mensaje = f"«{texto}» no ocupa el cargo de {cargo} el {dia:%d/%m/%Y}: firma {nombres}." + (
                " Si firma otra persona, escriba el motivo de la excepción." if excepcion else ""
            )
        else:
            mensaje = f"Hay más de una persona en el cargo de {cargo} el {dia:%d/%m/%Y} ({nombres}): escriba quién firma."
        raise ValidationError({"firmante": [mensaje]})
    for codigo, ocupantes in propuesta["refrenda"]:
        cargo = firmantes_sel.nombre_de_cargo(codigo)
        propio = [c for c in ocupantes if c.usuario is not None and c.usuario.pk == por.pk]
        if not propio:
            nombres = "; ".join(c.rotulo for c in ocupantes) or "nadie registrado"
            raise ValidationError(
                f"Da fe de este acto quien ocupa el cargo de {cargo} el {dia:%d/%m/%Y} o lo subroga por "
                f"encargo ({nombres}); usted no."
            )
        elegidos.append(("refrenda", codigo, propio[0], ""))
    return elegidos


@transaction.atomic
def _firmar_y_numerar(*, acto, por, firmante, cargo_firmante, fecha, motivo_excepcion, motivo_orden) -> Acto:
    _exigir_revisor(por)
    ahora = timezone.now()
    if fecha is None:
        momento = ahora
    elif isinstance(fecha, datetime):
        momento = fecha
    else:
        momento = timezone.make_aware(datetime.combine(fecha, datetime.min.time().replace(hour=12)))
    if momento > ahora + timedelta(minutes=1):
        raise ValidationError({"fecha": ["La fecha de firma no puede ser futura."]})
    dia = timezone.localdate(momento)
    acto = _bloquear(acto)
    _exigir_estado(acto, Acto.Estado.APROBADO, accion="firmar")
    _exigir_texto(acto)
    elegidos = _elegir_firmantes(
        acto=acto,
        por=por,
        firmante=firmante,
        cargo_firmante=cargo_firmante,
        dia=dia,
        motivo_excepcion=motivo_excepcion,
    )
    try:
        serie = serie_por_perfil(acto.tipo, por=por)
    except ClaveDesconocida:
        raise ValidationError(
            f"El perfil no tiene formato de número para «{nombre_de_tipo(acto.tipo)}» "
            f"(numeracion.formato.{acto.tipo})."
        ) from None
    antes = instantanea(acto, CAMPOS)
    anio = dia.year
    numero = siguiente_numero(serie, anio, por=por, objeto=acto)
    motivo_orden = _comprobar_orden(acto=acto, anio=anio, momento=momento, motivo=motivo_orden)
    principal = next((c for q, _cod, c, _m in elegidos if q == "firma"), None)
    refrenda = next((c for q, _cod, c, _m in elegidos if q == "refrenda"), None)
    acto.registro = numero
    acto.anio = anio
    acto.numero = numero.numero
    acto.numero_texto = numero.texto
    acto.estado = Acto.Estado.FIRMADO
    acto.firmado_en = momento
    acto.firmante = f"{principal.nombre}, {principal.cargo_texto}"[:200] if principal else ""
    acto.refrendado_por = por
    encargo = encargo_vigente(por, dia)
    acto.por_encargo_de = (
        refrenda.por_encargo_de
        if refrenda is not None
        else (encargo.titular if encargo is not None else None)
    )
    acto.motivo_orden_firma = motivo_orden
    acto.vigente_desde = vigencia.vigente_desde(acto)  # rige con su firma si así lo dispone
    acto.save(
        update_fields=[
            "vigente_desde",
            "registro",
            "anio",
            "numero",
            "numero_texto",
            "estado",
            "firmado_en",
            "firmante",
            "refrendado_por",
            "por_encargo_de",
            "motivo_orden_firma",
        ]
    )
    sancion.abrir_etapa(acto=acto, por=por, dia=dia)  # si el perfil la tiene para el tipo
    FirmaActo.objects.bulk_create(
        FirmaActo(
            acto=acto,
            calidad=calidad,
            orden=i,
            codigo_cargo=codigo,
            usuario=c.usuario,
            persona=c.persona,
            cargo=c.cargo,
            nombre=c.nombre[:200],
            cargo_texto=c.cargo_texto[:200],
            por_encargo_de=c.por_encargo_de,
            motivo_excepcion=motivo,
        )
        for i, (calidad, codigo, c, motivo) in enumerate(elegidos)
    )
    _auditar(
        por,
        "actos.acto.firmar",
        acto,
        antes,
        {
            "firmas": [
                {
                    "calidad": calidad,
                    "cargo": codigo,
                    "nombre": c.nombre,
                    "usuario": getattr(c.usuario, "pk", None),
                    "persona": getattr(c.persona, "pk", None),
                    "por_encargo_de": getattr(c.por_encargo_de, "pk", None),
                    "motivo_excepcion": motivo,
                }
                for calidad, codigo, c, motivo in elegidos
            ]
        },
    )
    return acto


def _comprobar_orden(*, acto: Acto, anio: int, momento: datetime, motivo: str) -> str:
    """Dentro del registro (tipo y año) los números y las fechas de firma no se cruzan: el número que sale
    ahora es el mayor, así que ningún acto ya firmado del registro puede tener una fecha de firma posterior
    (se comparan días). Si el perfil admite la excepción motivada, se acepta con su motivo (queda anotado
    en el acto y en su evento); si no, se rechaza."""
    dia = timezone.localdate(momento)
    posteriores = [
        a
        for a in Acto.objects.filter(tipo=acto.tipo, anio=anio, firmado_en__isnull=False)
        .exclude(pk=acto.pk)
        .order_by("-firmado_en")[:50]
        if timezone.localdate(a.firmado_en) > dia
    ]
    if not posteriores:
        return ""
    motivo = (motivo or "").strip()
    if firmantes_sel.excepcion_admitida("orden_de_firma", dia) and motivo:
        return motivo
    ultimo = posteriores[0]
    texto = (
        f"{ultimo.numero_texto} se firmó el {timezone.localdate(ultimo.firmado_en):%d/%m/%Y}: un acto firmado el "
        f"{dia:%d/%m/%Y} no puede tomar un número posterior. Los números y las fechas de firma del registro "
        "no se cruzan"
    )
    if firmantes_sel.excepcion_admitida("orden_de_firma", dia):
        texto += " (el perfil admite la excepción: escriba su motivo)"
    raise ValidationError({"fecha": [texto + "."]})


def _razon_de_firma(acto: Acto) -> str:
    firmas = list(acto.firmas.all())
    quienes = "; ".join(f"{f.get_calidad_display()}: {f.nombre}, {f.cargo_texto}" for f in firmas)
    return f"{acto.numero_texto}. {quienes or acto.firmante}"[:200]


def _firmar_pades(contenido: bytes, acto: Acto) -> tuple[bytes, bool]:
    """Firma PAdES con el certificado del municipio (`core.firma`, el mismo servicio que firma los
    certificados y las actas); sin certificado configurado, el PDF tal cual (quedan las firmas registradas
    y el SHA-256) y se dice que no lleva firma digital."""
    municipio = Municipio.objects.actual()
    try:
        return firmar_pdf(
            contenido, razon=_razon_de_firma(acto), lugar=municipio.nombre if municipio else ""
        ), True
    except ImproperlyConfigured:
        return contenido, False


def guardar_pdf_firmado(*, acto: Acto, por) -> Acto:
    """Genera el PDF del acto firmado, lo firma PAdES y lo guarda con su SHA-256 (una sola vez: el firmado
    no cambia). El SHA-256 es el del archivo firmado: el que se descarga, se verifica y se certifica.
    El PDF se arma y se firma fuera de la transacción (tarda): la transacción solo lo guarda."""
    acto = Acto.objects.get(pk=acto.pk)
    if acto.estado not in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO):
        raise ValidationError("Solo un acto firmado tiene PDF firmado.")
    if acto.archivo_id:
        return acto
    contenido, pades = _firmar_pades(pdf_de_acto(acto), acto)
    return _guardar_pdf(acto=acto, por=por, contenido=contenido, pades=pades)


@transaction.atomic
def _guardar_pdf(*, acto: Acto, por, contenido: bytes, pades: bool) -> Acto:
    acto = _bloquear(acto)
    if acto.archivo_id:  # otro lo guardó mientras se firmaba: vale el primero
        return acto
    nombre = f"{acto.tipo}-{acto.anio}-{acto.numero:03d}.pdf"
    archivo = guardar_archivo(
        archivo=SimpleUploadedFile(nombre, contenido, content_type="application/pdf"),
        por=por,
        tipos_permitidos=["application/pdf"],
        tamano_maximo=200 * 1024 * 1024,
    )
    antes = instantanea(acto, CAMPOS)
    acto.archivo = archivo
    acto.sha256 = archivo.sha256
    acto.pdf_pades = pades
    acto.save(update_fields=["archivo", "sha256", "pdf_pades"])
    _auditar(por, "actos.acto.guardar_pdf", acto, antes)
    return acto


# --- Publicación ---------------------------------------------------------------------------------


def regla_de_publicacion(fecha: date | None = None, *, tipo: str = "") -> dict:
    """La regla del perfil (`actos.publicacion`): los medios admitidos para el tipo de acto (`medios_por_tipo`
    del perfil o de una regla local si lo define para `tipo`; si no, `medios`), el texto de la regla y los
    días tras la publicación en que rige (`actos.vigencia_dias`)."""
    publicacion = regla_vigente("actos.publicacion", fecha=fecha)
    dias = valor("actos.vigencia_dias", fecha=fecha)
    por_tipo = publicacion.valor.get("medios_por_tipo") or {}
    medios = por_tipo.get(tipo) if tipo and isinstance(por_tipo, dict) else None
    return {
        "medios": list(medios or publicacion.valor.get("medios", [])),
        "regla": f"{publicacion.valor.get('regla', '')} (Fuente: {publicacion.fuente})",
        "vigencia_dias": int(dias),
    }


@transaction.atomic
def publicar(*, acto: Acto, por, fecha: date, medio: str) -> Acto:
    """Publica el acto firmado: fecha y medio (gaceta, diario, portal) según la regla del perfil, que queda
    anotada; el medio debe ser uno de los que el perfil admite para el tipo (texto libre si no lista ninguno).
    `vigente_desde` sale de lo que dispone el acto o, si nada dispone, de la regla del perfil para su tipo
    (`actos.services.vigencia`; PE: el día siguiente, Ley 27972 art. 44). Se
    indexa para la búsqueda pública. Su vigencia (y la de los actos que modifica o deroga) no se guarda: se
    deduce al leer (`relaciones.vigencia_de`), porque depende del día.
    """
    _exigir_revisor(por)
    acto = _bloquear(acto)
    _exigir_estado(acto, Acto.Estado.FIRMADO, accion="publicar")
    sancion.exigir_etapa_completa(acto)
    errores: dict[str, list[str]] = {}
    medio = (medio or "").strip()
    if not isinstance(fecha, date):
        errores["fecha"] = ["Indique la fecha de publicación."]
    elif fecha > timezone.localdate():
        errores["fecha"] = [
            "La fecha de publicación no puede ser futura: registre la publicación cuando ocurra."
        ]
    elif acto.firmado_en and fecha < timezone.localdate(acto.firmado_en):
        errores["fecha"] = [
            f"No se publica antes de la firma ({timezone.localdate(acto.firmado_en):%d/%m/%Y})."
        ]
    regla = regla_de_publicacion(
        fecha if isinstance(fecha, date) and "fecha" not in errores else None, tipo=acto.tipo
    )
    admitidos = {m.casefold(): m for m in regla["medios"]}
    if not medio:
        errores["medio"] = ["Indique el medio de publicación (diario oficial, gaceta, portal…)."]
    elif len(medio) > 200:
        errores["medio"] = ["El medio no puede pasar de 200 caracteres."]
    elif admitidos and medio.casefold() not in admitidos:
        # La regla del perfil dice dónde se publica este tipo de acto; si no lista medios, texto libre.
        errores["medio"] = [
            f"«{medio}» no es un medio de publicación de {nombre_de_tipo(acto.tipo).lower()} según el perfil. "
            f"Elija uno de: {'; '.join(regla['medios'])}."
        ]
    if errores:
        raise ValidationError(errores)
    medio = admitidos.get(medio.casefold(), medio)
    antes = instantanea(acto, CAMPOS)
    acto.estado = Acto.Estado.PUBLICADO
    acto.publicado_en = fecha
    acto.medio_publicacion = medio
    acto.regla_publicacion = regla["regla"]
    # Desde cuándo rige: lo que dispone el acto o la regla del perfil para su tipo (`actos.services.vigencia`).
    acto.vigente_desde = vigencia.vigente_desde(acto) or acto.vigente_desde
    acto.save(
        update_fields=["estado", "publicado_en", "medio_publicacion", "regla_publicacion", "vigente_desde"]
    )
    _auditar(por, "actos.acto.publicar", acto, antes)
    indexar_acto(acto)
    return acto
