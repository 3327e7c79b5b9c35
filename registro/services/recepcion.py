"""Recepción (registro de entrada): la mesa de partes numera, fecha y calcula el plazo de lo que entra.

Reglas (DOMAIN.md, «Mesa de partes» y «Working days»):
- Número correlativo por año de recepción en la serie del perfil `registro_entrada`; si la transacción
  se deshace, el número no se consume (TUO Ley 27444, art. 128).
- Lo presentado en día inhábil se tiene por recibido el día hábil siguiente (`fecha_computo`).
- Las observaciones de recepción dan al administrado el plazo del perfil para subsanar, con el plazo
  del trámite suspendido (PE: 2 días hábiles, TUO Ley 27444, art. 136); si no subsana, se tiene por
  no presentado.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone

from core import sql
from core.models import Municipio, Persona, UnidadOrganica
from core.selectors.municipio import municipio_vigente
from core.services.archivos import guardar_archivo, validar_archivo
from core.services.auditoria import (
    encadenar,
    instantanea,
    preparar_evento,
    registrar_evento,
    titular_por_encargo,
)
from core.services.numeracion import numerar_y_auditar, serie_por_perfil, tomar_numero
from core.services.perfiles import ErrorPerfil, reglas_locales_en_cache, valor
from core.services.personas import registrar_persona, validar_documento
from core.services.plazos import calcular_plazo, calcular_vencimiento, regla_de_plazo
from registro.models import Adjunto, Documento, Procedimiento, TipoDocumental
from registro.rapido import Precarga, precargar
from registro.selectors.subsanacion import NO_PRESENTADO, consecuencia_al_vencer
from registro.services.flujo import derivacion_inicial

CLAVE_SERIE = "registro_entrada"
MAX_FOLIOS = 100_000
# Dos CharField: su max_length es un entero (el tipo de Field lo admite None).
_LARGO_ASUNTO = cast(int, Documento._meta.get_field("asunto").max_length)
_LARGO_ORIGEN = cast(int, Documento._meta.get_field("numero_documento_origen").max_length)


def _hoy_local(momento: datetime, municipio: Municipio | None) -> date:
    zona = ZoneInfo(municipio.zona_horaria if municipio else settings.TIME_ZONE)
    return momento.astimezone(zona).date()


def _validar_entrada(
    *, asunto, folios, canal, prioridad, procedimiento, tipo_documental, remitente
) -> tuple[str, int]:
    errores: dict[str, list[str]] = {}
    asunto = (asunto or "").strip()
    if not asunto:
        errores["asunto"] = ["Escriba el asunto del documento."]
    elif len(asunto) > _LARGO_ASUNTO:
        errores["asunto"] = [f"El asunto no puede pasar de {_LARGO_ASUNTO} caracteres."]
    try:
        folios = int(folios)
        if isinstance(folios, bool):
            raise TypeError
    except (TypeError, ValueError):
        errores["folios"] = ["Escriba el número de folios (un número entero)."]
    else:
        if folios < 1:
            errores["folios"] = ["El número de folios debe ser 1 o más."]
        elif folios > MAX_FOLIOS:
            errores["folios"] = [f"El número de folios no puede pasar de {MAX_FOLIOS:,}.".replace(",", ".")]
    if canal not in Documento.Canal.values or canal == Documento.Canal.INTERNO:
        errores["canal"] = ["Elija un canal de recepción válido (ventanilla, virtual, correo o postal)."]
    if prioridad not in Documento.Prioridad.values:
        errores["prioridad"] = ["Elija una prioridad válida (normal o urgente)."]
    if procedimiento is not None and not procedimiento.activo:
        errores["procedimiento"] = [f"El procedimiento «{procedimiento.codigo}» no está activo."]
    if tipo_documental is not None and not tipo_documental.activo:
        errores["tipo_documental"] = [f"El tipo de documento «{tipo_documental}» no está activo."]
    if remitente is not None and not isinstance(remitente, Persona):
        errores["remitente"] = ["El remitente debe ser una persona registrada."]
    if errores:
        raise ValidationError(errores)
    return asunto, folios


def _plazo_respuesta(
    procedimiento: Procedimiento | None, fecha: date, municipio: Municipio | None = None
) -> tuple[int, str]:
    """Días y tipo del plazo de respuesta: el del procedimiento o, si no hay, el del perfil."""
    if procedimiento is not None:
        return procedimiento.plazo_dias, procedimiento.tipo_plazo
    return (
        int(valor("plazos.respuesta_peticion", municipio=municipio, fecha=fecha)),
        valor("plazos.tipo_computo", municipio=municipio, fecha=fecha),
    )


@transaction.atomic
def registrar_documento(
    *,
    asunto: str,
    folios: int,
    remitente: Persona | None,
    por,
    canal: str = Documento.Canal.VENTANILLA,
    tipo_documental: TipoDocumental | None = None,
    prioridad: str = Documento.Prioridad.NORMAL,
    procedimiento: Procedimiento | None = None,
    numero_documento_origen: str = "",
    observaciones: str = "",
    defectos: str = "",
    adjuntos: Iterable[UploadedFile] = (),
    recibido_en: datetime | None = None,
    unidad_destino: UnidadOrganica | None = None,
    precarga: Precarga | None = None,
) -> Documento:
    """Registra un documento de entrada: número correlativo del año de recepción, fecha y hora, quién lo
    recibió, fecha de cómputo (día hábil siguiente si llegó en día inhábil), vencimiento según el
    procedimiento (o el plazo de respuesta del perfil) y la unidad que lo atiende (la del procedimiento,
    si no `unidad_destino`, si no la de quien lo recibe). Con `defectos` queda OBSERVADO con plazo para
    subsanar y el plazo del trámite suspendido (sin `vence`). Guarda los adjuntos y deja el evento
    `registro.documento.registrar`. Entrada mala: ValidationError en español y nada se registra.
    """
    asunto, folios = _validar_entrada(
        asunto=asunto,
        folios=folios,
        canal=canal,
        prioridad=prioridad,
        procedimiento=procedimiento,
        tipo_documental=tipo_documental,
        remitente=remitente,
    )
    numero_documento_origen = (numero_documento_origen or "").strip()
    if len(numero_documento_origen) > _LARGO_ORIGEN:
        raise ValidationError(
            {
                "numero_documento_origen": [
                    f"El número del documento no puede pasar de {_LARGO_ORIGEN} caracteres."
                ]
            }
        )
    adjuntos = list(adjuntos or ())
    errores_adjuntos = []
    for archivo in adjuntos:
        try:
            validar_archivo(archivo)
        except ValidationError as e:
            errores_adjuntos.append(f"{archivo.name}: {' '.join(e.messages)}")
    if errores_adjuntos:
        raise ValidationError({"adjuntos": errores_adjuntos})

    # Municipio, reglas locales, calendario local, serie y encargo: en PostgreSQL, un solo viaje (o el que
    # ya hizo quien llama, con `remitente_y_precarga`).
    if precarga is None:
        precarga = precargar(clave_serie=CLAVE_SERIE, usuario=por, hoy=timezone.localdate())
    # Sin precarga, el municipio que la solicitud ya leyó (con la zona horaria): solo se lee.
    municipio = precarga.municipio if precarga is not None else municipio_vigente()
    recibido_en = recibido_en or timezone.now()
    if timezone.is_naive(recibido_en):
        recibido_en = timezone.make_aware(recibido_en)
    dia = _hoy_local(recibido_en, municipio)
    defectos = (defectos or "").strip()
    subsanar_hasta = None
    with reglas_locales_en_cache():  # plazo, tipo de cómputo y días hábiles: una lectura de reglas locales
        if precarga is not None:
            precarga.entregar_reglas()
        dias, tipo = _plazo_respuesta(procedimiento, dia, municipio)
        plazo = calcular_plazo(desde=recibido_en, dias=dias, tipo=tipo, municipio=municipio)
        if defectos:
            # Plazo para subsanar, en la unidad del perfil (PE: 2 días hábiles, TUO Ley 27444, art. 136;
            # CO: un mes, Ley 1755 de 2015, art. 17); el del trámite queda suspendido.
            regla = regla_de_plazo("subsanacion", municipio=municipio, fecha=dia)
            subsanar_hasta = calcular_vencimiento(
                desde=recibido_en, cantidad=regla.cantidad, unidad=regla.unidad, municipio=municipio
            ).vence

    destino = procedimiento.unidad_responsable if procedimiento is not None else unidad_destino
    unidad_receptora = getattr(por, "unidad", None)
    # Sin observaciones, el documento sale ya hacia su unidad con una primera línea de hoja de ruta; un
    # documento observado se queda en la mesa hasta que se subsane (luego la mesa lo deriva).
    enviar = destino is not None and destino != unidad_receptora and not defectos
    unidad = destino if (enviar or unidad_receptora is None) else unidad_receptora
    documento = Documento(
        clase=Documento.Clase.ENTRADA,
        asunto=asunto,
        folios=folios,
        remitente=remitente,
        canal=canal,
        prioridad=prioridad,
        tipo_documental=tipo_documental,
        procedimiento=procedimiento,
        numero_documento_origen=numero_documento_origen,
        observaciones=(observaciones or "").strip(),
        defectos=defectos,
        recibido_en=recibido_en,
        recibido_por=por if getattr(por, "pk", None) else None,
        creado_por=por if getattr(por, "pk", None) else None,
        fecha_computo=plazo.recepcion,
        vence=None if defectos else plazo.vence,
        estado=Documento.Estado.OBSERVADO if defectos else Documento.Estado.REGISTRADO,
        subsanar_hasta=subsanar_hasta,
        unidad_actual=unidad,
    )
    if precarga is not None and precarga.serie is not None:
        serie, encargo = precarga.serie, precarga.titular_encargo
    else:
        serie, encargo = serie_por_perfil(CLAVE_SERIE, por=por), titular_por_encargo(por)

    # Lo que necesita los cerrojos globales (cabeza de la cadena de auditoría, luego el contador de la
    # serie) va al final: todo lo anterior corrió sin ellos. En el caso común (sin adjuntos ni primera
    # línea de hoja de ruta) de ahí al commit solo quedan el número, su anotación en el documento y los
    # dos eventos, en una ráfaga (`numerar_y_auditar`). Los adjuntos y la derivación inicial van después
    # del número, como siempre (el aviso de la derivación lleva el número del documento).
    if not adjuntos and not enviar:
        # El documento llega sin guardar: la ráfaga lo inserta ya numerado (en PostgreSQL, un INSERT con
        # los cerrojos en vez de INSERT antes y UPDATE del número después).
        numerar_y_auditar(
            serie=serie,
            anio=dia.year,
            por=por,
            objeto=documento,
            encargo=encargo,
            municipio=municipio,
            anotar=lambda numero: _anotar_numero(documento, numero),
            evento_del_objeto=lambda: preparar_evento(
                por=por,
                accion="registro.documento.registrar",
                objeto=documento,
                despues=instantanea(documento),
                encargo=encargo,
            ),
            # Nada más se escribe después: el COMMIT va con la ráfaga si esta es la transacción de afuera.
            # La columna de búsqueda la llenan los disparadores de la base de datos en el mismo INSERT.
            confirmar=True,
        )
        return documento

    documento.save(force_insert=True)
    numero, evento_numero = tomar_numero(
        serie, dia.year, por=por, objeto=documento, encargo=encargo, municipio=municipio
    )
    sql, params = _anotar_numero(documento, numero)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    for i, archivo in enumerate(adjuntos):
        guardado = guardar_archivo(archivo=archivo, por=por)
        Adjunto.objects.create(
            documento=documento,
            archivo=guardado,
            descripcion=guardado.nombre_original[:200],
            es_principal=i == 0,
        )
    despues = instantanea(documento)
    if enviar and unidad is not None:
        despues["derivacion_inicial"] = derivacion_inicial(documento=documento, a_unidad=unidad, por=por).pk
    evento = preparar_evento(
        por=por, accion="registro.documento.registrar", objeto=documento, despues=despues, encargo=encargo
    )
    encadenar([evento_numero, evento])
    return documento


def _anotar_numero(documento: Documento, numero) -> tuple[str, list]:
    # El número en el documento: atributos y el UPDATE que los guarda (lo ejecuta la numeración).
    documento.numero = numero
    documento.numero_texto = numero.texto
    documento.anio = numero.anio
    documento.correlativo = numero.numero
    return sql.anotar(
        Documento,
        documento.pk,
        numero=numero.pk,
        numero_texto=numero.texto,
        anio=numero.anio,
        correlativo=numero.numero,
    )


def _tomar(documento: Documento) -> Documento:
    return Documento.objects.select_for_update().get(pk=documento.pk)


_CAMPOS_SUBSANACION = ["estado", "vence", "subsanar_hasta", "observaciones", "cerrado_en"]


@transaction.atomic
def subsanar(*, documento: Documento, por, observacion: str = "", fecha: date | None = None) -> Documento:
    """El administrado corrigió lo observado: el documento vuelve a REGISTRADO y su vencimiento se calcula
    de nuevo sin contar los días en que el plazo estuvo suspendido (desde la recepción hasta `fecha`,
    hoy si no se da). Solo un documento OBSERVADO se subsana.
    """
    documento = _tomar(documento)
    if documento.estado != Documento.Estado.OBSERVADO:
        raise ValidationError("Solo se subsana un documento observado.")
    municipio = Municipio.objects.actual()
    fecha = fecha or timezone.localdate()
    antes = instantanea(documento, _CAMPOS_SUBSANACION)
    recibido_en, fecha_computo = documento.recibido_en, documento.fecha_computo
    if recibido_en is None or fecha_computo is None:  # registrar_documento fija las dos
        raise ValidationError("El documento no tiene fecha de recepción.")
    dias, tipo = _plazo_respuesta(documento.procedimiento, fecha_computo)
    # TUO Ley 27444, art. 136: mientras se subsana el plazo está suspendido; se reanuda al día siguiente.
    inicio_pausa = fecha_computo + timedelta(days=1)
    pausas = [(inicio_pausa, fecha)] if fecha >= inicio_pausa else []
    plazo = calcular_plazo(desde=recibido_en, dias=dias, tipo=tipo, municipio=municipio, pausas=pausas)
    documento.estado = Documento.Estado.REGISTRADO
    documento.vence = plazo.vence
    observacion = (observacion or "").strip()
    if observacion:
        nota = f"Subsanado el {fecha:%d/%m/%Y}: {observacion}"
        documento.observaciones = f"{documento.observaciones}\n{nota}".strip()
    documento.save(update_fields=_CAMPOS_SUBSANACION)
    registrar_evento(
        por=por,
        accion="registro.documento.subsanar",
        objeto=documento,
        antes=antes,
        despues={**instantanea(documento, _CAMPOS_SUBSANACION), "subsanado_el": fecha},
    )
    return documento


@transaction.atomic
def tener_por_no_presentado(*, documento: Documento, por, hoy: date | None = None) -> Documento:
    """Cierra como NO PRESENTADO un documento observado cuyo plazo para subsanar ya pasó sin que se
    corrigiera (TUO Ley 27444, art. 136.4). Antes de vencer el plazo, o si no está observado, se rechaza; y
    también donde el perfil da otra consecuencia (`plazos.subsanacion_al_vencer`; CO: desistimiento tácito
    declarado por acto motivado, que se registra concluyendo el documento con su motivo).
    """
    documento = _tomar(documento)
    hoy = hoy or timezone.localdate()
    if documento.estado != Documento.Estado.OBSERVADO:
        raise ValidationError("Solo se tiene por no presentado un documento observado.")
    consecuencia = consecuencia_al_vencer(fecha=documento.fecha_computo)
    if consecuencia.codigo not in ("", NO_PRESENTADO):
        raise ValidationError(
            "En este municipio el plazo vencido sin subsanar no se tiene por no presentado: "
            f"{consecuencia.texto} ({consecuencia.fuente}). Registre esa decisión concluyendo el documento "
            "con su motivo."
        )
    if documento.subsanar_hasta is not None and documento.subsanar_hasta >= hoy:
        raise ValidationError(
            f"El plazo para subsanar vence el {documento.subsanar_hasta:%d/%m/%Y}: aún no se puede tener por no presentado."
        )
    antes = instantanea(documento, _CAMPOS_SUBSANACION)
    documento.estado = Documento.Estado.NO_PRESENTADO
    documento.cerrado_en = timezone.now()
    documento.save(update_fields=_CAMPOS_SUBSANACION)
    registrar_evento(
        por=por,
        accion="registro.documento.no_presentado",
        objeto=documento,
        antes=antes,
        despues=instantanea(documento, _CAMPOS_SUBSANACION),
    )
    return documento


# La automatización que el perfil debe nombrar en `plazos.automatizaciones` para que el sistema cierre solo.
TENER_POR_NO_PRESENTADO = "tener_por_no_presentado"


def automatiza_no_presentado(*, municipio: Municipio | None = None, fecha: date | None = None) -> bool:
    """Si el perfil (o una regla local) deja al sistema tener por no presentados, por sí solo, los
    documentos cuyo plazo para subsanar venció (`plazos.automatizaciones`; PE: TUO Ley 27444, art. 136.4).
    Sin la clave no se automatiza nada: en CO la consecuencia es el desistimiento tácito, que se declara por
    acto motivado (Ley 1755 de 2015, art. 17)."""
    try:
        automatizaciones = valor("plazos.automatizaciones", municipio=municipio, fecha=fecha)
    except ErrorPerfil:
        return False
    return isinstance(automatizaciones, list) and TENER_POR_NO_PRESENTADO in automatizaciones


def vencer_subsanaciones(*, hoy: date | None = None) -> int:
    """Tiene por no presentados todos los documentos observados cuyo plazo para subsanar ya pasó (actor:
    el sistema), solo si el perfil lo automatiza (`automatiza_no_presentado`); si no, no cambia nada y
    devuelve 0 (los vencidos se listan para el funcionario: `registro.selectors.subsanacion`). Cada uno en
    su propia transacción; devuelve cuántos se cerraron.
    """
    hoy = hoy or timezone.localdate()
    if not automatiza_no_presentado(municipio=Municipio.objects.actual(), fecha=hoy):
        return 0
    vencidos = Documento.objects.filter(
        estado=Documento.Estado.OBSERVADO, subsanar_hasta__lt=hoy
    ).values_list("pk", flat=True)
    cerrados = 0
    for pk in list(vencidos):
        try:
            tener_por_no_presentado(documento=Documento(pk=pk), por=None, hoy=hoy)
        except ValidationError:
            continue  # otro proceso lo subsanó o cerró entretanto
        cerrados += 1
    return cerrados


# Remitentes por número de documento (API y formularios) -----------------------------------------------

TIPOS_JURIDICA = {Persona.TipoDocumento.RUC, Persona.TipoDocumento.NIT, Persona.TipoDocumento.RFC}


def _partir_nombre(nombre: str) -> tuple[str, str]:
    """«Juan Carlos Ramírez Poma» -> («Juan Carlos», «Ramírez Poma»): en Perú y los países andinos se
    usan dos apellidos, así que con tres o más palabras los dos últimos son apellidos; con dos, el último.
    """
    palabras = nombre.split()
    if len(palabras) >= 3:
        return " ".join(palabras[:-2]), " ".join(palabras[-2:])
    if len(palabras) == 2:
        return palabras[0], palabras[1]
    return nombre, ""


def documento_de_remitente(tipo_documento: str, numero_documento: str) -> str:
    """El número de documento del remitente validado y normalizado (p. ej. sin guiones); ValidationError en
    español con los campos `tipo_documento` o `numero_documento`."""
    if tipo_documento not in Persona.TipoDocumento.values:
        raise ValidationError({"tipo_documento": ["Tipo de documento desconocido."]})
    try:
        return validar_documento(tipo_documento, numero_documento)
    except ValidationError as e:
        raise ValidationError(
            {"numero_documento": e.message_dict.get("numero_documento", e.messages)}
        ) from None


def remitente_existente(*, tipo_documento: str, numero_documento: str) -> Persona | None:
    """La persona ya registrada con ese documento, o None; el documento se valida igual que en
    `remitente_por_documento` (mismos errores). Solo lee: sirve para registrar sin abrir una
    transacción anidada cuando el remitente ya existe (el caso común en la API).
    """
    numero = documento_de_remitente(tipo_documento, numero_documento)
    return Persona.objects.filter(tipo_documento=tipo_documento, numero_documento=numero).first()


def remitente_y_precarga(
    *, tipo_documento: str, numero_documento: str, por, precarga: Precarga | None = None
) -> tuple[Persona | None, Precarga | None]:
    """`remitente_existente` y, en PostgreSQL, en el mismo viaje a la base de datos, la precarga de
    `registrar_documento` (que se le pasa luego como `precarga`). Mismos errores que `remitente_existente`.
    Si `precarga` ya buscó este mismo remitente (la del registro por la API, leída con el token), no
    consulta nada."""
    numero = documento_de_remitente(tipo_documento, numero_documento)
    if precarga is not None and precarga.remitente_buscado == (tipo_documento, numero):
        return precarga.remitente, precarga
    precarga = precargar(
        clave_serie=CLAVE_SERIE, usuario=por, hoy=timezone.localdate(), remitente=(tipo_documento, numero)
    )
    if precarga is None:
        return Persona.objects.filter(tipo_documento=tipo_documento, numero_documento=numero).first(), None
    return precarga.remitente, precarga


class ErrorDelRemitente(ValidationError):
    """Los datos del remitente no valen (`registrar_con_remitente`): quien llama los muestra junto al
    remitente (la API, anidados bajo «remitente»)."""


def _del_remitente(error: ValidationError) -> ErrorDelRemitente:
    return ErrorDelRemitente(
        error.error_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
    )


def registrar_con_remitente(
    *, remitente: dict | None, por, precarga: Precarga | None = None, **datos
) -> Documento:
    """`registrar_documento` con el remitente dado por su documento (`{"tipo_documento", "numero_documento",
    "nombre"}`, o None): se busca y, si no existe, se registra con ese nombre en la misma transacción que el
    documento (si el documento no vale, tampoco queda la persona). Lo que el remitente tenga mal sale como
    `ErrorDelRemitente`; lo demás, como en `registrar_documento`. Es el registro de la API.

    `precarga`: lo que ya se leyó en el mismo viaje que el token (`registro.api.autenticacion`); si buscó a
    otro remitente, se busca de nuevo."""
    persona = None
    if remitente:
        try:
            persona, precarga = remitente_y_precarga(
                tipo_documento=remitente["tipo_documento"],
                numero_documento=remitente["numero_documento"],
                por=por,
                precarga=precarga,
            )
        except ValidationError as e:
            raise _del_remitente(e) from None
    if remitente and persona is None:
        with transaction.atomic():
            try:
                persona = remitente_por_documento(por=por, **remitente)
            except ValidationError as e:
                raise _del_remitente(e) from None
            return registrar_documento(remitente=persona, por=por, precarga=precarga, **datos)
    # Remitente ya registrado (o ninguno): una sola transacción, la del servicio, sin puntos de guardado.
    return registrar_documento(remitente=persona, por=por, precarga=precarga, **datos)


@transaction.atomic
def remitente_por_documento(*, tipo_documento: str, numero_documento: str, nombre: str, por) -> Persona:
    """La persona con ese documento; si no existe, se registra con el nombre dado (validado el documento
    con las reglas del servicio de personas). Un RUC 20…, un NIT o un RFC de 12 caracteres son de persona
    jurídica y el nombre es su razón social. ValidationError en español (campos `tipo_documento`,
    `numero_documento`, `nombre`) si algo no vale.
    """
    numero = documento_de_remitente(tipo_documento, numero_documento)
    existente = Persona.objects.filter(tipo_documento=tipo_documento, numero_documento=numero).first()
    if existente is not None:
        return existente
    nombre = " ".join((nombre or "").split())
    if not nombre:
        raise ValidationError({"nombre": ["Escriba el nombre o la razón social del remitente."]})
    juridica = tipo_documento in TIPOS_JURIDICA and not (
        (tipo_documento == Persona.TipoDocumento.RUC and numero.startswith("10"))
        or (tipo_documento == Persona.TipoDocumento.RFC and len(numero) == 13)
    )
    if juridica:
        return registrar_persona(
            tipo=Persona.Tipo.JURIDICA,
            tipo_documento=tipo_documento,
            numero_documento=numero,
            razon_social=nombre[:250],
            por=por,
        )
    nombres, apellidos = _partir_nombre(nombre)
    if apellidos:
        return registrar_persona(
            tipo=Persona.Tipo.NATURAL,
            tipo_documento=tipo_documento,
            numero_documento=numero,
            nombres=nombres[:150],
            apellidos=apellidos[:150],
            por=por,
        )
    # Un solo nombre (p. ej. lo que dicta quien llama): se registra tal cual, con su evento.
    persona = Persona.objects.create(
        tipo=Persona.Tipo.NATURAL,
        tipo_documento=tipo_documento,
        numero_documento=numero,
        nombres=nombres[:150],
    )
    registrar_evento(por=por, accion="core.persona.registrar", objeto=persona, despues=instantanea(persona))
    return persona


__all__ = [
    "ErrorDelRemitente",
    "registrar_con_remitente",
    "registrar_documento",
    "remitente_existente",
    "remitente_por_documento",
    "remitente_y_precarga",
    "documento_de_remitente",
    "subsanar",
    "tener_por_no_presentado",
    "vencer_subsanaciones",
    "automatiza_no_presentado",
]
