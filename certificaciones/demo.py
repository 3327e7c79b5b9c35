"""Demostración: certificado del municipio (autoridad y firmante de prueba), tarifas, un fedatario y
unos certificados emitidos, para que la verificación pública y la API tengan qué mostrar. Lo que cambia de
un país a otro (la base legal de las tarifas, las resoluciones, la norma certificada) está en `POR_PAIS`."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from actos.demo import TIPOS as TIPOS_DE_ACTO
from actos.models import Acto
from certificaciones import fuentes
from certificaciones.models import Fedatario, Solicitud, Tarifa
from certificaciones.services.configuracion import actualizar_tarifa, crear_tarifa, designar_fedatario
from certificaciones.services.emision import emitir_certificado
from certificaciones.services.solicitudes import crear_solicitud, exonerar, registrar_pago
from concejo.models import Acta
from core.demo import pais_de
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

# Por país: base legal de las tarifas (el TUPA en el Perú), la resolución que designa al fedatario, la norma
# cuya copia se certifica, el recibo y quién pide la constancia exonerada.
POR_PAIS = {
    "PE": {
        "base": "TUPA",
        "fedatario": "Resolución de Alcaldía Nº 012-2026-MDVE",
        "norma": "Ordenanza Municipal Nº 003-2026-MDVE",
        "archivo": "ordenanza-003-2026.pdf",
        "recibo": "B001-",
        "exonerada": "Pedido de la Policía Nacional del Perú (entidad pública, TUO Ley 27444).",
    },
    "EC": {
        "base": "Ordenanza de tasas por servicios administrativos",
        "fedatario": "Resolución Administrativa Nº GADMLN-2026-012",
        "norma": "Ordenanza Nº GADMLN-2026-003",
        "archivo": "ordenanza-003-2026.pdf",
        "recibo": "TI-",
        "exonerada": "Pedido de la Policía Nacional del Ecuador (entidad pública).",
    },
    "CO": {
        "base": "Estatuto de rentas municipal",
        "fedatario": "Resolución 012 de 2026",
        "norma": "Acuerdo No. 003 de 2026",
        "archivo": "acuerdo-003-2026.pdf",
        "recibo": "RC-",
        "exonerada": "Petición de la Policía Nacional de Colombia (entidad pública).",
    },
    "MX": {
        "base": "Ley de Ingresos del Municipio",
        "fedatario": "Acuerdo de la Presidencia Municipal No. 012/2026",
        "norma": "Reglamento Municipal No. 003/2026",
        "archivo": "reglamento-003-2026.pdf",
        "recibo": "TM-",
        "exonerada": "Solicitud de la Fiscalía General de Justicia del Estado (autoridad pública).",
    },
}


def _tarifas(municipio, secretario, base_legal: str) -> dict:
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
            concepto=concepto,
            tipo=tipo,
            monto=monto,
            base_legal=base.replace("TUPA", base_legal),
            por=secretario,
            municipio=municipio,
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
    datos = POR_PAIS[pais_de(municipio).codigo]
    recibo = datos["recibo"]
    tarifas = _tarifas(municipio, secretario, datos["base"])
    archivo = Usuario.objects.filter(username="archivo").first()
    if archivo and not Fedatario.objects.filter(usuario=archivo).exists():
        designar_fedatario(
            usuario=archivo,
            resolucion=datos["fedatario"],
            desde=hoy - timedelta(days=30),
            hasta=hoy + timedelta(days=335),
            alcance=["copia"],
            por=secretario,
        )
    persona = Persona.objects.order_by("pk").first()
    asunto = datos["norma"]
    if not Solicitud.objects.filter(tipo="ordenanza", asunto=asunto).exists():
        ordenanza_pdf = render_pdf(
            "documentos/generico.html",
            {
                "titulo": asunto.upper(),
                "parrafos": [
                    "Norma que regula el comercio ambulatorio (texto de demostración).",
                    "Artículo 1.- Objeto. Regula el uso de la vía pública para el comercio.",
                    f"Artículo 2.- Ámbito. Rige en todo el territorio de {municipio.nombre}.",
                ],
            },
            municipio=municipio,
        )
        guardado = guardar_archivo(
            archivo=ContentFile(ordenanza_pdf, name=datos["archivo"]),
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
            recibo=f"{recibo}004512",
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
            motivo=datos["exonerada"],
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
            recibo=f"{recibo}004513",
            por=secretario,
            emite=prosecretario,
        )
    _certificar_concejo_y_actos(
        persona=persona, tarifas=tarifas, secretario=secretario, recibo=recibo, pais=pais_de(municipio).codigo
    )


def _certificar_concejo_y_actos(*, persona, tarifas, secretario, recibo: str, pais: str) -> None:
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
            recibo=f"{recibo}004514",
            por=secretario,
        )
    f = fuentes.fuente("actos.acto")
    # El acuerdo y la norma del país (en Colombia la norma es un acuerdo; en México, un reglamento), cada
    # uno con el primer tipo de certificación que admite (la copia certificada si no es acuerdo ni ordenanza).
    tipos = TIPOS_DE_ACTO[pais]
    for de_acto, numero in ((tipos["acuerdo"], "004515"), (tipos["norma"], "004516")):
        acto = (
            Acto.objects.filter(tipo=de_acto, estado=Acto.Estado.PUBLICADO, archivo__isnull=False)
            .order_by("pk")
            .first()
        )
        if acto is not None:
            _emitir(
                tipo=f.tipos_de_fila(acto)[0],
                asunto=f.descripcion(acto)[:300],
                solicitante=persona,
                fuente=fuentes.referencia(f.clave, acto),
                publico=True,
                tarifas=tarifas,
                recibo=f"{recibo}{numero}",
                por=secretario,
            )
