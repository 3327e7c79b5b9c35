from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core import roles
from core.forms._base import aplicar_error
from core.forms.encargos import EncargoForm
from core.models import Encargo
from core.permissions import obtener_encargo
from core.services.encargos import crear_encargo, revocar_encargo

gestiona = permission_required(roles.GESTIONAR_USUARIOS, raise_exception=True)


@login_required
@gestiona
def encargos(request):
    lista = Encargo.objects.filter(titular__is_superuser=False, encargado__is_superuser=False).select_related(
        "titular", "encargado", "cargo"
    )
    return render(request, "core/encargos.html", {"encargos": lista, "hoy": timezone.localdate()})


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def encargo_crear(request):
    form = EncargoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            encargo = crear_encargo(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se registró el encargo: {encargo}.")
            return redirect("core:encargos")
    return render(request, "core/encargo_form.html", {"form": form})


@login_required
@gestiona
@require_POST
def encargo_revocar(request, pk: int):
    encargo = obtener_encargo(request.user, pk)
    try:
        revocar_encargo(encargo=encargo, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Se revocó el encargo: {encargo}.")
    return redirect("core:encargos")
