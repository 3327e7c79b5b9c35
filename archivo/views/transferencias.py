"""Páginas de las transferencias: lo que hay que transferir este año, prepararlas, su inventario (XLSX y PDF)
y la revisión fila por fila del archivo que recibe. Delgadas: los servicios validan, guardan y auditan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from archivo import permissions as acceso
from archivo.forms import RevisarItemForm, TransferirForm
from archivo.models import ItemTransferencia
from archivo.selectors.perfil import nombre_de_etapa
from archivo.selectors.transferencias import anio_pedido, candidatos, inventario, por_transferir
from archivo.services.transferencias import (
    inventario_pdf,
    inventario_xlsx,
    preparar_transferencia,
    revisar_item,
)

ve = permission_required(acceso.VER, raise_exception=True)


def _anio(request) -> int:
    return anio_pedido(request.GET.get("anio"))


@login_required
@ve
@require_GET
def transferencias(request):
    lista = (
        acceso.transferencias_visibles(request.user)
        .select_related("unidad")
        .annotate(n_items=Count("items"))
        .order_by("-anio", "-correlativo")[:200]
    )
    filas = [(t, nombre_de_etapa(t.etapa_origen), nombre_de_etapa(t.etapa_destino), t.n_items) for t in lista]
    return render(request, "archivo/transferencias.html", {"filas": filas})


@login_required
@ve
@require_http_methods(["GET", "POST"])
def por_hacer(request):
    anio = _anio(request)
    form = TransferirForm(request.POST or None, candidatos=candidatos(request.user))
    if request.method == "POST":
        if not acceso.puede_abrir(request.user):
            raise PermissionDenied
        if form.is_valid():
            datos = form.cleaned_data
            if not acceso.puede_abrir(request.user, datos["unidad"]):
                raise PermissionDenied
            try:
                t = preparar_transferencia(
                    unidad=datos["unidad"],
                    expedientes=list(datos["expedientes"]),
                    frecuencia_consulta=datos["frecuencia_consulta"] or ItemTransferencia.Frecuencia.BAJA,
                    notas=datos["notas"],
                    por=request.user,
                )
            except ValidationError as e:
                messages.error(request, " ".join(e.messages))
            else:
                messages.success(request, f"Se envió la transferencia {t.numero} al archivo.")
                return redirect("archivo:transferencia", pk=t.pk)
        else:
            messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    contexto = {
        "anio": anio,
        "propuestas": por_transferir(request.user, anio),
        "puede": acceso.puede_abrir(request.user),
        "frecuencias": ItemTransferencia.Frecuencia.choices,
    }
    return render(request, "archivo/por_transferir.html", contexto, status=400 if form.errors else 200)


@login_required
@ve
@require_GET
def transferencia(request, pk: int):
    t = acceso.obtener_transferencia(request.user, pk)
    contexto = {
        "transferencia": t,
        "origen": nombre_de_etapa(t.etapa_origen),
        "destino": nombre_de_etapa(t.etapa_destino),
        "filas": inventario(t),
        "revisa": acceso.recibe_transferencias(request.user),
        "form": RevisarItemForm(),
    }
    return render(request, "archivo/transferencia.html", contexto)


@login_required
@ve
@require_POST
def transferencia_revisar(request, pk: int, item: int):
    t = acceso.obtener_transferencia(request.user, pk)
    if not acceso.recibe_transferencias(request.user):
        raise PermissionDenied
    fila = t.items.filter(pk=item).first()
    if fila is None:
        raise Http404
    form = RevisarItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
        return redirect("archivo:transferencia", pk=t.pk)
    try:
        revisar_item(item=fila, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, f"N.º {fila.orden}: " + " ".join(e.messages))
    else:
        messages.success(request, f"N.º {fila.orden} ({fila.expediente.codigo}): revisado.")
    return redirect("archivo:transferencia", pk=t.pk)


@login_required
@ve
@require_GET
def transferencia_xlsx(request, pk: int):
    t = acceso.obtener_transferencia(request.user, pk)
    respuesta = HttpResponse(
        inventario_xlsx(t), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    respuesta["Content-Disposition"] = f'attachment; filename="inventario-{t.numero}.xlsx"'
    return respuesta


@login_required
@ve
@require_GET
def transferencia_pdf(request, pk: int):
    t = acceso.obtener_transferencia(request.user, pk)
    respuesta = HttpResponse(inventario_pdf(t), content_type="application/pdf")
    respuesta["Content-Disposition"] = f'inline; filename="inventario-{t.numero}.pdf"'
    return respuesta
