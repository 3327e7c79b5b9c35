from django import forms
from django.utils import timezone

from certificaciones.models import Tarifa, TipoCertificacion
from core.forms._base import FormularioBootstrap
from core.models import Persona, Usuario
from core.services.personas import normalizar_numero


class SolicitudForm(FormularioBootstrap, forms.Form):
    tipo = forms.ChoiceField(label="Tipo de certificación", choices=TipoCertificacion.choices)
    numero_documento = forms.CharField(
        label="Solicitante: número de DNI, RUC u otro documento",
        max_length=30,
        required=False,
        help_text="La persona debe estar registrada en Personas. Si la solicitud viene de un documento del "
        "registro, se toma su remitente.",
    )
    asunto = forms.CharField(
        label="Qué se certifica",
        max_length=300,
        help_text="P. ej. «Resolución de Alcaldía Nº 012-2026-MDVE» o «Acta de la sesión del 3 de marzo».",
    )
    fuente = forms.ChoiceField(label="Original del sistema", required=False)
    emitido = forms.CharField(
        label="…o el número de un documento emitido",
        max_length=250,
        required=False,
        help_text="P. ej. «OFICIO Nº 001-2026-GDU/MDVE»: se certifica su PDF firmado.",
    )
    archivo = forms.FileField(label="…o el PDF del original (escaneado del archivo)", required=False)
    texto = forms.CharField(
        label="Texto",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Constancia: lo que se hace constar. Extracto: el artículo que se transcribe.",
    )
    tarifa = forms.ModelChoiceField(
        label="Derecho (tarifario)",
        queryset=Tarifa.objects.none(),
        required=False,
        empty_label="— Sin derecho —",
    )
    publico = forms.BooleanField(label="Permitir descargarlo desde la verificación pública", required=False)

    def __init__(self, *args, opciones_fuente=(), documento=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.documento = documento
        self.fields["fuente"].choices = [("", "— Ninguno —"), *opciones_fuente]
        self.fields["tarifa"].queryset = Tarifa.objects.filter(activa=True)

    def clean(self):
        datos = super().clean()
        if self.documento is not None and self.documento.remitente_id:
            datos["solicitante"] = self.documento.remitente
        else:
            numero = normalizar_numero(datos.get("numero_documento") or "")
            persona = Persona.objects.filter(numero_documento=numero).first() if numero else None
            if persona is None:
                self.add_error(
                    "numero_documento",
                    "No hay una persona registrada con ese número; regístrela primero en Personas.",
                )
            datos["solicitante"] = persona
        return datos


class PagoForm(FormularioBootstrap, forms.Form):
    recibo_numero = forms.CharField(label="Número de recibo", max_length=60)
    recibo_fecha = forms.DateField(
        label="Fecha del recibo",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    recibo_monto = forms.DecimalField(label="Monto pagado", max_digits=10, decimal_places=2, min_value=0)


class ExoneracionForm(FormularioBootstrap, forms.Form):
    motivo = forms.CharField(
        label="Motivo de la exoneración",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="La norma o el caso que la permite.",
        error_messages={"required": "Escriba el motivo de la exoneración (la norma que la permite)."},
    )


class MotivoForm(FormularioBootstrap, forms.Form):
    motivo = forms.CharField(
        label="Motivo",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Escriba el motivo."},
    )


class FedatarioForm(FormularioBootstrap, forms.Form):
    usuario = forms.ModelChoiceField(
        label="Funcionario",
        queryset=Usuario.objects.filter(is_active=True, is_superuser=False).order_by(
            "last_name", "first_name"
        ),
    )
    resolucion = forms.CharField(label="Resolución de designación", max_length=200)
    desde = forms.DateField(label="Desde", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hasta = forms.DateField(label="Hasta", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    alcance = forms.MultipleChoiceField(
        label="Puede certificar", choices=TipoCertificacion.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alcance"].widget.attrs["class"] = "form-check-input me-1"


class TarifaForm(FormularioBootstrap, forms.Form):
    concepto = forms.CharField(label="Concepto", max_length=200)
    tipo = forms.ChoiceField(
        label="Tipo de certificación",
        required=False,
        choices=[("", "— Cualquiera —"), *TipoCertificacion.choices],
    )
    monto = forms.DecimalField(label="Monto", max_digits=10, decimal_places=2, min_value=0)
    base_legal = forms.CharField(
        label="Base legal", max_length=300, help_text="Ítem del TUPA u ordenanza de tasas."
    )
    activa = forms.BooleanField(label="Activa", required=False, initial=True)


class VerificarCodigoForm(forms.Form):
    codigo = forms.CharField(label="Código de verificación", max_length=60)


class VerificarArchivoForm(forms.Form):
    archivo = forms.FileField(label="PDF a comprobar")
    codigo = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
