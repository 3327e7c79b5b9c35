"""Formularios del archivo: niveles del cuadro, versiones de retención, importación XLSX, expedientes."""

from __future__ import annotations

from typing import cast

from django import forms

from archivo.models import Disposicion, Expediente, ItemTransferencia, NodoCuadro, Prestamo
from archivo.selectors.perfil import etapas_con_plazo
from core.forms._base import FormularioBootstrap
from core.models import UnidadOrganica


class NodoForm(FormularioBootstrap, forms.Form):
    nivel = forms.ChoiceField(label="Nivel", choices=NodoCuadro.Nivel.choices)
    codigo = forms.CharField(label="Código", max_length=40)
    nombre = forms.CharField(label="Nombre", max_length=300)
    padre = forms.ModelChoiceField(
        label="Depende de", queryset=NodoCuadro.objects.exclude(nivel="subserie"), required=False
    )
    unidad = forms.ModelChoiceField(
        label="Unidad del organigrama",
        queryset=UnidadOrganica.objects.filter(activa=True),
        required=False,
        help_text="Solo para una sección o subsección.",
    )


class RetencionForm(FormularioBootstrap, forms.Form):
    vigente_desde = forms.DateField(label="Vigente desde", widget=forms.DateInput(attrs={"type": "date"}))
    disposicion = forms.ChoiceField(label="Disposición final", choices=Disposicion.choices)
    base_legal = forms.CharField(label="Base legal", max_length=500, required=False)
    procedimiento = forms.CharField(
        label="Procedimiento", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Un campo de años por cada etapa con plazo del perfil (TRD: gestión y central; PCDA: gestión,
        # periférico y central...).
        self.etapas = etapas_con_plazo()
        for e in self.etapas:
            self.fields[f"anios_{e.clave}"] = forms.IntegerField(
                label=f"Años en {e.nombre.lower()}",
                min_value=0,
                max_value=100,
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )
        orden = [f"anios_{e.clave}" for e in self.etapas]
        self.order_fields(["vigente_desde", *orden])

    def datos_del_servicio(self) -> dict:
        datos = dict(self.cleaned_data)
        datos["plazos"] = {e.clave: datos.pop(f"anios_{e.clave}") for e in self.etapas}
        return datos


class ImportarForm(FormularioBootstrap, forms.Form):
    archivo = forms.FileField(label="Libro XLSX", help_text="Con la hoja «Cuadro» en el formato de la guía.")


class ExpedienteForm(FormularioBootstrap, forms.Form):
    nodo = forms.ModelChoiceField(
        label="Serie o subserie",
        queryset=NodoCuadro.objects.filter(nivel__in=NodoCuadro.CLASIFICABLES, activo=True),
    )
    unidad = forms.ModelChoiceField(
        label="Unidad productora", queryset=UnidadOrganica.objects.filter(activa=True)
    )
    titulo = forms.CharField(label="Título", max_length=500)
    soporte = forms.ChoiceField(label="Soporte", choices=Expediente.Soporte.choices)
    acceso = forms.ChoiceField(label="Nivel de acceso", choices=Expediente.Acceso.choices)
    fundamento_acceso = forms.CharField(
        label="Fundamento legal de la reserva",
        max_length=500,
        required=False,
        help_text="Si es reservado o confidencial.",
    )
    reservado_hasta = forms.DateField(
        label="Reservado hasta", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    edificio = forms.CharField(label="Edificio", max_length=100, required=False)
    sala = forms.CharField(label="Sala o depósito", max_length=100, required=False)
    estante = forms.CharField(label="Estante", max_length=50, required=False)
    caja = forms.CharField(label="Caja", max_length=50, required=False)
    carpeta = forms.CharField(label="Carpeta", max_length=50, required=False)


class ArchivarForm(FormularioBootstrap, forms.Form):
    documento = forms.CharField(
        label="Documento del registro",
        max_length=250,
        required=False,
        help_text="Su número de registro o su código de seguimiento.",
    )
    acto = forms.CharField(
        label="O un acto firmado", max_length=150, required=False, help_text="Su número completo."
    )
    paginas = forms.IntegerField(
        label="Páginas", min_value=1, required=False, help_text="Si no, las del documento."
    )

    def clean(self):
        datos = super().clean() or {}
        if bool(datos.get("documento")) == bool(datos.get("acto")):
            raise forms.ValidationError("Indique un documento del registro o un acto (uno de los dos).")
        return datos


class UbicacionForm(FormularioBootstrap, forms.Form):
    """Ubicación, soporte y acceso de un expediente (el servicio valida y audita)."""

    edificio = forms.CharField(label="Edificio", max_length=100, required=False)
    sala = forms.CharField(label="Sala o depósito", max_length=100, required=False)
    estante = forms.CharField(label="Estante", max_length=50, required=False)
    caja = forms.CharField(label="Caja", max_length=50, required=False)
    carpeta = forms.CharField(label="Carpeta", max_length=50, required=False)
    soporte = forms.ChoiceField(label="Soporte", choices=Expediente.Soporte.choices)
    acceso = forms.ChoiceField(label="Nivel de acceso", choices=Expediente.Acceso.choices)
    fundamento_acceso = forms.CharField(
        label="Fundamento legal de la reserva", max_length=500, required=False
    )
    reservado_hasta = forms.DateField(
        label="Reservado hasta",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class TransferirForm(forms.Form):
    """Los expedientes que una unidad transfiere (de la propuesta de «Transferencias por hacer»)."""

    unidad = forms.ModelChoiceField(label="Unidad", queryset=UnidadOrganica.objects.all())
    expedientes = forms.ModelMultipleChoiceField(
        label="Expedientes",
        queryset=Expediente.objects.none(),
        error_messages={
            "required": "Elija al menos un expediente para transferir.",
            "invalid_choice": "Uno de los expedientes elegidos no se puede transferir.",
            "invalid_pk_value": "Uno de los expedientes elegidos no se puede transferir.",
        },
    )
    frecuencia_consulta = forms.ChoiceField(
        label="Frecuencia de consulta",
        choices=ItemTransferencia.Frecuencia.choices,
        initial=ItemTransferencia.Frecuencia.BAJA,
        required=False,
    )
    notas = forms.CharField(label="Notas", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidatos=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidatos is not None:
            cast(forms.ModelMultipleChoiceField, self.fields["expedientes"]).queryset = candidatos


class RevisarItemForm(FormularioBootstrap, forms.Form):
    decision = forms.ChoiceField(
        label="Revisión",
        choices=[
            (ItemTransferencia.Revision.ACEPTADO, "Aceptado"),
            (ItemTransferencia.Revision.OBSERVADO, "Observado"),
        ],
    )
    motivo = forms.CharField(label="Motivo de la observación", max_length=500, required=False)
    edificio = forms.CharField(label="Edificio", max_length=100, required=False)
    sala = forms.CharField(label="Sala o depósito", max_length=100, required=False)
    estante = forms.CharField(label="Estante", max_length=50, required=False)
    caja = forms.CharField(label="Caja", max_length=50, required=False)
    carpeta = forms.CharField(label="Carpeta", max_length=50, required=False)


class PrestamoForm(FormularioBootstrap, forms.Form):
    tipo = forms.ChoiceField(label="Tipo", choices=Prestamo.Tipo.choices)
    # El servicio dice qué falta («Diga para qué necesita el expediente.»).
    motivo = forms.CharField(label="Motivo", max_length=500, required=False)


class PrestamoArchivoForm(PrestamoForm):
    """El archivo registra un préstamo a nombre de otro funcionario (el expediente por su código)."""

    expediente = forms.CharField(label="Código del expediente", max_length=80)
    solicitante = forms.CharField(label="Usuario que lo pide", max_length=150)

    field_order = ["expediente", "solicitante", "tipo", "motivo"]


class DevolverForm(forms.Form):
    observaciones = forms.CharField(label="Observaciones", max_length=500, required=False)


class AprobarEliminacionForm(FormularioBootstrap, forms.Form):
    acto = forms.CharField(label="Acto de aprobación", max_length=300, required=False)
    fecha_acto = forms.DateField(
        label="Fecha del acto",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class EjecutarEliminacionForm(FormularioBootstrap, forms.Form):
    metros_lineales = forms.CharField(label="Volumen en metros lineales", max_length=20, required=False)


class MotivoForm(FormularioBootstrap, forms.Form):
    motivo = forms.CharField(label="Motivo", max_length=500, required=False)
