"""El formulario de la búsqueda global: lo usan la página /buscar/ y la API /api/v1/buscar/."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from core.busqueda.proveedores import (
    MAXIMO_CONSULTA,
    MAXIMO_POR_PAGINA,
    MENSAJE_CORTA,
    Consulta,
    armar_consulta,
    proveedores,
)
from core.forms._base import FormularioBootstrap
from core.models import UnidadOrganica


class BusquedaForm(FormularioBootstrap, forms.Form):
    q = forms.CharField(
        label="Palabras a buscar",
        required=False,
        strip=True,
        # Sin max_length: el tope lo dice `armar_consulta` con su mensaje propio.
    )
    tipo = forms.ChoiceField(label="Tipo", required=False)
    unidad = forms.ModelChoiceField(
        label="Unidad",
        queryset=UnidadOrganica.objects.filter(activa=True).order_by("orden", "nombre"),
        required=False,
        empty_label="Todas las unidades",
        error_messages={"invalid_choice": "Elija una unidad de la lista."},
    )
    desde = forms.DateField(
        label="Desde",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Escriba la fecha como AAAA-MM-DD."},
    )
    hasta = forms.DateField(
        label="Hasta",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Escriba la fecha como AAAA-MM-DD."},
    )
    pagina = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=1000,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "La página debe ser un número.",
            "min_value": "La página empieza en 1.",
            "max_value": "Página fuera de rango.",
        },
    )
    por_pagina = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAXIMO_POR_PAGINA,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "«por_pagina» debe ser un número.",
            "min_value": "«por_pagina» va de 1 a 50.",
            "max_value": "«por_pagina» va de 1 a 50.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        campo = self.fields["tipo"]
        if isinstance(campo, forms.ChoiceField):
            campo.choices = [("", "Todos los tipos"), *((p.tipo, p.etiqueta) for p in proveedores())]
            campo.error_messages["invalid_choice"] = "Tipo desconocido: %(value)s."
        self.fields["q"].widget.attrs.update(
            {
                "type": "search",
                "maxlength": MAXIMO_CONSULTA,
                "placeholder": "Por ejemplo: licencia de funcionamiento",
            }
        )
        if not (self.data or {}).get("q"):
            # La página vacía (el ícono de la cabecera lleva aquí): se escribe enseguida.
            self.fields["q"].widget.attrs["autofocus"] = True
        self.consulta: Consulta | None = None

    def clean(self) -> dict[str, Any]:
        datos = super().clean() or {}
        if self.errors or not datos.get("q"):
            return datos
        try:
            unidad = datos.get("unidad")
            self.consulta = armar_consulta(
                datos["q"],
                unidad=unidad.pk if unidad else None,
                desde=datos.get("desde"),
                hasta=datos.get("hasta"),
            )
        except ValidationError as e:
            for campo, mensajes in e.message_dict.items():
                for mensaje in mensajes:
                    self.add_error(campo, mensaje)
        return datos

    def exigir_q(self) -> None:
        """Para la API: sin `q` es un error, no una página de ayuda."""
        if not self.errors and not self.cleaned_data.get("q"):
            self.add_error("q", MENSAJE_CORTA)
