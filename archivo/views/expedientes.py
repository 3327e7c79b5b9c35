from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from archivo import permissions as acceso
from archivo.forms import ArchivarForm, ExpedienteForm, PrestamoForm, UbicacionForm
from archivo.selectors.expedientes import acto_por_referencia, documento_por_referencia, lista_de_expedientes
from archivo.selectors.perfil import etapas
from archivo.services.expedientes import (
    EDITABLES,
    abrir_expediente,
    actualizar_expediente,
    archivar,
    cerrar_expediente,
)
from core.forms._base import aplicar_error

ve = permission_required(acceso.VER, raise_exception=True)


@login_required
@ve
@require_http_methods(["GET", "POST"])
def expedientes(request):
    puede = acceso.puede_abrir(request.user)
    form = ExpedienteForm(request.POST or None, initial={"unidad": request.user.unidad_id})
    if request.method == "POST":
        if not puede:
            raise PermissionDenied
        if form.is_valid():
            if not acceso.puede_abrir(request.user, form.cleaned_data["unidad"]):
                form.add_error("unidad", "Solo puede abrir expedientes de su unidad.")
            else:
                try:
                    exp = abrir_expediente(por=request.user, **form.cleaned_data)
                except ValidationError as e:
                    aplicar_error(form, e)
                else:
                    messages.success(request, f"Se abrió el expediente {exp.codigo}.")
                    return redirect("archivo:expediente", pk=exp.pk)
    contexto = {"expedientes": lista_de_expedientes(request.user), "form": form if puede else None}
    return render(request, "archivo/expedientes.html", contexto, status=400 if form.errors else 200)


@login_required
@ve
@require_http_methods(["GET", "POST"])
def expediente(request, pk: int):
    exp = acceso.obtener_expediente(request.user, pk)
    puede = acceso.puede_editar(request.user, exp)
    editable = puede and not exp.cerrado
    # La ubicación y el acceso se cambian aquí mismo (POST); el servicio valida, guarda y audita.
    ubicacion = UbicacionForm(request.POST or None, initial={f: getattr(exp, f) for f in EDITABLES})
    if request.method == "POST":
        if not puede:
            raise PermissionDenied
        if ubicacion.is_valid():
            try:
                actualizar_expediente(expediente=exp, por=request.user, **ubicacion.cleaned_data)
            except ValidationError as e:
                aplicar_error(ubicacion, e)
            else:
                messages.success(request, "Se actualizaron la ubicación y el acceso del expediente.")
                return redirect("archivo:expediente", pk=exp.pk)
    nombres = {e.clave: e.nombre for e in etapas()}
    contexto = {
        "ubicacion": ubicacion if puede else None,
        "expediente": exp,
        "piezas": exp.piezas.select_related("documento", "acto", "archivado_por").order_by("orden"),
        "etapa": nombres.get(exp.etapa, exp.etapa),
        "form": ArchivarForm() if editable else None,
        "puede_cerrar": editable,
        "cambios": [
            {
                "fecha": c.fecha,
                "anterior": nombres.get(c.etapa_anterior, c.etapa_anterior),
                "nueva": nombres.get(c.etapa, c.etapa),
                "transferencia": c.transferencia,
            }
            for c in exp.cambios_de_etapa.select_related("transferencia").order_by("fecha", "pk")
        ],
        "prestamos": acceso.prestamos_visibles(request.user)
        .filter(expediente=exp)
        .select_related("solicitante"),
        "pedir": PrestamoForm(),
        "retencion_legal": exp.retenciones_legales.filter(levantada_en__isnull=True).first(),
        "gestiona_eliminacion": acceso.gestiona_eliminacion(request.user),
    }
    return render(request, "archivo/expediente.html", contexto, status=400 if ubicacion.errors else 200)


def _para_editar(request, pk: int):
    exp = acceso.obtener_expediente(request.user, pk)
    if not acceso.puede_editar(request.user, exp):
        raise PermissionDenied
    return exp


@login_required
@ve
@require_POST
def expediente_archivar(request, pk: int):
    exp = _para_editar(request, pk)
    form = ArchivarForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
        return redirect("archivo:expediente", pk=exp.pk)
    datos = form.cleaned_data
    try:
        documento = documento_por_referencia(request.user, datos["documento"]) if datos["documento"] else None
        acto = acto_por_referencia(request.user, datos["acto"]) if datos["acto"] else None
    except Http404:
        messages.error(request, "No se encontró ese documento o acto entre los que puede ver.")
        return redirect("archivo:expediente", pk=exp.pk)
    try:
        pieza = archivar(
            expediente=exp, documento=documento, acto=acto, paginas=datos.get("paginas"), por=request.user
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Se archivó en los folios {pieza.folio_inicial} a {pieza.folio_final}.")
    return redirect("archivo:expediente", pk=exp.pk)


@login_required
@ve
@require_POST
def expediente_cerrar(request, pk: int):
    exp = _para_editar(request, pk)
    try:
        cerrar_expediente(expediente=exp, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Se cerró el expediente {exp.codigo}: su índice quedó congelado.")
    return redirect("archivo:expediente", pk=exp.pk)
