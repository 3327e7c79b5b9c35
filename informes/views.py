from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core import roles
from informes import exportar
from informes.forms import FiltroInformeForm
from informes.selectors import cumplimiento_plazos, recibidos_y_despachados

ve_informes = permission_required(roles.VER_INFORMES_REGISTRO, raise_exception=True)
FORMATOS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _filtro(request) -> FiltroInformeForm:
    ve_todo = request.user.has_perm(roles.VER_TODO_REGISTRO)
    if not ve_todo and request.user.unidad_id is None:
        raise PermissionDenied("Su usuario no pertenece a ninguna unidad: no hay informe que mostrarle.")
    datos = {**FiltroInformeForm.iniciales(timezone.localdate()), **request.GET.dict()}
    return FiltroInformeForm(datos, ve_todo=ve_todo)


def _calcular(request, form: FiltroInformeForm):
    d = form.cleaned_data
    unidad = d.get("unidad") if "unidad" in form.fields else request.user.unidad
    informe = recibidos_y_despachados(desde=d["desde"], hasta=d["hasta"], unidad=unidad, periodo=d["periodo"])
    cumplimiento = cumplimiento_plazos(desde=d["desde"], hasta=d["hasta"], unidad=unidad)
    return unidad, informe, cumplimiento


@login_required
@ve_informes
@require_GET
def registro(request):
    form = _filtro(request)
    contexto = {"form": form, "consulta": request.GET.urlencode()}
    if form.is_valid():
        contexto["unidad"], contexto["informe"], contexto["cumplimiento"] = _calcular(request, form)
        contexto["grafico"] = exportar.barras(contexto["informe"])
    plantilla = "informes/registro.html#informe" if request.htmx else "informes/registro.html"
    return render(request, plantilla, contexto, status=200 if form.is_valid() else 400)


@login_required
@ve_informes
@require_GET
def registro_exportar(request):
    formato = request.GET.get("formato", "")
    if formato not in FORMATOS:
        return HttpResponseBadRequest(
            "Formato desconocido: use csv, xlsx o pdf.", content_type="text/plain; charset=utf-8"
        )
    form = _filtro(request)
    if not form.is_valid():
        errores = "; ".join(e for lista in form.errors.values() for e in lista)
        return HttpResponseBadRequest(errores, content_type="text/plain; charset=utf-8")
    unidad, informe, cumplimiento = _calcular(request, form)
    if formato == "csv":
        datos = exportar.a_csv(informe, cumplimiento, tabla=request.GET.get("tabla", "recibidos"))
    elif formato == "xlsx":
        datos = exportar.a_xlsx(informe, cumplimiento)
    else:
        datos = exportar.a_pdf(informe, cumplimiento, unidad=unidad)
    respuesta = HttpResponse(datos, content_type=FORMATOS[formato])
    nombre = f"informe-registro-{informe.desde:%Y%m%d}-{informe.hasta:%Y%m%d}.{formato}"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta
