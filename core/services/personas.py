"""Personas naturales y jurídicas con su documento de identidad validado según el país."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from stdnum.co import nit as co_nit
from stdnum.ec import ci as ec_ci
from stdnum.ec import ruc as ec_ruc
from stdnum.exceptions import ValidationError as ErrorStdnum
from stdnum.mx import curp as mx_curp
from stdnum.mx import rfc as mx_rfc
from stdnum.pe import ruc as pe_ruc

from core.models import Persona, Usuario
from core.services.auditoria import actualizar_con_auditoria, instantanea, registrar_evento

TD = Persona.TipoDocumento

# Documentos que solo puede tener una persona natural.
SOLO_NATURAL = {TD.DNI, TD.CE, TD.PASAPORTE, TD.CEDULA_EC, TD.CEDULA_CO, TD.CURP}

CAMPOS = (
    "tipo",
    "tipo_documento",
    "numero_documento",
    "nombres",
    "apellidos",
    "razon_social",
    "correo",
    "telefono",
    "direccion",
)


def normalizar_numero(numero: str) -> str:
    """Quita espacios, guiones, puntos y barras, y pasa a mayúsculas (como se escribe en el registro)."""
    return re.sub(r"[\s\-./]", "", numero or "").upper()


def _stdnum(modulo, numero: str, mensaje: str) -> str:
    try:
        return modulo.validate(numero)
    except ErrorStdnum:
        raise ValidationError({"numero_documento": mensaje}) from None


def validar_documento(tipo_documento: str, numero: str) -> str:
    """Valida el número según el tipo de documento y lo devuelve normalizado; si no vale, ValidationError en
    español.

    Los dígitos verificadores se comprueban con python-stdnum (RUC de Perú y Ecuador, cédula de
    Ecuador, NIT, CURP, RFC). El DNI peruano son 8 dígitos (RENIEC); la cédula de ciudadanía
    colombiana, de 6 a 10 dígitos sin dígito verificador.
    """
    numero = normalizar_numero(numero)
    if not numero:
        raise ValidationError({"numero_documento": "Escriba el número de documento."})
    if tipo_documento == TD.DNI:
        if not re.fullmatch(r"\d{8}", numero):
            raise ValidationError({"numero_documento": "El DNI debe tener exactamente 8 dígitos."})
        return numero
    if tipo_documento == TD.RUC:
        # El RUC peruano tiene 11 dígitos y el ecuatoriano 13; el largo decide cuál es.
        if len(numero) == 11:
            return _stdnum(
                pe_ruc, numero, "El RUC no es válido: revise los 11 dígitos (el último es verificador)."
            )
        if len(numero) == 13:
            return _stdnum(ec_ruc, numero, "El RUC de Ecuador no es válido: revise los 13 dígitos.")
        raise ValidationError(
            {"numero_documento": "El RUC debe tener 11 dígitos (Perú) o 13 dígitos (Ecuador)."}
        )
    if tipo_documento == TD.CEDULA_EC:
        return _stdnum(
            ec_ci, numero, "La cédula de Ecuador no es válida: 10 dígitos con verificador correcto."
        )
    if tipo_documento == TD.CEDULA_CO:
        if not re.fullmatch(r"\d{6,10}", numero):
            raise ValidationError(
                {"numero_documento": "La cédula de ciudadanía debe tener de 6 a 10 dígitos."}
            )
        return numero
    if tipo_documento == TD.NIT:
        return _stdnum(co_nit, numero, "El NIT no es válido: revise los dígitos y el dígito de verificación.")
    if tipo_documento == TD.CURP:
        return _stdnum(
            mx_curp, numero, "La CURP no es válida: 18 caracteres con fecha y verificador correctos."
        )
    if tipo_documento == TD.RFC:
        return _stdnum(
            mx_rfc, numero, "El RFC no es válido: 12 caracteres (persona moral) o 13 (persona física)."
        )
    if tipo_documento == TD.CE:
        if not re.fullmatch(r"[A-Z0-9]{8,12}", numero):
            raise ValidationError(
                {"numero_documento": "El carné de extranjería debe tener de 8 a 12 letras o dígitos."}
            )
        return numero
    if tipo_documento == TD.PASAPORTE:
        if not re.fullmatch(r"[A-Z0-9]{5,20}", numero):
            raise ValidationError({"numero_documento": "El pasaporte debe tener de 5 a 20 letras o dígitos."})
        return numero
    raise ValidationError({"tipo_documento": "Tipo de documento desconocido."})


def _validar_tipo(tipo: str, tipo_documento: str, numero: str) -> None:
    """Cruza el tipo de persona con el documento: lo que la ley reserva a una u otra."""
    errores = {}
    if tipo == Persona.Tipo.JURIDICA and tipo_documento in SOLO_NATURAL:
        errores["tipo_documento"] = "Una persona jurídica se identifica con RUC, NIT o RFC."
    if tipo_documento == TD.RUC and len(numero) == 11:
        # SUNAT: el RUC 10… es de persona natural con negocio; el 20…, de persona jurídica.
        if numero.startswith("10") and tipo == Persona.Tipo.JURIDICA:
            errores["tipo"] = "Un RUC que empieza con 10 es de persona natural."
        if numero.startswith("20") and tipo == Persona.Tipo.NATURAL:
            errores["tipo"] = "Un RUC que empieza con 20 es de persona jurídica."
    if tipo_documento == TD.RFC:
        # SAT: RFC de persona moral 12 caracteres, de persona física 13.
        if len(numero) == 12 and tipo == Persona.Tipo.NATURAL:
            errores["tipo"] = "Un RFC de 12 caracteres es de persona moral (jurídica)."
        if len(numero) == 13 and tipo == Persona.Tipo.JURIDICA:
            errores["tipo"] = "Un RFC de 13 caracteres es de persona física (natural)."
    if errores:
        raise ValidationError(errores)


def _validar(persona: Persona) -> None:
    persona.numero_documento = validar_documento(persona.tipo_documento, persona.numero_documento)
    _validar_tipo(persona.tipo, persona.tipo_documento, persona.numero_documento)
    for campo in ("nombres", "apellidos", "razon_social", "correo", "telefono", "direccion"):
        setattr(persona, campo, (getattr(persona, campo) or "").strip())
    if persona.tipo == Persona.Tipo.NATURAL:
        errores = {}
        if not persona.nombres:
            errores["nombres"] = "Una persona natural necesita sus nombres."
        if not persona.apellidos:
            errores["apellidos"] = "Una persona natural necesita sus apellidos."
        if errores:
            raise ValidationError(errores)
        persona.razon_social = ""
    else:
        if not persona.razon_social:
            raise ValidationError({"razon_social": "Una persona jurídica necesita su razón social."})
        persona.nombres = persona.apellidos = ""
    duplicada = Persona.objects.filter(
        tipo_documento=persona.tipo_documento, numero_documento=persona.numero_documento
    ).exclude(pk=persona.pk)
    if duplicada.exists():
        raise ValidationError(
            {
                "numero_documento": "Ya hay una persona registrada con "
                f"{persona.get_tipo_documento_display()} "
                f"{persona.numero_documento}."
            }
        )
    persona.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def registrar_persona(
    *,
    tipo: str,
    tipo_documento: str,
    numero_documento: str,
    nombres: str = "",
    apellidos: str = "",
    razon_social: str = "",
    correo: str = "",
    telefono: str = "",
    direccion: str = "",
    por: Usuario | None,
) -> Persona:
    """Registra una persona natural o jurídica con su documento validado y normalizado; un duplicado se
    rechaza.

    La restricción única de la base respalda la comprobación previa si dos registros llegan a la vez.
    """
    persona = Persona(
        tipo=tipo,
        tipo_documento=tipo_documento,
        numero_documento=numero_documento,
        nombres=nombres,
        apellidos=apellidos,
        razon_social=razon_social,
        correo=correo,
        telefono=telefono,
        direccion=direccion,
    )
    _validar(persona)
    persona.save()
    registrar_evento(por=por, accion="core.persona.registrar", objeto=persona, despues=instantanea(persona))
    return persona


@transaction.atomic
def actualizar_persona(*, persona: Persona, por: Usuario | None, **campos) -> Persona:
    """Cambia los datos de una persona con la misma validación del registro; guarda antes y después."""
    return actualizar_con_auditoria(
        persona, por=por, accion="core.persona.editar", cambios=campos, editables=CAMPOS, validar=_validar
    )
