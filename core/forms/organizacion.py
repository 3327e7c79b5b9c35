from typing import cast

from django import forms

from core.forms._base import FormularioBootstrap
from core.models import Cargo, UnidadOrganica, Usuario


class UnidadForm(FormularioBootstrap, forms.Form):
    nombre = forms.CharField(label="Nombre", max_length=200)
    sigla = forms.CharField(label="Sigla", max_length=30, help_text="Única; p. ej. GDU.")
    padre = forms.ModelChoiceField(
        label="Depende de",
        queryset=UnidadOrganica.objects.none(),
        required=False,
        empty_label="— Ninguna (raíz del organigrama) —",
    )
    jefe = forms.ModelChoiceField(
        label="Jefe", queryset=Usuario.objects.none(), required=False, empty_label="— Sin jefe asignado —"
    )
    orden = forms.IntegerField(
        label="Orden", min_value=0, initial=0, help_text="Posición entre sus hermanas."
    )

    def __init__(self, *args, unidad: UnidadOrganica | None = None, **kwargs):
        if unidad is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "nombre": unidad.nombre,
                "sigla": unidad.sigla,
                "padre": unidad.padre_id,
                "jefe": unidad.jefe_id,
                "orden": unidad.orden,
            }
        super().__init__(*args, **kwargs)
        padres = UnidadOrganica.objects.filter(activa=True)
        if unidad is not None:
            padres = padres.exclude(pk=unidad.pk)
        # `self.fields` es un dict de `Field`; estos se declaran arriba como ModelChoiceField.
        cast(forms.ModelChoiceField, self.fields["padre"]).queryset = padres
        cast(forms.ModelChoiceField, self.fields["jefe"]).queryset = Usuario.objects.filter(
            is_active=True, is_superuser=False
        ).order_by("last_name", "first_name")


class CargoForm(FormularioBootstrap, forms.Form):
    nombre = forms.CharField(label="Nombre del cargo", max_length=200)
    unidad = forms.ModelChoiceField(label="Unidad", queryset=UnidadOrganica.objects.none())
    es_jefatura = forms.BooleanField(label="Es la jefatura de la unidad", required=False)

    def __init__(self, *args, cargo: Cargo | None = None, **kwargs):
        if cargo is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "nombre": cargo.nombre,
                "unidad": cargo.unidad_id,
                "es_jefatura": cargo.es_jefatura,
            }
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unidad"]).queryset = UnidadOrganica.objects.filter(
            activa=True
        )
