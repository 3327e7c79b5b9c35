"""Campo y formulario de archivos: la validación por contenido de core.services.archivos en un form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from core.services.archivos import nombre_tipo, validar_archivo


class CampoArchivo(forms.FileField):
    """FileField que valida tamaño, tipo por contenido e integridad antes de que la vista guarde nada.

    Uso: `adjunto = CampoArchivo(tipos_permitidos=["application/pdf"])`; la vista llama luego
    `guardar_archivo(archivo=form.cleaned_data["adjunto"], por=request.user, ...)` con los mismos límites.
    """

    def __init__(
        self, *args, tipos_permitidos: list[str] | None = None, tamano_maximo: int | None = None, **kwargs
    ):
        self.tipos_permitidos = tipos_permitidos
        self.tamano_maximo = tamano_maximo
        kwargs.setdefault("error_messages", {}).setdefault("required", "Seleccione un archivo.")
        super().__init__(*args, **kwargs)
        if not self.help_text:
            tipos = self.tipos_permitidos or settings.ARCHIVO_TIPOS_PERMITIDOS
            maximo = self.tamano_maximo or settings.ARCHIVO_TAMANO_MAXIMO
            self.help_text = (
                f"Tipos admitidos: {', '.join(nombre_tipo(t) for t in tipos)}. "
                f"Tamaño máximo: {filesizeformat(maximo)}."
            )

    def clean(self, data, initial=None):
        archivo = super().clean(data, initial)
        if archivo and archivo is not initial:
            try:
                validar_archivo(
                    archivo, tipos_permitidos=self.tipos_permitidos, tamano_maximo=self.tamano_maximo
                )
            except ValidationError as e:
                raise ValidationError(e.messages) from e
        return archivo


class FormularioArchivo(forms.Form):
    archivo = CampoArchivo(label="Archivo")
