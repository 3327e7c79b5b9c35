from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.busqueda import MAXIMO_CONSULTA, tipos_registrados
from core.busqueda import buscar as buscar_entradas


@login_required
@require_GET
def buscar(request):
    consulta = request.GET.get("q", "").strip()[:MAXIMO_CONSULTA]
    tipos_validos = tipos_registrados()
    tipo = request.GET.get("tipo", "")
    tipo = tipo if tipo in tipos_validos else ""
    pagina = buscar_entradas(
        consulta, usuario=request.user, tipos=[tipo] if tipo else None, pagina=request.GET.get("pagina", 1)
    )
    contexto = {
        "consulta": consulta,
        "tipo": tipo,
        "tipos": sorted(((t, d.etiqueta) for t, d in tipos_validos.items()), key=lambda x: x[1]),
        "pagina": pagina,
    }
    plantilla = "core/buscar.html#resultados" if request.htmx else "core/buscar.html"
    return render(request, plantilla, contexto)
