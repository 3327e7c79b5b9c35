"""Formularios de series de registro, anulación y cierre de año, y el filtro de la auditoría."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.contenttypes.models import ContentType

from core.forms._base import FormularioBootstrap
from core.models import UnidadOrganica, Usuario


class SerieForm(FormularioBootstrap, forms.Form):
    codigo = forms.CharField(
        label="Código",
        max_length=60,
        help_text="Identifica la serie para las áreas, p. ej. registro-entrada u ordenanza "
        "(sin espacios ni tildes).",
        error_messages={"required": "Escriba el código de la serie."},
    )
    nombre = forms.CharField(
        label="Nombre", max_length=200, error_messages={"required": "Escriba el nombre de la serie."}
    )
    formato = forms.CharField(
        label="Formato del número",
        max_length=200,
        help_text="Marcadores: {numero} (obligatorio; {numero:03d} lo rellena con ceros), {anio}, "
        "{sigla} del municipio y {unidad}. "
        "P. ej. «ORDENANZA MUNICIPAL Nº {numero:03d}-{anio}-{sigla}».",
        error_messages={"required": "Escriba el formato del número, p. ej. «Reg. {anio}-{numero:06d}»."},
    )
    unidad = forms.ModelChoiceField(
        label="Unidad",
        required=False,
        queryset=UnidadOrganica.objects.filter(activa=True),
        help_text="Solo si la serie es de una unidad (da el valor de {unidad}).",
    )


class AnularNumeroForm(FormularioBootstrap, forms.Form):
    motivo = forms.CharField(
        label="Motivo de la anulación",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Escriba el motivo de la anulación."},
    )


class CerrarAnioForm(FormularioBootstrap, forms.Form):
    anio = forms.IntegerField(
        label="Año",
        min_value=1900,
        max_value=9999,
        error_messages={"required": "Indique el año que se cierra.", "invalid": "El año debe ser un número."},
    )
    confirmar = forms.BooleanField(
        label="Confirmo el cierre: el año queda sellado y la serie no dará más números en él.",
        error_messages={"required": "Marque la casilla para confirmar el cierre del año."},
    )


class FiltroEventosForm(FormularioBootstrap, forms.Form):
    texto = forms.CharField(
        label="Texto",
        required=False,
        max_length=200,
        help_text="En el objeto, la acción o el nombre de quien actuó.",
    )
    actor = forms.ModelChoiceField(
        label="Quién", required=False, queryset=Usuario.objects.order_by("username")
    )
    accion = forms.CharField(
        label="Acción",
        required=False,
        max_length=100,
        help_text="La acción o su comienzo, p. ej. core.numero.",
    )
    objeto_tipo = forms.ModelChoiceField(
        label="Tipo de objeto", required=False, queryset=ContentType.objects.order_by("app_label", "model")
    )
    desde = forms.DateField(
        label="Desde",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Escriba una fecha válida (AAAA-MM-DD)."},
    )
    hasta = forms.DateField(
        label="Hasta",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Escriba una fecha válida (AAAA-MM-DD)."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        objeto_tipo = cast(forms.ModelChoiceField, self.fields["objeto_tipo"])  # declarado arriba
        objeto_tipo.label_from_instance = lambda ct: f"{ct.app_label} · {ct.name}"  # type: ignore[method-assign, assignment]  # mypy no admite reemplazar un método en la instancia; Django lo llama igual

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data  # lo que devuelve Form.clean()
        if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
            self.add_error("hasta", "«Hasta» no puede ser anterior a «Desde».")
        return datos
