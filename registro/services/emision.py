"""Documentos internos y de salida: borrador desde plantilla, firma (aprobación del jefe, número y PDF),
acuse de lectura de los destinatarios internos y la respuesta que cierra un documento de entrada.

«Firmar» aquí es la aprobación del jefe de la unidad de origen (o de quien lo reemplaza por encargo, o
de la Secretaría General) + la numeración + el PDF guardado con su SHA-256. La firma digital PAdES
llega en otra etapa y se aplicará sobre ese mismo PDF.
"""

from __future__ import annotations

import functools
import re
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core import roles
from core.models import NumeroRegistro, Persona, Serie, UnidadOrganica, Usuario
from core.rendering import render_pdf
from core.selectors.numeracion import numero_previsto
from core.selectors.organizacion import depende_de
from core.services.archivos import guardar_archivo
from core.services.auditoria import encargo_vigente, instantanea, registrar_evento
from core.services.notificaciones import notificar
from core.services.numeracion import crear_serie, serie_por_perfil, siguiente_numero
from core.services.perfiles import ClaveDesconocida, valor
from registro.models import Derivacion, DestinatarioInterno, Documento, TipoDocumental

CLASES_EMITIDAS = (Documento.Clase.INTERNO, Documento.Clase.SALIDA)
PLANTILLAS = ("memorando", "oficio", "informe", "circular", "respuesta")
SERIE_SALIDA = "registro_salida"
CAMPOS_BORRADOR = ["asunto", "cuerpo", "destinatario", "destinatario_texto", "tipo_documental"]
CAMPOS_FIRMA = [
    "estado",
    "numero",
    "numero_texto",
    "anio",
    "correlativo",
    "firmado_por",
    "firmado_en",
    "pdf",
    "recibido_en",
    "recibido_por",
]


def codigo_del_tipo(tipo: TipoDocumental) -> str:
    """La clave de numeración y de plantilla del tipo: su `codigo_serie` o, si falta, su nombre en slug."""
    return tipo.codigo_serie or slugify(tipo.nombre).replace("-", "_")


def clave_plantilla(tipo: TipoDocumental | None, respuesta_a: Documento | None = None) -> str:
    if respuesta_a is not None:
        return "respuesta"
    codigo = codigo_del_tipo(tipo) if tipo else ""
    return codigo if codigo in PLANTILLAS else "memorando"


def es_del_personal(usuario, unidad: UnidadOrganica | None) -> bool:
    """Redacta quien es de la unidad de origen, o la Secretaría General (ve todo el registro)."""
    if unidad is None or not getattr(usuario, "is_authenticated", False):
        return False
    return usuario.unidad_id == unidad.pk or usuario.has_perm(roles.VER_TODO_REGISTRO)


def _es_secretaria(usuario) -> bool:
    return usuario.is_superuser or usuario.groups.filter(name=roles.SECRETARIO).exists()


def puede_firmar(usuario, documento: Documento) -> bool:
    """Firma el jefe de la unidad de origen o quien tiene hoy un encargo vigente de ese jefe. La
    Secretaría General firma los de su propia unidad y de las que dependen de ella (p. ej. trámite
    documentario), no los de otra gerencia: el número que se toma es el de la unidad de origen y lo
    firma quien responde por ella.
    """
    if not getattr(usuario, "is_authenticated", False) or documento.unidad_origen is None:
        return False
    jefe_id = documento.unidad_origen.jefe_id
    if jefe_id is not None and jefe_id == usuario.pk:
        return True
    encargo = encargo_vigente(usuario)
    if jefe_id is not None and encargo is not None and encargo.titular_id == jefe_id:
        return True
    return _es_secretaria(usuario) and depende_de(documento.unidad_origen_id, usuario.unidad_id)


