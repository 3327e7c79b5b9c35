from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from core.forms._base import FormularioBootstrap
from core.services import perfiles


class ReglaLocalForm(FormularioBootstrap, forms.Form):
    clave = forms.ChoiceField(label="Regla")
    valor = forms.CharField(
        label="Valor local",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Del mismo tipo que el del perfil: un número, «sí»/«no», un texto, o una lista en JSON. "
        "Los formatos de numeración usan {numero}, {anio}, {sigla} y {unidad}.",
    )
    vigente_desde = forms.DateField(
        label="Vigente desde", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    vigente_hasta = forms.DateField(
        label="Vigente hasta",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Opcional: el último día en que rige. Vacío: hasta que se fije otra o se quite.",
    )
    fuente = forms.CharField(
        label="Norma local que lo dispone",
        max_length=300,
        help_text="P. ej. «Reglamento Interno del Concejo, art. 12».",
    )

    def __init__(self, *args, claves: dict, **kwargs):
        """`claves`: clave → valor de referencia (`perfiles.claves_sustituibles`)."""
        self.claves = claves
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["clave"]).choices = [("", "— elija —")] + [(c, c) for c in claves]

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data  # lo que devuelve Form.clean()
        clave, texto = datos.get("clave"), datos.get("valor")
        if clave and texto is not None:
            ejemplo = self.claves[clave]
            try:
                datos["valor"] = perfiles.interpretar_valor(texto, ejemplo)
            except ValidationError as e:
                self.add_error("valor", e)
        return datos
