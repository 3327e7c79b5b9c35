import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core import roles
from core.forms._base import aplicar_error
from core.forms.perfiles import ReglaLocalForm
from core.models import Municipio
from core.services import perfiles


def _legible(valor) -> str:
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, (list, dict)):
        return json.dumps(valor, ensure_ascii=False)
    return str(valor)


def _pagina(request, municipio, form, status=200):
    contexto = {"municipio_perfil": municipio, "form": form, "hoy": timezone.localdate()}
    if municipio is not None:
        perfil = perfiles.obtener_perfil(municipio.perfil)
        reglas = perfiles.reglas(municipio.perfil, contexto["hoy"], municipio=municipio)
        contexto |= {"perfil": perfil, "filas": [{"regla": r, "valor": _legible(r.valor)} for r in reglas]}
    return render(request, "core/perfil.html", contexto, status=status)


@login_required
@require_GET
def perfil(request):
    municipio = Municipio.objects.actual()
    form = None
    if municipio is not None and request.user.has_perm(roles.CONFIGURAR):
        form = ReglaLocalForm(perfil=perfiles.obtener_perfil(municipio.perfil))
    return _pagina(request, municipio, form)


@login_required
@permission_required(roles.CONFIGURAR, raise_exception=True)
@require_POST
def perfil_regla_fijar(request):
    municipio = Municipio.objects.actual()
    if municipio is None:
        messages.error(request, "Configure primero el municipio.")
        return redirect("core:municipio")
    form = ReglaLocalForm(request.POST, perfil=perfiles.obtener_perfil(municipio.perfil))
    if form.is_valid():
        try:
            perfiles.fijar_regla_local(municipio=municipio, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se fijó la regla local «{form.cleaned_data['clave']}».")
            return redirect("core:perfil")
    return _pagina(request, municipio, form, status=400)
