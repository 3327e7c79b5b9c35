from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.forms._base import aplicar_error
from core.rendering import render_pdf
from registro.forms.flujo import AgregarExpedienteForm, AtenderForm, DerivarForm, ExpedienteForm, MotivoForm
from registro.models import Derivacion, Expediente
from registro.permissions import documentos_visibles, obtener_documento
from registro.selectors.bandejas import filas
from registro.selectors.documentos import hoja_de_ruta
from registro.services import expedientes as servicio_expedientes
from registro.services import flujo
from registro.views.bandejas import con_unidad


def obtener_derivacion(usuario, pk) -> Derivacion:
    """La línea `pk` si su documento es visible para `usuario` (404 si no, como los documentos)."""
    linea = Derivacion.objects.select_related("documento", "a_unidad", "de_unidad").filter(pk=pk).first()
    if linea is None:
        raise Http404
    obtener_documento(usuario, linea.documento_id)
    return linea


def _volver(request, documento_id):
    return redirect("registro:documento", pk=documento_id)


def _acciones_contexto(request, documento, **formularios):
    usuario = request.user
    abiertas = list(
        documento.derivaciones.filter(estado__in=Derivacion.ESTADOS_ABIERTOS).select_related("a_unidad")
    )
    mias = [d for d in abiertas if flujo._ve_todo(usuario) or d.a_unidad_id == usuario.unidad_id]
    return {
        "documento": documento,
        "puede_derivar": flujo.puede_derivar(documento, usuario),
        "linea": next((d for d in mias if d.tipo == Derivacion.Tipo.ACCION), None),
        "copia": next((d for d in mias if d.tipo == Derivacion.Tipo.COPIA), None),
        "form_derivar": formularios.get("form_derivar") or DerivarForm(),
        "form_motivo": formularios.get("form_motivo") or MotivoForm(),
        "form_atender": AtenderForm(),
        "form_expediente": ExpedienteForm(initial={"asunto": documento.asunto[:500]}),
        "form_agregar": AgregarExpedienteForm(),
    }


@login_required
@require_GET
def documento_acciones(request, pk: int):
    documento = obtener_documento(request.user, pk)
    return render(request, "registro/_acciones_documento.html#panel", _acciones_contexto(request, documento))


