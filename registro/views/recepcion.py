from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core import roles
from core.forms._base import aplicar_error
from core.selectors.personas import buscar_personas
from core.services.personas import normalizar_numero, registrar_persona
from registro.forms.recepcion import RegistrarForm
from registro.services.recepcion import registrar_documento

registra = permission_required(roles.REGISTRAR_DOCUMENTO, raise_exception=True)
MAX_CANDIDATOS = 8


def _candidatos(texto: str) -> list:
    texto = (texto or "").strip()
    if len(texto) < 2:
        return []
    return list(
        buscar_personas(texto).order_by("apellidos", "nombres", "razon_social", "pk")[:MAX_CANDIDATOS]
    )


def _contexto_remitente(form: RegistrarForm, texto: str) -> dict:
    candidatos = _candidatos(texto)
    elegido = form["remitente"].value() if form.is_bound else None
    if not elegido and len(candidatos) == 1:
        elegido = candidatos[0].pk
    return {"form": form, "texto": texto, "candidatos": candidatos, "elegido": str(elegido or "")}


def _con_prefijo(error: ValidationError) -> ValidationError:
    # Los errores del servicio de personas nombran sus campos; en este formulario llevan «nuevo_».
    if hasattr(error, "error_dict"):
        return ValidationError({f"nuevo_{campo}": mensajes for campo, mensajes in error.message_dict.items()})
    return error


@transaction.atomic
def _registrar(form: RegistrarForm, usuario):
    # La persona nueva y el documento se registran juntos: si el documento no pasa, tampoco queda la persona.
    remitente = form.cleaned_data["remitente"]
    if remitente is None:
        try:
            remitente = registrar_persona(por=usuario, **form.datos_persona_nueva())
        except ValidationError as e:
            raise _con_prefijo(e) from None
    return registrar_documento(remitente=remitente, por=usuario, **form.datos_documento())


@login_required
@registra
@require_http_methods(["GET", "POST"])
def registrar(request):
    form = RegistrarForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            documento = _registrar(form, request.user)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se registró el documento {documento.numero_texto}.")
            return redirect("registro:documento", pk=documento.pk)
    texto = form["buscar"].value() or ""
    return render(request, "registro/registrar.html", _contexto_remitente(form, texto))


@login_required
@registra
@require_GET
def remitente_buscar(request):
    texto = request.GET.get("buscar", "")[:100]
    numero = normalizar_numero(texto)
    es_numero = numero.isascii() and numero.isdigit()  # «²» o «٣» no son un número de documento
    inicial = {"nuevo_numero_documento": numero} if es_numero else {"nuevo_nombres": texto.strip()}
    if es_numero and len(numero) == 11:
        inicial["nuevo_tipo_documento"] = "RUC"
    form = RegistrarForm(initial=inicial)
    return render(request, "registro/registrar.html#remitente", _contexto_remitente(form, texto))
