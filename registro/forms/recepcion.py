"""Formulario de la mesa de partes: un solo formulario, de teclado, en el orden en que se lee el papel."""

from django import forms

from core.forms._base import FormularioBootstrap
from core.models import Persona
from core.services.personas import normalizar_numero
from registro.models import Documento, Procedimiento, TipoDocumental


class VariosArchivos(forms.ClearableFileInput):
    allow_multiple_selected = True


class CampoVariosArchivos(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", VariosArchivos())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(CampoVariosArchivos, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class RegistrarForm(FormularioBootstrap, forms.Form):
    buscar = forms.CharField(
        label="Remitente: DNI, RUC o nombre",
        max_length=100,
        required=False,
        help_text="Escriba el número de documento (o parte del nombre) y elija de la lista; si no está, regístrelo abajo.",
    )
    remitente = forms.ModelChoiceField(
        label="Remitente", queryset=Persona.objects.all(), required=False, widget=forms.HiddenInput
    )
    nuevo_tipo = forms.ChoiceField(
        label="Tipo de persona", choices=Persona.Tipo.choices, initial=Persona.Tipo.NATURAL, required=False
    )
    nuevo_tipo_documento = forms.ChoiceField(
        label="Tipo de documento", choices=Persona.TipoDocumento.choices, initial="DNI", required=False
    )
    nuevo_numero_documento = forms.CharField(label="Número de documento", max_length=30, required=False)
    nuevo_nombres = forms.CharField(label="Nombres", max_length=150, required=False)
    nuevo_apellidos = forms.CharField(label="Apellidos", max_length=150, required=False)
    nuevo_razon_social = forms.CharField(label="Razón social", max_length=250, required=False)

    tipo_documental = forms.ModelChoiceField(
        label="Tipo de documento",
        queryset=TipoDocumental.objects.filter(activo=True, interno=False),
        required=False,
        empty_label="— Elija —",
    )
    numero_documento_origen = forms.CharField(
        label="Número del documento",
        max_length=120,
        required=False,
        help_text="El que trae el papel, p. ej. «Carta Nº 012-2026-XYZ» o «S/N».",
    )
    asunto = forms.CharField(label="Asunto", max_length=500)
    folios = forms.IntegerField(label="Folios", min_value=1, max_value=100_000, initial=1)
    procedimiento = forms.ModelChoiceField(
        label="Procedimiento (TUPA)",
        queryset=Procedimiento.objects.filter(activo=True),
        required=False,
        empty_label="— Ninguno (plazo general de respuesta) —",
    )
    canal = forms.ChoiceField(
        label="Canal",
        choices=[c for c in Documento.Canal.choices if c[0] != Documento.Canal.INTERNO],
        initial=Documento.Canal.VENTANILLA,
    )
    prioridad = forms.ChoiceField(label="Prioridad", choices=Documento.Prioridad.choices, initial="normal")
    adjuntos = CampoVariosArchivos(
        label="Archivos escaneados o digitales",
        required=False,
        help_text="Puede elegir varios: PDF, imágenes, Word, Excel o texto.",
    )
    defectos = forms.CharField(
        label="Observaciones de recepción (defectos)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Si falta un requisito, anótelo aquí: el documento queda observado y el administrado tiene "
        "el plazo legal para subsanar.",
    )
    observaciones = forms.CharField(
        label="Otras notas", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    CAMPOS_NUEVO = (
        "nuevo_tipo",
        "nuevo_tipo_documento",
        "nuevo_numero_documento",
        "nuevo_nombres",
        "nuevo_apellidos",
        "nuevo_razon_social",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buscar"].widget.attrs.update({"autofocus": True, "autocomplete": "off"})
        self.fields["procedimiento"].queryset = Procedimiento.objects.filter(activo=True).only(
            "codigo", "nombre"
        )

    def clean(self):
        datos = super().clean()
        if not datos.get("remitente") and not (datos.get("nuevo_numero_documento") or "").strip():
            # Quien teclea el documento completo y pulsa Enter no necesita elegir de la lista.
            numero = normalizar_numero(datos.get("buscar") or "")
            exactas = list(Persona.objects.filter(numero_documento=numero)[:2]) if numero else []
            if len(exactas) == 1:
                datos["remitente"] = exactas[0]
        if not datos.get("remitente") and not (datos.get("nuevo_numero_documento") or "").strip():
            self.add_error(
                "buscar", "Elija al remitente de la lista o regístrelo con su número de documento."
            )
        return datos

    def datos_persona_nueva(self) -> dict:
        d = self.cleaned_data
        return {c.removeprefix("nuevo_"): d.get(c) or "" for c in self.CAMPOS_NUEVO}

    def datos_documento(self) -> dict:
        d = self.cleaned_data
        campos = (
            "tipo_documental",
            "numero_documento_origen",
            "asunto",
            "folios",
            "procedimiento",
            "canal",
            "prioridad",
            "adjuntos",
            "defectos",
            "observaciones",
        )
        datos = {c: d.get(c) for c in campos}
        datos["adjuntos"] = datos["adjuntos"] or []
        return datos


class SubsanarForm(FormularioBootstrap, forms.Form):
    observacion = forms.CharField(label="Qué se subsanó", max_length=500, required=False)