def texto_de_plantilla(
    *,
    clave: str,
    asunto: str,
    unidad_origen: UnidadOrganica,
    destinatario_texto: str = "",
    respuesta_a: Documento | None = None,
) -> str:
    """El cuerpo inicial del borrador: la plantilla `registro/plantillas/<clave>.txt` con destinatario,
    asunto y la referencia al documento que se responde (número y fecha). Luego el usuario lo edita.
    """
    if clave not in PLANTILLAS:
        raise ValidationError({"plantilla": [f"No existe la plantilla «{clave}»."]})
    referencia = ""
    if respuesta_a is not None:
        fecha = timezone.localtime(respuesta_a.recibido_en) if respuesta_a.recibido_en else None
        propio = f" ({respuesta_a.numero_documento_origen})" if respuesta_a.numero_documento_origen else ""
        referencia = (
            f"su documento{propio} registrado con el {respuesta_a.numero_texto or 'número en trámite'}"
        )
        if fecha:
            referencia += f" el {fecha:%d/%m/%Y}"
    contexto = {
        "asunto": asunto,
        "destinatario": destinatario_texto,
        "referencia": referencia,
        "respuesta_a": respuesta_a,
        "unidad": unidad_origen,
    }
    return render_to_string(f"registro/plantillas/{clave}.txt", contexto).strip() + "\n"


@functools.cache
def _patron_marcadores() -> re.Pattern[str]:
    """Los marcadores «[...]» de las plantillas (p. ej. «[Escriba aquí la respuesta.]»), leídos de los
    mismos archivos `.txt`: lo variable que la plantilla rellena ({{ asunto }}) vale cualquier texto."""
    alternativas = []
    for clave in PLANTILLAS:
        fuente = get_template(f"registro/plantillas/{clave}.txt").template.source  # type: ignore[attr-defined]
        for marcador in re.findall(r"\[([^\[\]\n]+)\]", fuente):
            partes = re.split(r"\{\{.*?\}\}|\{%.*?%\}", marcador)
            literal = [r"\s+".join(re.escape(p) for p in parte.split()) for parte in partes]
            alternativas.append(r"[^\[\]]*?".join(literal))
    return re.compile(r"\[\s*(?:" + "|".join(alternativas) + r")\s*\]", re.IGNORECASE)


def marcadores_pendientes(texto: str) -> list[str]:
    """Los marcadores de plantilla que siguen en el texto, tal como aparecen."""
    return [m.group(0) for m in _patron_marcadores().finditer(texto or "")]


def validar_texto_para_firma(cuerpo: str) -> None:
    """Lo que se firma tiene texto propio: ni vacío ni con un marcador de la plantilla sin reemplazar."""
    if not (cuerpo or "").strip():
        raise ValidationError({"cuerpo": ["El documento no tiene texto."]})
    pendientes = marcadores_pendientes(cuerpo)
    if pendientes:
        raise ValidationError(
            {
                "cuerpo": [
                    f"El texto aún tiene el marcador de la plantilla {pendientes[0]}: reemplácelo por el "
                    "texto del documento antes de firmar. No se firmó ni se numeró."
                ]
            }
        )


def _texto_destinatarios(unidades, usuarios) -> str:
    nombres = [u.nombre for u in unidades] + [str(u) for u in usuarios]
    return "; ".join(nombres)


def _validar_borrador(
    *,
    clase,
    tipo_documental,
    unidad_origen,
    asunto,
    por,
    unidades,
    usuarios,
    destinatario,
    destinatario_texto,
) -> None:
    errores: dict[str, list[str]] = {}
    if clase not in CLASES_EMITIDAS:
        errores["clase"] = ["Elija si el documento es interno o de salida."]
    if tipo_documental is None:
        errores["tipo_documental"] = ["Elija el tipo de documento (memorando, oficio, informe, circular)."]
    elif not tipo_documental.activo:
        errores["tipo_documental"] = [f"El tipo «{tipo_documental}» está inactivo."]
    if not (asunto or "").strip():
        errores["asunto"] = ["Escriba el asunto."]
    elif len(asunto.strip()) > 500:
        errores["asunto"] = ["El asunto no puede pasar de 500 caracteres."]
    if unidad_origen is None:
        errores["unidad_origen"] = ["Indique la unidad que emite el documento."]
    elif not es_del_personal(por, unidad_origen):
        errores["unidad_origen"] = ["Solo el personal de la unidad de origen redacta sus documentos."]
    if clase == Documento.Clase.INTERNO and not unidades and not usuarios:
        errores["destinatarios_unidades"] = ["Elija al menos una unidad o una persona destinataria."]
    if clase == Documento.Clase.SALIDA and destinatario is None and not (destinatario_texto or "").strip():
        errores["destinatario_texto"] = ["Indique a quién va dirigido el documento de salida."]
    if unidad_origen is not None and any(u.pk == unidad_origen.pk for u in unidades):
        errores.setdefault("destinatarios_unidades", []).append("La unidad de origen no se envía a sí misma.")
    if any(not getattr(u, "is_active", True) for u in usuarios):
        errores.setdefault("destinatarios_usuarios", []).append("Hay un destinatario con la cuenta inactiva.")
    if errores:
        raise ValidationError(errores)