@login_required
@con_unidad
@require_POST
def documento_derivar(request, pk: int):
    documento = obtener_documento(request.user, pk, editar=True)
    form = DerivarForm(request.POST)
    if form.is_valid():
        try:
            flujo.derivar(documento=documento, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Documento derivado a {form.cleaned_data['a_unidad'].sigla}.")
            return _volver(request, documento.pk)
    messages.error(request, "No se derivó: " + " ".join(m for ms in form.errors.values() for m in ms))
    return _volver(request, documento.pk)


def _accion_linea(request, pk, servicio, exito, **argumentos):
    linea = obtener_derivacion(request.user, pk)
    try:
        servicio(derivacion=linea, por=request.user, **argumentos)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        if request.htmx:
            return HttpResponse(" ".join(e.messages), status=400)
    else:
        messages.success(request, exito)
        if request.htmx:
            linea.refresh_from_db()
            return render(
                request, "registro/bandeja.html#fila", {"fila": filas([linea])[0], "personal": False}
            )
    return _volver(request, linea.documento_id)


@login_required
@con_unidad
@require_POST
def derivacion_aceptar(request, pk: int):
    return _accion_linea(request, pk, flujo.aceptar, "Documento recibido: queda en trámite en su unidad.")


@login_required
@con_unidad
@require_POST
def derivacion_copia_leida(request, pk: int):
    return _accion_linea(request, pk, flujo.marcar_copia_leida, "Copia marcada como leída.")


@login_required
@con_unidad
@require_POST
def derivacion_atender(request, pk: int):
    form = AtenderForm(request.POST)
    respuesta = form.cleaned_data["respuesta"] if form.is_valid() else ""
    return _accion_linea(request, pk, flujo.atender, "Documento atendido y cerrado.", respuesta=respuesta)


@login_required
@con_unidad
@require_POST
def derivacion_devolver(request, pk: int):
    linea = obtener_derivacion(request.user, pk)
    form = MotivoForm(request.POST)
    if not form.is_valid():
        messages.error(request, "No se devolvió: escriba el motivo de la devolución.")
        return _volver(request, linea.documento_id)
    return _accion_linea(
        request,
        pk,
        flujo.devolver,
        "Documento devuelto a la unidad de origen.",
        motivo=form.cleaned_data["motivo"],
    )


@login_required
@con_unidad
@require_POST
def documento_concluir(request, pk: int):
    documento = obtener_documento(request.user, pk, editar=True)
    form = MotivoForm(request.POST)
    if not form.is_valid():
        messages.error(request, "No se concluyó: escriba el motivo para concluir el documento.")
        return _volver(request, documento.pk)
    try:
        flujo.concluir(documento=documento, por=request.user, motivo=form.cleaned_data["motivo"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Documento concluido y archivado.")
    return _volver(request, documento.pk)


@login_required
@require_GET
def documento_hoja_ruta(request, pk: int):
    documento = obtener_documento(request.user, pk)
    contexto = {"documento": documento, "lineas": hoja_de_ruta(documento), "generado": timezone.now()}
    pdf = render_pdf("registro/hoja_ruta_pdf.html", contexto)
    respuesta = HttpResponse(pdf, content_type="application/pdf")
    nombre = f"hoja-de-ruta-{documento.numero_texto or documento.codigo_seguimiento}"
    nombre = "".join(c if c.isalnum() or c in "-_" else "-" for c in nombre)
    respuesta["Content-Disposition"] = f'inline; filename="{nombre}.pdf"'
    return respuesta


@login_required
@con_unidad
@require_POST
def expediente_crear(request, pk: int):
    documento = obtener_documento(request.user, pk, editar=True)
    form = ExpedienteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "No se creó el expediente: escriba su asunto.")
        return _volver(request, documento.pk)
    try:
        expediente = servicio_expedientes.crear_expediente(
            asunto=form.cleaned_data["asunto"], documentos=[documento], por=request.user
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return _volver(request, documento.pk)
    messages.success(request, f"Se abrió el expediente {expediente.codigo}.")
    return redirect("registro:expediente", pk=expediente.pk)


def _expediente_visible(usuario, **filtro) -> Expediente:
    expediente = Expediente.objects.filter(**filtro).first()
    if expediente is None or not documentos_visibles(usuario).filter(expediente=expediente).exists():
        raise Http404
    return expediente


@login_required
@con_unidad
@require_POST
def expediente_agregar(request, pk: int):
    documento = obtener_documento(request.user, pk, editar=True)
    form = AgregarExpedienteForm(request.POST)
    codigo = form.cleaned_data["codigo"].strip() if form.is_valid() else ""
    try:
        if not codigo:
            raise Http404
        expediente = _expediente_visible(request.user, codigo__iexact=codigo)
    except Http404:
        messages.error(request, f"No se encontró el expediente «{codigo}» entre los de su unidad.")
        return _volver(request, documento.pk)
    try:
        servicio_expedientes.agregar_a_expediente(
            expediente=expediente, documento=documento, por=request.user
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Documento agregado al expediente {expediente.codigo}.")
    return _volver(request, documento.pk)


@login_required
@require_GET
def expediente(request, pk: int):
    exp = _expediente_visible(request.user, pk=pk)
    documentos = (
        documentos_visibles(request.user)
        .filter(expediente=exp)
        .select_related("remitente", "unidad_actual")
        .order_by("recibido_en", "id")
    )
    return render(request, "registro/expediente.html", {"expediente": exp, "documentos": documentos})
