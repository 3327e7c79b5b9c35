"""Demostración: certificado del municipio (autoridad y firmante de prueba), tarifas, un fedatario y
unos certificados emitidos, para que la verificación pública y la API tengan qué mostrar."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from certificaciones import conf
from certificaciones.firma import generar_pkcs12_demo


def asegurar_certificado_demo(municipio) -> None:
    """Crea el PKCS#12 de demostración si falta (no toca uno existente: puede ser el real)."""
    ruta = conf.ruta_pkcs12()
    if not ruta.exists():
        generar_pkcs12_demo(ruta, conf.clave_pkcs12(), organizacion=municipio.nombre if municipio else "Municipio")


def cargar(municipio) -> None:
    from certificaciones.models import Certificado, Fedatario, Tarifa
    from certificaciones.services.configuracion import crear_tarifa, designar_fedatario
    from certificaciones.services.emision import emitir_certificado
    from certificaciones.services.solicitudes import crear_solicitud, exonerar, registrar_pago
    from core.models import Persona, Usuario
    from core.rendering import render_pdf

    asegurar_certificado_demo(municipio)
    secretario = Usuario.objects.get(username="secretario")
    hoy = timezone.localdate()
    tarifas = {}
    for tipo, concepto, monto, base in [
        ("copia", "Copia certificada de documento del archivo", "5.20", "TUPA, procedimiento 45 (demostración)"),
        ("ordenanza", "Certificación de acuerdo u ordenanza", "10.50", "TUPA, procedimiento 46 (demostración)"),
        ("constancia", "Constancia", "8.00", "TUPA, procedimiento 47 (demostración)"),
    ]:
        tarifas[tipo] = Tarifa.objects.filter(municipio=municipio, concepto=concepto).first() or crear_tarifa(
            concepto=concepto, tipo=tipo, monto=monto, base_legal=base, por=secretario, municipio=municipio)
    archivo = Usuario.objects.filter(username="archivo").first()
    if archivo and not Fedatario.objects.filter(usuario=archivo).exists():
        designar_fedatario(usuario=archivo, resolucion="Resolución de Alcaldía Nº 012-2026-MDVE",
                           desde=hoy - timedelta(days=30), hasta=hoy + timedelta(days=335), alcance=["copia"],
                           por=secretario)
    if Certificado.objects.exists():
        return
    from core.services.archivos import guardar_archivo

    persona = Persona.objects.order_by("pk").first()
    ordenanza_pdf = render_pdf("documentos/generico.html", {
        "titulo": "ORDENANZA MUNICIPAL Nº 003-2026-MDVE",
        "parrafos": ["Ordenanza que regula el comercio ambulatorio en el distrito (texto de demostración).",
                     "Artículo 1.- Objeto. La presente ordenanza regula el uso de la vía pública para el comercio.",
                     "Artículo 2.- Ámbito. Rige en todo el distrito de Villa Esperanza."]}, municipio=municipio)
    guardado = guardar_archivo(archivo=ContentFile(ordenanza_pdf, name="ordenanza-003-2026.pdf"), por=secretario,
                               tipos_permitidos=["application/pdf"])
    s1 = crear_solicitud(tipo="ordenanza", solicitante=persona, asunto="Ordenanza Municipal Nº 003-2026-MDVE",
                         fuente=f"archivo:{guardado.pk}", tarifa=tarifas["ordenanza"], publico=True, por=secretario)
    s1 = registrar_pago(solicitud=s1, recibo_numero="B001-004512", recibo_fecha=hoy, recibo_monto="10.50",
                        por=secretario)
    emitir_certificado(solicitud=s1, por=secretario)
    s2 = crear_solicitud(tipo="constancia", solicitante=persona, asunto="Constancia de no adeudo de arbitrios",
                         texto=f"Que {persona} no registra solicitudes pendientes ante la Secretaría General a la fecha.",
                         tarifa=tarifas["constancia"], por=secretario)
    s2 = exonerar(solicitud=s2, motivo="Pedido de la Policía Nacional del Perú (entidad pública, TUO Ley 27444).",
                  por=secretario)
    emitir_certificado(solicitud=s2, por=secretario)
    # Un documento del registro con su PDF, certificado por el Pro-secretario por encargo (la demo del
    # núcleo le da un encargo vigente de la Secretaria General).
    from registro.models import Documento

    emitido = Documento.objects.filter(pdf__isnull=False).exclude(estado="borrador").order_by("pk").first()
    prosecretario = Usuario.objects.filter(username="prosecretario").first()
    if emitido is not None and prosecretario is not None:
        s3 = crear_solicitud(tipo="copia", solicitante=persona, asunto=emitido.numero_texto or emitido.asunto,
                             fuente=f"registro.documento:{emitido.pk}", tarifa=tarifas["copia"], por=secretario)
        s3 = registrar_pago(solicitud=s3, recibo_numero="B001-004513", recibo_fecha=hoy, recibo_monto="5.20",
                            por=secretario)
        emitir_certificado(solicitud=s3, por=prosecretario)
