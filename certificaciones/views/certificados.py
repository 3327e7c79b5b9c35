from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from certificaciones import permissions as acceso
from certificaciones.forms import MotivoForm
from certificaciones.services.emision import revocar_certificado, url_verificacion
from certificaciones.views import respuesta_pdf
from core.forms._base import aplicar_error
from core.parametros import entero


def _pagina(request, certificado, *, revocar=None, status=200):
    return render(
        request,
        "certificaciones/certificado.html",
        {
            "certificado": certificado,
            "revocar": revocar or MotivoForm(),
            "url_publica": url_verificacion(certificado.codigo),
        },
        status=status,
    )


@login_required
@require_GET
def certificado(request, pk: int):
    return _pagina(request, acceso.obtener_certificado(request.user, pk))


@login_required
@require_GET
def certificado_pdf(request, pk: int):
    return respuesta_pdf(acceso.obtener_certificado(request.user, pk))


@login_required
@require_POST
def certificado_revocar(request, pk: int):
    certificado = acceso.obtener_certificado(request.user, pk)
    form = MotivoForm(request.POST)
    if form.is_valid():
        try:
            revocar_certificado(certificado=certificado, motivo=form.cleaned_data["motivo"], por=request.user)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(
                request, f"Se revocó {certificado.numero_texto}; queda en el registro con su motivo."
            )
            return redirect("certificaciones:certificado", pk=certificado.pk)
    return _pagina(request, certificado, revocar=form, status=400)


@login_required
@require_GET
def registro(request):
    if not acceso.puede_ver_registro(request.user):
        raise PermissionDenied
    anio = entero(request.GET.get("anio"), minimo=1, maximo=9999, defecto=timezone.localdate().year)
    certificados = (
        acceso.certificados_visibles(request.user)
        .filter(anio=anio)
        .select_related("solicitud__solicitante")
        .order_by("correlativo")
    )
    anios = sorted(
        set(acceso.certificados_visibles(request.user).values_list("anio", flat=True)) | {anio}, reverse=True
    )
    return render(
        request, "certificaciones/registro.html", {"certificados": certificados, "anio": anio, "anios": anios}
    )