def _validar_respuesta(respuesta_a: Documento | None, unidad_origen: UnidadOrganica | None, por) -> None:
    if respuesta_a is None:
        return
    if respuesta_a.clase != Documento.Clase.ENTRADA:
        raise ValidationError({"respuesta_a": ["Solo se responde a un documento de entrada."]})
    if respuesta_a.cerrado:
        raise ValidationError(
            {
                "respuesta_a": [
                    f"El documento {respuesta_a.numero_texto} ya está cerrado "
                    f"({respuesta_a.get_estado_display().lower()})."
                ]
            }
        )
    if (
        unidad_origen is not None
        and respuesta_a.unidad_actual_id != unidad_origen.pk
        and not por.has_perm(roles.VER_TODO_REGISTRO)
    ):
        raise ValidationError({"respuesta_a": ["Responde la unidad que tiene el documento en su bandeja."]})


def _guardar_destinatarios(documento: Documento, unidades, usuarios) -> None:
    documento.destinatarios.all().delete()
    vistos_u, vistos_p = set(), set()
    filas = []
    for unidad in unidades:
        if unidad.pk not in vistos_u:
            vistos_u.add(unidad.pk)
            filas.append(DestinatarioInterno(documento=documento, unidad=unidad))
    for usuario in usuarios:
        if usuario.pk not in vistos_p:
            vistos_p.add(usuario.pk)
            filas.append(DestinatarioInterno(documento=documento, usuario=usuario))
    DestinatarioInterno.objects.bulk_create(filas)


def _instantanea_borrador(documento: Documento) -> dict:
    datos = instantanea(documento, CAMPOS_BORRADOR)
    datos["destinatarios"] = sorted(
        f"unidad:{d.unidad_id}" if d.unidad_id else f"usuario:{d.usuario_id}"
        for d in documento.destinatarios.all()
    )
    return datos


@transaction.atomic
def crear_borrador(
    *,
    clase: str,
    tipo_documental: TipoDocumental | None,
    unidad_origen: UnidadOrganica | None,
    asunto: str,
    cuerpo: str = "",
    por: Usuario,
    destinatarios_unidades=(),
    destinatarios_usuarios=(),
    destinatario: Persona | None = None,
    destinatario_texto: str = "",
    respuesta_a: Documento | None = None,
    plantilla: str | None = None,
) -> Documento:
    """Crea un documento interno o de salida en BORRADOR (sin número) con su texto inicial tomado de
    la plantilla del tipo (o la de respuesta), que el usuario edita luego. Los destinatarios internos
    quedan guardados pero no ven el borrador hasta la firma. Una respuesta va al remitente del
    documento de entrada, y solo la redacta la unidad que lo tiene en su bandeja.
    """
    unidades, usuarios = list(destinatarios_unidades), list(destinatarios_usuarios)
    if respuesta_a is not None and destinatario is None and not (destinatario_texto or "").strip():
        destinatario = respuesta_a.remitente
    _validar_borrador(
        clase=clase,
        tipo_documental=tipo_documental,
        unidad_origen=unidad_origen,
        asunto=asunto,
        por=por,
        unidades=unidades,
        usuarios=usuarios,
        destinatario=destinatario,
        destinatario_texto=destinatario_texto,
    )
    _validar_respuesta(respuesta_a, unidad_origen, por)
    asunto = asunto.strip()
    destinatario_texto = (destinatario_texto or "").strip()
    if not destinatario_texto:
        destinatario_texto = (
            destinatario.nombre_completo
            if destinatario is not None
            else _texto_destinatarios(unidades, usuarios)
        )[:300]
    if not (cuerpo or "").strip():
        cuerpo = texto_de_plantilla(
            clave=plantilla or clave_plantilla(tipo_documental, respuesta_a),
            asunto=asunto,
            unidad_origen=cast(UnidadOrganica, unidad_origen),  # _validar_borrador rechaza None
            destinatario_texto=destinatario_texto,
            respuesta_a=respuesta_a,
        )
    documento = Documento.objects.create(
        clase=clase,
        estado=Documento.Estado.BORRADOR,
        canal=Documento.Canal.INTERNO,
        tipo_documental=tipo_documental,
        unidad_origen=unidad_origen,
        unidad_actual=unidad_origen,
        asunto=asunto,
        cuerpo=cuerpo,
        destinatario=destinatario,
        destinatario_texto=destinatario_texto,
        respuesta_a=respuesta_a,
        expediente=respuesta_a.expediente if respuesta_a is not None else None,
        folios=1,
        creado_por=por,
    )
    _guardar_destinatarios(documento, unidades, usuarios)
    registrar_evento(
        por=por,
        accion="registro.documento.crear_borrador",
        objeto=documento,
        despues={
            **_instantanea_borrador(documento),
            "clase": clase,
            "respuesta_a": respuesta_a.pk if respuesta_a else None,
        },
    )
    return documento


