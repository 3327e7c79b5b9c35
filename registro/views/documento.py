from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core import roles
from core.selectors.auditoria import historial_de
from registro.forms.recepcion import SubsanarForm
from registro.permissions import obtener_documento
from registro.selectors.documentos import adjuntos_de, documento_para_pagina, hoja_de_ruta
from registro.selectors.subsanacion import subsanacion_de
from registro.services.cargo import cargo_pdf
from registro.services.recepcion import subsanar, tener_por_no_presentado

registra = permission_required(roles.REGISTRAR_DOCUMENTO, raise_exception=True)


@login_required
@require_GET
def documento(request, pk: int):
    doc = documento_para_pagina(obtener_documento(request.user, pk))
    contexto = {
        "documento": doc,
        "adjuntos": adjuntos_de(doc),
        "hoja_de_ruta": hoja_de_ruta(doc),
        "historial": historial_de(doc)[:100],
        "puede_subsanar": doc.estado == doc.Estado.OBSERVADO
        and request.user.has_perm(roles.REGISTRAR_DOCUMENTO),
        "form_subsanar": SubsanarForm(),
        "subsanacion": subsanacion_de(doc) if doc.estado == doc.Estado.OBSERVADO else None,
    }
    return render(request, "registro/documento.html", contexto)


@login_required
@require_GET
def documento_cargo(request, pk: int):
    doc = documento_para_pagina(obtener_documento(request.user, pk))
    respuesta = HttpResponse(cargo_pdf(doc, request=request), content_type="application/pdf")
    nombre = (
        f"cargo-{doc.numero_texto or doc.codigo_seguimiento}".replace(" ", "-")
        .replace(".", "")
        .replace("/", "-")
    )
    respuesta["Content-Disposition"] = f'inline; filename="{nombre}.pdf"'
    return respuesta


@login_required
@registra
@require_POST
def documento_subsanar(request, pk: int):
    doc = obtener_documento(request.user, pk, editar=True)
    form = SubsanarForm(request.POST)
    observacion = form.cleaned_data["observacion"] if form.is_valid() else ""
    try:
        subsanar(documento=doc, por=request.user, observacion=observacion)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Documento subsanado: el plazo de atención corre de nuevo.")
    return redirect("registro:documento", pk=doc.pk)


@login_required
@registra
@require_POST
def documento_no_presentado(request, pk: int):
    doc = obtener_documento(request.user, pk, editar=True)
    try:
        tener_por_no_presentado(documento=doc, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "El documento se tuvo por no presentado.")
    return redirect("registro:documento", pk=doc.pk)
