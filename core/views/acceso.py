"""La página de ingreso cuando django-axes bloqueó al usuario o a la dirección (AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def mensaje_bloqueo() -> str:
    minutos = settings.LOGIN_BLOQUEO_MINUTOS
    return (
        f"Demasiados intentos fallidos de ingreso. Por seguridad, el ingreso de este usuario o desde esta "
        f"conexión quedó bloqueado durante {minutos} minuto{'s' if minutos != 1 else ''}. Espere y vuelva a "
        "intentarlo, o pida al administrador del sistema que lo desbloquee."
    )


def bloqueado(
    request: HttpRequest, respuesta: HttpResponse | None = None, credenciales: dict | None = None
) -> HttpResponse:
    """La misma página de ingreso, con el aviso del bloqueo y el estado 429 (Too Many Requests)."""
    contexto = {
        "form": AuthenticationForm(request),
        "bloqueo": mensaje_bloqueo(),
        "next": request.POST.get("next", "") if request.method == "POST" else "",
    }
    return render(request, "registration/login.html", contexto, status=429)
