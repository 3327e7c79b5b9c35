from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core import roles
from core.forms._base import aplicar_error
from core.forms.calendario import DiaCalendarioForm
from core.models import Municipio
from core.parametros import entero
from core.permissions import obtener_dia_calendario
from core.services import calendario as servicio
from core.services import perfiles

gestiona = permission_required(roles.GESTIONAR_CALENDARIO, raise_exception=True)


def _anio(request) -> int:
    return entero(request.GET.get("anio"), minimo=1900, maximo=2200, defecto=timezone.localdate().year)


def _pagina(request, municipio, anio, form, status=200):
    contexto = {"municipio_calendario": municipio, "anio": anio, "form": form}
    if municipio is not None:
        pais = perfiles.obtener_perfil(municipio.perfil).pais
        nacionales = servicio.feriados_nacionales(pais, anio)
        locales = {d.fecha: d for d in municipio.calendario.filter(fecha__year=anio)}
        contexto["dias"] = [
            {
                "fecha": f,
                "dia_semana": servicio.DIAS_SEMANA[f.weekday()],
                "nacional": nacionales.get(f),
                "local": locales.get(f),
            }
            for f in sorted(set(nacionales) | set(locales))
        ]
    return render(request, "core/calendario.html", contexto, status=status)


@login_required
@require_GET
def calendario(request):
    anio = _anio(request)
    form = None
    if request.user.has_perm(roles.GESTIONAR_CALENDARIO):
        form = DiaCalendarioForm(
            initial={"fecha": date(anio, 1, 1) if anio != timezone.localdate().year else None}
        )
    return _pagina(request, Municipio.objects.actual(), anio, form)


@login_required
@gestiona
@require_POST
def calendario_dia_agregar(request):
    municipio = Municipio.objects.actual()
    if municipio is None:
        messages.error(request, "Configure primero el municipio.")
        return redirect("core:municipio")
    form = DiaCalendarioForm(request.POST)
    if form.is_valid():
        try:
            dia = servicio.agregar_dia(municipio=municipio, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se añadió al calendario el {dia.fecha:%d/%m/%Y}.")
            return redirect(f"{reverse('core:calendario')}?anio={dia.fecha.year}")
    anio = form.cleaned_data["fecha"].year if form.cleaned_data.get("fecha") else _anio(request)
    return _pagina(request, municipio, anio, form, status=400)


@login_required
@gestiona
@require_POST
def calendario_dia_quitar(request, pk: int):
    dia = obtener_dia_calendario(request.user, pk)
    fecha = dia.fecha
    servicio.quitar_dia(dia=dia, por=request.user)
    messages.success(request, f"Se quitó del calendario el {fecha:%d/%m/%Y}.")
    return redirect(f"{reverse('core:calendario')}?anio={fecha.year}")
