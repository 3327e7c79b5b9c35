"""Rutas de la API de actos (/api/v1/actos/): la normativa y el ciclo de vida de los actos, las tareas de
seguimiento y el protocolo anual."""

from django.urls import path

from actos.api import nucleo as api_nucleo
from actos.api import sancion as api_sancion
from actos.api import seguimiento as api_seguimiento

urlpatterns = [
    # Actos: lista abierta, internos, desde una decisión, el acto y su ciclo de vida.
    path("", api_nucleo.Actos.as_view(), name="api-actos"),
    path("internos/", api_nucleo.ActosInternos.as_view(), name="api-actos-internos"),
    path("desde-decision/", api_nucleo.DesdeDecision.as_view(), name="api-actos-desde-decision"),
    path("por-sancionar/", api_sancion.ActosPorSancionar.as_view(), name="api-actos-por-sancionar"),
    path("<id:pk>/", api_nucleo.ActoVista.as_view(), name="api-actos-acto"),
    path("<id:pk>/akn/", api_nucleo.ActoAkn.as_view(), name="api-actos-akn"),
    path("<id:pk>/partes/", api_nucleo.ParteAgregar.as_view(), name="api-actos-partes"),
    path("<id:pk>/enviar/", api_nucleo.ActoEnviar.as_view(), name="api-actos-enviar"),
    path("<id:pk>/devolver/", api_nucleo.ActoDevolver.as_view(), name="api-actos-devolver"),
    path("<id:pk>/aprobar/", api_nucleo.ActoAprobar.as_view(), name="api-actos-aprobar"),
    path("<id:pk>/firmar/", api_nucleo.ActoFirmar.as_view(), name="api-actos-firmar"),
    path("<id:pk>/publicar/", api_nucleo.ActoPublicar.as_view(), name="api-actos-publicar"),
    path("<id:pk>/vigencia/", api_nucleo.ActoVigencia.as_view(), name="api-actos-vigencia"),
    path("<id:pk>/notificar/", api_nucleo.ActoNotificar.as_view(), name="api-actos-notificar"),
    path("<id:pk>/archivar/", api_nucleo.ActoArchivar.as_view(), name="api-actos-archivar"),
    path("<id:pk>/relaciones/", api_nucleo.RelacionCrear.as_view(), name="api-actos-relaciones"),
    # La etapa de sanción, observación u objeción y la insistencia del concejo.
    path("<id:pk>/sancion/", api_sancion.ActoSancion.as_view(), name="api-actos-sancion"),
    path(
        "<id:pk>/sancion/decidir/", api_sancion.ActoSancionDecidir.as_view(), name="api-actos-sancion-decidir"
    ),
    path(
        "<id:pk>/sancion/insistencia/",
        api_sancion.ActoSancionInsistencia.as_view(),
        name="api-actos-sancion-insistencia",
    ),
    path(
        "<id:pk>/sancion/aceptar-objecion/",
        api_sancion.ActoSancionAceptarObjecion.as_view(),
        name="api-actos-sancion-aceptar-objecion",
    ),
    # Seguimiento: tareas y avances.
    path("tareas/", api_seguimiento.Tareas.as_view(), name="api-actos-tareas"),
    path("tareas/<id:pk>/", api_seguimiento.TareaVer.as_view(), name="api-actos-tarea"),
    path("tareas/<id:pk>/avances/", api_seguimiento.TareaAvances.as_view(), name="api-actos-tarea-avances"),
    path(
        "tareas/<id:pk>/cancelar/", api_seguimiento.TareaCancelar.as_view(), name="api-actos-tarea-cancelar"
    ),
    # Protocolo anual.
    path("protocolos/", api_seguimiento.Protocolos.as_view(), name="api-actos-protocolos"),
    path("protocolos/<id:pk>/", api_seguimiento.ProtocoloVer.as_view(), name="api-actos-protocolo"),
]
