"""Piezas comunes de los formularios del núcleo: clases de Bootstrap y errores de servicio."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class FormularioBootstrap:
    """Añade las clases de Bootstrap 5 a cada widget y `aria-describedby` para las ayudas."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nombre, campo in self.fields.items():
            widget = campo.widget
            if isinstance(widget, forms.CheckboxInput):
                clase = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                clase = "form-select"
            else:
                clase = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {clase}".strip()
            descritos = []
            if campo.help_text:
                descritos.append(f"id_{nombre}_ayuda")
            if descritos:
                widget.attrs["aria-describedby"] = " ".join(descritos)


def aplicar_error(form: forms.Form, error: ValidationError) -> None:
    """Lleva el ValidationError de un servicio al formulario: a su campo si existe, si no arriba."""
    if hasattr(error, "error_dict"):
        for campo, errores in error.message_dict.items():
            form.add_error(campo if campo in form.fields else None, errores)
    else:
        form.add_error(None, error.messages)


def validar_campo(funcion, valor):
    """Llama un validador de servicio (que nombra su campo) desde `clean_<campo>` de un formulario."""
    try:
        return funcion(valor)
    except ValidationError as e:
        if hasattr(e, "error_dict"):
            raise ValidationError([m for mensajes in e.message_dict.values() for m in mensajes]) from None
        raise
