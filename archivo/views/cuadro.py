from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from archivo import permissions as acceso
from archivo.forms import ImportarForm, NodoForm, RetencionForm
from archivo.selectors.cuadro import arbol
from archivo.selectors.perfil import etapas, etapas_con_plazo, instrumento
from archivo.services.cuadro import crear_nodo, nueva_retencion
from archivo.services.tabla_xlsx import exportar, importar
from core.forms._base import aplicar_error

ve = permission_required(acceso.VER, raise_exception=True)
gestiona = permission_required(acceso.GESTIONAR_CUADRO, raise_exception=True)


@login_required
@ve
@require_http_methods(["GET", "POST"])
def cuadro(request):
    form = NodoForm(request.POST or None)
    if request.method == "POST":
        if not acceso.gestiona_cuadro(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                nodo = crear_nodo(por=request.user, **form.cleaned_data)
            except ValidationError as e:
                aplicar_error(form, e)
            else:
                messages.success(request, f"Se añadió «{nodo}» al cuadro.")
                return redirect("archivo:cuadro")
    con_plazo = etapas_con_plazo()
    filas = arbol()
    for f in filas:
        f["anios"] = [f["retencion"].plazos.get(e.clave) if f["retencion"] else None for e in con_plazo]
    contexto = {
        "filas": filas,
        "etapas": con_plazo,
        "instrumento": instrumento(),
        "form": form if acceso.gestiona_cuadro(request.user) else None,
    }
    return render(request, "archivo/cuadro.html", contexto, status=400 if form.errors else 200)


@login_required
@ve
@require_http_methods(["GET", "POST"])
def nodo(request, pk: int):
    nodo = acceso.obtener_nodo(request.user, pk)
    form = RetencionForm(request.POST or None, initial={"vigente_desde": timezone.localdate()})
    if request.method == "POST":
        if not acceso.gestiona_cuadro(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                r = nueva_retencion(nodo=nodo, por=request.user, **form.datos_del_servicio())
            except ValidationError as e:
                aplicar_error(form, e)
            else:
                messages.success(request, f"Se registró la versión {r.version} de la retención.")
                return redirect("archivo:nodo", pk=nodo.pk)
    contexto = {
        "nodo": nodo,
        "versiones": nodo.retenciones.select_related("creado_por").order_by("-version"),
        "hijos": nodo.hijos.order_by("codigo"),
        "etapas": etapas(),
        "instrumento": instrumento(),
        "form": form if acceso.gestiona_cuadro(request.user) and nodo.clasificable else None,
    }
    return render(request, "archivo/nodo.html", contexto, status=400 if form.errors else 200)


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def tabla(request):
    form = ImportarForm(request.POST or None, request.FILES or None)
    errores: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            resultado = importar(contenido=form.cleaned_data["archivo"].read(), por=request.user)
        except ValidationError as e:
            errores = e.messages
        else:
            messages.success(request, f"Importación hecha: {resultado}.")
            return redirect("archivo:cuadro")
    return render(
        request,
        "archivo/tabla.html",
        {"form": form, "errores": errores, "instrumento": instrumento()},
        status=400 if errores or form.errors else 200,
    )


@login_required
@ve
@require_GET
def tabla_exportar(request):
    respuesta = HttpResponse(
        exportar(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sigla = instrumento()["sigla"] or "retencion"
    respuesta["Content-Disposition"] = f'attachment; filename="cuadro-{sigla.lower()}.xlsx"'
    return respuesta
