from django import forms

from core.forms._base import FormularioBootstrap
from core.models import DiaCalendario


class DiaCalendarioForm(FormularioBootstrap, forms.Form):
    fecha = forms.DateField(label="Fecha", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    tipo = forms.ChoiceField(label="Tipo", choices=DiaCalendario.Tipo.choices)
    descripcion = forms.CharField(
        label="Descripción", max_length=200, help_text="P. ej. «Aniversario del distrito»."
    )
    norma = forms.CharField(
        label="Norma que lo dispone",
        max_length=200,
        required=False,
        help_text="P. ej. «Ordenanza 012-2026-MDVE».",
    )
