"""La página de la búsqueda global (/buscar/): una caja en la cabecera de cada página lleva aquí."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.busqueda.proveedores import POR_PAGINA, buscar_en_todo
from core.forms.busqueda import BusquedaForm
from core.permissions import es_funcionario


@login_required
@require_GET
def buscar(request):
    if not es_funcionario(request.user):
        raise PermissionDenied("Solo el personal de la municipalidad usa la búsqueda.")
    form = BusquedaForm(request.GET or None)
    resultados = None
    if form.is_valid() and form.consulta is not None:
        tipo = form.cleaned_data.get("tipo")
        resultados = buscar_en_todo(
            form.consulta,
            usuario=request.user,
            tipos=[tipo] if tipo else None,
            pagina=form.cleaned_data.get("pagina") or 1,
            por_pagina=POR_PAGINA,
        )
    contexto = {"form": form, "resultados": resultados, "consulta": request.GET.get("q", "").strip()}
    plantilla = "core/buscar.html#resultados" if request.htmx else "core/buscar.html"
    return render(request, plantilla, contexto)
