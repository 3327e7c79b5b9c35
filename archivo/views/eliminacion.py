"""Páginas de la eliminación documental (propuesta, revisión, aprobación, ejecución con el acta firmada) y de
la retención legal de un expediente. Delgadas: los servicios validan, guardan y auditan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from archivo import permissions as acceso
from archivo.forms import AprobarEliminacionForm, EjecutarEliminacionForm, MotivoForm
from archivo.models import Eliminacion, RetencionLegal
from archivo.selectors.perfil import aprobacion_de_eliminacion
from archivo.services.eliminacion import (
    aprobar_eliminacion,
    ejecutar_eliminacion,
    excluir_item,
    levantar_retencion_legal,
    poner_retencion_legal,
    proponer_eliminacion,
)
from core.views.archivos import respuesta_archivo

gestiona = permission_required(acceso.ELIMINACION, raise_exception=True)


def _errores(request, form) -> None:
    messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def eliminaciones(request):
    if request.method == "POST":
        try:
            e = proponer_eliminacion(por=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Se generó la propuesta {e.numero} con {e.items.count()} expedientes.")
            return redirect("archivo:eliminacion", pk=e.pk)
    lista = Eliminacion.objects.order_by("-anio", "-correlativo")[:200]
    retenidos = RetencionLegal.objects.filter(levantada_en__isnull=True).select_related("expediente")
    return render(
        request,
        "archivo/eliminaciones.html",
        {"eliminaciones": lista, "retenidos": retenidos, "aprobacion": aprobacion_de_eliminacion()},
    )


@login_required
@require_GET
def eliminacion(request, pk: int):
    e = acceso.obtener_eliminacion(request.user, pk)
    contexto = {
        "eliminacion": e,
        "items": e.items.select_related("expediente").order_by("orden"),
        "aprobacion": aprobacion_de_eliminacion(),
        "aprobar": AprobarEliminacionForm(),
        "ejecutar": EjecutarEliminacionForm(),
    }
    return render(request, "archivo/eliminacion.html", contexto)


@login_required
@require_POST
def eliminacion_accion(request, pk: int, accion: str):
    e = acceso.obtener_eliminacion(request.user, pk)
    try:
        if accion == "aprobar":
            form = AprobarEliminacionForm(request.POST)
            if not form.is_valid():
                _errores(request, form)
                return redirect("archivo:eliminacion", pk=e.pk)
            aprobar_eliminacion(eliminacion=e, por=request.user, **form.cleaned_data)
            texto = "Se registró la aprobación."
        elif accion == "ejecutar":
            ejecucion = EjecutarEliminacionForm(request.POST)
            ejecucion.is_valid()
            ejecutar_eliminacion(
                eliminacion=e, metros_lineales=ejecucion.cleaned_data.get("metros_lineales"), por=request.user
            )
            texto = "Se ejecutó la eliminación y se firmó el acta."
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, texto)
    return redirect("archivo:eliminacion", pk=e.pk)


@login_required
@require_POST
def eliminacion_excluir(request, pk: int, item: int):
    e = acceso.obtener_eliminacion(request.user, pk)
    fila = e.items.filter(pk=item).first()
    if fila is None:
        raise Http404
    form = MotivoForm(request.POST)
    form.is_valid()
    try:
        excluir_item(item=fila, motivo=form.cleaned_data.get("motivo", ""), por=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Se excluyó {fila.codigo}.")
    return redirect("archivo:eliminacion", pk=e.pk)


@login_required
@require_GET
def eliminacion_acta(request, pk: int):
    e = acceso.obtener_eliminacion(request.user, pk)
    if e.acta is None:
        raise Http404
    return respuesta_archivo(e.acta, en_linea=True)


@login_required
@require_POST
def retencion_legal(request, pk: int):
    exp = acceso.obtener_expediente(request.user, pk)
    if not acceso.gestiona_eliminacion(request.user):
        raise PermissionDenied
    form = MotivoForm(request.POST)
    form.is_valid()
    motivo = form.cleaned_data.get("motivo", "")
    vigente = exp.retenciones_legales.filter(levantada_en__isnull=True).first()
    try:
        if request.POST.get("levantar") and vigente is not None:
            levantar_retencion_legal(retencion=vigente, motivo=motivo, por=request.user)
            texto = "Se levantó la retención legal."
        else:
            poner_retencion_legal(expediente=exp, motivo=motivo, por=request.user)
            texto = "Se puso la retención legal: el expediente no se eliminará mientras dure."
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, texto)
    return redirect("archivo:expediente", pk=exp.pk)
