"""La demostración del registro (de cada país: Villa Esperanza, el TUPA del Perú; en los demás, procedimientos y
documentos propios): la mesa de partes (el TUPA o catálogo de trámites, los tipos de documento y
documentos de entrada registrados por `mesa` a través del servicio, con número, plazo y auditoría) y los
documentos internos y de salida (memorandos firmados entre SG y GDU, una circular, un oficio que responde a
un documento de entrada y un oficio de salida entregado con su cargo). Idempotente: busca antes de crear.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.demo import pais_de, unidades
from core.models import Municipio, Persona, Usuario
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

# asunto, folios, remitente (índice de las personas de la demostración del país), procedimiento, tipo, defectos
DOCUMENTOS = [
    (
        "Solicito licencia de funcionamiento para bodega en Av. Los Próceres 450",
        6,
        0,
        "GDU-01",
        "Solicitud",
        "",
    ),
    (
        "Solicito certificado de parámetros urbanísticos del lote 12, Mz. F, Urb. Santa Rosa",
        3,
        1,
        "GDU-02",
        "Solicitud",
        "",
    ),
    (
        "Presenta expediente de licencia de edificación — vivienda multifamiliar de 4 pisos",
        48,
        2,
        "GDU-03",
        "Formulario único de trámite",
        "Falta la póliza CAR; el plano de estructuras no está firmado.",
    ),
    (
        "Solicito copia del acta de la sesión ordinaria del 15 de enero",
        1,
        1,
        "SG-01",
        "Solicitud",
        "",
    ),
    ("Invitación a la ceremonia por el aniversario de la I.E. N.º 6045", 1, 2, None, "Carta", ""),
]


# Los procedimientos y documentos de entrada de los demás países (códigos con la clave común de la unidad:
# la sigla del país la pone `core.demo.unidades`). Montos en la moneda del país.
PROCEDIMIENTOS_POR_PAIS = {
    "PE": PROCEDIMIENTOS,
    "EC": [
        (
            "GDU-01",
            "Permiso anual de funcionamiento (LUAE) para locales comerciales",
            "GDU",
            5,
            "habiles",
            "25.00",
            "positivo",
            "Solicitud en formulario único\nCopia de la cédula y del RUC\nCertificado de uso de suelo\n"
            "Permiso del Cuerpo de Bomberos",
        ),
        (
            "GDU-02",
            "Certificado de uso de suelo",
            "GDU",
            5,
            "habiles",
            "10.00",
            "positivo",
            "Solicitud dirigida al alcalde\nCopia de la carta de pago del impuesto predial",
        ),
        (
            "GDU-03",
            "Aprobación de planos y permiso de construcción",
            "GDU",
            15,
            "habiles",
            "80.00",
            "positivo",
            "Formulario de aprobación de planos\nEscritura del predio\nPlanos firmados por profesional "
            "registrado en la SENESCYT\nCertificado de no adeudar al municipio",
        ),
        (
            "SG-01",
            "Acceso a la información pública",
            "SG",
            10,
            "habiles",
            "0.00",
            "negativo",
            "Solicitud con nombres, cédula, domicilio y la información requerida (LOTAIP)",
        ),
    ],
    "CO": [
        (
            "GDU-01",
            "Licencia de construcción en la modalidad de obra nueva",
            "GDU",
            45,
            "habiles",
            "450000.00",
            "positivo",
            "Formulario único nacional\nCertificado de tradición y libertad\nPlanos arquitectónicos y "
            "estructurales firmados\nPaz y salvo del impuesto predial",
        ),
        (
            "GDU-02",
            "Concepto de uso del suelo",
            "GDU",
            15,
            "habiles",
            "35000.00",
            "negativo",
            "Petición escrita\nDirección o matrícula inmobiliaria del predio",
        ),
        (
            "GDU-03",
            "Certificado de nomenclatura",
            "GDU",
            10,
            "habiles",
            "18000.00",
            "negativo",
            "Petición escrita\nCopia del certificado de tradición y libertad",
        ),
        (
            "SG-01",
            "Derecho de petición de información y copias (Ley 1755 de 2015)",
            "SG",
            10,
            "habiles",
            "0.00",
            "negativo",
            "Petición con nombre, cédula, dirección de notificación y el objeto de la petición",
        ),
    ],
    "MX": [
        (
            "GDU-01",
            "Licencia de funcionamiento para giro comercial de bajo riesgo",
            "GDU",
            5,
            "habiles",
            "650.00",
            "positivo",
            "Solicitud en formato oficial\nCopia de identificación oficial y CURP\nConstancia de situación "
            "fiscal (RFC)\nVisto bueno de Protección Civil",
        ),
        (
            "GDU-02",
            "Constancia de compatibilidad urbanística",
            "GDU",
            10,
            "habiles",
            "420.00",
            "negativo",
            "Solicitud dirigida al presidente municipal\nCroquis de ubicación\nRecibo del predial al corriente",
        ),
        (
            "GDU-03",
            "Licencia de construcción",
            "GDU",
            15,
            "habiles",
            "1250.00",
            "negativo",
            "Solicitud\nEscritura o título de propiedad\nPlanos firmados por director responsable de obra",
        ),
        (
            "SG-01",
            "Solicitud de acceso a la información pública",
            "SG",
            20,
            "habiles",
            "0.00",
            "negativo",
            "Solicitud con la descripción de la información y el medio para recibirla",
        ),
    ],
}

DOCUMENTOS_POR_PAIS = {
    "PE": DOCUMENTOS,
    "EC": [
        (
            "Solicito permiso de funcionamiento para tienda de abarrotes en la calle Bolívar",
            5,
            0,
            "GDU-01",
            "Solicitud",
            "",
        ),
        (
            "Solicito certificado de uso de suelo del predio clave catastral 0101-045",
            2,
            1,
            "GDU-02",
            "Solicitud",
            "",
        ),
        (
            "Presenta planos para permiso de construcción de vivienda de dos plantas",
            32,
            2,
            "GDU-03",
            "Formulario único de trámite",
            "Falta el certificado de no adeudar; los planos estructurales no están firmados.",
        ),
        (
            "Solicito copia certificada del acta de la sesión ordinaria de enero",
            1,
            1,
            "SG-01",
            "Solicitud",
            "",
        ),
        ("Invitación a la sesión solemne por la cantonización de Los Nogales", 1, 2, None, "Carta", ""),
    ],
    "CO": [
        (
            "Solicito concepto de uso del suelo para local comercial en la carrera 5",
            3,
            0,
            "GDU-02",
            "Solicitud",
            "",
        ),
        (
            "Solicito certificado de nomenclatura del predio de la calle 8 # 3-15",
            2,
            1,
            "GDU-03",
            "Solicitud",
            "",
        ),
        (
            "Radica solicitud de licencia de construcción de vivienda multifamiliar",
            54,
            2,
            "GDU-01",
            "Formulario único de trámite",
            "Falta el paz y salvo del impuesto predial; los planos estructurales no están firmados.",
        ),
        (
            "Derecho de petición: copia del acta de la sesión ordinaria de febrero",
            1,
            1,
            "SG-01",
            "Solicitud",
            "",
        ),
        ("Invitación al aniversario de la Institución Educativa Rural La Esperanza", 1, 2, None, "Carta", ""),
    ],
    "MX": [
        (
            "Solicito licencia de funcionamiento para tienda de abarrotes en el Centro",
            4,
            0,
            "GDU-01",
            "Solicitud",
            "",
        ),
        (
            "Solicito constancia de compatibilidad urbanística del lote 7, manzana 3",
            2,
            1,
            "GDU-02",
            "Solicitud",
            "",
        ),
        (
            "Presenta expediente de licencia de construcción de bodega",
            40,
            2,
            "GDU-03",
            "Formulario único de trámite",
            "Falta el recibo del predial; los planos no traen la firma del director responsable de obra.",
        ),
        (
            "Solicito copia certificada del acta de cabildo de la sesión ordinaria de enero",
            1,
            1,
            "SG-01",
            "Solicitud",
            "",
        ),
        (
            "Invitación al cabildo al aniversario de la Escuela Primaria Benito Juárez",
            1,
            2,
            None,
            "Carta",
            "",
        ),
    ],
}


def _personas(municipio: Municipio) -> list[Persona | None]:
    """Las personas de la demostración del país, en su orden (las que existan)."""
    return [
        Persona.objects.filter(tipo_documento=p.tipo_documento, numero_documento=p.numero).first()
        for p in pais_de(municipio).personas
    ]


def cargar_recepcion(municipio: Municipio) -> None:
    """El TUPA, los tipos de documento y algunos documentos de entrada registrados por `mesa`."""
    pais = pais_de(municipio).codigo
    de = unidades("GDU", "SG", "GSC", "GDS")
    for codigo, nombre, clave, plazo, tipo, derecho, silencio, requisitos in PROCEDIMIENTOS_POR_PAIS[pais]:
        if Procedimiento.objects.filter(codigo=codigo).exists() or clave not in de:
            continue
        crear_procedimiento(
            codigo=codigo,
            nombre=nombre,
            unidad_responsable=de[clave],
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
    personas = _personas(municipio)
    for asunto, folios, remitente, codigo, tipo, defectos in DOCUMENTOS_POR_PAIS[pais]:
        try:
            registrar_documento(
                asunto=asunto,
                folios=folios,
                remitente=personas[remitente],
                por=mesa,
                procedimiento=Procedimiento.objects.filter(codigo=codigo).first() if codigo else None,
                tipo_documental=TipoDocumental.objects.filter(nombre=tipo).first(),
                defectos=defectos,
                unidad_destino=de.get("SG"),
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
    de = unidades("SG", "GDU", "GAF", "GSC", "GDS", "OAJ")
    secretario = Usuario.objects.filter(username="secretario").first()
    jefe = Usuario.objects.filter(username="jefe").first()
    if not secretario or not jefe or "SG" not in de or "GDU" not in de:
        return
    sg, gdu = de["SG"], de["GDU"]

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
        destinatarios_unidades=[u for s, u in de.items() if s != "SG"],
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
    constructora = _personas(municipio)[2]
    oficio = crear_borrador(
        clase="salida",
        tipo_documental=tipos["oficio"],
        unidad_origen=gdu,
        por=jefe,
        asunto="Comunicación de inspección técnica programada",
        destinatario=constructora,
        destinatario_texto="" if constructora else pais_de(municipio).personas[2].razon_social,
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
            else pais_de(municipio).direccion
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
