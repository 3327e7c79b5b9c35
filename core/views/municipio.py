from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core import roles
from core.forms._base import aplicar_error
from core.forms.municipio import MunicipioForm
from core.models import Municipio
from core.services.municipio import actualizar_municipio


@login_required
@permission_required(roles.CONFIGURAR, raise_exception=True)
@require_http_methods(["GET", "POST"])
def municipio(request):
    actual = Municipio.objects.actual()
    form = MunicipioForm(request.POST or None, request.FILES or None, instance=actual)
    if request.method == "POST" and form.is_valid():
        try:
            actualizar_municipio(municipio=actual, por=request.user, **form.datos())
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los datos del municipio.")
            return redirect("core:municipio")
    return render(request, "core/municipio.html", {"form": form, "actual": actual})