def _bloquear(documento: Documento) -> Documento:
    # FOR UPDATE OF solo la fila del documento: PostgreSQL no bloquea el lado anulable de un LEFT JOIN.
    return (
        Documento.objects.select_for_update(of=("self",))
        .select_related("unidad_origen", "tipo_documental")
        .get(pk=documento.pk)
    )


@transaction.atomic
def actualizar_borrador(
    *,
    documento: Documento,
    por: Usuario,
    asunto: str,
    cuerpo: str,
    destinatarios_unidades=(),
    destinatarios_usuarios=(),
    destinatario: Persona | None = None,
    destinatario_texto: str = "",
) -> Documento:
    """Cambia asunto, texto y destinatarios de un borrador. Solo borradores (lo firmado no se edita:
    se corrige con otro documento) y solo el personal de la unidad de origen.
    """
    documento = _bloquear(documento)
    if documento.estado != Documento.Estado.BORRADOR:
        raise ValidationError(
            "El documento ya está firmado: no se edita. Las correcciones van en un documento nuevo."
        )
    unidades, usuarios = list(destinatarios_unidades), list(destinatarios_usuarios)
    _validar_borrador(
        clase=documento.clase,
        tipo_documental=documento.tipo_documental,
        unidad_origen=documento.unidad_origen,
        asunto=asunto,
        por=por,
        unidades=unidades,
        usuarios=usuarios,
        destinatario=destinatario,
        destinatario_texto=destinatario_texto,
    )
    if not (cuerpo or "").strip():
        raise ValidationError({"cuerpo": ["Escriba el texto del documento."]})
    antes = _instantanea_borrador(documento)
    documento.asunto = asunto.strip()
    documento.cuerpo = cuerpo
    documento.destinatario = destinatario
    documento.destinatario_texto = (
        (destinatario_texto or "").strip()
        or (
            destinatario.nombre_completo
            if destinatario is not None
            else _texto_destinatarios(unidades, usuarios)
        )
    )[:300]
    documento.save(update_fields=CAMPOS_BORRADOR)
    _guardar_destinatarios(documento, unidades, usuarios)
    registrar_evento(
        por=por,
        accion="registro.documento.actualizar_borrador",
        objeto=documento,
        antes=antes,
        despues=_instantanea_borrador(documento),
    )
    return documento


def serie_del_tipo(tipo: TipoDocumental, unidad: UnidadOrganica, *, por) -> Serie:
    """La serie por unidad, tipo y año del tipo documental (`memorando-sg`...), con el formato del perfil;
    si el perfil no trae formato para ese tipo (p. ej. circular), uno propio del mismo estilo.
    """
    codigo = codigo_del_tipo(tipo)
    try:
        return serie_por_perfil(codigo, unidad=unidad, por=por)
    except ClaveDesconocida:
        pass
    codigo_serie = f"{codigo}-{unidad.sigla.lower()}"
    existente = Serie.objects.filter(codigo=codigo_serie).first()
    if existente is not None:
        return existente
    formato = tipo.nombre.upper() + " Nº {numero:03d}-{anio}-{unidad}/{sigla}"
    try:
        with transaction.atomic():
            return crear_serie(
                codigo=codigo_serie,
                nombre=f"{tipo.nombre} — {unidad.sigla}",
                formato=formato,
                unidad=unidad,
                por=por,
            )
    except (ValidationError, IntegrityError):
        return Serie.objects.get(codigo=codigo_serie)


