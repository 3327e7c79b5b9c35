"""Páginas internas de actos (/actos/): lista, proyecto nuevo, decisiones del concejo por registrar, cada
acto con su editor de texto por partes (HTMX), su ciclo de vida, sus relaciones y sus exportaciones."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actos.models import Acto, Parte, Relacion
from actos.permissions import (
    actos_visibles,
    gestiona,
    obtener_acto,
    puede_redactar,
    puede_revisar,
    tareas_visibles,
)
from actos.selectors import firmantes as firmantes_sel
from actos.selectors.aprobacion import aprobacion_en_sesion
from actos.selectors.instrumentos import nombre_de_tipo, opciones_de_tipo
from actos.selectors.sancion import decisiones_posibles
from actos.services import ciclo, erratas, relaciones, sancion, texto, vigencia
from actos.services.documento import docx_de_acto, html_de_acto, pdf_de_acto
from concejo.models import Decision, Votacion
from core.forms._base import FormularioBootstrap, aplicar_error
from core.selectors.auditoria import historial_de

# --- Formularios --------------------------------------------------------------------------------


class ProyectoForm(FormularioBootstrap, forms.Form):
    tipo = forms.ChoiceField(label="Tipo de acto")
    titulo = forms.CharField(
        label="Título o sumilla", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    temas = forms.CharField(label="Temas", max_length=300, required=False, help_text="Separados por comas.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = opciones_de_tipo()


class DatosForm(FormularioBootstrap, forms.Form):
    titulo = forms.CharField(
        label="Título o sumilla", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    temas = forms.CharField(label="Temas", max_length=300, required=False, help_text="Separados por comas.")


class ParteForm(FormularioBootstrap, forms.Form):
    tipo = forms.ChoiceField(label="Tipo de parte", choices=Parte.Tipo.choices, initial=Parte.Tipo.ARTICULO)
    epigrafe = forms.CharField(
        label="Epígrafe",
        max_length=300,
        required=False,
        help_text="Opcional: el nombre del artículo (p. ej. «Objeto»).",
    )
    texto = forms.CharField(label="Texto de la parte", widget=forms.Textarea(attrs={"rows": 4}))


class EditarParteForm(FormularioBootstrap, forms.Form):
    epigrafe = forms.CharField(label="Epígrafe", max_length=300, required=False)
    texto = forms.CharField(label="Texto", widget=forms.Textarea(attrs={"rows": 5}))


class MotivoForm(FormularioBootstrap, forms.Form):
    motivo = forms.CharField(
        label="Motivo u observaciones", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AprobarForm(FormularioBootstrap, forms.Form):
    decision = forms.ChoiceField(label="Decisión del concejo que lo aprobó", required=False)
    aprobacion_externa = forms.CharField(
        label="O bien: sesión no registrada en el sistema",
        max_length=300,
        required=False,
        help_text="Sesión, fecha y votación que lo aprobaron (p. ej. «Sesión ordinaria del 12/01/2025, unanimidad»).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [("", "—")] + [
            (d.pk, f"Sesión {d.sesion.numero}-{d.sesion.anio}: {d.resumen[:80]}")
            for d in ciclo.decisiones_pendientes()
        ]


class FirmaForm(FormularioBootstrap, forms.Form):
    firmante = forms.CharField(
        label="Firma (nombre)",
        max_length=150,
        required=False,
        help_text="Quien ocupa el cargo que firma el día de la firma (o lo subroga por encargo).",
    )
    cargo_firmante = forms.CharField(
        label="Cargo de quien firma", max_length=100, required=False, initial="Alcalde"
    )
    fecha = forms.DateField(
        label="Fecha de firma",
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="Vacía: ahora. No puede ser futura ni anterior a la del último número del registro.",
    )
    motivo_excepcion = forms.CharField(
        label="Motivo si firma otra persona (solo si el perfil lo admite)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    motivo_orden = forms.CharField(
        label="Motivo si la fecha es anterior a la de un número ya dado (solo si el perfil lo admite)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VigenciaForm(FormularioBootstrap, forms.Form):
    modo = forms.ChoiceField(
        label="Entra en vigor",
        required=False,
        choices=[("", "Según el perfil para este tipo de acto")] + list(Acto.ModoVigencia.choices),
    )
    fecha = forms.DateField(
        label="Fecha (si rige en una fecha)",
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    dias = forms.IntegerField(label="Días tras la publicación", required=False, min_value=0)


class NotificacionForm(FormularioBootstrap, forms.Form):
    fecha = forms.DateField(
        label="Fecha de notificación", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class SancionForm(FormularioBootstrap, forms.Form):
    decision = forms.ChoiceField(label="Decisión", choices=[])
    fecha = forms.DateField(
        label="Fecha", required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    motivo = forms.CharField(
        label="Motivos (si observa u objeta)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    sancionado_por = forms.CharField(
        label="Sanciona (si no es el alcalde, p. ej. el presidente del concejo)",
        max_length=200,
        required=False,
    )

    def __init__(self, *args, posibles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(d, sancion.NOMBRES.get(d, d).capitalize()) for d in posibles]


class InsistenciaForm(FormularioBootstrap, forms.Form):
    votacion = forms.IntegerField(label="Votación de insistencia (número interno)")


class AceptarObjecionForm(FormularioBootstrap, forms.Form):
    nota = forms.CharField(
        label="Nota del retiro (sesión y votación en que el concejo aceptó la objeción)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    fecha = forms.DateField(
        label="Fecha", required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    votacion = forms.IntegerField(
        label="Votación que la aceptó (número interno, si está en el sistema)", required=False
    )


class PublicacionForm(FormularioBootstrap, forms.Form):
    fecha = forms.DateField(
        label="Fecha de publicación", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    medio = forms.CharField(
        label="Medio de publicación",
        max_length=200,
        widget=forms.TextInput(attrs={"list": "medios-publicacion"}),
    )


class RelacionForm(FormularioBootstrap, forms.Form):
    tipo = forms.ChoiceField(label="Este acto…", choices=Relacion.Tipo.choices)
    destino = forms.ChoiceField(label="Acto afectado")
    partes = forms.CharField(
        label="Partes afectadas",
        max_length=300,
        required=False,
        help_text="eIds separados por comas (art_2, art_5); vacío: todo el acto.",
    )
    nota = forms.CharField(label="Nota", max_length=1000, required=False)

    def __init__(self, *args, acto=None, **kwargs):
        super().__init__(*args, **kwargs)
        candidatos = (
            Acto.objects.filter(estado__in=[Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO])
            .exclude(pk=getattr(acto, "pk", None))
            .order_by("-anio", "tipo", "-numero")[:500]
        )
        self.fields["destino"].choices = [("", "—")] + [
            (a.pk, f"{a.numero_texto} — {a.titulo[:60]}") for a in candidatos
        ]


class FeErratasForm(FormularioBootstrap, forms.Form):
    parte = forms.ChoiceField(label="Parte que se corrige", required=False)
    ubicacion = forms.CharField(
        label="O bien: dónde está el error",
        max_length=200,
        required=False,
        help_text="Si no es una parte del texto, p. ej. «Título».",
    )
    dice = forms.CharField(
        label="Dice",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="El texto erróneo, copiado tal como está en el acto.",
    )
    debe_decir = forms.CharField(
        label="Debe decir", max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    motivo = forms.CharField(label="Motivo", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, partes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parte"].choices = [("", "—")] + [(p.pk, f"{p} ({p.eid})") for p in partes]


# --- Lista y creación ---------------------------------------------------------------------------


@login_required
@require_GET
def lista(request):
    if not (puede_redactar(request.user) or puede_revisar(request.user)):
        raise PermissionDenied("No tiene acceso al registro de actos.")
    actos = actos_visibles(request.user)
    estado = request.GET.get("estado", "")
    if estado in Acto.Estado.values:
        actos = actos.filter(estado=estado)
    tipo = request.GET.get("tipo", "")
    if tipo:
        actos = actos.filter(tipo=tipo)
    actos = actos.select_related("unidad_proponente").order_by("-creado", "-pk")
    pagina = Paginator(actos, 30).get_page(request.GET.get("pagina"))
    nombres = dict(opciones_de_tipo())
    for a in pagina:
        a.nombre_tipo = nombres.get(a.tipo, a.tipo)
    relaciones.anotar_vigencias(pagina)
    return render(
        request,
        "actos/nucleo/lista.html",
        {
            "pagina": pagina,
            "estados": Acto.Estado.choices,
            "tipos": opciones_de_tipo(),
            "estado": estado,
            "tipo": tipo,
            "puede_redactar": puede_redactar(request.user),
            "puede_revisar": puede_revisar(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def nuevo(request):
    if not puede_redactar(request.user):
        raise PermissionDenied("No tiene permiso para redactar actos.")
    form = ProyectoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            acto = ciclo.crear_proyecto(**form.cleaned_data, por=request.user)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se creó el proyecto. Redacte su texto por partes.")
            return redirect("actos:acto", pk=acto.pk)
    return render(request, "actos/nucleo/nuevo.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def decisiones(request):
    if not puede_revisar(request.user):
        raise PermissionDenied("Solo la Secretaría General registra las decisiones del concejo como actos.")
    pendientes = list(ciclo.decisiones_pendientes()[:200])
    nombres = dict(opciones_de_tipo())
    for d in pendientes:
        d.tipo_propuesto = nombres.get(ciclo.tipo_para_decision(d), "")
    return render(request, "actos/nucleo/decisiones.html", {"decisiones": pendientes})


@login_required
@require_POST
def decision_registrar(request, pk: int):
    if not puede_revisar(request.user):
        raise PermissionDenied("Solo la Secretaría General registra las decisiones del concejo como actos.")
    decision = get_object_or_404(Decision, pk=pk)
    try:
        acto = ciclo.crear_desde_decision(decision=decision, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("actos:decisiones")
    messages.success(request, "La decisión quedó registrada como acto aprobado. Redacte su texto y fírmelo.")
    return redirect("actos:acto", pk=acto.pk)


# --- El acto ------------------------------------------------------------------------------------


def _contexto(request, acto: Acto, **extra) -> dict:
    usuario = request.user
    partes = list(acto.partes.order_by("orden"))
    consolidado = relaciones.estado_consolidado(acto)
    afectaciones = relaciones.afectaciones_por_parte(consolidado)
    lista_erratas = list(erratas.erratas_de(acto))
    for e in lista_erratas:
        if e.parte_id:
            afectaciones.setdefault(e.parte.eid, []).append(f"Corregido por {e.numero_texto}")
    for p in partes:
        p.afectaciones = afectaciones.get(p.eid, [])
    redacta = acto.editable and puede_redactar(usuario, acto)
    revisa = puede_revisar(usuario)
    regla = ciclo.regla_de_publicacion(tipo=acto.tipo)
    contexto = {
        "acto": acto,
        "nombre_tipo": nombre_de_tipo(acto.tipo),
        "partes": partes,
        "consolidado": consolidado,
        "vigencia": relaciones.vigencia_de(acto),
        "aprobacion": aprobacion_en_sesion(acto, usuario=usuario),
        "salientes": acto.relaciones_salientes.select_related("destino"),
        "entrantes": acto.relaciones_entrantes.select_related("origen"),
        "redacta": redacta,
        "revisa": revisa,
        "parte_form": ParteForm(),
        "datos_form": DatosForm(initial={"titulo": acto.titulo, "temas": acto.temas}),
        "motivo_form": MotivoForm(),
        "aprobar_form": AprobarForm()
        if revisa and acto.organo == Acto.Organo.CONCEJO and not acto.decision_id
        else None,
        "firma_form": FirmaForm(initial=_firmante_inicial(acto))
        if revisa and acto.estado == Acto.Estado.APROBADO
        else None,
        "propuesta_firmas": _propuesta_firmas(acto) if revisa and acto.estado == Acto.Estado.APROBADO else [],
        "publicacion_form": PublicacionForm(
            initial={"fecha": timezone.localdate(), "medio": (regla["medios"] or [""])[0]}
        ),
        "medios": regla["medios"],
        "entrada_en_vigor": vigencia.regla_de(acto),
        "etapa_sancion": getattr(acto, "sancion", None),
        "sancion_form": SancionForm(posibles=_posibles(acto), initial={"fecha": timezone.localdate()})
        if revisa and _posibles(acto)
        else None,
        "insistencia_form": InsistenciaForm()
        if revisa and getattr(acto, "sancion", None) is not None and acto.sancion.estado == "objetado"
        else None,
        "aceptar_form": AceptarObjecionForm(initial={"fecha": timezone.localdate()})
        if revisa and getattr(acto, "sancion", None) is not None and acto.sancion.estado == "objetado"
        else None,
        "vigencia_form": VigenciaForm(
            initial={"modo": acto.vigencia_modo, "fecha": acto.vigencia_fecha, "dias": acto.vigencia_dias}
        )
        if (revisa or redacta) and acto.editable
        else None,
        "notificacion_form": NotificacionForm(initial={"fecha": timezone.localdate()})
        if revisa
        and acto.estado in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO)
        and vigencia.regla_de(acto).modo == Acto.ModoVigencia.NOTIFICACION
        and acto.notificado_en is None
        else None,
        "regla_publicacion": regla["regla"],
        "relacion_form": RelacionForm(acto=acto) if revisa or redacta else None,
        "erratas": lista_erratas,
        "historial": historial_de(acto)[:100],
        "erratas_form": FeErratasForm(partes=partes)
        if revisa and acto.estado in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO)
        else None,
        "tareas": tareas_visibles(usuario).filter(acto=acto).order_by("vence", "pk"),
        "crea_tareas": gestiona(usuario) and acto.estado in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO),
        "hoy": timezone.localdate(),
    }
    contexto.update(extra)
    return contexto


def _propuesta_firmas(acto: Acto) -> list[dict]:
    propuesta = firmantes_sel.propuesta(acto.tipo, timezone.localdate())
    calidades = {"firma": "Firma", "refrenda": "Refrenda (da fe)"}
    return [
        {"calidad": calidades[q], "cargo": firmantes_sel.nombre_de_cargo(codigo), "ocupantes": ocupantes}
        for q in ("firma", "refrenda")
        for codigo, ocupantes in propuesta[q]
    ]


def _firmante_inicial(acto: Acto) -> dict:
    """El firmante propuesto: el único ocupante hoy del cargo que firma el tipo de acto."""
    propuesta = firmantes_sel.propuesta(acto.tipo, timezone.localdate())
    for _codigo, ocupantes in propuesta["firma"][:1]:
        if len(ocupantes) == 1:
            return {"firmante": ocupantes[0].nombre, "cargo_firmante": ocupantes[0].cargo_texto}
    return {"cargo_firmante": "Alcalde"}


@login_required
@require_GET
def acto(request, pk: int):
    acto = obtener_acto(request.user, pk)
    return render(request, "actos/nucleo/acto.html", _contexto(request, acto))


def _volver(request, acto: Acto, *, error: ValidationError | None = None, exito: str = "", **formularios):
    """Tras un POST: con HTMX, el fragmento del texto; si no, redirige al acto con el mensaje."""
    if request.htmx:
        acto = obtener_acto(request.user, acto.pk)
        contexto = _contexto(request, acto, **formularios)
        contexto["error"] = " ".join(error.messages) if error else ""
        return render(request, "actos/nucleo/acto.html#texto", contexto, status=400 if error else 200)
    if error is not None:
        messages.error(request, " ".join(error.messages))
    elif exito:
        messages.success(request, exito)
    return redirect("actos:acto", pk=acto.pk)


@login_required
@require_POST
def datos(request, pk: int):
    acto = obtener_acto(request.user, pk)
    form = DatosForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Revise el título y los temas.")
        ciclo.editar_datos(acto=acto, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        return _volver(request, acto, error=e)
    return _volver(request, acto, exito="Se guardaron el título y los temas.")


@login_required
@require_POST
def parte_agregar(request, pk: int):
    acto = obtener_acto(request.user, pk)
    form = ParteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Elija el tipo de parte y escriba su texto.")
        texto.agregar_parte(acto=acto, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        return _volver(request, acto, error=e, parte_form=form)
    return _volver(request, acto, exito="Se añadió la parte.")


def _parte(request, pk) -> Parte:
    parte = get_object_or_404(Parte, pk=pk)
    parte.acto = obtener_acto(request.user, parte.acto_id)
    return parte


@login_required
@require_POST
def parte_editar(request, pk: int):
    parte = _parte(request, pk)
    form = EditarParteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Escriba el texto de la parte.")
        texto.editar_parte(parte=parte, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        return _volver(request, parte.acto, error=e)
    return _volver(request, parte.acto, exito="Se guardó la parte.")


@login_required
@require_POST
def parte_mover(request, pk: int):
    parte = _parte(request, pk)
    try:
        texto.mover_parte(parte=parte, direccion=request.POST.get("direccion", ""), por=request.user)
    except ValidationError as e:
        return _volver(request, parte.acto, error=e)
    return _volver(request, parte.acto)


@login_required
@require_POST
def parte_eliminar(request, pk: int):
    parte = _parte(request, pk)
    try:
        texto.eliminar_parte(parte=parte, por=request.user)
    except ValidationError as e:
        return _volver(request, parte.acto, error=e)
    return _volver(request, parte.acto, exito="Se quitó la parte.")


# --- Ciclo de vida ------------------------------------------------------------------------------


def _transicion(request, pk: int, accion, exito: str, form_class=None, **fijos):
    acto = obtener_acto(request.user, pk)
    datos = dict(fijos)
    try:
        if form_class is not None:
            form = form_class(request.POST)
            if not form.is_valid():
                raise ValidationError([m for errores in form.errors.values() for m in errores])
            datos.update(form.cleaned_data)
        accion(acto=acto, por=request.user, **datos)
    except ValidationError as e:
        messages.error(request, "No se hizo el cambio: " + " ".join(e.messages))
    else:
        messages.success(request, exito)
    return redirect("actos:acto", pk=acto.pk)


@login_required
@require_POST
def enviar(request, pk: int):
    return _transicion(
        request, pk, ciclo.enviar_a_revision, "El proyecto se envió a revisión de la Secretaría General."
    )


@login_required
@require_POST
def devolver(request, pk: int):
    return _transicion(
        request, pk, ciclo.devolver, "Se devolvió el proyecto con sus observaciones.", MotivoForm
    )


@login_required
@require_POST
def aprobar(request, pk: int):
    def _aprobar(*, acto, por, decision="", aprobacion_externa=""):
        elegida = Decision.objects.filter(pk=decision).first() if decision else None
        return ciclo.aprobar(acto=acto, por=por, decision=elegida, aprobacion_externa=aprobacion_externa)

    return _transicion(request, pk, _aprobar, "El acto quedó aprobado y listo para la firma.", AprobarForm)


@login_required
@require_POST
def firmar(request, pk: int):
    return _transicion(
        request,
        pk,
        ciclo.firmar,
        "El acto quedó firmado y numerado; su PDF se guardó con su SHA-256.",
        FirmaForm,
    )


@login_required
@require_POST
def publicar(request, pk: int):
    return _transicion(request, pk, ciclo.publicar, "El acto quedó publicado.", PublicacionForm)


@login_required
@require_POST
def vigencia_fijar(request, pk: int):
    return _transicion(
        request, pk, vigencia.fijar_entrada_en_vigor, "Se anotó cómo entra en vigor el acto.", VigenciaForm
    )


@login_required
@require_POST
def notificar(request, pk: int):
    return _transicion(
        request,
        pk,
        vigencia.registrar_notificacion,
        "Se registró la notificación: el acto rige desde ella.",
        NotificacionForm,
    )


def _posibles(acto: Acto) -> list[str]:
    return decisiones_posibles(getattr(acto, "sancion", None))


@login_required
@require_POST
def sancion_decidir(request, pk: int):
    acto = obtener_acto(request.user, pk)
    form = SancionForm(request.POST, posibles=sancion.ACCIONES_QUE_TERMINAN + sancion.ACCIONES_QUE_OBSERVAN)
    try:
        if not form.is_valid():
            raise ValidationError([m for errores in form.errors.values() for m in errores])
        sancion.decidir(acto=acto, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        messages.error(request, "No se registró: " + " ".join(e.messages))
    else:
        messages.success(request, "Se registró la decisión de la etapa de sanción.")
    return redirect("actos:acto", pk=acto.pk)


@login_required
@require_POST
def sancion_insistencia(request, pk: int):
    acto = obtener_acto(request.user, pk)
    form = InsistenciaForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([m for errores in form.errors.values() for m in errores])
        votacion = get_object_or_404(Votacion, pk=form.cleaned_data["votacion"])
        sancion.registrar_insistencia(acto=acto, por=request.user, votacion=votacion)
    except ValidationError as e:
        messages.error(request, "No se registró la insistencia: " + " ".join(e.messages))
    else:
        messages.success(request, "Se registró la insistencia del concejo.")
    return redirect("actos:acto", pk=acto.pk)


@login_required
@require_POST
def sancion_aceptar_objecion(request, pk: int):
    acto = obtener_acto(request.user, pk)
    form = AceptarObjecionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([m for errores in form.errors.values() for m in errores])
        datos = dict(form.cleaned_data)
        numero = datos.pop("votacion")
        votacion = get_object_or_404(Votacion, pk=numero) if numero else None
        sancion.aceptar_objecion(acto=acto, por=request.user, votacion=votacion, **datos)
    except ValidationError as e:
        messages.error(request, "No se retiró el acto: " + " ".join(e.messages))
    else:
        messages.success(
            request, "El concejo aceptó la objeción: el acto queda retirado, con su número y la nota."
        )
    return redirect("actos:acto", pk=acto.pk)


@login_required
@require_GET
def por_sancionar(request):
    if not puede_revisar(request.user):
        raise PermissionDenied("Solo la Secretaría General sigue la etapa de sanción.")
    return render(
        request,
        "actos/nucleo/por_sancionar.html",
        {"sanciones": list(sancion.pendientes()[:300]), "hoy": timezone.localdate()},
    )


@login_required
@require_POST
def archivar(request, pk: int):
    return _transicion(request, pk, ciclo.archivar, "El acto se archivó sin aprobar.", MotivoForm)


@login_required
@require_POST
def relacion_agregar(request, pk: int):
    acto = obtener_acto(request.user, pk)
    form = RelacionForm(request.POST, acto=acto)
    try:
        if not form.is_valid():
            raise ValidationError([m for errores in form.errors.values() for m in errores])
        destino = obtener_acto(request.user, form.cleaned_data["destino"])
        relaciones.relacionar(
            origen=acto,
            destino=destino,
            tipo=form.cleaned_data["tipo"],
            partes=form.cleaned_data["partes"],
            nota=form.cleaned_data["nota"],
            por=request.user,
        )
    except ValidationError as e:
        messages.error(request, "No se registró la relación: " + " ".join(e.messages))
    else:
        messages.success(request, "Se registró la relación; la vigencia del acto afectado se deduce de ella.")
    return redirect("actos:acto", pk=acto.pk)


@login_required
@require_POST
def relacion_quitar(request, pk: int):
    relacion = get_object_or_404(Relacion, pk=pk)
    acto = obtener_acto(request.user, relacion.origen_id)
    try:
        relaciones.quitar_relacion(relacion=relacion, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Se quitó la relación.")
    return redirect("actos:acto", pk=acto.pk)


@login_required
@require_POST
def fe_de_erratas(request, pk: int):
    acto = obtener_acto(request.user, pk)
    partes = list(acto.partes.all())
    form = FeErratasForm(request.POST, partes=partes)
    try:
        if not form.is_valid():
            raise ValidationError(
                [f"{form.fields[c].label}: {m}" for c, errores in form.errors.items() for m in errores]
            )
        datos = dict(form.cleaned_data)
        datos["parte"] = next((p for p in partes if str(p.pk) == datos["parte"]), None)
        errata = erratas.registrar_fe_de_erratas(acto=acto, por=request.user, **datos)
    except ValidationError as e:
        messages.error(request, "No se registró la fe de erratas: " + " ".join(e.messages))
    else:
        messages.success(request, f"Se registró y firmó la {errata.numero_texto}. El acto firmado no cambia.")
    return redirect("actos:acto", pk=acto.pk)


# --- Exportaciones ------------------------------------------------------------------------------


def _nombre(acto: Acto, extension: str) -> str:
    if acto.numero:
        return f"{acto.tipo}-{acto.anio}-{acto.numero:03d}.{extension}"
    return f"proyecto-{acto.tipo}-{acto.pk}.{extension}"


@login_required
@require_GET
def exportar_pdf(request, pk: int):
    """El PDF firmado guardado si lo hay; si no (proyecto), el PDF de trabajo generado al momento."""
    acto = obtener_acto(request.user, pk)
    if acto.archivo_id:
        return FileResponse(
            acto.archivo.archivo.open("rb"), content_type="application/pdf", filename=_nombre(acto, "pdf")
        )
    respuesta = HttpResponse(pdf_de_acto(acto), content_type="application/pdf")
    respuesta["Content-Disposition"] = f'inline; filename="{_nombre(acto, "pdf")}"'
    return respuesta


@login_required
@require_GET
def exportar_docx(request, pk: int):
    acto = obtener_acto(request.user, pk)
    respuesta = HttpResponse(
        docx_de_acto(acto),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    respuesta["Content-Disposition"] = f'attachment; filename="{_nombre(acto, "docx")}"'
    return respuesta


@login_required
@require_GET
def exportar_akn(request, pk: int):
    # akn.py trae lxml (unos 7 MB por proceso): solo se carga si alguien pide el Akoma Ntoso.
    from actos.akn import akn_de_acto  # noqa: PLC0415 - lxml, pesado, solo para la exportación Akoma Ntoso

    acto = obtener_acto(request.user, pk)
    return HttpResponse(akn_de_acto(acto), content_type="application/akn+xml; charset=utf-8")


@login_required
@require_GET
def vista_previa(request, pk: int):
    acto = obtener_acto(request.user, pk)
    return HttpResponse(html_de_acto(acto))
