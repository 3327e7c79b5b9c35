"""Páginas de la parte «despues»: el acta (borrador, editor, Word, firma, publicación, fe de erratas) para
la Secretaría, y las páginas públicas de las sesiones realizadas, sus votaciones, el acta y los votos de
cada miembro."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from concejo.models import Acta, Asistencia, Miembro, Votacion, Voto
from concejo.permissions import (
    GESTIONAR_ACTAS,
    VER_CONCEJO,
    actas_publicas,
    exigir_gestion_de_actas,
    obtener_acta,
    obtener_sesion_del_acta,
    sesiones_publicas,
    sesiones_visibles,
)
from concejo.services import actas as servicio
from core.forms._base import aplicar_error

# --- Formularios --------------------------------------------------------------------------------


class TextoActaForm(forms.Form):
    texto = forms.CharField(
        label="Texto del acta (HTML simple)",
        widget=forms.Textarea(attrs={"rows": 24, "class": "form-control font-monospace"}),
        help_text="Párrafos &lt;p&gt;, títulos &lt;h2&gt;/&lt;h3&gt;, listas &lt;ul&gt;/&lt;ol&gt; y tablas. "
        "Lo demás se quita al guardar.",
    )


class ImportarDocxForm(forms.Form):
    archivo = forms.FileField(
        label="Documento de Word (.docx)",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".docx"}),
    )


class ErrataForm(forms.Form):
    texto = forms.CharField(
        label="Corrección", max_length=5000, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )


def _contexto(request, sesion, acta, **formularios):
    return {
        "sesion": sesion,
        "acta": acta,
        "gestiona": request.user.has_perm(GESTIONAR_ACTAS),
        "puede_generar": sesion.estado in servicio.ESTADOS_CON_ACTA,
        "form": formularios.get("form") or TextoActaForm(initial={"texto": acta.texto if acta else ""}),
        "docx_form": formularios.get("docx_form") or ImportarDocxForm(),
        "errata_form": formularios.get("errata_form") or ErrataForm(),
        "erratas": list(acta.erratas.all()) if acta else [],
    }


def _volver(sesion):
    return redirect("concejo:acta", pk=sesion.pk)


# --- Páginas internas ---------------------------------------------------------------------------


@login_required
@require_GET
def actas(request):
    if not request.user.has_perm(VER_CONCEJO):
        raise PermissionDenied
    sesiones = (
        sesiones_visibles(request.user)
        .filter(estado__in=servicio.ESTADOS_CON_ACTA)
        .select_related("organo", "acta")
        .order_by("-fecha")
    )
    return render(
        request,
        "concejo/despues/actas.html",
        {"pagina": Paginator(sesiones, 50).get_page(request.GET.get("pagina"))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def acta(request, pk: int):
    sesion = obtener_sesion_del_acta(request.user, pk)
    acta = Acta.objects.filter(sesion=sesion).select_related("aprobada_en", "archivo").first()
    form = None
    if request.method == "POST":
        exigir_gestion_de_actas(request.user)
        if acta is None:
            raise Http404
        form = TextoActaForm(request.POST)
        if form.is_valid():
            try:
                servicio.editar_acta(acta=acta, texto=form.cleaned_data["texto"], por=request.user)
            except ValidationError as e:
                aplicar_error(form, e)
            else:
                messages.success(request, "Se guardó el borrador del acta.")
                return _volver(sesion)
    return render(
        request,
        "concejo/despues/acta.html",
        _contexto(request, sesion, acta, form=form),
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def acta_vista_previa(request, pk: int):
    sesion = obtener_sesion_del_acta(request.user, pk)
    exigir_gestion_de_actas(request.user)
    texto = servicio.limpiar_html(request.POST.get("texto", ""))
    return render(request, "concejo/despues/acta.html#vista_previa", {"sesion": sesion, "texto": texto})


@login_required
@require_POST
def acta_generar(request, pk: int):
    sesion = obtener_sesion_del_acta(request.user, pk)
    exigir_gestion_de_actas(request.user)
    try:
        acta = servicio.generar_acta(sesion=sesion, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, f"Se generó el borrador del acta (versión {acta.version}) a partir del registro."
        )
    return _volver(sesion)


@login_required
@require_GET
def acta_docx(request, pk: int):
    sesion = obtener_sesion_del_acta(request.user, pk)
    acta = obtener_acta(sesion)
    respuesta = HttpResponse(servicio.exportar_docx(acta), content_type=servicio.MIME_DOCX)
    nombre = slugify(f"acta-{sesion.tipo}-{sesion.numero}-{sesion.anio}-v{acta.version}")
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.docx"'
    return respuesta


@login_required
@require_POST
def acta_importar(request, pk: int):
    sesion = obtener_sesion_del_acta(request.user, pk)
    exigir_gestion_de_actas(request.user)
    acta = obtener_acta(sesion)
    docx_form = ImportarDocxForm(request.POST, request.FILES)
    if docx_form.is_valid():
        try:
            servicio.importar_docx(acta=acta, archivo=docx_form.cleaned_data["archivo"], por=request.user)
        except ValidationError as e:
            aplicar_error(docx_form, e)
        else:
            messages.success(request, "Se cargó el texto del documento de Word en el borrador.")
            return _volver(sesion)
    return render(
        request,
        "concejo/despues/acta.html",
        _contexto(request, sesion, acta, docx_form=docx_form),
        status=400,
    )


def _accion(request, pk, funcion, mensaje: str):
    sesion = obtener_sesion_del_acta(request.user, pk)
    exigir_gestion_de_actas(request.user)
    try:
        funcion(acta=obtener_acta(sesion), por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, mensaje)
    return _volver(sesion)


@login_required
@require_POST
def acta_firmar(request, pk: int):
    return _accion(
        request, pk, servicio.firmar_acta, "Se firmó el acta: el PDF quedó guardado con su huella SHA-256."
    )


@login_required
@require_POST
def acta_publicar(request, pk: int):
    return _accion(request, pk, servicio.publicar_acta, "Se publicó el acta en el portal.")


@login_required
@require_POST
def acta_errata(request, pk: int):
    sesion = obtener_sesion_del_acta(request.user, pk)
    exigir_gestion_de_actas(request.user)
    acta = obtener_acta(sesion)
    errata_form = ErrataForm(request.POST)
    if errata_form.is_valid():
        try:
            errata = servicio.agregar_fe_de_erratas(
                acta=acta, texto=errata_form.cleaned_data["texto"], por=request.user
            )
        except ValidationError as e:
            aplicar_error(errata_form, e)
        else:
            messages.success(request, f"Se registró la fe de erratas Nº {errata.numero}.")
            return _volver(sesion)
    return render(
        request,
        "concejo/despues/acta.html",
        _contexto(request, sesion, acta, errata_form=errata_form),
        status=400,
    )


def _pdf(acta: Acta):
    if acta.archivo_id is None:
        raise Http404
    return FileResponse(
        acta.archivo.archivo.open("rb"),
        content_type="application/pdf",
        filename=f"acta-{acta.sesion.numero}-{acta.sesion.anio}.pdf",
    )


@login_required
@require_GET
def acta_pdf(request, pk: int):
    return _pdf(obtener_acta(obtener_sesion_del_acta(request.user, pk)))


# --- Páginas públicas ---------------------------------------------------------------------------


def _realizadas():
    return sesiones_publicas().filter(estado__in=servicio.ESTADOS_CON_ACTA)


def _votaciones_publicas():
    return (
        Votacion.objects.filter(estado=Votacion.Estado.CONFIRMADA)
        .select_related("punto")
        .prefetch_related(
            Prefetch("votos", Voto.objects.select_related("miembro__persona").order_by("miembro__orden")),
        )
        .order_by("numero")
    )


@require_GET
def realizadas(request):
    sesiones = _realizadas().select_related("organo").order_by("-fecha")
    publicadas = set(actas_publicas().values_list("sesion_id", flat=True))
    pagina = Paginator(sesiones, 30).get_page(request.GET.get("pagina"))
    return render(request, "concejo/despues/realizadas.html", {"pagina": pagina, "publicadas": publicadas})


@require_GET
def realizada(request, pk: int):
    sesion = get_object_or_404(_realizadas().select_related("organo", "preside__persona"), pk=pk)
    asistencias = (
        Asistencia.objects.filter(sesion=sesion)
        .select_related("miembro__persona")
        .order_by("miembro__orden", "id")
    )
    votaciones = list(_votaciones_publicas().filter(sesion=sesion))
    for v in votaciones:
        v.nominal = v.forma in (Votacion.Forma.NOMINAL, Votacion.Forma.NOMINAL_RAZONADA)
    contexto = {
        "sesion": sesion,
        "asistencias": asistencias,
        "votaciones": votaciones,
        "decisiones": sesion.decisiones.select_related("punto").order_by("punto__orden", "id"),
        "acta": actas_publicas().filter(sesion=sesion).first(),
    }
    return render(request, "concejo/despues/realizada.html", contexto)


def _acta_publica(pk) -> Acta:
    return get_object_or_404(
        actas_publicas().select_related("sesion__organo", "aprobada_en", "archivo"),
        sesion_id=pk,
        sesion__in=_realizadas(),
    )


@require_GET
def realizada_acta(request, pk: int):
    acta = _acta_publica(pk)
    return render(
        request,
        "concejo/despues/realizada_acta.html",
        {"acta": acta, "sesion": acta.sesion, "erratas": acta.erratas.all()},
    )


@require_GET
def realizada_acta_pdf(request, pk: int):
    return _pdf(_acta_publica(pk))


@require_GET
def realizada_miembro(request, pk: int):
    miembro = get_object_or_404(Miembro.objects.select_related("persona", "periodo"), pk=pk)
    votos = (
        Voto.objects.filter(
            miembro=miembro,
            votacion__estado=Votacion.Estado.CONFIRMADA,
            votacion__forma__in=[Votacion.Forma.NOMINAL, Votacion.Forma.NOMINAL_RAZONADA],
            votacion__sesion__in=_realizadas(),
        )
        .select_related("votacion__sesion__organo", "votacion__punto")
        .order_by("-votacion__sesion__fecha", "votacion__numero")
    )
    pagina = Paginator(votos, 50).get_page(request.GET.get("pagina"))
    return render(request, "concejo/despues/realizada_miembro.html", {"miembro": miembro, "pagina": pagina})
