from django import forms

from core.forms._base import FormularioBootstrap
from core.models import Persona


class PersonaForm(FormularioBootstrap, forms.Form):
    tipo = forms.ChoiceField(
        label="Tipo de persona", choices=Persona.Tipo.choices, initial=Persona.Tipo.NATURAL
    )
    tipo_documento = forms.ChoiceField(label="Tipo de documento", choices=Persona.TipoDocumento.choices)
    numero_documento = forms.CharField(
        label="Número de documento",
        max_length=30,
        help_text="Se aceptan espacios y guiones; se guardan sin ellos.",
    )
    nombres = forms.CharField(
        label="Nombres", max_length=150, required=False, help_text="Obligatorio para persona natural."
    )
    apellidos = forms.CharField(
        label="Apellidos", max_length=150, required=False, help_text="Obligatorio para persona natural."
    )
    razon_social = forms.CharField(
        label="Razón social", max_length=250, required=False, help_text="Obligatoria para persona jurídica."
    )
    correo = forms.EmailField(label="Correo electrónico", required=False)
    telefono = forms.CharField(label="Teléfono", max_length=50, required=False)
    direccion = forms.CharField(label="Dirección", max_length=300, required=False)

    def __init__(self, *args, persona: Persona | None = None, **kwargs):
        if persona is not None and "initial" not in kwargs:
            kwargs["initial"] = {c: getattr(persona, c) for c in self.base_fields}
        super().__init__(*args, **kwargs)


class BuscarPersonaForm(forms.Form):
    q = forms.CharField(label="Buscar por documento o nombre", required=False, max_length=100)
