"""Páginas del seguimiento de actos (tareas, avances, tablero) y del protocolo anual."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actos.models import Parte, Protocolo
from actos.permissions import (
    GESTIONAR_SEGUIMIENTO,
    gestiona,
    obtener_acto_con_tareas,
    obtener_protocolo,
    obtener_tarea,
    puede_generar,
    ve_protocolos,
)
from actos.selectors.instrumentos import nombres_por_tipo
from actos.services import protocolo as servicio_protocolo
from actos.services import seguimiento
from core.forms._base import FormularioBootstrap, aplicar_error
from core.models import UnidadOrganica

exige_gestion = permission_required(GESTIONAR_SEGUIMIENTO, raise_exception=True)


# --- Formularios -----------------------------------------------------------------------------------


class TareaForm(FormularioBootstrap, forms.Form):
    descripcion = forms.CharField(
        label="Qué debe hacerse", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    unidad = forms.ModelChoiceField(
        label="Unidad responsable", queryset=UnidadOrganica.objects.filter(activa=True)
    )
    parte = forms.ModelChoiceField(
        label="Artículo que lo ordena",
        queryset=Parte.objects.none(),
        required=False,
        empty_label="Todo el acto",
    )
    vence = forms.DateField(
        label="Vence el",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="O bien indique el plazo en días hábiles.",
    )
    plazo_dias = forms.IntegerField(
        label="Plazo (días hábiles)", required=False, min_value=1, max_value=seguimiento.MAXIMO_PLAZO_DIAS
    )

    def __init__(self, *args, acto=None, **kwargs):
        super().__init__(*args, **kwargs)
        if acto is not None:
            self.fields["parte"].queryset = acto.partes.filter(
                tipo__in=[
                    Parte.Tipo.ARTICULO,
                    Parte.Tipo.TRANSITORIA,
                    Parte.Tipo.COMPLEMENTARIA,
                    Parte.Tipo.FINAL,
                ]
            )


class AvanceForm(FormularioBootstrap, forms.Form):
    texto = forms.CharField(
        label="Informe de avance", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    porcentaje = forms.IntegerField(label="Avance (%)", min_value=0, max_value=100)
    evidencia = forms.FileField(
        label="Evidencia",
        required=False,
        help_text="PDF, imagen o documento; obligatoria para dar la tarea por cumplida.",
    )


class CancelarForm(FormularioBootstrap, forms.Form):
    motivo = forms.CharField(label="Motivo de la cancelación", max_length=2000)


class FiltroTablero(FormularioBootstrap, forms.Form):
    unidad = forms.ModelChoiceField(
        label="Unidad",
        queryset=UnidadOrganica.objects.filter(activa=True),
        required=False,
        empty_label="Todas",
    )
    tipo = forms.ChoiceField(label="Tipo de acto", required=False)
    anio = forms.IntegerField(label="Año del acto", required=False, min_value=1900, max_value=9999)
    q = forms.CharField(label="Texto", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [("", "Todos"), *nombres_por_tipo().items()]


class ProtocoloForm(FormularioBootstrap, forms.Form):
    tipo = forms.ChoiceField(label="Tipo de acto")
    anio = forms.IntegerField(label="Año", min_value=1900, max_value=9999)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = list(nombres_por_tipo().items())


# --- Tablero y tareas ------------------------------------------------------------------------------


@login_required
@require_GET
def tablero(request):
    usuario = request.user
    if not (gestiona(usuario) or usuario.unidad_id):
        raise PermissionDenied("El tablero de seguimiento es de la Secretaría y de las unidades.")
    filtro = FiltroTablero(request.GET or None)
    datos = filtro.cleaned_data if filtro.is_valid() else {}
    unidad = datos.get("unidad") if gestiona(usuario) else None
    resultado = seguimiento.tablero(
        usuario,
        pestana=request.GET.get("pestana", "pendientes"),
        unidad=unidad,
        tipo=datos.get("tipo") or "",
        anio=datos.get("anio"),
        texto=datos.get("q") or "",
    )
    consulta = request.GET.copy()
    consulta.pop("pestana", None)
    return render(
        request,
        "actos/seguimiento/tablero.html",
        {
            "t": resultado,
            "filtro": filtro,
            "pestanas": seguimiento.PESTANAS,
            "ve_todas": gestiona(usuario),
            "consulta": consulta.urlencode(),
            "unidad_propia": usuario.unidad,
        },
    )


@login_required
@exige_gestion
@require_http_methods(["GET", "POST"])
def tarea_crear(request, pk: int):
    acto = obtener_acto_con_tareas(request.user, pk)
    form = TareaForm(request.POST or None, acto=acto)
    if request.method == "POST" and form.is_valid():
        try:
            tarea = seguimiento.crear_tarea(acto=acto, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(
                request, f"Tarea asignada a {tarea.unidad.sigla}; vence el {tarea.vence:%d/%m/%Y}."
            )
            return redirect("actos:tarea", pk=tarea.pk)
    tareas = acto.tareas.select_related("unidad", "parte")
    return render(
        request,
        "actos/seguimiento/tarea_crear.html",
        {"acto": acto, "form": form, "tareas": tareas},
        status=400 if form.errors else 200,
    )


def _detalle(request, tarea, *, form_avance=None, form_cancelar=None, status=200):
    avances = tarea.avances.select_related("por", "evidencia")
    return render(
        request,
        "actos/seguimiento/tarea.html",
        {
            "tarea": tarea,
            "avances": avances,
            "atrasada": seguimiento.atrasada(tarea),
            "abierta": tarea.estado in seguimiento.ABIERTAS,
            "gestiona": gestiona(request.user),
            "form_avance": form_avance or AvanceForm(initial={"porcentaje": tarea.avance}),
            "form_cancelar": form_cancelar or CancelarForm(),
        },
        status=status,
    )


@login_required
@require_GET
def tarea(request, pk: int):
    return _detalle(request, obtener_tarea(request.user, pk))


@login_required
@require_POST
def tarea_avance(request, pk: int):
    tarea = obtener_tarea(request.user, pk)
    form = AvanceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            seguimiento.informar_avance(tarea=tarea, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Avance registrado.")
            return redirect("actos:tarea", pk=tarea.pk)
    return _detalle(request, tarea, form_avance=form, status=400)


@login_required
@exige_gestion
@require_POST
def tarea_cancelar(request, pk: int):
    tarea = obtener_tarea(request.user, pk)
    form = CancelarForm(request.POST)
    if form.is_valid():
        try:
            seguimiento.cancelar_tarea(tarea=tarea, por=request.user, motivo=form.cleaned_data["motivo"])
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Tarea cancelada.")
            return redirect("actos:tarea", pk=tarea.pk)
    return _detalle(request, tarea, form_cancelar=form, status=400)


# --- Protocolo anual -------------------------------------------------------------------------------


@login_required
@require_GET
def protocolos(request):
    if not ve_protocolos(request.user):
        raise PermissionDenied("El protocolo anual es de la Secretaría General.")
    form = ProtocoloForm(initial={"anio": timezone.localdate().year - 1})
    return _lista(request, form)


def _lista(request, form, status=200):
    nombres = nombres_por_tipo()
    filas = list(Protocolo.objects.select_related("pedido_por").order_by("-creado")[:100])
    for p in filas:
        p.nombre_tipo = nombres.get(p.tipo, p.tipo)
    return render(
        request,
        "actos/seguimiento/protocolos.html",
        {
            "form": form,
            "protocolos": filas,
            "puede_generar": puede_generar(request.user),
        },
        status=status,
    )


@login_required
@require_POST
def protocolo_generar(request):
    if not puede_generar(request.user):
        raise PermissionDenied("Solo el Secretario General (o quien lo subroga) genera el protocolo anual.")
    form = ProtocoloForm(request.POST)
    if form.is_valid():
        try:
            protocolo = servicio_protocolo.solicitar_protocolo(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Protocolo en preparación: el avance se ve en esta página.")
            return redirect("actos:protocolo", pk=protocolo.pk)
    return _lista(request, form, status=400)


@login_required
@require_GET
def protocolo(request, pk: int):
    p = obtener_protocolo(request.user, pk)
    p.nombre_tipo = nombres_por_tipo().get(p.tipo, p.tipo)
    plantilla = "actos/seguimiento/protocolo.html"
    if request.htmx:
        plantilla += "#estado"
    return render(
        request,
        plantilla,
        {"p": p, "en_curso": p.estado in (Protocolo.Estado.EN_COLA, Protocolo.Estado.GENERANDO)},
    )


@login_required
@require_GET
def protocolo_pdf(request, pk: int):
    p = obtener_protocolo(request.user, pk)
    if p.archivo_id is None:
        raise Http404
    return FileResponse(
        p.archivo.archivo.open("rb"),
        content_type="application/pdf",
        filename=f"protocolo-{p.tipo}-{p.anio}.pdf",
    )
