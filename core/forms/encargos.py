from django import forms

from core.forms._base import FormularioBootstrap
from core.models import Cargo, Usuario


class EncargoForm(FormularioBootstrap, forms.Form):
    titular = forms.ModelChoiceField(label="Titular (por quien se actúa)", queryset=Usuario.objects.none())
    encargado = forms.ModelChoiceField(label="Encargado (quien actúa)", queryset=Usuario.objects.none())
    cargo = forms.ModelChoiceField(label="Cargo encargado", queryset=Cargo.objects.none(), required=False)
    desde = forms.DateField(label="Desde", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hasta = forms.DateField(
        label="Hasta (inclusive)", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    documento = forms.CharField(
        label="Documento que lo dispone",
        max_length=200,
        required=False,
        help_text="P. ej. Resolución de Alcaldía Nº 045-2026-MDVE.",
    )
    motivo = forms.CharField(label="Motivo", max_length=300, required=False, help_text="P. ej. vacaciones.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        activos = Usuario.objects.filter(is_active=True, is_superuser=False).order_by(
            "last_name", "first_name"
        )
        self.fields["titular"].queryset = activos
        self.fields["encargado"].queryset = activos
        self.fields["cargo"].queryset = Cargo.objects.filter(activo=True).select_related("unidad")
        self.fields["cargo"].label_from_instance = lambda c: f"{c.nombre} — {c.unidad.sigla}"
        for campo in ("titular", "encargado"):
            self.fields[campo].label_from_instance = lambda u: (
                f"{u.get_full_name() or u.username} ({u.username})"
            )
