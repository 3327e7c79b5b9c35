from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from certificaciones import fuentes
from certificaciones import permissions as acceso
from certificaciones.forms import ExoneracionForm, PagoForm, SolicitudForm
from certificaciones.models import Solicitud
from certificaciones.services.emision import autoridad_para, emitir_certificado, puede_intentar
from certificaciones.services.solicitudes import crear_solicitud, exonerar, registrar_pago
from core.forms._base import aplicar_error
from registro.models import Documento
from registro.permissions import documentos_visibles, obtener_documento


@login_required
@require_GET
def solicitudes(request):
    if not acceso.puede_ver_registro(request.user):
        raise PermissionDenied
    estado = request.GET.get("estado") or ""
    consulta = acceso.solicitudes_visibles(request.user).select_related("solicitante", "certificado")
    if estado in Solicitud.Estado.values:
        consulta = consulta.filter(estado=estado)
    pagina = Paginator(consulta.order_by("-creado", "-id"), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "certificaciones/solicitudes.html",
        {"pagina": pagina, "estado": estado, "estados": Solicitud.Estado.choices},
    )


def _fuente_emitido(usuario, numero: str) -> str:
    documento = (
        documentos_visibles(usuario)
        .filter(numero_texto=numero.strip(), pdf__isnull=False)
        .exclude(estado=Documento.Estado.BORRADOR)
        .first()
    )
    if documento is None:
        raise ValidationError({"emitido": ["No se encontró un documento emitido y firmado con ese número."]})
    return fuentes.referencia("registro.documento", documento)


def _desde_fuente(usuario, referencia: str):
    """La fuente y su fila de `?fuente=clave:id` (la página de un acta, un acto o un artículo), o None si
    no existe, no se puede certificar o `usuario` no la ve: las tres dan el mismo mensaje."""
    try:
        return fuentes.resolver(usuario, referencia)
    except ValidationError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def solicitud_crear(request):
    if not request.user.has_perm(acceso.GESTIONAR):
        raise PermissionDenied
    documento = None
    if request.GET.get("documento"):
        documento = obtener_documento(request.user, request.GET["documento"])
    opciones = fuentes.ofrecidas_por_documento(request.user, documento) if documento is not None else []
    inicial = {"asunto": documento.asunto if documento else ""}
    desde = None
    if request.GET.get("fuente"):
        desde = _desde_fuente(request.user, request.GET["fuente"])
        if desde is None:
            # Nada se crea: ni el formulario se ofrece con un original que no se encontró.
            return render(
                request,
                "certificaciones/solicitud_form.html",
                {"form": None, "documento": documento, "error_fuente": fuentes.NO_ENCONTRADO},
                status=404,
            )
        f, obj = desde
        referencia = fuentes.referencia(f.clave, obj)
        opciones = [(referencia, f.etiqueta(obj)), *(o for o in opciones if o[0] != referencia)]
        inicial.update(fuente=referencia, tipo=fuentes.tipo_sugerido(f, obj), asunto=f.descripcion(obj))
        if f.transcripcion is not None:
            inicial["texto"] = f.transcripcion(obj)
    form = SolicitudForm(
        request.POST or None,
        request.FILES or None,
        opciones_fuente=opciones,
        documento=documento,
        initial=inicial,
    )
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            fuente = datos["fuente"]
            if datos["emitido"]:
                if fuente:
                    raise ValidationError({"emitido": ["Elija un solo original."]})
                fuente = _fuente_emitido(request.user, datos["emitido"])
            solicitud = crear_solicitud(
                tipo=datos["tipo"],
                solicitante=datos["solicitante"],
                asunto=datos["asunto"],
                documento=documento,
                fuente=fuente,
                archivo=datos["archivo"],
                texto=datos["texto"],
                tarifa=datos["tarifa"],
                publico=datos["publico"],
                por=request.user,
            )
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se recibió la solicitud {solicitud.pk}.")
            return redirect("certificaciones:solicitud", pk=solicitud.pk)
    return render(
        request,
        "certificaciones/solicitud_form.html",
        {
            "form": form,
            "documento": documento,
            "desde": desde[0].etiqueta(desde[1]) if desde is not None else "",
        },
    )


def _detalle(request, solicitud, *, pago=None, exoneracion=None, error_emision=None, status=200):
    usuario = request.user
    puede_emitir, motivo = False, ""
    if solicitud.estado == Solicitud.Estado.LISTA and puede_intentar(usuario):
        try:
            autoridad_para(usuario, solicitud.tipo)
            puede_emitir = True
        except ValidationError as e:
            motivo = " ".join(e.messages)
    contexto = {
        "solicitud": solicitud,
        "certificado": getattr(solicitud, "certificado", None)
        if solicitud.estado == Solicitud.Estado.EMITIDA
        else None,
        "gestiona": usuario.has_perm(acceso.GESTIONAR),
        "pago": pago or PagoForm(initial={"recibo_monto": solicitud.monto}),
        "exoneracion": exoneracion or ExoneracionForm(),
        "puede_emitir": puede_emitir,
        "motivo_no_emite": motivo,
        "error_emision": error_emision,
    }
    return render(request, "certificaciones/solicitud.html", contexto, status=status)


@login_required
@require_GET
def solicitud(request, pk: int):
    return _detalle(request, acceso.obtener_solicitud(request.user, pk))


def _para_gestionar(request, pk):
    solicitud = acceso.obtener_solicitud(request.user, pk)
    if not request.user.has_perm(acceso.GESTIONAR):
        raise PermissionDenied
    return solicitud


@login_required
@require_POST
def solicitud_pagar(request, pk: int):
    solicitud = _para_gestionar(request, pk)
    form = PagoForm(request.POST)
    if form.is_valid():
        try:
            registrar_pago(solicitud=solicitud, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se registró el pago: la solicitud está lista para emitir.")
            return redirect("certificaciones:solicitud", pk=solicitud.pk)
    return _detalle(
        request, solicitud, pago=form, error_emision=" ".join(form.non_field_errors()) or None, status=400
    )


@login_required
@require_POST
def solicitud_exonerar(request, pk: int):
    solicitud = _para_gestionar(request, pk)
    form = ExoneracionForm(request.POST)
    if form.is_valid():
        try:
            exonerar(solicitud=solicitud, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se registró la exoneración: la solicitud está lista para emitir.")
            return redirect("certificaciones:solicitud", pk=solicitud.pk)
    return _detalle(
        request,
        solicitud,
        exoneracion=form,
        error_emision=" ".join(form.non_field_errors()) or None,
        status=400,
    )


@login_required
@require_POST
def solicitud_emitir(request, pk: int):
    solicitud = acceso.obtener_solicitud(request.user, pk)
    try:
        certificado = emitir_certificado(solicitud=solicitud, por=request.user)
    except ValidationError as e:
        return _detalle(request, solicitud, error_emision=" ".join(e.messages), status=400)
    messages.success(request, f"Se emitió y firmó {certificado.numero_texto}.")
    return redirect("certificaciones:certificado", pk=certificado.pk)
