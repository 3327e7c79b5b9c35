from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from core import limites
from core.forms._base import aplicar_error
from portal.forms import ConsultaForm, MesaVirtualForm
from portal.services import presentar_documento_virtual
from registro.selectors.seguimiento import (
    documento_para_cargo,
    documento_por_codigo,
    documento_por_numero,
    iniciales,
    linea_de_tiempo,
)
from registro.services.cargo import cargo_pdf

CLAVE_PRESENTADO = "portal_presentado"


def _demasiadas(request, accion: str, maximo: int, ventana: int):
    if limites.excedido(request, accion, maximo=maximo, ventana=ventana):
        minutos = max(1, ventana // 60)
        return render(request, "portal/limite.html", {"minutos": minutos}, status=429)
    return None


def _consulta_limitada(request):
    return _demasiadas(request, "consulta", settings.PORTAL_CONSULTAS_POR_MINUTO, 60)


@require_GET
def inicio(request):
    if request.user.is_authenticated:
        return redirect("core:inicio")
    return render(request, "portal/inicio.html")


@require_http_methods(["GET", "POST"])
def consulta(request):
    form = ConsultaForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if respuesta := _consulta_limitada(request):
            return respuesta
        if form.is_valid():
            datos = form.cleaned_data
            if datos["codigo"]:
                documento = documento_por_codigo(datos["codigo"])
            else:
                documento = documento_por_numero(datos["numero"], datos["numero_documento"])
            if documento is not None:
                return redirect("portal:consulta-codigo", codigo=documento.codigo_seguimiento)
            # Misma respuesta si el número no existe o el documento de identidad no coincide.
            form.add_error(None, "No encontramos un trámite con esos datos. Revise lo que escribió.")
    return render(request, "portal/consulta.html", {"form": form})


@require_GET
def consulta_codigo(request, codigo: str):
    if respuesta := _consulta_limitada(request):
        return respuesta
    documento = documento_por_codigo(codigo)
    if documento is None:
        return render(request, "portal/no_encontrado.html", {"codigo": codigo[:30]}, status=404)
    contexto = {
        "documento": documento,
        "iniciales": iniciales(documento),
        "hitos": linea_de_tiempo(documento),
        "url_cargo": _url_cargo(documento),
    }
    return render(request, "portal/seguimiento.html", contexto)


@require_http_methods(["GET", "POST"])
def mesa_virtual(request):
    if limites.usados(request, "presentacion", ventana=3600) >= settings.PORTAL_PRESENTACIONES_POR_HORA:
        return render(request, "portal/limite.html", {"minutos": 60}, status=429)
    intentos = request.method == "POST" and limites.excedido(
        request, "presentacion-intento", maximo=60, ventana=3600
    )
    if intentos:
        return render(request, "portal/limite.html", {"minutos": 60}, status=429)
    form = MesaVirtualForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        datos = {k: v for k, v in form.cleaned_data.items() if k not in ("declaracion", "sitio_web", "marca")}
        try:
            documento = presentar_documento_virtual(**datos)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            limites.contar(request, "presentacion", ventana=3600)
            request.session[CLAVE_PRESENTADO] = documento.codigo_seguimiento
            return redirect("portal:mesa-virtual-recibido")
    return render(request, "portal/mesa_virtual.html", {"form": form})


@require_GET
def mesa_virtual_recibido(request):
    codigo = request.session.get(CLAVE_PRESENTADO)
    documento = documento_por_codigo(codigo) if codigo else None
    if documento is None:
        return redirect("portal:mesa-virtual")
    recibido = timezone.localdate(documento.recibido_en)
    contexto = {
        "documento": documento,
        "recibido": recibido,
        "dia_inhabil": documento.fecha_computo is not None and documento.fecha_computo != recibido,
        "url_cargo": _url_cargo(documento),
    }
    return render(request, "portal/mesa_virtual_recibido.html", contexto)


def _url_cargo(documento) -> str:
    return reverse("portal:cargo", kwargs={"codigo": documento.codigo_seguimiento})


@require_GET
def cargo(request, codigo: str):
    if respuesta := _consulta_limitada(request):
        return respuesta
    documento = documento_para_cargo(codigo)
    if documento is None:
        return render(request, "portal/no_encontrado.html", {"codigo": codigo[:30]}, status=404)
    respuesta = HttpResponse(
        cargo_pdf(documento, publico=True, request=request), content_type="application/pdf"
    )
    respuesta["Content-Disposition"] = f'inline; filename="cargo-{documento.codigo_seguimiento}.pdf"'
    return respuesta
