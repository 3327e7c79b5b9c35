from typing import cast

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
        # `self.fields` es un dict de `Field`; estos se declaran arriba como ModelChoiceField.
        cargo = cast(forms.ModelChoiceField, self.fields["cargo"])
        cast(forms.ModelChoiceField, self.fields["titular"]).queryset = activos
        cast(forms.ModelChoiceField, self.fields["encargado"]).queryset = activos
        cargo.queryset = Cargo.objects.filter(activo=True).select_related("unidad")
        cargo.label_from_instance = lambda c: f"{c.nombre} — {c.unidad.sigla}"  # type: ignore[method-assign, assignment]  # mypy no admite reemplazar un método en la instancia; Django lo llama igual
        for campo in ("titular", "encargado"):
            cast(forms.ModelChoiceField, self.fields[campo]).label_from_instance = lambda u: (  # type: ignore[method-assign, assignment]  # mypy no admite reemplazar un método en la instancia; Django lo llama igual
                f"{u.get_full_name() or u.username} ({u.username})"
            )
