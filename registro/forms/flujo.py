from django import forms

from core.forms._base import FormularioBootstrap, SelectRapido
from core.models import UnidadOrganica, Usuario
from core.parametros import entero
from registro.models import Documento, Procedimiento
from registro.selectors.bandejas import PESTANA_INICIAL, PESTANAS, Filtros
from registro.services.flujo import MAXIMO_PLAZO_DIAS


def _unidades():
    return UnidadOrganica.objects.filter(activa=True).order_by("orden", "nombre")


class UnidadChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.sigla} — {obj.nombre}"


class UnidadesChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.sigla} — {obj.nombre}"


class UsuarioChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.username} ({obj.unidad.sigla if obj.unidad_id else '—'})"


class _DestinoForm(FormularioBootstrap, forms.Form):
    a_unidad = UnidadChoice(
        label="Derivar a",
        queryset=_unidades(),
        empty_label="Elija la unidad…",
        widget=SelectRapido,
        error_messages={
            "required": "Elija la unidad a la que deriva el documento.",
            "invalid_choice": "Esa unidad no existe o no está activa.",
        },
    )
    instrucciones = forms.CharField(
        label="Instrucciones", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    plazo_dias = forms.IntegerField(
        label="Plazo (días hábiles)",
        required=False,
        min_value=1,
        max_value=MAXIMO_PLAZO_DIAS,
        help_text="Opcional; sin plazo, vence cuando vence el documento.",
        error_messages={
            "min_value": "El plazo debe ser de al menos 1 día hábil.",
            "max_value": f"El plazo no puede pasar de {MAXIMO_PLAZO_DIAS} días hábiles.",
            "invalid": "Escriba el plazo como un número entero de días.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["a_unidad"].queryset = _unidades()


class DerivarForm(_DestinoForm):
    copias = UnidadesChoice(
        label="Con copia a (para conocimiento)",
        queryset=_unidades(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        error_messages={"invalid_choice": "Una de las unidades de copia no existe."},
    )
    a_usuario = UsuarioChoice(
        label="A la persona (opcional)",
        required=False,
        queryset=Usuario.objects.filter(is_active=True, unidad__isnull=False),
        error_messages={"invalid_choice": "Esa persona no existe."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copias"].queryset = _unidades()
        self.fields["a_usuario"].queryset = (
            Usuario.objects.filter(is_active=True, unidad__isnull=False)
            .select_related("unidad")
            .order_by("unidad__sigla", "last_name")
        )


class DerivarLoteForm(_DestinoForm):
    documentos = forms.TypedMultipleChoiceField(
        label="Documentos",
        coerce=int,
        choices=(),
        error_messages={"required": "Seleccione al menos un documento para derivar."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Las opciones son lo que llega; la función de acceso decide después qué se puede tocar.
        valores = self.data.getlist("documentos") if hasattr(self.data, "getlist") else []
        self.fields["documentos"].choices = [(v, v) for v in valores if entero(v) is not None]
        self.fields["documentos"].error_messages["invalid_choice"] = "Un documento seleccionado no es válido."


class MotivoForm(FormularioBootstrap, forms.Form):
    motivo = forms.CharField(
        label="Motivo",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Escriba el motivo."},
    )


class AtenderForm(FormularioBootstrap, forms.Form):
    respuesta = forms.CharField(
        label="Respuesta o acción realizada",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExpedienteForm(FormularioBootstrap, forms.Form):
    asunto = forms.CharField(
        label="Asunto del expediente",
        max_length=500,
        error_messages={"required": "Escriba el asunto del expediente."},
    )


class AgregarExpedienteForm(FormularioBootstrap, forms.Form):
    codigo = forms.CharField(
        label="Código del expediente",
        max_length=40,
        error_messages={"required": "Escriba el código del expediente."},
    )


class FiltroBandejaForm(FormularioBootstrap, forms.Form):
    q = forms.CharField(label="Buscar", required=False, max_length=200)
    estado = forms.ChoiceField(
        label="Estado",
        required=False,
        choices=[("", "Todos")] + [c for c in Documento.Estado.choices if c[0] != "borrador"],
        widget=SelectRapido,
    )
    prioridad = forms.ChoiceField(
        label="Prioridad",
        required=False,
        choices=[("", "Todas"), *Documento.Prioridad.choices],
        widget=SelectRapido,
    )
    procedimiento = forms.ModelChoiceField(
        label="Procedimiento",
        required=False,
        queryset=Procedimiento.objects.none(),
        empty_label="Todos",
        widget=SelectRapido,
    )
    desde = forms.DateField(
        label="Recibido desde", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hasta = forms.DateField(
        label="Recibido hasta", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    vence_hasta = forms.DateField(
        label="Vence hasta", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedimiento"].queryset = Procedimiento.objects.filter(activo=True).order_by("codigo")

    def clean(self):
        datos = super().clean()
        if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
            self.add_error("hasta", "La fecha «hasta» no puede ser anterior a «desde».")
        return datos

    def pestana(self) -> str:
        valor = self.data.get("pestana", "") if self.is_bound else ""
        return valor if valor in PESTANAS else PESTANA_INICIAL

    def filtros(self) -> Filtros:
        if not (self.is_bound and self.is_valid()):
            return Filtros()
        d = self.cleaned_data
        return Filtros(
            estado=d["estado"],
            prioridad=d["prioridad"],
            procedimiento=d["procedimiento"].pk if d["procedimiento"] else None,
            desde=d["desde"],
            hasta=d["hasta"],
            vence_hasta=d["vence_hasta"],
            texto=d["q"].strip(),
        )