def _serie_prevista(tipo: TipoDocumental, unidad: UnidadOrganica) -> Serie:
    """La serie que usará `serie_del_tipo`, sin crearla: la guardada o una sin guardar con el formato
    que tendría (el del perfil o el propio del tipo)."""
    codigo = codigo_del_tipo(tipo)
    codigo_serie = f"{codigo}-{unidad.sigla.lower()}"
    existente = Serie.objects.select_related("unidad").filter(codigo=codigo_serie).first()
    if existente is not None:
        return existente
    try:
        formato = valor(f"numeracion.formato.{codigo}")
    except ClaveDesconocida:
        formato = tipo.nombre.upper() + " Nº {numero:03d}-{anio}-{unidad}/{sigla}"
    return Serie(codigo=codigo_serie, nombre=tipo.nombre, formato=formato, unidad=unidad)


def numeros_previstos(documento: Documento) -> list[str]:
    """Los números que tomaría el borrador si se firma ahora (el de su tipo y, si es de salida, el del
    registro de salida), sin tomarlos: para la confirmación «Se firmará y tomará el número …»."""
    tipo, unidad = documento.tipo_documental, documento.unidad_origen
    if tipo is None or unidad is None:
        return []
    anio = timezone.localdate().year
    numeros = [numero_previsto(_serie_prevista(tipo, unidad), anio)]
    if documento.clase == Documento.Clase.SALIDA:
        salida = Serie.objects.filter(codigo=SERIE_SALIDA).first() or Serie(
            codigo=SERIE_SALIDA,
            nombre="Registro de salida",
            formato=valor(f"numeracion.formato.{SERIE_SALIDA}"),
        )
        numeros.append(numero_previsto(salida, anio))
    return numeros


def _unidad_origen(documento: Documento) -> UnidadOrganica:
    """La unidad que emite el documento: todo documento interno o de salida la tiene (la exigen
    `crear_borrador` y `actualizar_borrador`)."""
    unidad = documento.unidad_origen
    if unidad is None:
        raise ValidationError("El documento no tiene unidad de origen.")
    return unidad


def _firmante(por: Usuario, documento: Documento) -> dict:
    encargo = encargo_vigente(por)
    jefe = _unidad_origen(documento).jefe
    por_encargo = None
    if encargo is not None and jefe is not None and encargo.titular_id == jefe.pk and jefe.pk != por.pk:
        cargo = (
            encargo.cargo.nombre
            if encargo.cargo is not None
            else (jefe.cargo.nombre if jefe.cargo is not None else "")
        )
        por_encargo = {"titular": jefe.get_full_name() or jefe.username, "cargo": cargo}
    return {
        "nombre": por.get_full_name() or por.username,
        "cargo": por.cargo.nombre if por.cargo is not None else "",
        "por_encargo": por_encargo,
    }


def _pdf(documento: Documento, *, por: Usuario, numero_salida: NumeroRegistro | None):
    destinatarios = list(documento.destinatarios.select_related("unidad", "usuario"))
    contenido = render_pdf(
        "registro/pdf_emitido.html",
        {
            "documento": documento,
            "titulo": documento.numero_texto,
            "fecha": timezone.localtime(documento.firmado_en),
            "destinatarios": destinatarios,
            "firmante": _firmante(por, documento),
            "numero_salida": numero_salida,
            "parrafos": [p.strip() for p in documento.cuerpo.split("\n\n") if p.strip()],
        },
    )
    nombre = slugify(documento.numero_texto)[:120] or f"documento-{documento.pk}"
    archivo = SimpleUploadedFile(f"{nombre}.pdf", contenido, content_type="application/pdf")
    return guardar_archivo(
        archivo=archivo, por=por, tipos_permitidos=["application/pdf"], tamano_maximo=max(len(contenido), 1)
    )


