from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core import roles
from core.forms._base import aplicar_error
from registro.forms.catalogos import BuscarProcedimientoForm, ProcedimientoForm, TipoDocumentalForm
from registro.models import Procedimiento, TipoDocumental
from registro.selectors.documentos import procedimientos as procedimientos_catalogo
from registro.selectors.documentos import tipos_documentales as tipos_catalogo
from registro.services.catalogos import (
    actualizar_procedimiento,
    actualizar_tipo_documental,
    crear_procedimiento,
    crear_tipo_documental,
)

gestiona = permission_required(roles.GESTIONAR_PROCEDIMIENTOS, raise_exception=True)


@login_required
@gestiona
@require_GET
def procedimientos(request):
    busqueda = BuscarProcedimientoForm(request.GET or None)
    texto = busqueda.cleaned_data["q"] if busqueda.is_valid() else ""
    pagina = Paginator(procedimientos_catalogo(texto=texto), 50).get_page(request.GET.get("pagina"))
    return render(request, "registro/procedimientos.html", {"pagina": pagina, "texto": texto})


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def procedimiento_crear(request):
    form = ProcedimientoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            p = crear_procedimiento(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se añadió el procedimiento {p.codigo}.")
            return redirect("registro:procedimientos")
    return render(
        request, "registro/procedimiento_form.html", {"form": form, "titulo": "Nuevo procedimiento"}
    )


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def procedimiento_editar(request, pk: int):
    p = get_object_or_404(Procedimiento.objects.select_related("unidad_responsable"), pk=pk)
    form = ProcedimientoForm(request.POST or None, procedimiento=p)
    if request.method == "POST" and form.is_valid():
        try:
            actualizar_procedimiento(procedimiento=p, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios del procedimiento.")
            return redirect("registro:procedimientos")
    contexto = {"form": form, "procedimiento": p, "titulo": f"Editar {p.codigo}"}
    return render(request, "registro/procedimiento_form.html", contexto)


@login_required
@gestiona
@require_GET
def tipos_documentales(request):
    return render(request, "registro/tipos_documentales.html", {"tipos": tipos_catalogo()})


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def tipo_documental_crear(request):
    form = TipoDocumentalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            t = crear_tipo_documental(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se añadió el tipo «{t.nombre}».")
            return redirect("registro:tipos-documentales")
    return render(
        request, "registro/tipo_documental_form.html", {"form": form, "titulo": "Nuevo tipo de documento"}
    )


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def tipo_documental_editar(request, pk: int):
    t = get_object_or_404(TipoDocumental, pk=pk)
    form = TipoDocumentalForm(request.POST or None, tipo=t)
    if request.method == "POST" and form.is_valid():
        try:
            actualizar_tipo_documental(tipo=t, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios.")
            return redirect("registro:tipos-documentales")
    return render(
        request, "registro/tipo_documental_form.html", {"form": form, "tipo": t, "titulo": f"Editar {t}"}
    )
