"""Páginas de préstamos y consultas: pedir un expediente, la lista (con los vencidos) y, para el archivo,
registrar a nombre de otro, entregar, recibir de vuelta o rechazar. Los servicios validan, guardan y auditan."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from archivo import permissions as acceso
from archivo.forms import DevolverForm, PrestamoArchivoForm, PrestamoForm
from archivo.models import Prestamo
from archivo.services.prestamos import (
    devolver_prestamo,
    entregar_prestamo,
    rechazar_prestamo,
    solicitar_prestamo,
)
from core.forms._base import aplicar_error

ve = permission_required(acceso.VER, raise_exception=True)


@login_required
@ve
@require_http_methods(["GET", "POST"])
def prestamos(request):
    gestiona = acceso.gestiona_prestamos(request.user)
    form = PrestamoArchivoForm(request.POST or None) if gestiona else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            datos = form.cleaned_data
            exp = (
                acceso.expedientes_visibles(request.user)
                .filter(codigo__iexact=datos["expediente"].strip())
                .first()
            )
            solicitante = get_user_model().objects.filter(username=datos["solicitante"].strip()).first()
            if exp is None:
                form.add_error("expediente", "No hay un expediente con ese código.")
            elif solicitante is None:
                form.add_error("solicitante", "No hay un usuario con ese nombre.")
            else:
                try:
                    p = solicitar_prestamo(
                        expediente=exp,
                        solicitante=solicitante,
                        tipo=datos["tipo"],
                        motivo=datos["motivo"],
                        por=request.user,
                    )
                except ValidationError as e:
                    aplicar_error(form, e)
                else:
                    messages.success(request, f"Se registró el pedido de {p.expediente.codigo}.")
                    return redirect("archivo:prestamos")
    vencidos = request.GET.get("vencidos") == "1"
    lista = acceso.prestamos_visibles(request.user).select_related("expediente", "solicitante")
    if vencidos:
        lista = lista.filter(estado=Prestamo.Estado.ENTREGADO, vence__lt=timezone.localdate())
    contexto = {
        "prestamos": lista[:300],
        "vencidos": vencidos,
        "hoy": timezone.localdate(),
        "gestiona": gestiona,
        "form": form,
        "devolver": DevolverForm(),
    }
    return render(
        request, "archivo/prestamos.html", contexto, status=400 if form is not None and form.errors else 200
    )


@login_required
@ve
@require_POST
def pedir(request, pk: int):
    exp = acceso.obtener_expediente(request.user, pk)
    form = PrestamoForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
        return redirect("archivo:expediente", pk=exp.pk)
    try:
        solicitar_prestamo(expediente=exp, solicitante=request.user, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("archivo:expediente", pk=exp.pk)
    messages.success(request, "Se envió su pedido al archivo.")
    return redirect("archivo:prestamos")


ACCIONES = {"entregar", "devolver", "rechazar"}


@login_required
@ve
@require_POST
def prestamo_accion(request, pk: int, accion: str):
    if accion not in ACCIONES:
        raise Http404
    p = acceso.obtener_prestamo(request.user, pk)
    if not acceso.gestiona_prestamos(request.user):
        raise PermissionDenied
    form = DevolverForm(request.POST)
    observaciones = form.cleaned_data["observaciones"] if form.is_valid() else ""
    try:
        if accion == "entregar":
            p = entregar_prestamo(prestamo=p, por=request.user)
            texto = f"Entregado; se devuelve a más tardar el {p.vence:%d/%m/%Y}."
        elif accion == "devolver":
            devolver_prestamo(prestamo=p, observaciones=observaciones, por=request.user)
            texto = "Se registró la devolución."
        else:
            rechazar_prestamo(prestamo=p, observaciones=observaciones, por=request.user)
            texto = "Se rechazó el pedido."
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"{p.expediente.codigo}: {texto}")
    return redirect("archivo:prestamos")
