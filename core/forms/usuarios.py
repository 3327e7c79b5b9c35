from typing import Any, cast

from django import forms

from core.forms._base import FormularioBootstrap
from core.models import Cargo, UnidadOrganica, Usuario
from core.services.usuarios import roles_disponibles


class UsuarioForm(FormularioBootstrap, forms.Form):
    username = forms.CharField(
        label="Nombre de usuario",
        max_length=150,
        help_text="Letras, dígitos y @ . + - _ ; no se puede cambiar después.",
    )
    first_name = forms.CharField(label="Nombres", max_length=150)
    last_name = forms.CharField(label="Apellidos", max_length=150)
    email = forms.EmailField(label="Correo electrónico", required=False)
    unidad = forms.ModelChoiceField(label="Unidad", queryset=UnidadOrganica.objects.none(), required=False)
    cargo = forms.ModelChoiceField(label="Cargo", queryset=Cargo.objects.none(), required=False)
    roles = forms.MultipleChoiceField(label="Roles", required=False, widget=forms.CheckboxSelectMultiple)
    clave1 = forms.CharField(
        label="Contraseña inicial",
        widget=forms.PasswordInput,
        strip=False,
        help_text="Al menos 10 caracteres; no solo números ni parecida al usuario.",
    )
    clave2 = forms.CharField(label="Repita la contraseña", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, usuario: Usuario | None = None, **kwargs):
        if usuario is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "username": usuario.username,
                "first_name": usuario.first_name,
                "last_name": usuario.last_name,
                "email": usuario.email,
                "unidad": usuario.unidad_id,
                "cargo": usuario.cargo_id,
                "roles": list(usuario.groups.values_list("name", flat=True)),
            }
        super().__init__(*args, **kwargs)
        # `self.fields` es un dict de `Field`; estos se declaran arriba con su clase.
        cargo = cast(forms.ModelChoiceField, self.fields["cargo"])
        cast(forms.ModelChoiceField, self.fields["unidad"]).queryset = UnidadOrganica.objects.filter(
            activa=True
        )
        cargo.queryset = Cargo.objects.filter(activo=True).select_related("unidad")
        cargo.label_from_instance = lambda c: f"{c.nombre} — {c.unidad.sigla}"  # type: ignore[method-assign, assignment]  # mypy no admite reemplazar un método en la instancia; Django lo llama igual
        cast(forms.MultipleChoiceField, self.fields["roles"]).choices = [(r, r) for r in roles_disponibles()]
        self.fields["roles"].widget.attrs.pop("class", None)
        if usuario is not None:
            # Al editar no se cambia el nombre de usuario ni la contraseña (esa la cambia su dueño).
            del self.fields["clave1"], self.fields["clave2"]
            self.fields["username"].disabled = True
            self.fields["username"].help_text = ""

    def clean(self) -> dict[str, Any]:
        super().clean()
        datos = self.cleaned_data  # lo que devuelve Form.clean()
        if "clave1" in self.fields and datos.get("clave1") != datos.get("clave2"):
            self.add_error("clave2", "Las dos contraseñas no coinciden.")
        return datos