def _atender_entrada(entrada: Documento, respuesta: Documento, *, por: Usuario, ahora) -> None:
    entrada = Documento.objects.select_for_update().get(pk=entrada.pk)
    if entrada.cerrado:
        return
    campos = ["estado", "cerrado_en"]
    antes = instantanea(entrada, campos)
    entrada.estado = Documento.Estado.ATENDIDO
    entrada.cerrado_en = ahora
    entrada.save(update_fields=campos)
    abiertas = Derivacion.objects.select_for_update().filter(
        documento=entrada, tipo=Derivacion.Tipo.ACCION, estado__in=Derivacion.ESTADOS_ABIERTOS
    )
    for derivacion in abiertas:
        d_campos = ["estado", "cerrado_en", "cerrado_por", "motivo"]
        d_antes = instantanea(derivacion, d_campos)
        derivacion.estado = Derivacion.Estado.ATENDIDA
        derivacion.cerrado_en = ahora
        derivacion.cerrado_por = por
        derivacion.motivo = f"Atendido con {respuesta.numero_texto}."
        derivacion.save(update_fields=d_campos)
        registrar_evento(
            por=por,
            accion="registro.derivacion.atender",
            objeto=derivacion,
            antes=d_antes,
            despues=instantanea(derivacion, d_campos),
        )
    registrar_evento(
        por=por,
        accion="registro.documento.atender",
        objeto=entrada,
        antes=antes,
        despues={
            **instantanea(entrada, campos),
            "respuesta": respuesta.pk,
            "respuesta_numero": respuesta.numero_texto,
        },
    )


def _notificar_destinatarios(documento: Documento) -> None:
    url = reverse("registro:documento-emitido", args=[documento.pk])
    titulo = f"{documento.numero_texto}: {documento.asunto}"[:200]
    avisados = set()
    for destino in documento.destinatarios.select_related("unidad", "usuario"):
        if destino.usuario is not None:  # vino con select_related
            personas = [destino.usuario]
        else:
            personas = list(Usuario.objects.filter(unidad=destino.unidad_id, is_active=True))
        for persona in personas:
            if persona.pk not in avisados:
                avisados.add(persona.pk)
                notificar(
                    usuario=persona, titulo=titulo, mensaje=f"De {_unidad_origen(documento).nombre}.", url=url
                )


@transaction.atomic
def firmar(*, documento: Documento, por: Usuario) -> Documento:
    """Aprueba y numera un borrador: número de su tipo por unidad y año (p. ej. «MEMORANDO Nº 001-2026-
    SG/MDVE»); si es de salida, además un número del registro de salida ligado al documento. Genera el PDF
    (membrete, número, fecha, destinatarios, asunto, texto, firmante y «por encargo»), lo guarda con su
    SHA-256 y fija firmado_por/firmado_en. Un interno queda ENVIADO y avisa a sus destinatarios; uno de
    salida queda REGISTRADO hasta su despacho. Si responde a un documento de entrada, lo cierra como
    ATENDIDO junto con su derivación para acción abierta. Desde aquí el documento no se edita más.

    Lo que se firma tiene texto propio: ni vacío ni con un marcador de la plantilla sin reemplazar.
    """
    documento = _bloquear(documento)
    if documento.estado != Documento.Estado.BORRADOR:
        raise ValidationError(
            f"El documento {documento.numero_texto} ya está firmado: no se vuelve a firmar."
        )
    if documento.clase not in CLASES_EMITIDAS:
        raise ValidationError("Solo se firman documentos internos o de salida.")
    if not puede_firmar(por, documento):
        raise ValidationError(
            f"Firma el jefe de {documento.unidad_origen or 'la unidad de origen'} o quien tiene su encargo: el número es de "
            "esa unidad."
        )
    validar_texto_para_firma(documento.cuerpo)
    if documento.clase == Documento.Clase.INTERNO and not documento.destinatarios.exists():
        raise ValidationError("El documento no tiene destinatarios.")
    antes = instantanea(documento, CAMPOS_FIRMA)
    ahora = timezone.now()
    anio = timezone.localtime(ahora).year
    tipo = documento.tipo_documental
    if tipo is None:  # lo exigen crear_borrador y actualizar_borrador
        raise ValidationError({"tipo_documental": ["El documento no tiene tipo."]})
    serie = serie_del_tipo(tipo, _unidad_origen(documento), por=por)
    numero = siguiente_numero(serie, anio, por=por, objeto=documento)
    numero_salida = None
    if documento.clase == Documento.Clase.SALIDA:
        numero_salida = siguiente_numero(
            serie_por_perfil(SERIE_SALIDA, por=por), anio, por=por, objeto=documento
        )
    documento.numero = numero
    documento.numero_texto = numero.texto
    documento.anio = anio
    documento.correlativo = numero.numero
    documento.firmado_por = por
    documento.firmado_en = ahora
    documento.recibido_en = ahora
    documento.recibido_por = por
    documento.estado = (
        Documento.Estado.ENVIADO
        if documento.clase == Documento.Clase.INTERNO
        else Documento.Estado.REGISTRADO
    )
    documento.pdf = _pdf(documento, por=por, numero_salida=numero_salida)
    documento.save(update_fields=CAMPOS_FIRMA)
    despues = instantanea(documento, CAMPOS_FIRMA)
    despues["pdf_sha256"] = documento.pdf.sha256
    if numero_salida is not None:
        despues["numero_salida"] = numero_salida.texto
    registrar_evento(
        por=por, accion="registro.documento.firmar", objeto=documento, antes=antes, despues=despues
    )
    if documento.respuesta_a is not None:
        _atender_entrada(documento.respuesta_a, documento, por=por, ahora=ahora)
    if documento.clase == Documento.Clase.INTERNO:
        _notificar_destinatarios(documento)
    return documento


