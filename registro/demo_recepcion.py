"""Demostración de la mesa de partes: el TUPA de Villa Esperanza, los tipos de documento y algunos
documentos de entrada registrados por `mesa` a través del servicio (con número, plazo y auditoría).
Idempotente: busca antes de crear.
"""

from __future__ import annotations

from decimal import Decimal

from core.models import Municipio, Persona, UnidadOrganica, Usuario
from registro.models import Documento, Procedimiento, TipoDocumental

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


def cargar(municipio: Municipio) -> None:
    from core.services.perfiles import ErrorPerfil
    from registro.services.catalogos import crear_procedimiento, crear_tipo_documental
    from registro.services.recepcion import registrar_documento

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
