"""Mesa de partes virtual: lo que presenta un ciudadano desde el portal, sin cuenta de usuario."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from core import roles
from core.busqueda.normalizacion import palabras
from core.models import Persona, UnidadOrganica
from core.services.personas import registrar_persona, validar_documento
from portal.tasks import enviar_cargo_virtual
from registro.models import Documento, Procedimiento
from registro.services.recepcion import registrar_documento


def unidad_receptora() -> UnidadOrganica | None:
    """La unidad a cuya bandeja llega lo presentado en línea sin procedimiento: la de sigla
    `PORTAL_UNIDAD_MESA_VIRTUAL` (por omisión UTDA, trámite documentario) o, si no existe, la de algún
    usuario de mesa de partes.
    """
    sigla = settings.PORTAL_UNIDAD_MESA_VIRTUAL
    unidad = UnidadOrganica.objects.filter(sigla=sigla, activa=True).first()
    if unidad is None:
        unidad = (
            UnidadOrganica.objects.filter(
                activa=True, usuarios__groups__name=roles.MESA, usuarios__is_active=True
            )
            .order_by("pk")
            .first()
        )
    return unidad


NOMBRE_NO_COINCIDE = (
    "El nombre no coincide con el que la municipalidad tiene registrado para ese documento de identidad. "
    "Escriba sus nombres y apellidos (o la razón social) tal como figuran en su documento; si sus datos "
    "cambiaron, acérquese a la mesa de partes para actualizarlos."
)


def _mismo_nombre(persona: Persona, *, nombres: str, apellidos: str, razon_social: str) -> bool:
    """¿Lo escrito es el nombre de `persona`? Se comparan las palabras sin tildes, mayúsculas,
    puntuación ni espacios de más, en el mismo orden: «JOSÉ  Pérez» es «Jose Perez», «S.A.C.» es «SAC».
    Para una persona natural cuentan nombres y apellidos juntos (da igual en qué casilla se escribió un
    segundo nombre); para una jurídica, la razón social. Un registro sin nombre no coincide con nada.
    """
    if persona.tipo == Persona.Tipo.JURIDICA:
        # En una razón social se comparan las letras sin separadores: «S.A.C.» y «SAC» son lo mismo.
        registrada = "".join(palabras(persona.razon_social))
        return bool(registrada) and registrada == "".join(palabras(razon_social or f"{nombres} {apellidos}"))
    registrado = palabras(f"{persona.nombres} {persona.apellidos}")
    return bool(registrado) and registrado == palabras(f"{nombres} {apellidos}")


@transaction.atomic
def presentar_documento_virtual(
    *,
    tipo: str,
    tipo_documento: str,
    numero_documento: str,
    correo: str,
    asunto: str,
    folios: int,
    adjuntos: Iterable[UploadedFile],
    nombres: str = "",
    apellidos: str = "",
    razon_social: str = "",
    telefono: str = "",
    procedimiento: Procedimiento | None = None,
) -> Documento:
    """Registra lo que un ciudadano presenta en la mesa de partes virtual: busca a la persona por su
    documento de identidad (o la registra con los datos dados), registra el documento por el canal
    virtual (sin funcionario que lo reciba: el actor es el sistema) y, tras el commit, le envía el
    cargo por correo. Todo o nada: si algo falla no queda persona, documento ni número consumido.

    Si el documento de identidad ya está registrado, el nombre escrito tiene que ser el de esa persona
    (`_mismo_nombre`): si no, se rechaza sin registrar nada y sin decir qué nombre figura. Así nadie
    presenta a nombre de otro con solo conocer su número (issue 20, punto 2).
    """
    numero = validar_documento(tipo_documento, numero_documento)
    persona = Persona.objects.filter(tipo_documento=tipo_documento, numero_documento=numero).first()
    if persona is not None and not _mismo_nombre(
        persona, nombres=nombres, apellidos=apellidos, razon_social=razon_social
    ):
        raise ValidationError(NOMBRE_NO_COINCIDE)
    if persona is None:
        persona = registrar_persona(
            tipo=tipo,
            tipo_documento=tipo_documento,
            numero_documento=numero,
            nombres=nombres,
            apellidos=apellidos,
            razon_social=razon_social,
            correo=correo,
            telefono=telefono,
            por=None,
        )
    documento = registrar_documento(
        asunto=asunto,
        folios=folios,
        remitente=persona,
        por=None,
        canal=Documento.Canal.VIRTUAL,
        procedimiento=procedimiento,
        adjuntos=adjuntos,
        unidad_destino=unidad_receptora(),
    )
    transaction.on_commit(lambda: enviar_cargo_virtual.enqueue(documento.pk, correo))
    return documento
