from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core import roles
from core.forms._base import aplicar_error
from core.forms.personas import BuscarPersonaForm, PersonaForm
from core.models import Evento
from core.permissions import obtener_persona
from core.selectors.personas import buscar_personas
from core.services.personas import actualizar_persona, registrar_persona

gestiona = permission_required(roles.GESTIONAR_PERSONAS, raise_exception=True)


@login_required
@gestiona
def personas(request):
    busqueda = BuscarPersonaForm(request.GET or None)
    texto = busqueda.cleaned_data["q"] if busqueda.is_valid() else ""
    pagina = Paginator(buscar_personas(texto), 50).get_page(request.GET.get("pagina"))
    return render(request, "core/personas.html", {"busqueda": busqueda, "texto": texto, "pagina": pagina})


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def persona_crear(request):
    form = PersonaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            persona = registrar_persona(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se registró a {persona}.")
            return redirect("core:persona", pk=persona.pk)
    return render(request, "core/persona_form.html", {"form": form, "titulo": "Registrar persona"})


def _cambios(evento: Evento) -> list[tuple[str, object, object]]:
    antes, despues = evento.antes or {}, evento.despues or {}
    if not antes:
        return []
    return [(campo, antes.get(campo), valor) for campo, valor in despues.items() if antes.get(campo) != valor]


@login_required
@gestiona
def persona(request, pk: int):
    p = obtener_persona(request.user, pk)
    eventos = Evento.objects.de_objeto(p).select_related("por_encargo_de")[:100]
    historia = [{"evento": e, "cambios": _cambios(e)} for e in eventos]
    return render(request, "core/persona.html", {"persona": p, "historia": historia})


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def persona_editar(request, pk: int):
    p = obtener_persona(request.user, pk)
    form = PersonaForm(request.POST or None, persona=p)
    if request.method == "POST" and form.is_valid():
        try:
            actualizar_persona(persona=p, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios.")
            return redirect("core:persona", pk=p.pk)
    return render(request, "core/persona_form.html", {"form": form, "persona": p, "titulo": f"Editar {p}"})
