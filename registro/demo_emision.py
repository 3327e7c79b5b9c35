"""Demo de documentos internos y de salida: memorandos firmados entre SG y GDU, una circular, un oficio
que responde a un documento de entrada de la demo y un oficio de salida entregado con su cargo.

Idempotente: si ya hay documentos emitidos, no hace nada.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.models import Persona, UnidadOrganica, Usuario
from core.rendering import render_pdf
from registro.models import Documento, TipoDocumental

TIPOS = [("Memorando", "memorando"), ("Oficio", "oficio"), ("Informe", "informe"), ("Circular", "circular")]


def asegurar_tipos() -> dict[str, TipoDocumental]:
    """Los tipos que producen las unidades, marcados como internos y con su clave de numeración."""
    tipos = {}
    for nombre, codigo in TIPOS:
        tipo, _ = TipoDocumental.objects.get_or_create(
            nombre=nombre, defaults={"interno": True, "codigo_serie": codigo}
        )
        if not tipo.interno or not tipo.codigo_serie:
            TipoDocumental.objects.filter(pk=tipo.pk).update(
                interno=True, codigo_serie=tipo.codigo_serie or codigo
            )
            tipo.refresh_from_db()
        tipos[codigo] = tipo
    return tipos


@transaction.atomic
def cargar_demo_emision(municipio) -> None:
    from registro.services.despacho import marcar_entregado, registrar_envio
    from registro.services.emision import crear_borrador, firmar, marcar_leido

    tipos = asegurar_tipos()
    if Documento.objects.filter(clase__in=("interno", "salida")).exists():
        return
    unidades = {
        u.sigla: u for u in UnidadOrganica.objects.filter(sigla__in=["SG", "GDU", "GAF", "GSC", "GDS", "OAJ"])
    }
    secretario = Usuario.objects.filter(username="secretario").first()
    jefe = Usuario.objects.filter(username="jefe").first()
    if not secretario or not jefe or "SG" not in unidades or "GDU" not in unidades:
        return
    sg, gdu = unidades["SG"], unidades["GDU"]

    m1 = crear_borrador(
        clase="interno",
        tipo_documental=tipos["memorando"],
        unidad_origen=sg,
        por=secretario,
        asunto="Remisión de expedientes de licencias de edificación para sesión de concejo",
        destinatarios_unidades=[gdu],
        cuerpo=(
            "Me dirijo a usted para solicitarle remitir, a más tardar el viernes, los expedientes de "
            "licencias de edificación que se verán en la próxima sesión ordinaria de concejo.\n\n"
            "Sin otro particular, quedo de usted.\n\nAtentamente,"
        ),
    )
    firmar(documento=m1, por=secretario)
    destino = m1.destinatarios.first()
    marcar_leido(destinatario=destino, por=jefe)

    m2 = crear_borrador(
        clase="interno",
        tipo_documental=tipos["memorando"],
        unidad_origen=gdu,
        por=jefe,
        asunto="Atención al memorando sobre expedientes de licencias",
        destinatarios_unidades=[sg],
        cuerpo=(
            f"En atención al {m1.numero_texto}, remito la relación de doce expedientes de licencias de "
            "edificación con informe técnico favorable.\n\nAtentamente,"
        ),
    )
    firmar(documento=m2, por=jefe)

    circular = crear_borrador(
        clase="interno",
        tipo_documental=tipos["circular"],
        unidad_origen=sg,
        por=secretario,
        asunto="Horario de atención de la mesa de partes en feriados largos",
        destinatarios_unidades=[u for s, u in unidades.items() if s != "SG"],
    )
    firmar(documento=circular, por=secretario)

    # Una respuesta a un documento de entrada abierto de la demo (si la recepción cargó alguno).
    entrada = (
        Documento.objects.filter(
            clase="entrada", estado__in=("registrado", "en_tramite"), remitente__isnull=False
        )
        .order_by("id")
        .first()
    )
    if entrada is not None:
        respuesta = crear_borrador(
            clase="salida",
            tipo_documental=tipos["oficio"],
            unidad_origen=sg,
            por=secretario,
            asunto=f"Respuesta: {entrada.asunto}"[:500],
            respuesta_a=entrada,
        )
        firmar(documento=respuesta, por=secretario)

    # Un oficio de salida despachado y entregado con su cargo.
    constructora = Persona.objects.filter(numero_documento="20100070970").first()
    oficio = crear_borrador(
        clase="salida",
        tipo_documental=tipos["oficio"],
        unidad_origen=gdu,
        por=jefe,
        asunto="Comunicación de inspección técnica programada",
        destinatario=constructora,
        destinatario_texto="" if constructora else "Constructora Los Andes S.A.C.",
    )
    oficio = firmar(documento=oficio, por=jefe)
    envio = registrar_envio(
        documento=oficio,
        metodo="notificador",
        direccion=(
            constructora.direccion
            if constructora and constructora.direccion
            else "Av. Los Próceres 450, Villa Esperanza"
        ),
        por=jefe,
    )
    cargo = render_pdf(
        "documentos/generico.html",
        {
            "titulo": "Cargo de entrega",
            "parrafos": [
                f"Recibí el {oficio.numero_texto}.",
                "Firma: Pedro Salazar Ruiz — Asistente administrativo.",
            ],
        },
    )
    marcar_entregado(
        envio=envio,
        recibido_por_nombre="Pedro Salazar Ruiz",
        fecha=timezone.now(),
        cargo_entrega=SimpleUploadedFile("cargo-entrega.pdf", cargo, content_type="application/pdf"),
        por=jefe,
    )
