from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from core.forms._base import FormularioBootstrap, validar_campo
from core.models import Persona
from core.services.archivos import validar_archivo
from core.services.personas import validar_documento
from registro.models import Procedimiento


class ConsultaForm(FormularioBootstrap, forms.Form):
    codigo = forms.CharField(
        label="Código de seguimiento",
        max_length=30,
        required=False,
        help_text="Los 12 caracteres impresos en su cargo (debajo del código QR).",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    numero = forms.CharField(
        label="Número de registro",
        max_length=250,
        required=False,
        help_text="Tal como figura en su cargo.",
    )
    numero_documento = forms.CharField(
        label="Número de su documento de identidad",
        max_length=30,
        required=False,
        help_text="El de quien presentó el documento (DNI, RUC, cédula...).",
    )

    def clean(self):
        datos = super().clean()
        if datos.get("codigo"):
            return datos
        if datos.get("numero") and datos.get("numero_documento"):
            return datos
        if datos.get("numero") or datos.get("numero_documento"):
            raise forms.ValidationError(
                "Para consultar por número escriba el número de registro y el número de su documento "
                "de identidad."
            )
        raise forms.ValidationError(
            "Escriba el código de seguimiento, o el número de registro junto con su documento de identidad."
        )


# Mesa de partes virtual -----------------------------------------------------------------------------

SAL_MARCA = "portal.mesa-virtual.marca"
TIPOS_ADJUNTO = ["application/pdf", "image/jpeg", "image/png"]


def tiempo_minimo() -> int:
    return settings.PORTAL_TIEMPO_MINIMO_SEGUNDOS


def max_adjuntos() -> int:
    return settings.PORTAL_MAX_ADJUNTOS


def nueva_marca() -> str:
    """Marca firmada con la hora en que se mostró el formulario (para el tiempo mínimo de llenado)."""
    return signing.dumps(time.time(), salt=SAL_MARCA)


class _VariosArchivos(forms.ClearableFileInput):
    allow_multiple_selected = True


class _CampoArchivos(forms.FileField):
    widget = _VariosArchivos

    def clean(self, datos, inicial=None):
        if not datos:
            return super().clean(None, inicial)  # «obligatorio»
        archivos = datos if isinstance(datos, (list, tuple)) else [datos]
        return [super(_CampoArchivos, self).clean(a, inicial) for a in archivos]


class MesaVirtualForm(FormularioBootstrap, forms.Form):
    tipo = forms.ChoiceField(
        label="Presento como", choices=Persona.Tipo.choices, initial=Persona.Tipo.NATURAL
    )
    tipo_documento = forms.ChoiceField(
        label="Tipo de documento de identidad", choices=Persona.TipoDocumento.choices
    )
    numero_documento = forms.CharField(label="Número de documento de identidad", max_length=30)
    nombres = forms.CharField(
        label="Nombres", max_length=150, required=False, help_text="Obligatorio para persona natural."
    )
    apellidos = forms.CharField(
        label="Apellidos", max_length=150, required=False, help_text="Obligatorio para persona natural."
    )
    razon_social = forms.CharField(
        label="Razón social", max_length=250, required=False, help_text="Obligatoria para persona jurídica."
    )
    correo = forms.EmailField(
        label="Correo electrónico", help_text="Allí le enviaremos su cargo de recepción."
    )
    telefono = forms.CharField(label="Teléfono", max_length=50, required=False)
    procedimiento = forms.ModelChoiceField(
        label="Procedimiento (si inicia uno)",
        queryset=Procedimiento.objects.none(),
        required=False,
        empty_label="— Ninguno: es una solicitud, carta o comunicación —",
    )
    asunto = forms.CharField(label="Asunto", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    folios = forms.IntegerField(label="Número de folios (páginas)", min_value=1, max_value=100_000, initial=1)
    adjuntos = _CampoArchivos(label="Archivos", required=True)
    declaracion = forms.BooleanField(
        label=(
            "Declaro que los datos consignados son verdaderos y acepto ser notificado en el correo indicado."
        ),
        required=True,
        error_messages={"required": "Debe aceptar la declaración para presentar el documento."},
    )
    # Trampa para robots: invisible para las personas (ver plantilla), un robot la llena.
    sitio_web = forms.CharField(label="No llene este campo", required=False)
    marca = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedimiento"].queryset = Procedimiento.objects.filter(activo=True).order_by("nombre")
        self.fields["adjuntos"].error_messages["required"] = "Adjunte al menos un archivo (PDF o imagen)."
        maximo = getattr(settings, "ARCHIVO_TAMANO_MAXIMO", 20 * 1024 * 1024)
        self.fields["adjuntos"].help_text = (
            f"PDF, JPG o PNG; hasta {max_adjuntos()} archivos de {filesizeformat(maximo)} "
            "como máximo cada uno."
        )
        self.fields["adjuntos"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png"
        self.fields["sitio_web"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["marca"] = nueva_marca()

    def clean_numero_documento(self):
        return self.cleaned_data["numero_documento"].strip()

    def clean_adjuntos(self):
        archivos = self.cleaned_data["adjuntos"]
        if len(archivos) > max_adjuntos():
            raise ValidationError(f"Puede adjuntar hasta {max_adjuntos()} archivos.")
        errores = []
        for archivo in archivos:
            try:
                validar_archivo(archivo, tipos_permitidos=TIPOS_ADJUNTO)
            except ValidationError as e:
                errores.append(f"{archivo.name}: {' '.join(e.messages)}")
        if errores:
            raise ValidationError(errores)
        return archivos

    def clean_marca(self):
        try:
            mostrado = signing.loads(self.cleaned_data["marca"], salt=SAL_MARCA, max_age=6 * 3600)
        except signing.SignatureExpired:
            raise ValidationError(
                "El formulario caducó: vuelva a cargar la página y envíelo de nuevo."
            ) from None
        except signing.BadSignature:
            raise ValidationError("El formulario no es válido: vuelva a cargar la página.") from None
        if time.time() - float(mostrado) < tiempo_minimo():
            raise ValidationError(
                "El formulario se envió demasiado rápido. Revise sus datos y envíelo de nuevo."
            )
        return mostrado

    def clean(self):
        datos = super().clean()
        if datos.get("sitio_web"):
            raise ValidationError(
                "No se pudo presentar el documento. Vuelva a cargar la página e inténtelo de nuevo."
            )
        if datos.get("tipo_documento") and datos.get("numero_documento"):
            try:
                datos["numero_documento"] = validar_campo(
                    lambda n: validar_documento(datos["tipo_documento"], n), datos["numero_documento"]
                )
            except ValidationError as e:
                self.add_error("numero_documento", e)
        return datos
