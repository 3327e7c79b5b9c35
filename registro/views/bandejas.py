from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core import roles
from registro.forms.flujo import DerivarLoteForm, FiltroBandejaForm
from registro.permissions import documentos_visibles
from registro.selectors.bandejas import (
    PESTANAS,
    RELACIONES_PAGINA,
    Filtros,
    contadores,
    filas,
    lineas_de_unidad,
    lineas_de_usuario,
)
from registro.services.flujo import derivar_en_lote

POR_PAGINA = 50


def con_unidad(vista):
    """Las bandejas y la hoja de ruta son del personal de una unidad (o de quien ve todo el registro)."""

    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        if not (request.user.unidad_id or request.user.has_perm(roles.VER_TODO_REGISTRO)):
            raise PermissionDenied("Solo el personal de una unidad tramita documentos.")
        return vista(request, *args, **kwargs)

    return envuelta


class _Paginador(Paginator):
    """Un Paginator que acepta el total ya contado (los contadores de las pestañas), sin otro COUNT."""

    def __init__(self, object_list, per_page, *, total: int | None = None):
        super().__init__(object_list, per_page)
        if total is not None:
            self.__dict__["count"] = total  # `count` es un cached_property de Paginator


def _pagina(qs, request, *, total: int | None = None):
    return _Paginador(qs, POR_PAGINA, total=total).get_page(request.GET.get("pagina"))


@login_required
@con_unidad
@require_GET
def bandeja(request):
    filtro = FiltroBandejaForm(request.GET or None)
    pestana = filtro.pestana()
    unidad_id, filtros = request.user.unidad_id, filtro.filtros()
    cuentas = contadores(unidad_id)
    total = cuentas.get(pestana) if filtros == Filtros() else None
    lineas = lineas_de_unidad(unidad_id, pestana, filtros, relaciones=RELACIONES_PAGINA)
    pagina = _pagina(lineas, request, total=total)
    contexto = {
        "filtro": filtro,
        "pestana": pestana,
        "pestanas": PESTANAS,
        "pagina": pagina,
        "filas": filas(pagina),
        "contadores": cuentas,
        "lote": DerivarLoteForm(),
        "personal": False,
        "consulta": request.GET.urlencode(),
    }
    plantilla = "registro/bandeja.html#tabla" if request.htmx else "registro/bandeja.html"
    return render(request, plantilla, contexto)


@login_required
@con_unidad
@require_GET
def bandeja_personal(request):
    filtro = FiltroBandejaForm(request.GET or None)
    pagina = _pagina(
        lineas_de_usuario(request.user.pk, filtro.filtros(), relaciones=RELACIONES_PAGINA), request
    )
    contexto = {
        "filtro": filtro,
        "pestana": "",
        "pestanas": {},
        "pagina": pagina,
        "filas": filas(pagina),
        "personal": True,
        "consulta": request.GET.urlencode(),
    }
    plantilla = "registro/bandeja.html#tabla" if request.htmx else "registro/bandeja.html"
    return render(request, plantilla, contexto)


@login_required
@con_unidad
@require_POST
def bandeja_derivar(request):
    form = DerivarLoteForm(request.POST)
    if not form.is_valid():
        errores = [m for mensajes in form.errors.values() for m in mensajes]
        messages.error(request, "No se derivó nada: " + " ".join(errores))
        return redirect("registro:bandeja")
    d = form.cleaned_data
    documentos = list(documentos_visibles(request.user).filter(pk__in=d["documentos"]).order_by("id"))
    if len(documentos) != len(set(d["documentos"])):
        messages.error(
            request, "No se derivó nada: uno de los documentos seleccionados no existe o no es de su unidad."
        )
        return redirect("registro:bandeja")
    try:
        lineas = derivar_en_lote(
            documentos=documentos,
            a_unidad=d["a_unidad"],
            por=request.user,
            instrucciones=d["instrucciones"],
            plazo_dias=d["plazo_dias"],
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            f"Se derivaron {len(lineas)} documento{'s' if len(lineas) != 1 else ''} a {d['a_unidad'].sigla}.",
        )
    return redirect("registro:bandeja")
