"""Alertas del registro: el resumen diario de plazos para los jefes de unidad y el aviso de derivación.

Los plazos se leen de `Documento.vence`, que calcula la única función de plazos
(`core.services.plazos.calcular_plazo`, ARCHITECTURE.md invariante 4); aquí solo se decide a quién
avisar y qué decirle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.models import Notificacion, Usuario
from core.services.auditoria import registrar_evento
from core.services.notificaciones import notificar
from core.services.plazos import calcular_plazo
from registro.models import Derivacion, Documento

# Días hábiles de anticipación del resumen: lo que vence hoy y en los próximos dos días hábiles.
DIAS_ANTICIPACION = 2
# Cuántos documentos se nombran por grupo en el mensaje; el resto se cuenta.
MAX_LISTADOS = 15
# Estados que no esperan respuesta de la unidad aunque tengan fecha (borradores, salidas despachadas).
_SIN_PLAZO = (Documento.Estado.BORRADOR, Documento.Estado.ENVIADO)


def titulo_resumen(fecha: date) -> str:
    # El título con la fecha es la marca de idempotencia: no se envía dos veces el mismo día.
    return f"Resumen de plazos del {fecha:%d/%m/%Y}"


@dataclass
class _Resumen:
    vencidos: list[Documento] = field(default_factory=list)
    hoy: list[Documento] = field(default_factory=list)
    proximos: list[Documento] = field(default_factory=list)
    unidades: set[str] = field(default_factory=set)

    def vacio(self) -> bool:
        return not (self.vencidos or self.hoy or self.proximos)


def _url(nombre: str, *args) -> str:
    try:
        return reverse(nombre, args=args)
    except NoReverseMatch:
        return ""


def _linea(documento: Documento) -> str:
    numero = documento.numero_texto or documento.codigo_seguimiento
    # Los documentos del resumen están en la bandeja de una unidad (la de su jefe).
    sigla = documento.unidad_actual.sigla if documento.unidad_actual is not None else ""
    return f"- {numero} (vence {documento.vence:%d/%m/%Y}, {sigla}): {documento.asunto[:100]}"


def _bloque(titulo: str, documentos: list[Documento]) -> list[str]:
    if not documentos:
        return []
    lineas = [f"{titulo}: {len(documentos)}"]
    lineas += [_linea(d) for d in documentos[:MAX_LISTADOS]]
    if len(documentos) > MAX_LISTADOS:
        lineas.append(f"  … y {len(documentos) - MAX_LISTADOS} más (véalos en la bandeja).")
    return lineas + [""]


def _mensaje(resumen: _Resumen) -> str:
    lineas = (
        _bloque("Vencidos", resumen.vencidos)
        + _bloque("Vencen hoy", resumen.hoy)
        + _bloque(f"Vencen en los próximos {DIAS_ANTICIPACION} días hábiles", resumen.proximos)
    )
    return "\n".join(lineas).strip()


def _resumenes(fecha: date) -> dict:
    """Por jefe de unidad, los documentos abiertos de sus unidades con plazo vencido o por vencer."""
    horizonte = calcular_plazo(desde=fecha, dias=DIAS_ANTICIPACION).vence
    documentos = (
        Documento.objects.abiertos()
        .exclude(estado__in=_SIN_PLAZO)
        .filter(
            vence__isnull=False,
            vence__lte=horizonte,
            unidad_actual__isnull=False,
            unidad_actual__jefe__isnull=False,
            unidad_actual__jefe__is_active=True,
        )
        .select_related("unidad_actual__jefe")
        .only(
            "id",
            "numero_texto",
            "codigo_seguimiento",
            "asunto",
            "vence",
            "estado",
            "unidad_actual__sigla",
            "unidad_actual__nombre",
            "unidad_actual__jefe",
        )
        .order_by("vence", "id")
    )
    por_jefe: dict = {}
    for doc in documentos.iterator(chunk_size=2000):
        jefe = doc.unidad_actual.jefe
        resumen = por_jefe.setdefault(jefe.pk, (jefe, _Resumen()))[1]
        resumen.unidades.add(doc.unidad_actual.sigla)
        if doc.vence < fecha:
            resumen.vencidos.append(doc)
        elif doc.vence == fecha:
            resumen.hoy.append(doc)
        else:
            resumen.proximos.append(doc)
    return por_jefe


@transaction.atomic
def enviar_resumen_diario(*, fecha: date | None = None) -> int:
    """Envía a cada jefe de unidad (`UnidadOrganica.jefe`) el resumen de los documentos de su unidad
    que vencen hoy o en los próximos dos días hábiles y los ya vencidos: aviso en la aplicación y por
    correo (tras el commit). Solo a quien tiene algo que leer, y una sola vez por día: si ya tiene el
    aviso con el título de esa fecha, no se repite. Devuelve a cuántos jefes se avisó.
    """
    fecha = fecha or timezone.localdate()
    titulo = titulo_resumen(fecha)
    por_jefe = _resumenes(fecha)
    ya_avisados = set(
        Notificacion.objects.filter(usuario_id__in=list(por_jefe), titulo=titulo).values_list(
            "usuario_id", flat=True
        )
    )
    url = _url("registro:bandeja")
    avisados = 0
    for jefe_id, (jefe, resumen) in por_jefe.items():
        if jefe_id in ya_avisados or resumen.vacio():
            continue
        notificar(usuario=jefe, titulo=titulo, mensaje=_mensaje(resumen), url=url, correo=True)
        avisados += 1
    if avisados:
        registrar_evento(
            por=None,
            accion="registro.alertas.resumen_diario",
            despues={"fecha": fecha.isoformat(), "jefes_avisados": avisados},
        )
    return avisados


def avisar_derivacion(derivacion: Derivacion) -> int:
    """Avisa en la aplicación de una derivación al jefe de la unidad de destino y al usuario
    destinatario (`a_usuario`), sin repetir a nadie ni avisar a quien derivó. Llamarla dentro de la
    transacción de la derivación (si se deshace, el aviso también). Devuelve cuántos avisos creó.
    """
    documento = derivacion.documento
    copia = derivacion.tipo == Derivacion.Tipo.COPIA
    titulo = ("Copia para conocimiento: " if copia else "Documento derivado: ") + str(documento)[:150]
    partes = [f"De {derivacion.de_unidad.nombre}." if derivacion.de_unidad is not None else ""]
    if derivacion.vence and not copia:
        partes.append(f"Plazo hasta el {derivacion.vence:%d/%m/%Y}.")
    if derivacion.instrucciones:
        partes.append(derivacion.instrucciones[:500])
    mensaje = " ".join(p for p in partes if p)
    url = _url("registro:documento", documento.pk)
    destinatarios: dict[int, Usuario] = {}
    for usuario in (derivacion.a_usuario, derivacion.a_unidad.jefe):
        if usuario is None or not usuario.is_active or usuario.pk == derivacion.de_usuario_id:
            continue
        destinatarios.setdefault(usuario.pk, usuario)
    for usuario in destinatarios.values():
        notificar(usuario=usuario, titulo=titulo, mensaje=mensaje, url=url)
    return len(destinatarios)
