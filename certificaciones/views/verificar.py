"""Verificación pública (sin ingreso): por código, por el QR o subiendo el PDF. Con límites por IP."""

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from certificaciones import conf
from certificaciones.forms import VerificarArchivoForm, VerificarCodigoForm
from certificaciones.models import normalizar_codigo
from certificaciones.services.verificacion import comprobar_pdf, por_codigo
from certificaciones.views import respuesta_pdf
from core import limites

_HORA = 3600


def _megas(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")


def _quiere_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _demasiadas(request, minutos: int):
    mensaje = f"Se hicieron demasiadas consultas desde su conexión. Espere {minutos} minuto{'s' if minutos != 1 else ''} y vuelva a intentarlo."
    if _quiere_json(request):
        return JsonResponse({"error": mensaje}, status=429)
    return render(request, "certificaciones/publico/limite.html", {"mensaje": mensaje}, status=429)


def _limite_de_codigo(request):
    """Cada consulta por código cuenta; los códigos inexistentes cuentan aparte y con un tope por hora,
    que es lo que frena a quien prueba códigos al azar."""
    if limites.usados(request, "verificar-fallo", ventana=_HORA) >= conf.fallos_por_hora():
        return _demasiadas(request, 60)
    if limites.excedido(request, "verificar-consulta", maximo=conf.consultas_por_minuto(), ventana=60):
        return _demasiadas(request, 1)
    return None


def _buscar(request, codigo: str):
    certificado = por_codigo(codigo)
    if certificado is None:
        limites.contar(request, "verificar-fallo", ventana=_HORA)
    return certificado


def _responder_comprobacion(request, comprobacion, *, status=200):
    if _quiere_json(request):
        return JsonResponse(comprobacion.como_json(), status=status)
    return render(request, "certificaciones/publico/resultado.html", {"c": comprobacion}, status=status)


def _archivo_invalido(request, mensaje: str, form):
    if _quiere_json(request):
        return JsonResponse(
            {"error": mensaje, "coincide": False, "firma_valida": None, "codigo": None}, status=400
        )
    form.add_error("archivo", mensaje)
    return render(
        request,
        "certificaciones/publico/inicio.html",
        {"form": VerificarCodigoForm(), "subir": form},
        status=400,
    )


@csrf_exempt  # consulta pública de solo lectura: no cambia nada ni depende de una sesión
@require_http_methods(["GET", "POST"])
def inicio(request):
    if request.method == "POST":
        if limites.excedido(request, "verificar-subida", maximo=conf.subidas_por_minuto(), ventana=60):
            return _demasiadas(request, 1)
        # Un PDF que no coincide con nada emitido cuesta CPU (su firma se valida con tope en un proceso
        # aparte): como los códigos inexistentes, esos tienen su tope por hora.
        if limites.usados(request, "verificar-subida-ajena", ventana=_HORA) >= conf.fallos_por_hora():
            return _demasiadas(request, 60)
        form = VerificarArchivoForm(request.POST, request.FILES)
        if not form.is_valid():
            return _archivo_invalido(request, "Elija el PDF que quiere comprobar.", form)
        subido, maximo = form.cleaned_data["archivo"], conf.verificacion_tamano_maximo()
        if subido.size > maximo:
            return _archivo_invalido(
                request,
                f"El archivo pesa {_megas(subido.size)}: la verificación admite PDF "
                f"de hasta {_megas(maximo)}.",
                form,
            )
        if b"%PDF-" not in subido.read(1024):
            return _archivo_invalido(request, "El archivo no es un PDF.", form)
        comprobacion = comprobar_pdf(subido.file, codigo=form.cleaned_data["codigo"])
        if not comprobacion.coincide:
            limites.contar(request, "verificar-subida-ajena", ventana=_HORA)
        return _responder_comprobacion(request, comprobacion)
    if "codigo" in request.GET:
        form, estado = VerificarCodigoForm(request.GET), 400
        if form.is_valid():
            if respuesta := _limite_de_codigo(request):
                return respuesta
            certificado = _buscar(request, form.cleaned_data["codigo"])
            if certificado is not None:
                return redirect("verificar:codigo", codigo=certificado.codigo)
            form.add_error("codigo", "No existe un certificado con ese código. Revise lo que escribió.")
            estado = 404
        return render(
            request,
            "certificaciones/publico/inicio.html",
            {"form": form, "subir": VerificarArchivoForm()},
            status=estado,
        )
    return render(
        request,
        "certificaciones/publico/inicio.html",
        {"form": VerificarCodigoForm(), "subir": VerificarArchivoForm()},
    )


@require_GET
def codigo(request, codigo: str):
    if respuesta := _limite_de_codigo(request):
        return respuesta
    certificado = _buscar(request, codigo)
    if certificado is None:
        return render(request, "certificaciones/publico/no_encontrado.html", status=404)
    if normalizar_codigo(codigo) != codigo:
        return redirect("verificar:codigo", codigo=certificado.codigo)
    subir = VerificarArchivoForm(initial={"codigo": certificado.codigo})
    return render(
        request, "certificaciones/publico/certificado.html", {"certificado": certificado, "subir": subir}
    )


@require_GET
def descargar(request, codigo: str):
    if respuesta := _limite_de_codigo(request):
        return respuesta
    certificado = _buscar(request, codigo)
    if certificado is None or not certificado.descargable:
        raise Http404
    return respuesta_pdf(certificado, adjunto=False)
