"""Tareas del portal: el correo con el cargo de lo presentado en la mesa de partes virtual."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from registro.models import Documento
from registro.services.cargo import cargo_pdf


@task()
def enviar_cargo_virtual(documento_id: int, correo: str) -> bool:
    """Envía al ciudadano su número, su código de seguimiento y el cargo en PDF; se encola tras el
    commit."""
    documento = (
        Documento.objects.select_related("remitente", "recibido_por", "unidad_actual", "procedimiento")
        .filter(pk=documento_id)
        .first()
    )
    if documento is None or not correo:
        return False
    codigo = documento.codigo_seguimiento
    url = settings.SITE_URL + reverse("portal:consulta-codigo", kwargs={"codigo": codigo})
    lineas = [
        "Su documento fue recibido en la mesa de partes virtual.",
        "",
        f"Número de registro: {documento.numero_texto}",
        f"Código de seguimiento: {documento.codigo_seguimiento}",
        f"Presentado: {timezone.localtime(documento.recibido_en):%d/%m/%Y %H:%M}",
    ]
    if documento.fecha_computo:
        lineas.append(f"Se computa desde: {documento.fecha_computo:%d/%m/%Y}")
    if documento.vence:
        lineas.append(f"Plazo de atención: hasta el {documento.vence:%d/%m/%Y}")
    lineas += ["", f"Consulte el estado de su trámite en {url}", "", "Adjuntamos su cargo de recepción."]
    mensaje = EmailMessage(
        subject=f"Cargo de recepción {documento.numero_texto}",
        body="\n".join(lineas),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[correo],
    )
    mensaje.attach(f"cargo-{codigo}.pdf", cargo_pdf(documento, publico=True), "application/pdf")
    mensaje.send()
    return True
