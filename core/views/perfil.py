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
from core.permissions import obtener_regla_local
from core.services import perfiles


def _legible(valor) -> str:
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, (list, dict)):
        return json.dumps(valor, ensure_ascii=False)
    return str(valor)


def _estado(regla, hoy) -> str:
    if regla.vigente_hasta is not None and regla.vigente_hasta < regla.vigente_desde:
        return "Sin efecto"  # quitada antes de empezar a regir
    if regla.vigente_hasta is not None and regla.vigente_hasta < hoy:
        return "Terminada"
    return "Programada" if regla.vigente_desde > hoy else "Vigente"


def _pagina(request, municipio, form, status=200):
    contexto = {"municipio_perfil": municipio, "form": form, "hoy": timezone.localdate()}
    if municipio is not None:
        perfil = perfiles.obtener_perfil(municipio.perfil)
        reglas = perfiles.reglas(municipio.perfil, contexto["hoy"], municipio=municipio)
        contexto |= {
            "perfil": perfil,
            "filas": [{"regla": r, "valor": _legible(r.valor)} for r in reglas],
            "locales": [
                {"regla": r, "valor": _legible(r.valor), "estado": _estado(r, contexto["hoy"])}
                for r in municipio.reglas_locales.all()
            ],
            "puede_configurar": request.user.has_perm(roles.CONFIGURAR),
        }
    return render(request, "core/perfil.html", contexto, status=status)


@login_required
@require_GET
def perfil(request):
    municipio = Municipio.objects.actual()
    form = None
    if municipio is not None and request.user.has_perm(roles.CONFIGURAR):
        form = ReglaLocalForm(claves=perfiles.claves_sustituibles(municipio))
    return _pagina(request, municipio, form)


@login_required
@permission_required(roles.CONFIGURAR, raise_exception=True)
@require_POST
def perfil_regla_fijar(request):
    municipio = Municipio.objects.actual()
    if municipio is None:
        messages.error(request, "Configure primero el municipio.")
        return redirect("core:municipio")
    form = ReglaLocalForm(request.POST, claves=perfiles.claves_sustituibles(municipio))
    if form.is_valid():
        try:
            perfiles.fijar_regla_local(municipio=municipio, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se fijó la regla local «{form.cleaned_data['clave']}».")
            return redirect("core:perfil")
    return _pagina(request, municipio, form, status=400)


@login_required
@permission_required(roles.CONFIGURAR, raise_exception=True)
@require_POST
def perfil_regla_quitar(request, pk: int):
    regla = obtener_regla_local(request.user, pk)
    try:
        perfiles.terminar_regla_local(regla=regla, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, f"Se quitó la regla local «{regla.clave}»: desde hoy rige el valor del perfil."
        )
    return redirect("core:perfil")
