"""Páginas públicas de la normativa (/normativa/), sin ingreso: búsqueda, cada acto con su texto citable
por artículo, su PDF firmado, su historia y sus relaciones; el feed Atom de los actos nuevos."""

from __future__ import annotations

from django import forms
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from actos.models import Acto, Relacion
from actos.permissions import actos_publicos, obtener_acto_publico
from actos.selectors.aprobacion import aprobacion_en_sesion
from actos.selectors.instrumentos import nombre_de_tipo, opciones_de_tipo
from actos.selectors.normativa import buscar_publicos
from actos.services.documento import docx_de_acto, html_de_acto
from actos.services.erratas import erratas_de
from actos.services.relaciones import anotar_vigencias, estado_consolidado, vigencia_de
from core.forms._base import FormularioBootstrap
from core.models import Municipio


class BusquedaForm(FormularioBootstrap, forms.Form):
    q = forms.CharField(
        label="Texto",
        required=False,
        max_length=200,
        help_text="Palabras del título o del texto; se ignoran tildes y mayúsculas.",
    )
    tipo = forms.ChoiceField(label="Tipo", required=False)
    numero = forms.IntegerField(label="Número", required=False, min_value=1, max_value=999999)
    anio = forms.IntegerField(label="Año", required=False, min_value=1900, max_value=9999)
    tema = forms.CharField(label="Tema", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [("", "Todos"), *opciones_de_tipo()]


@require_GET
def normativa(request):
    form = BusquedaForm(request.GET or None)
    filtros = form.cleaned_data if form.is_bound and form.is_valid() else {}
    actos = buscar_publicos(
        texto=filtros.get("q") or "",
        tipo=filtros.get("tipo") or "",
        numero=filtros.get("numero"),
        anio=filtros.get("anio"),
        tema=filtros.get("tema") or "",
    )
    pagina = Paginator(actos, 20).get_page(request.GET.get("pagina"))
    nombres = dict(form.fields["tipo"].choices)
    for acto in pagina:
        acto.nombre_tipo = nombres.get(acto.tipo, acto.tipo)
    anotar_vigencias(pagina)
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return render(
        request,
        "actos/publico/normativa.html",
        {"form": form, "pagina": pagina, "consulta": consulta.urlencode(), "buscando": bool(filtros)},
    )


def historia_publica(acto: Acto, consolidado: list[dict], erratas=()) -> list[dict]:
    """Los hitos públicos del acto: firma, publicación, entrada en vigor, sus fe de erratas y lo que otros
    actos dispusieron (`consolidado`, de `estado_consolidado`)."""
    hitos = []
    if acto.firmado_en:
        hitos.append({"fecha": timezone.localdate(acto.firmado_en), "texto": f"Firmado por {acto.firmante}"})
    if acto.publicado_en:
        hitos.append({"fecha": acto.publicado_en, "texto": f"Publicado en {acto.medio_publicacion}"})
    if acto.vigente_desde:
        hitos.append({"fecha": acto.vigente_desde, "texto": "Entra en vigor"})
    for errata in erratas:
        hitos.append(
            {
                "fecha": timezone.localdate(errata.firmada_en),
                "texto": f"{errata.numero_texto}: corrige {errata.lugar}",
            }
        )
    for fila in consolidado:
        hitos.append({"fecha": fila["origen"].publicado_en, "texto": fila["texto"]})
    return sorted(hitos, key=lambda h: h["fecha"])


@require_GET
def acto(request, pk: int):
    acto = obtener_acto_publico(pk)
    salientes = Relacion.objects.filter(origen=acto, destino__estado=Acto.Estado.PUBLICADO).select_related(
        "destino"
    )
    consolidado = estado_consolidado(acto)
    lista_erratas = list(erratas_de(acto))
    return render(
        request,
        "actos/publico/acto.html",
        {
            "acto": acto,
            "nombre_tipo": nombre_de_tipo(acto.tipo),
            "cuerpo": html_de_acto(acto),
            "consolidado": consolidado,
            "vigencia": vigencia_de(acto),
            "aprobacion": aprobacion_en_sesion(acto),
            "salientes": salientes,
            "erratas": lista_erratas,
            "historia": historia_publica(acto, consolidado, lista_erratas),
            "hoy": timezone.localdate(),
        },
    )


@require_GET
def acto_pdf(request, pk: int):
    acto = obtener_acto_publico(pk)
    if not acto.archivo_id:
        raise Http404
    respuesta = FileResponse(
        acto.archivo.archivo.open("rb"),
        content_type="application/pdf",
        filename=f"{acto.tipo}-{acto.anio}-{acto.numero:03d}.pdf",
    )
    respuesta["X-SHA256"] = acto.sha256
    return respuesta


@require_GET
def acto_docx(request, pk: int):
    acto = obtener_acto_publico(pk)
    respuesta = HttpResponse(
        docx_de_acto(acto),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    respuesta["Content-Disposition"] = (
        f'attachment; filename="{acto.tipo}-{acto.anio}-{acto.numero:03d}.docx"'
    )
    return respuesta


@require_GET
def acto_akn(request, pk: int):
    # akn.py trae lxml (unos 7 MB por proceso): solo se carga si alguien pide el Akoma Ntoso.
    from actos.akn import akn_de_acto  # noqa: PLC0415 - lxml, pesado, solo para la exportación Akoma Ntoso

    acto = obtener_acto_publico(pk)
    return HttpResponse(akn_de_acto(acto), content_type="application/akn+xml; charset=utf-8")


class FeedActos(Feed):
    """Atom de los últimos actos publicados (los 50 más recientes por fecha de publicación)."""

    feed_type = Atom1Feed
    description_template = None

    def title(self):
        municipio = Municipio.objects.actual()
        return f"Normativa publicada · {municipio.nombre if municipio else 'Secretaría General'}"

    def subtitle(self):
        return "Ordenanzas, acuerdos, resoluciones y decretos publicados."

    def link(self):
        return reverse("normativa:normativa")

    def items(self):
        nombres = dict(opciones_de_tipo())
        actos = list(actos_publicos().order_by("-publicado_en", "-pk")[:50])
        for acto in actos:
            acto.nombre_tipo = nombres.get(acto.tipo, acto.tipo)
        return actos

    def item_title(self, item):
        return f"{item.numero_texto}: {item.titulo}"

    def item_description(self, item):
        return f"{item.nombre_tipo} publicada el {item.publicado_en:%d/%m/%Y} en {item.medio_publicacion}."

    def item_link(self, item):
        return reverse("normativa:acto", args=[item.pk])

    def item_pubdate(self, item):
        return item.firmado_en

    def item_updateddate(self, item):
        return timezone.make_aware(timezone.datetime.combine(item.publicado_en, timezone.datetime.min.time()))

    def item_categories(self, item):
        return [item.nombre_tipo, *[t.strip() for t in item.temas.split(",") if t.strip()]]

    def item_enclosures(self, item):
        return []
