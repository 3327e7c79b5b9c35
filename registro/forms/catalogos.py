from django import forms

from core.forms._base import FormularioBootstrap
from core.models import UnidadOrganica
from registro.models import Procedimiento, TipoPlazo


class ProcedimientoForm(FormularioBootstrap, forms.Form):
    codigo = forms.CharField(
        label="Código", max_length=30, help_text="Como figura en el TUPA, p. ej. «GDU-01»."
    )
    nombre = forms.CharField(label="Nombre", max_length=300)
    unidad_responsable = forms.ModelChoiceField(
        label="Unidad responsable",
        queryset=UnidadOrganica.objects.order_by("nombre"),
        empty_label="— Elija —",
    )
    plazo_dias = forms.IntegerField(label="Plazo (días)", min_value=0, max_value=3650)
    tipo_plazo = forms.ChoiceField(
        label="Tipo de plazo", choices=TipoPlazo.choices, initial=TipoPlazo.HABILES
    )
    requisitos = forms.CharField(
        label="Requisitos",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Uno por línea.",
    )
    derecho_tramite = forms.DecimalField(
        label="Derecho de trámite", min_value=0, max_digits=10, decimal_places=2, initial=0, required=False
    )
    silencio = forms.ChoiceField(
        label="Silencio administrativo",
        choices=Procedimiento.Silencio.choices,
        initial=Procedimiento.Silencio.NINGUNO,
    )
    activo = forms.BooleanField(label="Activo (se ofrece en la mesa de partes)", required=False, initial=True)

    def __init__(self, *args, procedimiento: Procedimiento | None = None, **kwargs):
        if procedimiento is not None and "initial" not in kwargs:
            kwargs["initial"] = {c: getattr(procedimiento, c) for c in self.base_fields}
        super().__init__(*args, **kwargs)

    def clean_derecho_tramite(self):
        return self.cleaned_data.get("derecho_tramite") or 0


class TipoDocumentalForm(FormularioBootstrap, forms.Form):
    nombre = forms.CharField(label="Nombre", max_length=100)
    interno = forms.BooleanField(
        label="Se produce internamente (memorando, oficio, informe...)", required=False
    )
    codigo_serie = forms.CharField(
        label="Clave de numeración",
        max_length=40,
        required=False,
        help_text="Solo para los internos: la clave del perfil, p. ej. memorando, oficio, informe.",
    )
    activo = forms.BooleanField(label="Activo", required=False, initial=True)

    def __init__(self, *args, tipo=None, **kwargs):
        if tipo is not None and "initial" not in kwargs:
            kwargs["initial"] = {c: getattr(tipo, c) for c in self.base_fields}
        super().__init__(*args, **kwargs)


class BuscarProcedimientoForm(forms.Form):
    q = forms.CharField(label="Buscar por código o nombre", required=False, max_length=100)
