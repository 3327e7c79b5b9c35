from django import forms

from core.forms._base import FormularioBootstrap, validar_campo
from core.models import Municipio
from core.services import municipio as servicio


class MunicipioForm(FormularioBootstrap, forms.ModelForm):
    sitio_web = forms.URLField(label="Sitio web", required=False, assume_scheme="https")
    quitar_logo = forms.BooleanField(label="Quitar el logo actual", required=False)

    class Meta:
        model = Municipio
        fields = [
            "nombre",
            "sigla",
            "direccion",
            "telefono",
            "correo",
            "sitio_web",
            "logo",
            "perfil",
            "zona_horaria",
            "trabaja_sabados",
        ]
        widgets = {
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"})
        }
        help_texts = {"logo": "PNG, JPEG, GIF o WEBP; hasta 2 MB."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # El logo se valida y guarda en el servicio; aquí basta un campo de archivo simple.
        self.fields["logo"].widget = forms.FileInput(attrs=self.fields["logo"].widget.attrs)

    def clean_sigla(self):
        return validar_campo(servicio.validar_sigla, self.cleaned_data["sigla"])

    def clean_perfil(self):
        return validar_campo(servicio.validar_perfil, self.cleaned_data["perfil"])

    def clean_zona_horaria(self):
        return validar_campo(servicio.validar_zona_horaria, self.cleaned_data["zona_horaria"])

    def clean_logo(self):
        logo = self.files.get("logo")
        if logo:
            validar_campo(servicio.validar_logo, logo)
        return logo

    def _post_clean(self):
        # El ModelForm no debe escribir en la instancia: el servicio es quien cambia el municipio.
        pass

    def datos(self) -> dict:
        datos = {c: self.cleaned_data[c] for c in self.Meta.fields if c != "logo"}
        if self.cleaned_data.get("quitar_logo"):
            datos["logo"] = False
        elif self.files.get("logo"):
            datos["logo"] = self.files["logo"]
        return datos
