"""Piezas comunes de los formularios del núcleo: clases de Bootstrap y errores de servicio."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class CampoAccesible(forms.BoundField):
    """`aria-describedby` con los ids de la ayuda (`<id>_ayuda`) y, si el campo tiene errores, del error
    (`<id>_error`), los que escriben core/_formulario.html y las plantillas de campo de las áreas. Django
    pone además `aria-invalid="true"` al campo con errores."""

    @property
    def aria_describedby(self):
        if self.field.widget.attrs.get("aria-describedby"):  # el que fije el widget a mano manda
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(f"{self.auto_id}_ayuda")
            if self.errors:
                ids.append(f"{self.auto_id}_error")
        return " ".join(ids)


class FormularioBootstrap:
    """Añade las clases de Bootstrap 5 a cada widget; `aria-describedby` apunta a la ayuda y al error
    (`CampoAccesible`)."""

    bound_field_class: type[forms.BoundField] | None = CampoAccesible
    fields: dict[str, forms.Field]  # el de forms.BaseForm, la otra base de cada formulario

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for campo in self.fields.values():
            widget = campo.widget
            if isinstance(widget, forms.CheckboxInput):
                clase = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                clase = "form-select"
            else:
                clase = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {clase}".strip()


def _atributos(attrs: dict) -> str:
    """Lo que escribe django/forms/widgets/attrs.html: `True` como atributo suelto, `False` se omite."""
    return mark_safe(
        "".join(
            format_html(" {}", nombre) if valor is True else format_html(' {}="{}"', nombre, valor)
            for nombre, valor in attrs.items()
            if valor is not False
        )
    )


class SelectRapido(forms.Select):
    """Un `<select>` que arma sus opciones en Python, con el mismo HTML que select.html y
    select_option.html de Django pero sin renderizar una plantilla por opción: en la bandeja, los
    ~90 procedimientos y unidades de sus dos formularios costaban más que la consulta de la página."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        partes: list[str] = [format_html('<select name="{}"{}>', widget["name"], _atributos(widget["attrs"]))]
        for grupo, opciones, _indice in widget["optgroups"]:
            if grupo:
                partes.append(format_html('\n  <optgroup label="{}">', grupo))
            for opcion in opciones:
                # El salto final es el de select_option.html, que Django deja en la salida.
                partes.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(opcion["value"]),
                        _atributos(opcion["attrs"]),
                        opcion["label"],
                    )
                )
            if grupo:
                partes.append("\n  </optgroup>")
        partes.append("\n</select>")
        return mark_safe("".join(partes))


def aplicar_error(form: forms.BaseForm, error: ValidationError) -> None:
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
