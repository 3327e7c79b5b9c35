"""Mesa de partes virtual: lo que presenta un ciudadano desde el portal, sin cuenta de usuario."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from core import roles
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
    """
    numero = validar_documento(tipo_documento, numero_documento)
    persona = Persona.objects.filter(tipo_documento=tipo_documento, numero_documento=numero).first()
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
