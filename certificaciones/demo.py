"""Demostración: certificado del municipio (autoridad y firmante de prueba), tarifas, un fedatario y
unos certificados emitidos, para que la verificación pública y la API tengan qué mostrar."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from actos.models import Acto
from certificaciones import fuentes
from certificaciones.models import Fedatario, Solicitud, Tarifa
from certificaciones.services.configuracion import actualizar_tarifa, crear_tarifa, designar_fedatario
from certificaciones.services.emision import emitir_certificado
from certificaciones.services.solicitudes import crear_solicitud, exonerar, registrar_pago
from concejo.models import Acta
from core.firma import asegurar_certificado_demo
from core.models import Persona, Usuario
from core.rendering import render_pdf
from core.services.archivos import guardar_archivo
from registro.models import Documento

# Un derecho por tipo certificable (TUPA de demostración). Antes un solo derecho «de acuerdo u
# ordenanza» con tipo=ordenanza dejaba gratis (y sin pago) las de acta, acuerdo y extracto.
TARIFAS_DEMO = [
    ("copia", "Copia certificada de documento del archivo", "5.20", "TUPA, procedimiento 45 (demostración)"),
    ("acta", "Certificación de acta de sesión del concejo", "10.50", "TUPA, procedimiento 46 (demostración)"),
    ("acuerdo", "Certificación de acuerdo de concejo", "10.50", "TUPA, procedimiento 46 (demostración)"),
    ("ordenanza", "Certificación de ordenanza", "10.50", "TUPA, procedimiento 46 (demostración)"),
    ("extracto", "Extracto certificado de un artículo", "6.80", "TUPA, procedimiento 48 (demostración)"),
    ("constancia", "Constancia", "8.00", "TUPA, procedimiento 47 (demostración)"),
]
_CONCEPTO_ANTERIOR = "Certificación de acuerdo u ordenanza"


def _tarifas(municipio, secretario) -> dict:
    """Las tarifas de la demo, una por tipo; en una demo cargada antes, el derecho «de acuerdo u
    ordenanza» pasa a ser el de la ordenanza (por el servicio, con su evento)."""
    tarifas = {}
    for tipo, concepto, monto, base in TARIFAS_DEMO:
        tarifa = Tarifa.objects.filter(municipio=municipio, tipo=tipo).order_by("pk").first()
        if tarifa is not None and tarifa.concepto == _CONCEPTO_ANTERIOR:
            tarifa = actualizar_tarifa(
                tarifa=tarifa,
                concepto=concepto,
                tipo=tipo,
                monto=tarifa.monto,
                base_legal=tarifa.base_legal,
                activa=tarifa.activa,
                por=secretario,
            )
        tarifas[tipo] = tarifa or crear_tarifa(
            concepto=concepto, tipo=tipo, monto=monto, base_legal=base, por=secretario, municipio=municipio
        )
    return tarifas


def _emitir(*, tipo, asunto, tarifas, recibo, por, emite=None, **kwargs):
    """Pide, paga y emite un certificado de la demo, salvo que ya exista su solicitud (idempotente)."""
    if Solicitud.objects.filter(tipo=tipo, asunto=asunto).exists():
        return None
    tarifa = tarifas[tipo]
    s = crear_solicitud(tipo=tipo, asunto=asunto, tarifa=tarifa, por=por, **kwargs)
    s = registrar_pago(
        solicitud=s,
        recibo_numero=recibo,
        recibo_fecha=timezone.localdate(),
        recibo_monto=tarifa.monto,
        por=por,
    )
    return emitir_certificado(solicitud=s, por=emite or por)


def cargar(municipio) -> None:
    asegurar_certificado_demo(municipio)
    secretario = Usuario.objects.get(username="secretario")
    hoy = timezone.localdate()
    tarifas = _tarifas(municipio, secretario)
    archivo = Usuario.objects.filter(username="archivo").first()
    if archivo and not Fedatario.objects.filter(usuario=archivo).exists():
        designar_fedatario(
            usuario=archivo,
            resolucion="Resolución de Alcaldía Nº 012-2026-MDVE",
            desde=hoy - timedelta(days=30),
            hasta=hoy + timedelta(days=335),
            alcance=["copia"],
            por=secretario,
        )
    persona = Persona.objects.order_by("pk").first()
    asunto = "Ordenanza Municipal Nº 003-2026-MDVE"
    if not Solicitud.objects.filter(tipo="ordenanza", asunto=asunto).exists():
        ordenanza_pdf = render_pdf(
            "documentos/generico.html",
            {
                "titulo": "ORDENANZA MUNICIPAL Nº 003-2026-MDVE",
                "parrafos": [
                    "Ordenanza que regula el comercio ambulatorio en el distrito (texto de demostración).",
                    "Artículo 1.- Objeto. La presente ordenanza regula el uso de la vía pública para el comercio.",
                    "Artículo 2.- Ámbito. Rige en todo el distrito de Villa Esperanza.",
                ],
            },
            municipio=municipio,
        )
        guardado = guardar_archivo(
            archivo=ContentFile(ordenanza_pdf, name="ordenanza-003-2026.pdf"),
            por=secretario,
            tipos_permitidos=["application/pdf"],
        )
        _emitir(
            tipo="ordenanza",
            asunto=asunto,
            solicitante=persona,
            fuente=f"archivo:{guardado.pk}",
            publico=True,
            tarifas=tarifas,
            recibo="B001-004512",
            por=secretario,
        )
    asunto = "Constancia de no adeudo de arbitrios"
    if not Solicitud.objects.filter(tipo="constancia", asunto=asunto).exists():
        s2 = crear_solicitud(
            tipo="constancia",
            solicitante=persona,
            asunto=asunto,
            texto=f"Que {persona} no registra solicitudes pendientes ante la Secretaría General a la fecha.",
            tarifa=tarifas["constancia"],
            por=secretario,
        )
        s2 = exonerar(
            solicitud=s2,
            motivo="Pedido de la Policía Nacional del Perú (entidad pública, TUO Ley 27444).",
            por=secretario,
        )
        emitir_certificado(solicitud=s2, por=secretario)
    # Un documento del registro con su PDF, certificado por el Pro-secretario por encargo (la demo del
    # núcleo le da un encargo vigente de la Secretaria General).
    emitido = Documento.objects.filter(pdf__isnull=False).exclude(estado="borrador").order_by("pk").first()
    prosecretario = Usuario.objects.filter(username="prosecretario").first()
    if emitido is not None and prosecretario is not None:
        _emitir(
            tipo="copia",
            asunto=emitido.numero_texto or emitido.asunto,
            solicitante=persona,
            fuente=f"registro.documento:{emitido.pk}",
            tarifas=tarifas,
            recibo="B001-004513",
            por=secretario,
            emite=prosecretario,
        )
    _certificar_concejo_y_actos(persona=persona, tarifas=tarifas, secretario=secretario)


def _certificar_concejo_y_actos(*, persona, tarifas, secretario) -> None:
    """Certificados de los originales reales de la demo: el acta publicada del concejo y un acuerdo y una
    ordenanza publicados de actos (cargados antes: este cargador va después de los de concejo y actos)."""
    acta = Acta.objects.filter(estado=Acta.Estado.PUBLICADA, archivo__isnull=False).order_by("pk").first()
    if acta is not None:
        f = fuentes.fuente("concejo.acta")
        _emitir(
            tipo="acta",
            asunto=f.descripcion(acta),
            solicitante=persona,
            fuente=fuentes.referencia(f.clave, acta),
            publico=True,
            tarifas=tarifas,
            recibo="B001-004514",
            por=secretario,
        )
    f = fuentes.fuente("actos.acto")
    for tipo, recibo in (("acuerdo", "B001-004515"), ("ordenanza", "B001-004516")):
        acto = (
            Acto.objects.filter(tipo=tipo, estado=Acto.Estado.PUBLICADO, archivo__isnull=False)
            .order_by("pk")
            .first()
        )
        if acto is not None:
            _emitir(
                tipo=tipo,
                asunto=f.descripcion(acto)[:300],
                solicitante=persona,
                fuente=fuentes.referencia(f.clave, acto),
                publico=True,
                tarifas=tarifas,
                recibo=recibo,
                por=secretario,
            )
