from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core import roles
from core.forms.numeracion import FiltroEventosForm
from core.permissions import obtener_evento
from core.selectors.auditoria import diferencias, eventos_filtrados

ve_auditoria = permission_required(roles.VER_AUDITORIA, raise_exception=True)


@login_required
@ve_auditoria
@require_GET
def auditoria(request):
    form = FiltroEventosForm(request.GET or None)
    filtros = form.cleaned_data if form.is_bound and form.is_valid() else {}
    pagina = Paginator(eventos_filtrados(**filtros), 50).get_page(request.GET.get("pagina"))
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    contexto = {"form": form, "pagina": pagina, "consulta": consulta.urlencode()}
    return render(request, "core/auditoria.html", contexto)


@login_required
@ve_auditoria
@require_GET
def evento(request, pk: int):
    evento = obtener_evento(request.user, pk)
    return render(request, "core/evento.html", {"evento": evento, "diferencias": diferencias(evento)})
