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

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from actos.models import Acto, Parte
from actos.permissions import puede_redactar, puede_revisar
from actos.selectors.instrumentos import instrumento, nombre_de_tipo, opciones_de_tipo
from actos.services.documento import pdf_de_acto
from actos.services.relaciones import indexar_acto
from concejo.models import Decision, Miembro
from concejo.selectors.votaciones import decision_firme
from core.models import UnidadOrganica
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
    "publicado_en",
    "medio_publicacion",
    "vigente_desde",
    "aprobacion_externa",
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
    firmante: str,
    cargo_firmante: str = "",
    fecha: date | datetime | None = None,
) -> Acto:
    """Firma el acto aprobado: el alcalde (nombre y cargo en `firmante`/`cargo_firmante`) firma y el
    Secretario General (`por`, con `actos.revisar_acto`) da fe; si `por` actúa por un encargo vigente
    queda «por encargo de» su titular. El número sale del registro del tipo y del año de la firma.

    Dos transacciones: la firma con su número (lo más corta posible: desde el número los demás esperan)
    y luego el PDF firmado guardado con su SHA-256. `fecha` (por defecto ahora) sirve para cargar actos
    pasados; no puede ser futura.
    """
    _firmar_y_numerar(acto=acto, por=por, firmante=firmante, cargo_firmante=cargo_firmante, fecha=fecha)
    return guardar_pdf_firmado(acto=Acto.objects.get(pk=acto.pk), por=por)


@transaction.atomic
def _firmar_y_numerar(*, acto, por, firmante, cargo_firmante, fecha) -> Acto:
    _exigir_revisor(por)
    firmante = ", ".join(p for p in ((firmante or "").strip(), (cargo_firmante or "").strip()) if p)
    if not firmante:
        raise ValidationError({"firmante": ["Escriba el nombre y el cargo de quien firma (el alcalde)."]})
    if len(firmante) > 200:
        raise ValidationError(
            {"firmante": ["El nombre y cargo del firmante no pueden pasar de 200 caracteres."]}
        )
    ahora = timezone.now()
    if fecha is None:
        momento = ahora
    elif isinstance(fecha, datetime):
        momento = fecha
    else:
        momento = timezone.make_aware(datetime.combine(fecha, datetime.min.time().replace(hour=12)))
    if momento > ahora + timedelta(minutes=1):
        raise ValidationError({"fecha": ["La fecha de firma no puede ser futura."]})
    acto = _bloquear(acto)
    _exigir_estado(acto, Acto.Estado.APROBADO, accion="firmar")
    _exigir_texto(acto)
    try:
        serie = serie_por_perfil(acto.tipo, por=por)
    except ClaveDesconocida:
        raise ValidationError(
            f"El perfil no tiene formato de número para «{nombre_de_tipo(acto.tipo)}» "
            f"(numeracion.formato.{acto.tipo})."
        ) from None
    antes = instantanea(acto, CAMPOS)
    encargo = encargo_vigente(por, timezone.localdate(momento))
    anio = timezone.localdate(momento).year
    numero = siguiente_numero(serie, anio, por=por, objeto=acto)
    acto.registro = numero
    acto.anio = anio
    acto.numero = numero.numero
    acto.numero_texto = numero.texto
    acto.estado = Acto.Estado.FIRMADO
    acto.firmado_en = momento
    acto.firmante = firmante
    acto.refrendado_por = por
    acto.por_encargo_de = encargo.titular if encargo is not None else None
    acto.save(
        update_fields=[
            "registro",
            "anio",
            "numero",
            "numero_texto",
            "estado",
            "firmado_en",
            "firmante",
            "refrendado_por",
            "por_encargo_de",
        ]
    )
    _auditar(por, "actos.acto.firmar", acto, antes)
    return acto


@transaction.atomic
def guardar_pdf_firmado(*, acto: Acto, por) -> Acto:
    """Genera el PDF del acto firmado y lo guarda con su SHA-256 (una sola vez: el firmado no cambia)."""
    acto = _bloquear(acto)
    if acto.estado not in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO):
        raise ValidationError("Solo un acto firmado tiene PDF firmado.")
    if acto.archivo_id:
        return acto
    nombre = f"{acto.tipo}-{acto.anio}-{acto.numero:03d}.pdf"
    archivo = guardar_archivo(
        archivo=SimpleUploadedFile(nombre, pdf_de_acto(acto), content_type="application/pdf"),
        por=por,
        tipos_permitidos=["application/pdf"],
        tamano_maximo=200 * 1024 * 1024,
    )
    antes = instantanea(acto, CAMPOS)
    acto.archivo = archivo
    acto.sha256 = archivo.sha256
    acto.save(update_fields=["archivo", "sha256"])
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
    anotada; el medio debe ser uno de los que el perfil admite para el tipo (texto libre si no lista ninguno); `vigente_desde` = fecha + los días del perfil (PE: el día siguiente, Ley 27972 art. 44). Se
    indexa para la búsqueda pública. Su vigencia (y la de los actos que modifica o deroga) no se guarda: se
    deduce al leer (`relaciones.vigencia_de`), porque depende del día.
    """
    _exigir_revisor(por)
    acto = _bloquear(acto)
    _exigir_estado(acto, Acto.Estado.FIRMADO, accion="publicar")
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
    acto.vigente_desde = fecha + timedelta(days=regla["vigencia_dias"])
    acto.save(
        update_fields=["estado", "publicado_en", "medio_publicacion", "regla_publicacion", "vigente_desde"]
    )
    _auditar(por, "actos.acto.publicar", acto, antes)
    indexar_acto(acto)
    return acto
