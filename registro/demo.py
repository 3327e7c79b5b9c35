"""La demostración del registro (Villa Esperanza): la mesa de partes (el TUPA, los tipos de documento y
documentos de entrada registrados por `mesa` a través del servicio, con número, plazo y auditoría) y los
documentos internos y de salida (memorandos firmados entre SG y GDU, una circular, un oficio que responde a
un documento de entrada y un oficio de salida entregado con su cargo). Idempotente: busca antes de crear.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.models import Municipio, Persona, UnidadOrganica, Usuario
from core.rendering import render_pdf
from core.services.perfiles import ErrorPerfil
from registro.models import Documento, Procedimiento, TipoDocumental
from registro.services.catalogos import crear_procedimiento, crear_tipo_documental
from registro.services.despacho import marcar_entregado, registrar_envio
from registro.services.emision import crear_borrador, firmar, marcar_leido
from registro.services.recepcion import registrar_documento

# código, nombre, unidad, plazo, tipo de plazo, derecho (S/), silencio, requisitos
PROCEDIMIENTOS = [
    (
        "GDU-01",
        "Licencia de funcionamiento para establecimientos de riesgo bajo o medio (con ITSE posterior)",
        "GDU",
        4,
        "habiles",
        "96.50",
        "positivo",
        "Solicitud con carácter de declaración jurada\nNúmero de RUC y DNI del representante legal\n"
        "Declaración jurada de cumplimiento de condiciones de seguridad\nPago del derecho de trámite",
    ),
    (
        "GDU-02",
        "Certificado de parámetros urbanísticos y edificatorios",
        "GDU",
        5,
        "habiles",
        "78.00",
        "positivo",
        "Solicitud dirigida al Alcalde\nPlano de ubicación y localización\nPago del derecho de trámite",
    ),
    (
        "GDU-03",
        "Licencia de edificación — Modalidad B (aprobación con evaluación previa)",
        "GDU",
        15,
        "habiles",
        "245.00",
        "positivo",
        "Formulario Único de Edificación (FUE) por triplicado\nCopia literal de dominio\n"
        "Proyecto de arquitectura, estructuras e instalaciones firmado por profesionales habilitados\n"
        "Póliza CAR o de responsabilidad civil\nPago del derecho de trámite",
    ),
    (
        "GDU-04",
        "Constancia de posesión para fines de otorgamiento de servicios básicos",
        "GDU",
        10,
        "habiles",
        "35.00",
        "negativo",
        "Solicitud con carácter de declaración jurada\nCopia del DNI\nPlano simple de ubicación del predio\n"
        "Acta de verificación de posesión (la realiza la municipalidad)",
    ),
    (
        "GDU-05",
        "Certificado de numeración de finca",
        "GDU",
        5,
        "habiles",
        "42.00",
        "positivo",
        "Solicitud dirigida al Alcalde\nCopia del título de propiedad o documento que acredite la posesión",
    ),
    (
        "SG-01",
        "Acceso a la información pública",
        "SG",
        10,
        "habiles",
        "0.00",
        "negativo",
        "Solicitud (formulario o escrito) con nombre, DNI, domicilio y la información requerida\n"
        "Costo de reproducción, si corresponde (TUO Ley 27806)",
    ),
    (
        "GSC-01",
        "Autorización para uso temporal de la vía pública (eventos y ferias)",
        "GSC",
        7,
        "habiles",
        "60.00",
        "negativo",
        "Solicitud indicando fecha, horario y lugar\nCroquis del área a ocupar\nPlan de seguridad del evento",
    ),
    (
        "GDS-01",
        "Reconocimiento e inscripción de organizaciones sociales en el RUOS",
        "GDS",
        15,
        "habiles",
        "0.00",
        "positivo",
        "Solicitud firmada por el presidente\nActa de constitución y estatuto\nPadrón de asociados con DNI\n"
        "Acta de elección de la junta directiva",
    ),
]

# nombre, interno, clave de numeración
TIPOS = [
    ("Solicitud", False, ""),
    ("Carta", False, ""),
    ("Oficio externo", False, ""),
    ("Recurso de reconsideración", False, ""),
    ("Recurso de apelación", False, ""),
    ("Queja", False, ""),
    ("Denuncia", False, ""),
    ("Formulario único de trámite", False, ""),
    ("Memorando", True, "memorando"),
    ("Oficio", True, "oficio"),
    ("Informe", True, "informe"),
]

# asunto, folios, DNI/RUC del remitente, procedimiento, tipo, defectos
DOCUMENTOS = [
    (
        "Solicito licencia de funcionamiento para bodega en Av. Los Próceres 450",
        6,
        "45871236",
        "GDU-01",
        "Solicitud",
        "",
    ),
    (
        "Solicito certificado de parámetros urbanísticos del lote 12, Mz. F, Urb. Santa Rosa",
        3,
        "10293847",
        "GDU-02",
        "Solicitud",
        "",
    ),
    (
        "Presenta expediente de licencia de edificación — vivienda multifamiliar de 4 pisos",
        48,
        "20100070970",
        "GDU-03",
        "Formulario único de trámite",
        "Falta la póliza CAR; el plano de estructuras no está firmado.",
    ),
    (
        "Solicito copia del acta de la sesión ordinaria del 15 de enero",
        1,
        "10293847",
        "SG-01",
        "Solicitud",
        "",
    ),
    ("Invitación a la ceremonia por el aniversario de la I.E. N.º 6045", 1, "20100070970", None, "Carta", ""),
]


def cargar_recepcion(municipio: Municipio) -> None:
    """El TUPA, los tipos de documento y algunos documentos de entrada registrados por `mesa`."""
    unidades = {u.sigla: u for u in UnidadOrganica.objects.all()}
    for codigo, nombre, sigla, plazo, tipo, derecho, silencio, requisitos in PROCEDIMIENTOS:
        if Procedimiento.objects.filter(codigo=codigo).exists() or sigla not in unidades:
            continue
        crear_procedimiento(
            codigo=codigo,
            nombre=nombre,
            unidad_responsable=unidades[sigla],
            plazo_dias=plazo,
            tipo_plazo=tipo,
            derecho_tramite=Decimal(derecho),
            silencio=silencio,
            requisitos=requisitos,
            por=None,
        )
    for nombre, interno, clave in TIPOS:
        if not TipoDocumental.objects.filter(nombre__iexact=nombre).exists():
            crear_tipo_documental(nombre=nombre, interno=interno, codigo_serie=clave, por=None)

    mesa = Usuario.objects.filter(username="mesa").first()
    if mesa is None or Documento.objects.filter(clase=Documento.Clase.ENTRADA, recibido_por=mesa).exists():
        return
    for asunto, folios, numero, codigo, tipo, defectos in DOCUMENTOS:
        try:
            registrar_documento(
                asunto=asunto,
                folios=folios,
                remitente=Persona.objects.filter(numero_documento=numero).first(),
                por=mesa,
                procedimiento=Procedimiento.objects.filter(codigo=codigo).first() if codigo else None,
                tipo_documental=TipoDocumental.objects.filter(nombre=tipo).first(),
                defectos=defectos,
                unidad_destino=unidades.get("SG"),
            )
        except ErrorPerfil:
            return


# --- Documentos internos y de salida ---

TIPOS_EMITIDOS = [
    ("Memorando", "memorando"),
    ("Oficio", "oficio"),
    ("Informe", "informe"),
    ("Circular", "circular"),
]


def asegurar_tipos() -> dict[str, TipoDocumental]:
    """Los tipos que producen las unidades, marcados como internos y con su clave de numeración."""
    tipos = {}
    for nombre, codigo in TIPOS_EMITIDOS:
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
def cargar_emision(municipio) -> None:
    """Memorandos firmados entre SG y GDU, una circular, un oficio que responde a un documento de entrada de
    la demo y un oficio de salida entregado con su cargo. Si ya hay documentos emitidos, no hace nada."""
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
        cuerpo=(
            "Se comunica a todas las unidades orgánicas que, durante los feriados largos, la mesa de partes "
            "atenderá de 8:00 a 13:00 horas; la mesa de partes virtual recibe documentos todos los días.\n\n"
            "Se solicita difundirlo entre el personal a su cargo.\n\nAtentamente,"
        ),
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
            cuerpo=(
                f"En atención a su documento registrado con el {entrada.numero_texto}, le comunicamos que "
                "su pedido fue evaluado y se atiende conforme a lo solicitado.\n\nAtentamente,"
            ),
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
        cuerpo=(
            "Le comunicamos que la inspección técnica de la obra a su cargo se realizará el próximo lunes "
            "a las 10:00 horas; agradeceremos que un responsable esté presente con los planos aprobados."
            "\n\nAtentamente,"
        ),
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
