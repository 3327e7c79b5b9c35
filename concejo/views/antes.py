"""Páginas de «antes de la sesión»: sesiones, agenda y versiones, convocatoria, acuses, calendario y las
páginas públicas de próximas sesiones.

Acceso: ver las sesiones pide `concejo.ver_concejo`; cambiarlas, `concejo.preparar_sesion` (403 para quien
solo ve). Una sesión que el usuario no puede ver responde 404 (`concejo.permissions.obtener_sesion`).
El enlace de la citación y el calendario del miembro se abren sin ingresar, con su token.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from concejo import ical
from concejo.models import Miembro, Organo, PuntoAgenda, Sesion, VersionAgenda
from concejo.permissions import (
    PREPARAR_SESION,
    VER_CONCEJO,
    obtener_punto_de_agenda,
    obtener_sesion_de_agenda,
    sesiones_publicas,
)
from concejo.selectors.sesiones import (
    ESTADOS_PREPARACION,
    NOMBRES_TIPO,
    agenda_congelada,
    miembros_citables,
    nombre_tipo,
    tipos_de_sesion,
)
from concejo.services import agenda as servicio_agenda
from concejo.services import citacion as servicio_citacion
from concejo.services import sesiones as servicio_sesiones
from core.forms._base import FormularioBootstrap, aplicar_error
from core.models import Archivo, UnidadOrganica
from core.views.archivos import respuesta_archivo
from registro.models import Documento

ve = permission_required(VER_CONCEJO, raise_exception=True)
prepara = permission_required(PREPARAR_SESION, raise_exception=True)


def _sesion(request, pk, *, preparar: bool = False) -> Sesion:
    """La sesión para una página interna (`concejo.permissions.obtener_sesion_de_agenda`)."""
    return obtener_sesion_de_agenda(request.user, pk, preparar=preparar)


def _punto(request, pk) -> PuntoAgenda:
    return obtener_punto_de_agenda(request.user, pk, preparar=True)


# --- Formularios ----------------------------------------------------------------------------------


class FiltroSesiones(forms.Form):
    organo = forms.ModelChoiceField(Organo.objects.all(), required=False, label="Órgano", empty_label="Todos")
    tipo = forms.CharField(required=False, label="Tipo")
    anio = forms.IntegerField(required=False, label="Año", min_value=1990, max_value=2200)
    estado = forms.ChoiceField(
        choices=[("", "Todos"), *Sesion.Estado.choices], required=False, label="Estado"
    )


class SesionForm(FormularioBootstrap, forms.Form):
    organo = forms.ModelChoiceField(
        Organo.objects.filter(activo=True).select_related("periodo"), label="Órgano"
    )
    tipo = forms.ChoiceField(label="Tipo de sesión")
    fecha = forms.DateTimeField(
        label="Fecha y hora",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    lugar = forms.CharField(label="Lugar", max_length=200, required=False)
    publica = forms.BooleanField(label="Publicar en el portal al convocar", required=False, initial=True)

    def __init__(self, *args, editar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [(t, nombre_tipo(t)) for t in tipos_de_sesion()]
        if editar:
            del self.fields["organo"]
            del self.fields["tipo"]


class CancelarForm(FormularioBootstrap, forms.Form):
    motivo = forms.CharField(label="Motivo de la cancelación", widget=forms.Textarea(attrs={"rows": 2}))


class PuntoForm(FormularioBootstrap, forms.Form):
    seccion = forms.ChoiceField(
        label="Sección", choices=[c for c in PuntoAgenda.Seccion.choices if c[0] != "acta"]
    )
    clase = forms.ChoiceField(
        label="Clase",
        choices=[
            ("", "La habitual de la sección"),
            *[c for c in PuntoAgenda.Clase.choices if c[0] != "acta"],
        ],
        required=False,
    )
    titulo = forms.CharField(label="Título", max_length=500)
    descripcion = forms.CharField(
        label="Descripción", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    mayoria = forms.ChoiceField(
        label="Mayoría requerida",
        required=False,
        help_text="Vacío: la mayoría general del perfil en los puntos que se votan.",
    )
    instrumento = forms.ChoiceField(label="Instrumento que resultaría", required=False)
    documento = forms.IntegerField(
        label="Documento del registro (despacho)", required=False, widget=forms.HiddenInput
    )
    proponente = forms.ModelChoiceField(
        Miembro.objects.none(), label="Miembro proponente (mociones)", required=False
    )
    unidad_proponente = forms.ModelChoiceField(
        UnidadOrganica.objects.filter(activa=True),
        required=False,
        label="Unidad proponente (propuestas de la administración)",
    )
    primer_debate = forms.ModelChoiceField(
        PuntoAgenda.objects.none(),
        label="Segundo debate de",
        required=False,
        help_text="Solo donde el perfil exige dos debates (ordenanzas y acuerdos).",
    )
    motivo = forms.CharField(
        label="Motivo del cambio",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatorio si la agenda ya está congelada.",
    )

    def __init__(self, *args, sesion: Sesion, editar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mayoria"].choices = [("", "La general del perfil"), *servicio_agenda.mayorias().items()]
        self.fields["instrumento"].choices = [
            ("", "Ninguno"),
            *servicio_agenda.instrumentos(sesion.fecha).items(),
        ]
        self.fields["proponente"].queryset = Miembro.objects.filter(
            periodo=sesion.organo.periodo
        ).select_related("persona")
        dos_debates = servicio_agenda.instrumentos_con_dos_debates(sesion.fecha)
        if editar or not dos_debates:
            del self.fields["primer_debate"]
        else:
            self.fields["primer_debate"].queryset = (
                PuntoAgenda.objects.filter(
                    debate=1,
                    instrumento__in=dos_debates,
                    sesion__organo__periodo=sesion.organo.periodo,
                    sesion__fecha__lt=sesion.fecha,
                    segundos_debates__isnull=True,
                )
                .exclude(sesion__estado=Sesion.Estado.CANCELADA)
                .select_related("sesion")
            )
        if editar:
            del self.fields["seccion"]
        if not agenda_congelada(sesion):
            del self.fields["motivo"]

    def clean_documento(self):
        pk = self.cleaned_data.get("documento")
        return Documento.objects.filter(pk=pk).first() if pk else None


class MotivoForm(forms.Form):
    motivo = forms.CharField(required=False)


class AnexoForm(FormularioBootstrap, forms.Form):
    archivo = forms.FileField(label="Documento del expediente (PDF, Word, Excel o imagen)")
    motivo = forms.CharField(label="Motivo del cambio", required=False)


# --- Sesiones --------------------------------------------------------------------------------------


@login_required
@ve
@require_GET
def sesiones(request):
    filtro = FiltroSesiones(request.GET or None)
    qs = Sesion.objects.select_related("organo").order_by("-fecha")
    if filtro.is_valid():
        d = filtro.cleaned_data
        if d["organo"]:
            qs = qs.filter(organo=d["organo"])
        if d["tipo"]:
            qs = qs.filter(tipo=d["tipo"])
        if d["anio"]:
            qs = qs.filter(anio=d["anio"])
        if d["estado"]:
            qs = qs.filter(estado=d["estado"])
    pagina = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    contexto = {
        "pagina": pagina,
        "filtro": filtro,
        "tipos": tipos_de_sesion(),
        "nombres_tipo": NOMBRES_TIPO,
    }
    return render(request, "concejo/antes/sesiones.html", contexto)


@login_required
@prepara
@require_http_methods(["GET", "POST"])
def sesion_crear(request):
    form = SesionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sesion = servicio_sesiones.crear_sesion(por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(
                request,
                f"Se programó la sesión {nombre_tipo(sesion.tipo).lower()} Nº {sesion.numero}-{sesion.anio}.",
            )
            return redirect("concejo:sesion", pk=sesion.pk)
    return render(request, "concejo/antes/sesion_form.html", {"form": form, "titulo": "Programar sesión"})


@login_required
@require_http_methods(["GET", "POST"])
def sesion_editar(request, pk: int):
    sesion = _sesion(request, pk, preparar=True)
    inicial = {"fecha": timezone.localtime(sesion.fecha), "lugar": sesion.lugar, "publica": sesion.publica}
    form = SesionForm(request.POST or None, initial=inicial, editar=True)
    if request.method == "POST" and form.is_valid():
        try:
            servicio_sesiones.editar_sesion(sesion=sesion, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios de la sesión.")
            return redirect("concejo:sesion", pk=sesion.pk)
    return render(
        request,
        "concejo/antes/sesion_form.html",
        {"form": form, "sesion": sesion, "titulo": f"Editar la sesión Nº {sesion.numero}-{sesion.anio}"},
    )


@login_required
@require_POST
def sesion_cancelar(request, pk: int):
    sesion = _sesion(request, pk, preparar=True)
    form = CancelarForm(request.POST)
    try:
        form.is_valid()
        servicio_sesiones.cancelar_sesion(
            sesion=sesion, motivo=form.cleaned_data.get("motivo", ""), por=request.user
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "La sesión quedó cancelada.")
    return redirect("concejo:sesion", pk=sesion.pk)


@login_required
@require_GET
def sesion(request, pk: int):
    sesion = _sesion(request, pk)
    puntos = list(
        PuntoAgenda.objects.filter(sesion=sesion)
        .select_related(
            "documento", "acta_de", "proponente__persona", "unidad_proponente", "primer_debate__sesion"
        )
        .prefetch_related("anexos")
        .order_by("orden")
    )
    version = servicio_agenda.ultima_version(sesion)
    contexto = {
        "sesion": sesion,
        "tipo": nombre_tipo(sesion.tipo),
        "puntos": puntos,
        "secciones": dict(PuntoAgenda.Seccion.choices),
        "mayorias": servicio_agenda.mayorias(),
        "version": version,
        "congelada": version is not None,
        "editable": sesion.estado in ESTADOS_PREPARACION,
        "puede_preparar": request.user.has_perm(PREPARAR_SESION),
        "acta_pendiente": servicio_agenda.acta_pendiente(sesion)
        if sesion.estado == Sesion.Estado.PROGRAMADA
        else None,
        "pendiente_envio": servicio_citacion.version_pendiente_de_envio(sesion),
        "extraordinaria_cerrada": sesion.tipo == "extraordinaria"
        and sesion.estado == Sesion.Estado.CONVOCADA,
    }
    return render(request, "concejo/antes/sesion.html", contexto)


# --- Agenda ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def punto_agregar(request, pk: int):
    sesion = _sesion(request, pk, preparar=True)
    form = PuntoForm(request.POST or None, sesion=sesion, initial={"seccion": request.GET.get("seccion", "")})
    if request.method == "POST" and form.is_valid():
        try:
            servicio_agenda.agregar_punto(sesion=sesion, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se agregó el punto a la agenda.")
            return redirect("concejo:sesion", pk=sesion.pk)
    return render(
        request,
        "concejo/antes/punto_form.html",
        {"form": form, "sesion": sesion, "titulo": "Agregar punto a la agenda"},
    )


@login_required
@require_POST
def punto_acta(request, pk: int):
    sesion = _sesion(request, pk, preparar=True)
    try:
        servicio_agenda.agregar_aprobacion_acta(
            sesion=sesion, por=request.user, motivo=request.POST.get("motivo", "")
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Se agregó la aprobación del acta anterior.")
    return redirect("concejo:sesion", pk=sesion.pk)


@login_required
@require_http_methods(["GET", "POST"])
def punto_editar(request, pk: int):
    punto = _punto(request, pk)
    sesion = punto.sesion
    inicial = {
        "clase": punto.clase,
        "titulo": punto.titulo,
        "descripcion": punto.descripcion,
        "mayoria": punto.mayoria,
        "instrumento": punto.instrumento,
        "documento": punto.documento_id,
        "proponente": punto.proponente_id,
        "unidad_proponente": punto.unidad_proponente_id,
    }
    form = PuntoForm(request.POST or None, sesion=sesion, editar=True, initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            servicio_agenda.editar_punto(punto=punto, por=request.user, **form.cleaned_data)
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, "Se guardaron los cambios del punto.")
            return redirect("concejo:sesion", pk=sesion.pk)
    return render(
        request,
        "concejo/antes/punto_form.html",
        {"form": form, "sesion": sesion, "punto": punto, "titulo": f"Editar el punto {punto.orden}"},
    )


@login_required
@require_POST
def punto_quitar(request, pk: int):
    punto = _punto(request, pk)
    try:
        servicio_agenda.quitar_punto(punto=punto, por=request.user, motivo=request.POST.get("motivo", ""))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Se quitó el punto «{punto.titulo}».")
    return redirect("concejo:sesion", pk=punto.sesion_id)


@login_required
@require_POST
def punto_mover(request, pk: int):
    punto = _punto(request, pk)
    try:
        servicio_agenda.mover_punto(
            punto=punto,
            direccion=request.POST.get("direccion", ""),
            por=request.user,
            motivo=request.POST.get("motivo", ""),
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("concejo:sesion", pk=punto.sesion_id)


@login_required
@require_POST
def punto_anexo(request, pk: int):
    punto = _punto(request, pk)
    form = AnexoForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("archivo") or ["Elija el archivo."])
        servicio_agenda.adjuntar_anexo(
            punto=punto,
            archivo=form.cleaned_data["archivo"],
            por=request.user,
            motivo=form.cleaned_data.get("motivo", ""),
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Se agregó el documento al expediente del punto.")
    return redirect("concejo:sesion", pk=punto.sesion_id)


@login_required
@require_POST
def punto_anexo_quitar(request, pk: int, archivo: int):
    punto = _punto(request, pk)
    anexo = get_object_or_404(punto.anexos, pk=archivo)
    try:
        servicio_agenda.quitar_anexo(
            punto=punto, archivo=anexo, por=request.user, motivo=request.POST.get("motivo", "")
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Se sacó el documento del expediente del punto.")
    return redirect("concejo:sesion", pk=punto.sesion_id)


@login_required
@require_GET
def despacho_buscar(request, pk: int):
    sesion = _sesion(request, pk, preparar=True)
    texto = request.GET.get("q", "")[:200]
    documentos = servicio_agenda.buscar_documentos_para_despacho(usuario=request.user, texto=texto)
    return render(
        request,
        "concejo/antes/punto_form.html#resultados",
        {"documentos": documentos, "texto": texto, "sesion": sesion},
    )


@login_required
@require_POST
def agenda_congelar(request, pk: int):
    sesion = _sesion(request, pk, preparar=True)
    try:
        version = servicio_agenda.congelar_agenda(sesion=sesion, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Agenda congelada: versión {version.numero}.")
    return redirect("concejo:sesion", pk=sesion.pk)


@login_required
@require_GET
def agenda_versiones(request, pk: int):
    sesion = _sesion(request, pk)
    versiones = list(VersionAgenda.objects.filter(sesion=sesion).select_related("por").order_by("numero"))
    filas = [
        {"version": v, "cambios": servicio_agenda.diferencias(versiones[i - 1] if i else None, v)}
        for i, v in enumerate(versiones)
    ]
    return render(request, "concejo/antes/versiones.html", {"sesion": sesion, "filas": list(reversed(filas))})


# --- Convocatoria ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sesion_convocar(request, pk: int):
    sesion = _sesion(request, pk, preparar=True)
    aviso = servicio_citacion.comprobar_aviso(sesion)
    miembros = miembros_citables(sesion.organo, sesion.fecha)
    error = ""
    if request.method == "POST":
        try:
            citaciones = servicio_citacion.convocar(
                sesion=sesion,
                por=request.user,
                aceptar_aviso_corto=request.POST.get("aceptar_aviso_corto") == "1",
            )
        except ValidationError as e:
            error = " ".join(e.messages)
        else:
            messages.success(request, f"Sesión convocada: {len(citaciones)} citaciones en envío.")
            return redirect("concejo:sesion-citaciones", pk=sesion.pk)
    contexto = {
        "sesion": sesion,
        "aviso": aviso,
        "miembros": miembros,
        "error": error,
        "sin_correo": [m for m in miembros if not servicio_citacion.correo_de(m)],
        "reenvio": sesion.estado == Sesion.Estado.CONVOCADA,
        "tipo": nombre_tipo(sesion.tipo),
    }
    return render(request, "concejo/antes/convocar.html", contexto, status=400 if error else 200)


@login_required
@require_GET
def sesion_citaciones(request, pk: int):
    sesion = _sesion(request, pk)
    citaciones = servicio_citacion.estado_citaciones(sesion)
    contexto = {
        "sesion": sesion,
        "citaciones": citaciones,
        "recibidas": sum(1 for c in citaciones if c.recibida_en),
        "tipo": nombre_tipo(sesion.tipo),
    }
    return render(request, "concejo/antes/citaciones.html", contexto)


# --- Enlaces con token (sin ingresar) --------------------------------------------------------------


def _citacion(token: str):
    citacion = servicio_citacion.citacion_por_token(token)
    if citacion is None:
        raise Http404
    return citacion


@require_GET
def citacion(request, token: str):
    citacion = _citacion(token)
    citacion.recibida_en = servicio_citacion.registrar_recepcion(citacion=citacion).recibida_en
    calendario = ical.calendario_de(citacion.miembro)
    vigente = servicio_agenda.ultima_version(citacion.sesion)
    contexto = {
        **servicio_citacion.contexto_citacion(citacion),
        "url_calendario": ical.url_calendario(calendario),
        "hay_version_nueva": vigente is not None and vigente.numero > citacion.version.numero,
    }
    respuesta = render(request, "concejo/antes/citacion.html", contexto)
    respuesta["Cache-Control"] = "private, no-store"
    respuesta["Referrer-Policy"] = "no-referrer"
    return respuesta


def _archivo_respuesta(archivo, *, en_linea: bool) -> FileResponse:
    # La de `core` (404 si falta el archivo, nosniff, no-store) y, como el enlace lleva el token, sin Referer.
    respuesta = respuesta_archivo(archivo, en_linea=en_linea)
    respuesta["Referrer-Policy"] = "no-referrer"
    return respuesta


@require_GET
def citacion_documento(request, token: str, archivo: int):
    citacion = _citacion(token)
    permitidos = {a["id"] for p in citacion.version.contenido for a in p.get("anexos", [])}
    if archivo not in permitidos:
        raise Http404
    fila = get_object_or_404(Archivo, pk=archivo)
    return _archivo_respuesta(fila, en_linea=fila.tipo_mime == "application/pdf")


@require_GET
def citacion_pdf(request, token: str):
    citacion = servicio_citacion.generar_pdf(citacion=_citacion(token))
    return _archivo_respuesta(citacion.archivo, en_linea=True)


# --- Calendario iCalendar --------------------------------------------------------------------------


def _ics(contenido: bytes, nombre: str) -> HttpResponse:
    respuesta = HttpResponse(contenido, content_type="text/calendar; charset=utf-8")
    respuesta["Content-Disposition"] = f'inline; filename="{nombre}"'
    return respuesta


@require_GET
def sesiones_ics(request):
    contenido = ical.calendario(ical.sesiones_del_calendario_publico(), nombre="Sesiones del concejo")
    respuesta = _ics(contenido, "sesiones.ics")
    respuesta["Cache-Control"] = "public, max-age=300"
    return respuesta


@require_GET
def miembro_ics(request, token: str):
    miembro = ical.miembro_por_token(token)
    if miembro is None:
        raise Http404
    contenido = ical.calendario(ical.sesiones_del_miembro(miembro), nombre=f"Sesiones de {miembro}")
    respuesta = _ics(contenido, "mis-sesiones.ics")
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta


# --- Portal: próximas sesiones ---------------------------------------------------------------------


def _publicas_anunciadas():
    return sesiones_publicas().filter(convocada_en__isnull=False).select_related("organo")


@require_GET
def proximas(request):
    desde = timezone.now() - timedelta(hours=12)
    sesiones = list(_publicas_anunciadas().filter(fecha__gte=desde).order_by("fecha", "pk")[:100])
    return render(
        request,
        "concejo/antes/proximas.html",
        {"sesiones": sesiones, "nombres_tipo": NOMBRES_TIPO},
    )


@require_GET
def proxima(request, pk: int):
    sesion = _publicas_anunciadas().filter(pk=pk).first()
    if sesion is None:
        raise Http404
    # La agenda pública es la última versión congelada (la que se envió), nunca el borrador.
    version = servicio_agenda.ultima_version(sesion)
    contexto = {
        "sesion": sesion,
        "tipo": nombre_tipo(sesion.tipo),
        "puntos": version.contenido if version else [],
        "version": version,
    }
    return render(request, "concejo/antes/proxima.html", contexto)
