from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from core.forms._base import FormularioBootstrap
from core.models import Persona, UnidadOrganica, Usuario
from registro.models import Documento, Envio, TipoDocumental


class CampoUnidades(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nombre} ({obj.sigla})"


class CampoUsuarios(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        unidad = f" — {obj.unidad.sigla}" if obj.unidad_id else ""
        return f"{obj.get_full_name() or obj.username}{unidad}"


class _Destinatarios(forms.Form):
    destinatarios_unidades = CampoUnidades(
        label="Unidades destinatarias",
        required=False,
        queryset=UnidadOrganica.objects.none(),
        help_text="Para una circular elija varias (Ctrl o Mayús para seleccionar más de una).",
    )
    destinatarios_usuarios = CampoUsuarios(
        label="Personas destinatarias",
        required=False,
        queryset=Usuario.objects.none(),
    )
    destinatario_documento = forms.CharField(
        label="Destinatario externo (número de documento)",
        required=False,
        max_length=20,
        help_text="DNI, RUC u otro documento de una persona ya registrada. Solo para documentos de salida.",
    )
    destinatario_texto = forms.CharField(
        label="Dirigido a",
        required=False,
        max_length=300,
        help_text="Nombre y cargo como aparecerán en el documento; si lo deja vacío se toma del destinatario.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destinatarios_unidades"].queryset = UnidadOrganica.objects.filter(activa=True).order_by(
            "nombre"
        )
        self.fields["destinatarios_usuarios"].queryset = (
            Usuario.objects.filter(is_active=True, unidad__isnull=False)
            .select_related("unidad")
            .order_by("last_name", "first_name", "username")
        )

    def clean_destinatario_documento(self):
        numero = "".join(self.cleaned_data["destinatario_documento"].split()).replace("-", "").upper()
        if not numero:
            return None
        persona = Persona.objects.filter(numero_documento=numero).order_by("pk").first()
        if persona is None:
            raise ValidationError(
                "No hay una persona registrada con ese número de documento. Regístrela primero."
            )
        return persona

    def datos_servicio(self) -> dict:
        datos = dict(self.cleaned_data)
        datos["destinatario"] = datos.pop("destinatario_documento")
        return datos


class BorradorNuevoForm(FormularioBootstrap, _Destinatarios):
    clase = forms.ChoiceField(
        label="Clase",
        choices=[
            (Documento.Clase.INTERNO, "Interno (a unidades o personas de la municipalidad)"),
            (Documento.Clase.SALIDA, "De salida (a una persona o entidad externa)"),
        ],
    )
    tipo_documental = forms.ModelChoiceField(
        label="Tipo de documento", queryset=TipoDocumental.objects.none()
    )
    asunto = forms.CharField(label="Asunto", max_length=500)
    cuerpo = forms.CharField(
        label="Texto",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Déjelo vacío para empezar con la plantilla del tipo; luego lo edita.",
    )
    field_order = [
        "clase",
        "tipo_documental",
        "asunto",
        "destinatarios_unidades",
        "destinatarios_usuarios",
        "destinatario_documento",
        "destinatario_texto",
        "cuerpo",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo_documental"].queryset = TipoDocumental.objects.filter(activo=True, interno=True)


class BorradorForm(FormularioBootstrap, _Destinatarios):
    asunto = forms.CharField(label="Asunto", max_length=500)
    cuerpo = forms.CharField(label="Texto", widget=forms.Textarea(attrs={"rows": 18}))
    field_order = [
        "asunto",
        "destinatarios_unidades",
        "destinatarios_usuarios",
        "destinatario_documento",
        "destinatario_texto",
        "cuerpo",
    ]

    @classmethod
    def inicial(cls, documento: Documento) -> dict:
        destinos = list(documento.destinatarios.all())
        return {
            "asunto": documento.asunto,
            "cuerpo": documento.cuerpo,
            "destinatario_texto": documento.destinatario_texto,
            "destinatario_documento": documento.destinatario.numero_documento
            if documento.destinatario_id
            else "",
            "destinatarios_unidades": [d.unidad_id for d in destinos if d.unidad_id],
            "destinatarios_usuarios": [d.usuario_id for d in destinos if d.usuario_id],
        }

    @classmethod
    def inicial_como_datos(cls, documento: Documento) -> QueryDict:
        """Lo guardado del borrador como si se hubiera enviado el formulario (para firmar lo guardado)."""
        datos = QueryDict(mutable=True)
        for clave, valor in cls.inicial(documento).items():
            if isinstance(valor, list):
                datos.setlist(clave, [str(v) for v in valor])
            else:
                datos[clave] = valor or ""
        return datos


class EnvioForm(FormularioBootstrap, forms.Form):
    metodo = forms.ChoiceField(label="Método de envío", choices=Envio.Metodo.choices)
    direccion = forms.CharField(
        label="Dirección, correo o casilla de destino", required=False, max_length=300
    )


class EntregaForm(FormularioBootstrap, forms.Form):
    recibido_por_nombre = forms.CharField(label="Recibido por", max_length=200)
    fecha = forms.DateTimeField(
        label="Fecha y hora de entrega", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    cargo_entrega = forms.FileField(label="Cargo de entrega (PDF o imagen)")


class DevolucionForm(FormularioBootstrap, forms.Form):
    motivo = forms.CharField(label="Motivo de la devolución", widget=forms.Textarea(attrs={"rows": 2}))
