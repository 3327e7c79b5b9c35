"""Seguimiento público de un trámite: el documento por su código (o número + documento de identidad) y
su línea de tiempo sin datos personales de terceros.

ARCHITECTURE.md, invariante 6: el portal no revela nada que un código no deba revelar. Por eso la
línea de tiempo solo dice fechas, estados y nombres de unidades: ni instrucciones, ni nombres de
funcionarios, ni adjuntos; del remitente, solo sus iniciales.

Velocidad (p95 < 20 ms con 1.000.000 de documentos): una consulta por el índice único de
`codigo_seguimiento` (con el remitente y la unidad actual en el mismo JOIN) y otra por el índice de
`Derivacion.documento` para los pasos.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from core.services.personas import normalizar_numero
from registro.models import Derivacion, Documento

_CAMPOS_DOCUMENTO = (
    "id",
    "clase",
    "numero_texto",
    "codigo_seguimiento",
    "asunto",
    "folios",
    "canal",
    "recibido_en",
    "fecha_computo",
    "vence",
    "estado",
    "subsanar_hasta",
    "cerrado_en",
    "remitente__tipo",
    "remitente__nombres",
    "remitente__apellidos",
    "remitente__razon_social",
    "remitente__numero_documento",
    "remitente__tipo_documento",
    "unidad_actual__nombre",
    "procedimiento__nombre",
)

# Etiquetas por diccionario: `get_FOO_display` arma en cada llamada el diccionario de opciones traducidas.
_CANALES = dict(Documento._meta.get_field("canal").flatchoices)
_ESTADOS_DOCUMENTO = dict(Documento.Estado.choices)
_ESTADOS_PASO = dict(Derivacion.Estado.choices)


@dataclass(frozen=True)
class Hito:
    """Una línea de la línea de tiempo pública."""

    titulo: str
    fecha: datetime | date | None
    estado: str = ""
    detalle: str = ""
    tipo: str = "paso"  # registro | observacion | subsanacion | paso | cierre


def normalizar_codigo(codigo: str) -> str:
    """El código como se guarda: sin espacios ni guiones, en mayúsculas."""
    return re.sub(r"[\s\-]", "", codigo or "").upper()


def _publicos():
    return (
        Documento.objects.filter(clase=Documento.Clase.ENTRADA)
        .exclude(estado=Documento.Estado.BORRADOR)
        .select_related("remitente", "unidad_actual", "procedimiento")
        .only(*_CAMPOS_DOCUMENTO)
    )


def documento_por_codigo(codigo: str) -> Documento | None:
    """El documento de entrada con ese código de seguimiento, o None. Una consulta indexada."""
    codigo = normalizar_codigo(codigo)
    if not codigo or len(codigo) > 16:
        return None
    return _publicos().filter(codigo_seguimiento=codigo).first()


def documento_por_numero(numero: str, numero_documento: str) -> Documento | None:
    """El documento con ese número de registro si su remitente tiene ese número de documento de
    identidad; None en cualquier otro caso (no se distingue «no existe» de «no coincide»).
    """
    numero = (numero or "").strip()
    identidad = normalizar_numero(numero_documento)
    if not numero or not identidad:
        return None
    return _publicos().filter(numero_texto__iexact=numero, remitente__numero_documento=identidad).first()


def iniciales(documento: Documento) -> str:
    """Las iniciales del remitente (p. ej. «J. P. G.»): lo único de su identidad que se muestra."""
    persona = documento.remitente
    if persona is None:
        return ""
    nombre = persona.nombre_completo
    return " ".join(f"{parte[0].upper()}." for parte in nombre.split() if parte[:1].isalpha())


def documento_enmascarado(documento: Documento) -> str:
    """El documento de identidad del remitente con solo sus 3 últimos caracteres a la vista (p. ej.
    «DNI *****236»): lo que el portal y el cargo público muestran de él. Nada público muestra el número
    entero (issue 20, punto 2).
    """
    persona = documento.remitente
    if persona is None or not persona.numero_documento:
        return ""
    numero = persona.numero_documento
    visibles = 3 if len(numero) > 4 else 1
    return f"{persona.tipo_documento} {'*' * (len(numero) - visibles)}{numero[-visibles:]}"


def linea_de_tiempo(documento: Documento) -> list[Hito]:
    """Los hitos públicos del trámite en orden: registro, observación y subsanación, cada paso de la
    hoja de ruta para acción («En <unidad>», con sus fechas y estado) y el cierre. Una consulta.
    """
    hitos = [
        Hito(
            titulo="Registrado",
            fecha=documento.recibido_en,
            estado=str(_CANALES.get(documento.canal, documento.canal)),
            detalle=(
                f"El plazo se cuenta desde el {documento.fecha_computo:%d/%m/%Y}."
                if documento.fecha_computo
                and documento.recibido_en
                and documento.fecha_computo != timezone.localdate(documento.recibido_en)
                else ""
            ),
            tipo="registro",
        )
    ]
    if documento.subsanar_hasta:
        hitos.append(
            Hito(
                titulo="Observado",
                fecha=None,
                detalle=f"Plazo para subsanar hasta el {documento.subsanar_hasta:%d/%m/%Y}.",
                tipo="observacion",
            )
        )
        if documento.estado not in (Documento.Estado.OBSERVADO, Documento.Estado.NO_PRESENTADO):
            hitos.append(Hito(titulo="Subsanado", fecha=None, tipo="subsanacion"))
    pasos = (
        Derivacion.objects.filter(documento_id=documento.pk, tipo=Derivacion.Tipo.ACCION)
        .select_related("a_unidad")
        .only(
            "secuencia",
            "enviado_en",
            "aceptado_en",
            "cerrado_en",
            "estado",
            "a_unidad__nombre",
            "documento_id",
        )
        .order_by("secuencia")
    )
    for paso in pasos:
        fechas = []
        if paso.aceptado_en:
            fechas.append(f"recibido el {_fecha(paso.aceptado_en)}")
        if paso.cerrado_en:
            fechas.append(f"cerrado el {_fecha(paso.cerrado_en)}")
        hitos.append(
            Hito(
                titulo=f"En {paso.a_unidad.nombre}",
                fecha=paso.enviado_en,
                estado=str(_ESTADOS_PASO.get(paso.estado, paso.estado)),
                detalle="; ".join(fechas).capitalize(),
            )
        )
    if documento.estado in Documento.ESTADOS_CERRADOS:
        hitos.append(
            Hito(
                titulo=str(_ESTADOS_DOCUMENTO.get(documento.estado, documento.estado)),
                fecha=documento.cerrado_en,
                tipo="cierre",
            )
        )
    return hitos


def _fecha(momento: datetime) -> str:
    return timezone.localtime(momento).strftime("%d/%m/%Y %H:%M")


def documento_para_cargo(codigo: str) -> Documento | None:
    """El documento de entrada con ese código y lo que su cargo imprime (remitente, quien recibió,
    unidad, procedimiento, tipo), para re-emitir el cargo desde el portal a quien tiene el código.
    """
    codigo = normalizar_codigo(codigo)
    if not codigo or len(codigo) > 16:
        return None
    return (
        Documento.objects.filter(clase=Documento.Clase.ENTRADA, codigo_seguimiento=codigo)
        .exclude(estado=Documento.Estado.BORRADOR)
        .select_related("remitente", "recibido_por", "unidad_actual", "procedimiento", "tipo_documental")
        .first()
    )
