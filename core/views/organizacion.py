from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core import roles
from core.forms._base import aplicar_error
from core.forms.organizacion import CargoForm, UnidadForm
from core.models import Cargo, UnidadOrganica
from core.permissions import obtener_cargo, obtener_unidad
from core.services import organizacion as servicio

configura = permission_required(roles.CONFIGURAR, raise_exception=True)


def _arbol(unidades: list[UnidadOrganica]) -> list[dict]:
    """Arma el organigrama en memoria (una consulta) como nodos {unidad, hijas} para la plantilla."""
    hijas: dict[int | None, list[UnidadOrganica]] = {}
    for u in unidades:
        hijas.setdefault(u.padre_id, []).append(u)
    ids = {u.pk for u in unidades}

    def nodos(padre_id):
        return [{"unidad": u, "hijas": nodos(u.pk)} for u in hijas.get(padre_id, [])]

    # Raíces: sin padre, o cuyo padre no está en la lista.
    raices = [u for u in unidades if u.padre_id is None or u.padre_id not in ids]
    return [{"unidad": u, "hijas": nodos(u.pk)} for u in raices]


@login_required
@configura
def unidades(request):
    lista = list(UnidadOrganica.objects.select_related("jefe").prefetch_related("cargos"))
    return render(request, "core/unidades.html", {"arbol": _arbol(lista)})


@login_required
@configura
@require_http_methods(["GET", "POST"])
def unidad_crear(request):
    form = UnidadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unidad = servicio.crear_unidad(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se creó la unidad {unidad}.")
            return redirect("core:unidades")
    return render(request, "core/unidad_form.html", {"form": form, "titulo": "Nueva unidad orgánica"})


@login_required
@configura
@require_http_methods(["GET", "POST"])
def unidad_editar(request, pk: int):
    unidad = obtener_unidad(request.user, pk)
    form = UnidadForm(request.POST or None, unidad=unidad)
    if request.method == "POST" and form.is_valid():
        try:
            servicio.actualizar_unidad(unidad=unidad, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios de la unidad.")
            return redirect("core:unidades")
    return render(
        request, "core/unidad_form.html", {"form": form, "unidad": unidad, "titulo": f"Editar {unidad}"}
    )


@login_required
@configura
@require_POST
def unidad_desactivar(request, pk: int):
    unidad = obtener_unidad(request.user, pk)
    try:
        servicio.desactivar_unidad(unidad=unidad, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Se desactivó la unidad {unidad}.")
    return redirect("core:unidades")


@login_required
@configura
def cargos(request):
    lista = Cargo.objects.select_related("unidad").order_by("unidad__nombre", "-activo", "nombre")
    return render(request, "core/cargos.html", {"cargos": lista})


@login_required
@configura
@require_http_methods(["GET", "POST"])
def cargo_crear(request):
    form = CargoForm(request.POST or None, initial={"unidad": request.GET.get("unidad")})
    if request.method == "POST" and form.is_valid():
        try:
            cargo = servicio.crear_cargo(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se creó el cargo {cargo} en {cargo.unidad.sigla}.")
            return redirect("core:cargos")
    return render(request, "core/cargo_form.html", {"form": form, "titulo": "Nuevo cargo"})


@login_required
@configura
@require_http_methods(["GET", "POST"])
def cargo_editar(request, pk: int):
    cargo = obtener_cargo(request.user, pk)
    form = CargoForm(request.POST or None, cargo=cargo)
    if request.method == "POST" and form.is_valid():
        try:
            servicio.actualizar_cargo(cargo=cargo, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios del cargo.")
            return redirect("core:cargos")
    return render(
        request, "core/cargo_form.html", {"form": form, "cargo": cargo, "titulo": f"Editar cargo {cargo}"}
    )


@login_required
@configura
@require_POST
def cargo_desactivar(request, pk: int):
    cargo = obtener_cargo(request.user, pk)
    try:
        servicio.desactivar_cargo(cargo=cargo, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Se desactivó el cargo {cargo}.")
    return redirect("core:cargos")
