from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms._base import aplicar_error
from registro.forms.emision import BorradorForm, BorradorNuevoForm, DevolucionForm, EntregaForm, EnvioForm
from registro.models import Documento, Envio, TipoDocumental
from registro.permissions import obtener_documento
from registro.selectors.emision import (
    destinatarios_de,
    emitidos_de_unidad,
    numeros_de_salida,
    registro_de_salida,
)
from registro.selectors.emision import (
    recibidos_internos as selector_recibidos,
)
from registro.services import despacho
from registro.services.emision import (
    actualizar_borrador,
    crear_borrador,
    es_del_personal,
    guardar_y_firmar,
    marcar_leido_al_abrir,
    numeros_previstos,
    puede_firmar,
    validar_texto_para_firma,
)


def _exigir_unidad(usuario):
    if not usuario.unidad_id:
        raise PermissionDenied("Solo el personal de una unidad emite documentos.")


def _emitido(usuario, pk, *, editar=False) -> Documento:
    documento = obtener_documento(usuario, pk, editar=editar)
    if documento.clase not in (Documento.Clase.INTERNO, Documento.Clase.SALIDA):
        raise PermissionDenied("No es un documento interno ni de salida.")
    return documento


@login_required
@require_GET
def emitidos(request):
    _exigir_unidad(request.user)
    pagina = Paginator(emitidos_de_unidad(request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "registro/emitidos.html", {"pagina": pagina})


def _nuevo(request, *, respuesta_a=None):
    inicial = {}
    if respuesta_a is not None:
        oficio = TipoDocumental.objects.filter(activo=True, interno=True, codigo_serie="oficio").first()
        inicial = {
            "clase": Documento.Clase.SALIDA,
            "tipo_documental": oficio,
            "asunto": f"Respuesta: {respuesta_a.asunto}"[:500],
            "destinatario_documento": respuesta_a.remitente.numero_documento
            if respuesta_a.remitente_id
            else "",
        }
    form = BorradorNuevoForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            documento = crear_borrador(
                **form.datos_servicio(),
                unidad_origen=request.user.unidad,
                respuesta_a=respuesta_a,
                por=request.user,
            )
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se creó el borrador. Revise el texto antes de pasarlo a firma.")
            return redirect("registro:borrador-editar", pk=documento.pk)
    return render(request, "registro/emitir.html", {"form": form, "respuesta_a": respuesta_a})


@login_required
@require_http_methods(["GET", "POST"])
def emitir(request):
    _exigir_unidad(request.user)
    return _nuevo(request)


@login_required
@require_http_methods(["GET", "POST"])
def responder(request, pk: int):
    entrada = obtener_documento(request.user, pk, editar=True)
    _exigir_unidad(request.user)
    return _nuevo(request, respuesta_a=entrada)


@login_required
@require_http_methods(["GET", "POST"])
def borrador_editar(request, pk: int):
    documento = _emitido(request.user, pk)
    if not es_del_personal(request.user, documento.unidad_origen):
        raise PermissionDenied("Solo el personal de la unidad de origen edita el borrador.")
    if documento.estado != Documento.Estado.BORRADOR:
        messages.info(request, "El documento ya está firmado: no se edita.")
        return redirect("registro:documento-emitido", pk=documento.pk)
    form = BorradorForm(request.POST or None, initial=BorradorForm.inicial(documento))
    if request.method == "POST" and form.is_valid():
        try:
            actualizar_borrador(documento=documento, por=request.user, **form.datos_servicio())
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardó el borrador.")
            return redirect("registro:borrador-editar", pk=documento.pk)
    return _editor(request, documento, form)


def _editor(request, documento, form, status=200):
    contexto = {"form": form, "documento": documento, "puede_firmar": puede_firmar(request.user, documento)}
    return render(request, "registro/borrador_editar.html", contexto, status=status)


@login_required
@require_POST
def firmar(request, pk: int):
    """Firma lo que está en pantalla. El botón «Firmar y numerar» del editor envía el formulario entero
    aquí: primero se muestra la confirmación con el número que tomará (nada cambia aún); al confirmar,
    el texto se guarda y se firma en una sola transacción. Un marcador de plantilla sin reemplazar
    devuelve al editor con el error y el texto escrito, sin guardar ni numerar.
    """
    documento = _emitido(request.user, pk)
    if not puede_firmar(request.user, documento):
        raise PermissionDenied(
            "Firma el jefe de la unidad de origen, quien tiene su encargo o la Secretaría General."
        )
    if documento.estado != Documento.Estado.BORRADOR:
        messages.info(request, "El documento ya está firmado: no se vuelve a firmar.")
        return redirect("registro:documento-emitido", pk=documento.pk)
    # Sin los campos (p. ej. un formulario antiguo) se firma lo guardado.
    datos = request.POST if "cuerpo" in request.POST else BorradorForm.inicial_como_datos(documento)
    form = BorradorForm(datos)
    if request.POST.get("accion") == "editar" or not form.is_valid():
        return _editor(request, documento, form)
    try:
        validar_texto_para_firma(form.cleaned_data["cuerpo"])
    except ValidationError as e:
        aplicar_error(form, e)
        return _editor(request, documento, form)
    if request.POST.get("confirmado") != "1":
        campos = [
            (nombre, valor)
            for nombre, valores in request.POST.lists()
            if nombre not in ("csrfmiddlewaretoken", "confirmado", "accion")
            for valor in valores
        ]
        cuerpo = form.cleaned_data["cuerpo"]
        contexto = {
            "documento": documento,
            "campos": campos,
            "numeros": numeros_previstos(documento),
            "asunto": form.cleaned_data["asunto"],
            "parrafos": [p.strip() for p in cuerpo.split("\n\n") if p.strip()],
        }
        return render(request, "registro/firmar_confirmar.html", contexto)
    try:
        documento = guardar_y_firmar(documento=documento, por=request.user, **form.datos_servicio())
    except ValidationError as e:
        aplicar_error(form, e)
        messages.error(request, "No se firmó: " + " ".join(e.messages))
        return _editor(request, documento, form)
    messages.success(request, f"Se firmó y numeró {documento.numero_texto}.")
    return redirect("registro:documento-emitido", pk=documento.pk)


@login_required
@require_GET
def documento_emitido(request, pk: int):
    documento = _emitido(request.user, pk)
    if documento.estado == Documento.Estado.BORRADOR and documento.creado_por_id != request.user.pk:
        if not es_del_personal(request.user, documento.unidad_origen):
            raise PermissionDenied
    marcar_leido_al_abrir(documento=documento, por=request.user)
    return render(request, "registro/documento_emitido.html", _contexto_documento(request, documento))


def _contexto_documento(request, documento, **formularios):
    envios = list(documento.envios.select_related("cargo_entrega").order_by("intento"))
    return {
        "documento": documento,
        "destinatarios": destinatarios_de(documento),
        "envios": envios,
        "ultimo_envio": envios[-1] if envios else None,
        "numero_salida": numeros_de_salida([documento.pk]).get(documento.pk),
        "puede_despachar": documento.clase == Documento.Clase.SALIDA
        and es_del_personal(request.user, documento.unidad_origen),
        "envio_form": formularios.get("envio_form") or EnvioForm(),
        "entrega_form": formularios.get("entrega_form") or EntregaForm(),
        "devolucion_form": formularios.get("devolucion_form") or DevolucionForm(),
    }


@login_required
@require_GET
def recibidos_internos(request):
    pagina = Paginator(selector_recibidos(request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "registro/recibidos_internos.html", {"pagina": pagina})


@login_required
@require_GET
def salida(request):
    pagina = Paginator(registro_de_salida(request.user), 50).get_page(request.GET.get("pagina"))
    numeros = numeros_de_salida([d.pk for d in pagina])
    filas = [
        {"documento": d, "numero_salida": numeros.get(d.pk), "envios": list(d.envios.all())} for d in pagina
    ]
    return render(request, "registro/salida.html", {"pagina": pagina, "filas": filas})


def _despachable(request, pk) -> Documento:
    documento = _emitido(request.user, pk, editar=True)
    if not es_del_personal(request.user, documento.unidad_origen):
        raise PermissionDenied("Despacha el personal de la unidad de origen.")
    return documento


def _envio(request, pk) -> Envio:
    envio = get_object_or_404(Envio.objects.only("id", "documento_id"), pk=pk)
    documento = _despachable(request, envio.documento_id)
    envio = Envio.objects.get(pk=envio.pk)
    envio.documento = documento
    return envio


def _responder_envios(request, documento, error: str | None = None, **formularios):
    if error:
        messages.error(request, error)
    if request.htmx:
        contexto = _contexto_documento(request, documento, **formularios)
        contexto["error"] = error
        return render(
            request, "registro/documento_emitido.html#envios", contexto, status=400 if error else 200
        )
    return redirect("registro:documento-emitido", pk=documento.pk)


@login_required
@require_POST
def envio_registrar(request, pk: int):
    documento = _despachable(request, pk)
    form = EnvioForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Revise el método y la dirección del envío.")
        despacho.registrar_envio(documento=documento, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        return _responder_envios(request, documento, " ".join(e.messages), envio_form=form)
    messages.success(request, "Se registró el envío.")
    return _responder_envios(request, Documento.objects.get(pk=documento.pk))


@login_required
@require_POST
def envio_entregado(request, pk: int):
    envio = _envio(request, pk)
    form = EntregaForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([m for errores in form.errors.values() for m in errores])
        despacho.marcar_entregado(envio=envio, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        return _responder_envios(request, envio.documento, " ".join(e.messages), entrega_form=form)
    messages.success(request, "Se registró la entrega con su cargo.")
    return _responder_envios(request, envio.documento)


@login_required
@require_POST
def envio_devuelto(request, pk: int):
    envio = _envio(request, pk)
    form = DevolucionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Escriba el motivo de la devolución.")
        despacho.marcar_devuelto(envio=envio, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        return _responder_envios(request, envio.documento, " ".join(e.messages), devolucion_form=form)
    messages.success(request, "Se registró la devolución.")
    return _responder_envios(request, envio.documento)


@login_required
@require_POST
def envio_reenviar(request, pk: int):
    envio = _envio(request, pk)
    form = EnvioForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Revise el método y la dirección del reenvío.")
        despacho.reenviar(envio=envio, por=request.user, **form.cleaned_data)
    except ValidationError as e:
        return _responder_envios(request, envio.documento, " ".join(e.messages), envio_form=form)
    messages.success(request, "Se registró el reenvío.")
    return _responder_envios(request, Documento.objects.get(pk=envio.documento_id))
