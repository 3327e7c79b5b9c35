from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from certificaciones import permissions as acceso
from certificaciones.forms import FedatarioForm, MotivoForm, TarifaForm
from certificaciones.models import Fedatario, Tarifa
from certificaciones.services.configuracion import (
    actualizar_tarifa,
    cesar_fedatario,
    crear_tarifa,
    designar_fedatario,
)
from core.forms._base import aplicar_error

configura = permission_required(acceso.CONFIGURAR, raise_exception=True)


@login_required
@configura
@require_http_methods(["GET", "POST"])
def fedatarios(request):
    form = FedatarioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            f = designar_fedatario(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se registró la designación de {f}.")
            return redirect("certificaciones:fedatarios")
    lista = Fedatario.objects.select_related("usuario").order_by("-desde", "-id")
    return render(
        request,
        "certificaciones/fedatarios.html",
        {"form": form, "fedatarios": lista, "cese": MotivoForm()},
        status=400 if form.errors else 200,
    )


@login_required
@configura
@require_POST
def fedatario_cesar(request, pk: int):
    fedatario = acceso.obtener_fedatario(request.user, pk)
    form = MotivoForm(request.POST)
    if form.is_valid():
        try:
            cesar_fedatario(fedatario=fedatario, motivo=form.cleaned_data["motivo"], por=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, f"Se cesó la designación de {fedatario}.")
    else:
        messages.error(request, "Escriba el motivo del cese.")
    return redirect("certificaciones:fedatarios")


@login_required
@configura
@require_http_methods(["GET", "POST"])
def tarifas(request):
    form = TarifaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        datos = dict(form.cleaned_data)
        datos.pop("activa")
        try:
            t = crear_tarifa(por=request.user, **datos)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se añadió la tarifa «{t.concepto}».")
            return redirect("certificaciones:tarifas")
    return render(
        request,
        "certificaciones/tarifas.html",
        {"form": form, "tarifas": Tarifa.objects.order_by("-activa", "concepto")},
        status=400 if form.errors else 200,
    )


@login_required
@configura
@require_http_methods(["GET", "POST"])
def tarifa_editar(request, pk: int):
    tarifa = get_object_or_404(Tarifa, pk=pk)
    inicial = {
        "concepto": tarifa.concepto,
        "tipo": tarifa.tipo,
        "monto": tarifa.monto,
        "base_legal": tarifa.base_legal,
        "activa": tarifa.activa,
    }
    form = TarifaForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            actualizar_tarifa(tarifa=tarifa, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios de la tarifa.")
            return redirect("certificaciones:tarifas")
    return render(request, "certificaciones/tarifa_form.html", {"form": form, "tarifa": tarifa})
