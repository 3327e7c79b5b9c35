"""Páginas del cuerpo del concejo: periodos, miembros y su estado, comisiones, «el concejo en una fecha» y
la página pública de miembros y comisiones."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from concejo import reglas
from concejo.models import EstadoMiembro, IntegranteComision, Miembro, Organo, Periodo
from concejo.permissions import GESTIONAR_CONCEJO, VER_CONCEJO
from concejo.selectors.cuerpo import (
    estado_en,
    integrantes_de,
    miembros_del_periodo,
    periodo_en,
    reglas_del_concejo,
    situacion_en,
)
from concejo.services import cuerpo
from core.forms._base import FormularioBootstrap, aplicar_error
from core.models import Persona, Usuario
from core.services import perfiles

gestiona = permission_required(GESTIONAR_CONCEJO, raise_exception=True)
ve = permission_required(VER_CONCEJO, raise_exception=True)
FECHA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- Formularios ----------------------------------------------------------------------------------


class PeriodoForm(FormularioBootstrap, forms.Form):
    nombre = forms.CharField(label="Nombre", max_length=100, help_text="Por ejemplo «2023-2026».")
    inicio = forms.DateField(label="Inicio", widget=FECHA)
    fin = forms.DateField(label="Fin", widget=FECHA)
    numero_legal = forms.IntegerField(
        label="Número legal",
        min_value=1,
        max_value=200,
        help_text="Miembros que manda la ley, el alcalde incluido si la ley lo cuenta (en Colombia no).",
    )


class MiembroForm(FormularioBootstrap, forms.Form):
    rol = forms.ChoiceField(label="Rol", choices=Miembro.Rol.choices, initial=Miembro.Rol.MIEMBRO)
    partido = forms.CharField(label="Partido u organización política", max_length=200, required=False)
    suplente_de = forms.ModelChoiceField(
        label="Suplente de",
        queryset=Miembro.objects.none(),
        required=False,
        help_text="Solo si es suplente (accesitario / alterno) de un titular.",
        error_messages={"invalid_choice": "Ese titular no existe."},
    )
    desde = forms.DateField(
        label="Desde", widget=FECHA, required=False, help_text="Vacío: desde el inicio del periodo."
    )
    hasta = forms.DateField(label="Hasta", widget=FECHA, required=False)
    orden = forms.IntegerField(
        label="Orden de precedencia", min_value=0, max_value=999, required=False, initial=0
    )
    correo = forms.EmailField(label="Correo para citaciones", required=False)
    usuario = forms.ModelChoiceField(
        label="Usuario vinculado",
        queryset=Usuario.objects.filter(is_active=True),
        required=False,
        help_text="Para que vea sus citaciones y su calendario.",
        error_messages={"invalid_choice": "Ese usuario no existe."},
    )

    def __init__(self, *args, periodo: Periodo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suplente_de"].queryset = periodo.miembros.filter(
            suplente_de__isnull=True
        ).select_related("persona")

    def datos(self) -> dict:
        d = dict(self.cleaned_data)
        d["orden"] = d.get("orden") or 0
        d["correo"] = d.get("correo") or ""
        if d.get("desde") is None:  # vacío: el inicio del periodo al crear, sin cambio al editar
            d.pop("desde", None)
        return d


class NuevoMiembroForm(MiembroForm):
    tipo_documento = forms.ChoiceField(label="Tipo de documento", choices=Persona.TipoDocumento.choices)
    numero_documento = forms.CharField(
        label="Número de documento",
        max_length=30,
        help_text="Si la persona ya está registrada se usa la existente.",
    )
    nombres = forms.CharField(label="Nombres", max_length=150, required=False)
    apellidos = forms.CharField(label="Apellidos", max_length=150, required=False)
    field_order = ["tipo_documento", "numero_documento", "nombres", "apellidos"]


class EstadoForm(FormularioBootstrap, forms.Form):
    estado = forms.ChoiceField(label="Nuevo estado", choices=EstadoMiembro.Estado.choices)
    desde = forms.DateField(label="Desde", widget=FECHA)
    hasta = forms.DateField(
        label="Hasta", widget=FECHA, required=False, help_text="Vacío: hasta nuevo aviso."
    )
    documento = forms.CharField(label="Documento que lo dispone", max_length=200, required=False)
    motivo = forms.CharField(label="Motivo", max_length=300, required=False)


class ComisionForm(FormularioBootstrap, forms.Form):
    tipo = forms.ChoiceField(
        label="Tipo", choices=[c for c in Organo.Tipo.choices if c[0] != Organo.Tipo.PLENO]
    )
    nombre = forms.CharField(label="Nombre", max_length=200)
    sigla = forms.CharField(label="Sigla", max_length=20, required=False)


class IntegranteForm(FormularioBootstrap, forms.Form):
    miembro = forms.ModelChoiceField(
        label="Miembro",
        queryset=Miembro.objects.none(),
        error_messages={"invalid_choice": "Elija un miembro del periodo."},
    )
    funcion = forms.ChoiceField(
        label="Función",
        choices=IntegranteComision.Funcion.choices,
        initial=IntegranteComision.Funcion.MIEMBRO,
    )
    desde = forms.DateField(
        label="Desde", widget=FECHA, required=False, help_text="Vacío: inicio del periodo."
    )
    hasta = forms.DateField(label="Hasta", widget=FECHA, required=False)

    def __init__(self, *args, periodo: Periodo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["miembro"].queryset = periodo.miembros.select_related("persona")


class TerminarForm(forms.Form):
    hasta = forms.DateField(label="Deja la comisión el", widget=FECHA)


class FechaForm(forms.Form):
    fecha = forms.DateField(label="Fecha", widget=FECHA, required=False)


# --- Periodos -------------------------------------------------------------------------------------


def _periodo(pk) -> Periodo:
    return get_object_or_404(Periodo, pk=pk)


def _miembro(pk) -> Miembro:
    return get_object_or_404(
        Miembro.objects.select_related("periodo", "persona", "suplente_de__persona", "usuario"), pk=pk
    )


def _comision(pk) -> Organo:
    return get_object_or_404(Organo.objects.select_related("periodo").exclude(tipo=Organo.Tipo.PLENO), pk=pk)


@login_required
@gestiona
@require_GET
def periodos(request):
    lista = Periodo.objects.all()
    return render(request, "concejo/cuerpo/periodos.html", {"periodos": lista, "vigente": periodo_en()})


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def periodo_crear(request):
    form = PeriodoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            p = cuerpo.crear_periodo(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se creó el periodo {p}.")
            return redirect("concejo:periodo", pk=p.pk)
    return render(
        request,
        "concejo/cuerpo/formulario.html",
        {"form": form, "titulo": "Nuevo periodo", "volver": "concejo:periodos"},
    )


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def periodo_editar(request, pk: int):
    p = _periodo(pk)
    form = PeriodoForm(request.POST or None, initial={c: getattr(p, c) for c in PeriodoForm.base_fields})
    if request.method == "POST" and form.is_valid():
        try:
            cuerpo.actualizar_periodo(periodo=p, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios del periodo.")
            return redirect("concejo:periodo", pk=p.pk)
    return render(
        request,
        "concejo/cuerpo/formulario.html",
        {"form": form, "titulo": f"Editar periodo {p}", "volver": "concejo:periodos"},
    )


@login_required
@gestiona
@require_GET
def periodo(request, pk: int):
    p = _periodo(pk)
    hoy = timezone.localdate()
    fecha = min(max(hoy, p.inicio), p.fin)
    situacion = situacion_en(p, fecha)
    miembros = miembros_del_periodo(p)
    filas = [{"miembro": m, "estado": estado_en(m, fecha)} for m in miembros]
    comisiones = p.organos.exclude(tipo=Organo.Tipo.PLENO).order_by("tipo", "nombre")
    return render(
        request,
        "concejo/cuerpo/periodo.html",
        {
            "periodo": p,
            "fecha": fecha,
            "situacion": situacion,
            "filas": filas,
            "comisiones": comisiones,
            "estados": dict(EstadoMiembro.Estado.choices),
        },
    )


# --- Miembros -------------------------------------------------------------------------------------


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def miembro_crear(request, pk: int):
    p = _periodo(pk)
    form = NuevoMiembroForm(request.POST or None, periodo=p)
    if request.method == "POST" and form.is_valid():
        try:
            m = cuerpo.agregar_miembro_por_documento(periodo=p, por=request.user, **form.datos())
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se añadió a {m.persona} al concejo.")
            return redirect("concejo:periodo", pk=p.pk)
    return render(
        request,
        "concejo/cuerpo/formulario.html",
        {
            "form": form,
            "titulo": f"Nuevo miembro del periodo {p}",
            "volver": "concejo:periodo",
            "volver_pk": p.pk,
        },
    )


@login_required
@gestiona
@require_GET
def miembro(request, pk: int):
    m = _miembro(pk)
    hoy = timezone.localdate()
    return render(
        request,
        "concejo/cuerpo/miembro.html",
        {
            "miembro": m,
            "estado_hoy": estado_en(m, hoy),
            "estados": m.estados.all(),
            "suplentes": m.suplentes.select_related("persona"),
            "comisiones": m.comisiones.select_related("organo"),
            "form": EstadoForm(initial={"desde": hoy}),
            "etiquetas": dict(EstadoMiembro.Estado.choices),
        },
    )


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def miembro_editar(request, pk: int):
    m = _miembro(pk)
    form = MiembroForm(
        request.POST or None, periodo=m.periodo, initial={c: getattr(m, c) for c in cuerpo.CAMPOS_MIEMBRO}
    )
    if request.method == "POST" and form.is_valid():
        try:
            cuerpo.actualizar_miembro(miembro=m, por=request.user, **form.datos())
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios del miembro.")
            return redirect("concejo:miembro", pk=m.pk)
    return render(
        request,
        "concejo/cuerpo/formulario.html",
        {"form": form, "titulo": f"Editar a {m.persona}", "volver": "concejo:miembro", "volver_pk": m.pk},
    )


@login_required
@gestiona
@require_POST
def miembro_estado(request, pk: int):
    m = _miembro(pk)
    form = EstadoForm(request.POST)
    if form.is_valid():
        try:
            cuerpo.registrar_estado(miembro=m, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se registró el cambio de estado.")
            return redirect("concejo:miembro", pk=m.pk)
    return render(
        request,
        "concejo/cuerpo/miembro.html",
        {
            "miembro": m,
            "estado_hoy": estado_en(m, timezone.localdate()),
            "estados": m.estados.all(),
            "suplentes": m.suplentes.select_related("persona"),
            "comisiones": m.comisiones.select_related("organo"),
            "form": form,
            "etiquetas": dict(EstadoMiembro.Estado.choices),
        },
        status=400,
    )


# --- Comisiones -----------------------------------------------------------------------------------


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def comision_crear(request, pk: int):
    p = _periodo(pk)
    form = ComisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            c = cuerpo.crear_comision(periodo=p, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se creó la comisión {c}.")
            return redirect("concejo:comision", pk=c.pk)
    return render(
        request,
        "concejo/cuerpo/formulario.html",
        {
            "form": form,
            "titulo": f"Nueva comisión del periodo {p}",
            "volver": "concejo:periodo",
            "volver_pk": p.pk,
        },
    )


def _pagina_comision(request, c: Organo, form: IntegranteForm, status: int = 200):
    integrantes = c.integrantes.select_related("miembro__persona").order_by(
        "-hasta", "funcion", "miembro__orden"
    )
    vigentes = {i.pk for i in integrantes_de(c, timezone.localdate())}
    return render(
        request,
        "concejo/cuerpo/comision.html",
        {"comision": c, "integrantes": integrantes, "vigentes": vigentes, "form": form},
        status=status,
    )


@login_required
@gestiona
@require_GET
def comision(request, pk: int):
    c = _comision(pk)
    return _pagina_comision(request, c, IntegranteForm(periodo=c.periodo))


@login_required
@gestiona
@require_POST
def comision_integrante(request, pk: int):
    c = _comision(pk)
    form = IntegranteForm(request.POST, periodo=c.periodo)
    if form.is_valid():
        try:
            cuerpo.agregar_integrante(comision=c, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se incorporó el integrante.")
            return redirect("concejo:comision", pk=c.pk)
    return _pagina_comision(request, c, form, status=400)


@login_required
@gestiona
@require_POST
def integrante_terminar(request, pk: int):
    integrante = get_object_or_404(IntegranteComision.objects.select_related("organo"), pk=pk)
    form = TerminarForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"hasta": "Indique una fecha válida."})
        cuerpo.terminar_integrante(integrante=integrante, hasta=form.cleaned_data["hasta"], por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Se registró la salida del integrante.")
    return redirect("concejo:comision", pk=integrante.organo_id)


# --- El concejo en una fecha ----------------------------------------------------------------------


@login_required
@ve
@require_GET
def concejo_hoy(request):
    form = FechaForm(request.GET or None)
    fecha = (form.cleaned_data["fecha"] if form.is_valid() else None) or timezone.localdate()
    p = periodo_en(fecha)
    contexto = {"form": form, "fecha": fecha, "periodo": p, "estados": dict(EstadoMiembro.Estado.choices)}
    if p is not None:
        situacion = situacion_en(p, fecha)
        regla = reglas_del_concejo(fecha)
        contexto.update(
            situacion=situacion,
            reglas=regla,
            quorum=reglas.quorum(
                regla=regla.quorum,
                numero_legal=situacion.numero_legal,
                habiles=situacion.numero_habiles,
                presentes=situacion.numero_habiles,
            ),
            mayoria=reglas.MAYORIAS.get(regla.mayoria, regla.mayoria),
            especiales=[
                {**e, "nombre": reglas.MAYORIAS.get(e["codigo"], e["codigo"])}
                for e in regla.mayorias_especiales
            ],
        )
    return render(request, "concejo/cuerpo/hoy.html", contexto)


# --- Página pública -------------------------------------------------------------------------------


@require_GET
def publico_miembros(request):
    hoy = timezone.localdate()
    p = periodo_en(hoy)
    contexto = {"periodo": p, "fecha": hoy}
    if p is not None:
        situacion = situacion_en(p, hoy)
        comisiones = [
            {"organo": c, "integrantes": integrantes_de(c, hoy)}
            for c in p.organos.filter(activo=True).exclude(tipo=Organo.Tipo.PLENO).order_by("tipo", "nombre")
        ]
        try:
            vocabulario = {
                "concejo": perfiles.valor("vocabulario.concejo", fecha=hoy),
                "miembros": perfiles.valor("vocabulario.miembros", fecha=hoy),
            }
        except perfiles.ErrorPerfil:
            vocabulario = {"concejo": "Concejo Municipal", "miembros": "miembros"}
        contexto.update(
            situacion=situacion,
            comisiones=comisiones,
            vocabulario=vocabulario,
            etiquetas=dict(EstadoMiembro.Estado.choices),
        )
    return render(request, "concejo/cuerpo/publico.html", contexto)
