"""Filtros de los informes del registro."""

from __future__ import annotations

from datetime import date

from django import forms

from core.forms._base import FormularioBootstrap
from core.models import UnidadOrganica
from informes.selectors import PERIODOS

# Un informe diario de varios años no se lee ni se imprime: se pide por semana o por mes.
MAX_DIAS_POR_DIA = 92
MAX_DIAS = 366 * 5


class FiltroInformeForm(FormularioBootstrap, forms.Form):
    desde = forms.DateField(label="Desde", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hasta = forms.DateField(label="Hasta", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    periodo = forms.ChoiceField(
        label="Agrupar por", choices=[(k, v[0]) for k, v in PERIODOS.items()], initial="mes"
    )
    unidad = forms.ModelChoiceField(
        label="Unidad",
        queryset=UnidadOrganica.objects.filter(activa=True),
        required=False,
        empty_label="Todas las unidades",
    )

    def __init__(self, *args, ve_todo: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not ve_todo:
            # El jefe de unidad ve solo su unidad: el campo ni se ofrece ni se acepta.
            del self.fields["unidad"]

    @staticmethod
    def iniciales(hoy: date) -> dict:
        return {"desde": date(hoy.year, 1, 1), "hasta": hoy, "periodo": "mes"}

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta:
            if hasta < desde:
                raise forms.ValidationError("La fecha «hasta» no puede ser anterior a «desde».")
            dias = (hasta - desde).days
            if dias > MAX_DIAS:
                raise forms.ValidationError("El periodo no puede pasar de cinco años.")
            if datos.get("periodo") == "dia" and dias > MAX_DIAS_POR_DIA:
                raise forms.ValidationError(
                    f"Por día se pueden pedir hasta {MAX_DIAS_POR_DIA} días; para más, agrupe por semana o por mes."
                )
        return datos
