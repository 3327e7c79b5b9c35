from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.services.auditoria import encargo_vigente
from core.services.notificaciones import marcar_leidas


@login_required
def inicio(request):
    return render(request, "core/inicio.html", {"encargo": encargo_vigente(request.user)})


@login_required
def notificaciones(request):
    lista = request.user.notificaciones.all()[:100]
    return render(request, "core/notificaciones.html", {"notificaciones": lista})


@login_required
@require_POST
def notificaciones_leer(request):
    marcar_leidas(usuario=request.user)
    return redirect("core:notificaciones")