@transaction.atomic
def guardar_y_firmar(
    *,
    documento: Documento,
    por: Usuario,
    asunto: str,
    cuerpo: str,
    destinatarios_unidades=(),
    destinatarios_usuarios=(),
    destinatario: Persona | None = None,
    destinatario_texto: str = "",
) -> Documento:
    """Firma lo que la persona tiene en pantalla: guarda antes el borrador con sus cambios (auditado,
    como `actualizar_borrador`) y lo firma y numera en la misma transacción. Si la firma no procede
    (marcador de plantilla, sin permiso...), tampoco queda guardado el cambio.
    """
    validar_texto_para_firma(cuerpo)
    documento = actualizar_borrador(
        documento=documento,
        por=por,
        asunto=asunto,
        cuerpo=cuerpo,
        destinatarios_unidades=destinatarios_unidades,
        destinatarios_usuarios=destinatarios_usuarios,
        destinatario=destinatario,
        destinatario_texto=destinatario_texto,
    )
    return firmar(documento=documento, por=por)


@transaction.atomic
def firmar_lo_guardado(*, documento: Documento, por: Usuario) -> Documento:
    """La firma de la API: el texto guardado (`firmar` rechaza el marcador de la plantilla)."""
    return firmar(documento=documento, por=por)


def es_destinatario(usuario, destino: DestinatarioInterno) -> bool:
    if destino.usuario_id is not None:
        return destino.usuario_id == usuario.pk
    return destino.unidad_id is not None and destino.unidad_id == usuario.unidad_id


@transaction.atomic
def marcar_leido(*, destinatario: DestinatarioInterno, por: Usuario) -> DestinatarioInterno:
    """Acuse de lectura: la primera vez que el destinatario (la persona o alguien de la unidad
    destinataria) abre el documento firmado queda quién y cuándo; las siguientes no cambian nada.
    """
    destino = (
        DestinatarioInterno.objects.select_for_update().select_related("documento").get(pk=destinatario.pk)
    )
    if not es_destinatario(por, destino):
        raise ValidationError("Solo el destinatario acusa la lectura.")
    if destino.documento.estado == Documento.Estado.BORRADOR:
        raise ValidationError("Un borrador todavía no se ha enviado.")
    if destino.leido_en is not None:
        return destino
    campos = ["leido_en", "leido_por"]
    antes = instantanea(destino, campos)
    destino.leido_en = timezone.now()
    destino.leido_por = por
    destino.save(update_fields=campos)
    registrar_evento(
        por=por,
        accion="registro.documento.leer",
        objeto=destino,
        antes=antes,
        despues={**instantanea(destino, campos), "documento": destino.documento_id},
    )
    return destino


def marcar_leido_al_abrir(*, documento: Documento, por: Usuario) -> int:
    """Al abrir un documento firmado, acusa la lectura en las filas que tocan a `por`; devuelve cuántas."""
    if documento.estado == Documento.Estado.BORRADOR or not por.is_authenticated:
        return 0
    pendientes = [d for d in documento.destinatarios.filter(leido_en__isnull=True) if es_destinatario(por, d)]
    for destino in pendientes:
        marcar_leido(destinatario=destino, por=por)
    return len(pendientes)
