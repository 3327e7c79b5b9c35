from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core import roles
from core.forms._base import aplicar_error
from core.forms.numeracion import AnularNumeroForm, CerrarAnioForm, SerieForm
from core.parametros import entero
from core.permissions import obtener_numero, obtener_serie
from core.selectors.auditoria import historial_de
from core.selectors.numeracion import numeros_de, series_con_contadores
from core.services import numeracion as servicio

gestiona = permission_required(roles.GESTIONAR_NUMERACION, raise_exception=True)


def _lista(request, form, status=200):
    contexto = {"series": series_con_contadores(), "form": form}
    return render(request, "core/series.html", contexto, status=status)


@login_required
@gestiona
@require_GET
def series(request):
    return _lista(request, SerieForm())


@login_required
@gestiona
@require_POST
def serie_crear(request):
    form = SerieForm(request.POST)
    if form.is_valid():
        try:
            serie = servicio.crear_serie(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se creó la serie «{serie.nombre}».")
            return redirect("core:serie", pk=serie.pk)
    return _lista(request, form)


@login_required
@gestiona
@require_GET
def serie(request, pk: int):
    serie = obtener_serie(request.user, pk)
    contadores = list(serie.contadores.order_by("-anio"))
    por_omision = contadores[0].anio if contadores else timezone.localdate().year
    anio = entero(request.GET.get("anio"), minimo=1, maximo=9999, defecto=por_omision)
    pagina = Paginator(numeros_de(serie, anio), 100).get_page(request.GET.get("pagina"))
    return render(
        request,
        "core/serie.html",
        {
            "serie": serie,
            "contadores": contadores,
            "anio": anio,
            "pagina": pagina,
            "form_cerrar": CerrarAnioForm(initial={"anio": anio}),
            "historial": historial_de(serie)[:50],
        },
    )


def _volver(serie_pk: int, anio: int):
    return redirect(f"{reverse('core:serie', args=[serie_pk])}?anio={anio}")


@login_required
@gestiona
@require_POST
def numero_anular(request, pk: int):
    numero = obtener_numero(request.user, pk)
    form = AnularNumeroForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["motivo"]))
        servicio.anular_numero(numero=numero, motivo=form.cleaned_data["motivo"], por=request.user)
    except ValidationError as e:
        messages.error(request, f"No se anuló el número {numero.texto}: {' '.join(e.messages)}")
    else:
        messages.success(request, f"Se anuló el número {numero.texto}.")
    return _volver(numero.serie_id, numero.anio)


@login_required
@gestiona
@require_POST
def serie_cerrar_anio(request, pk: int):
    serie = obtener_serie(request.user, pk)
    form = CerrarAnioForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([m for errores in form.errors.values() for m in errores])
        servicio.cerrar_anio(serie=serie, anio=form.cleaned_data["anio"], por=request.user)
    except ValidationError as e:
        messages.error(request, f"No se cerró el año: {' '.join(e.messages)}")
        return redirect("core:serie", pk=serie.pk)
    messages.success(request, f"Se cerró el año {form.cleaned_data['anio']} de la serie «{serie.nombre}».")
    return _volver(serie.pk, form.cleaned_data["anio"])
