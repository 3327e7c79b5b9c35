"""Rutas «api_nucleo» de actos (/api/v1/actos/)."""

from django.urls import path

from actos.api import nucleo as a

urlpatterns = [
    path("", a.Actos.as_view(), name="api-actos"),
    path("internos/", a.ActosInternos.as_view(), name="api-actos-internos"),
    path("desde-decision/", a.DesdeDecision.as_view(), name="api-actos-desde-decision"),
    path("<int:pk>/", a.ActoVista.as_view(), name="api-actos-acto"),
    path("<int:pk>/akn/", a.ActoAkn.as_view(), name="api-actos-akn"),
    path("<int:pk>/partes/", a.ParteAgregar.as_view(), name="api-actos-partes"),
    path("<int:pk>/enviar/", a.ActoEnviar.as_view(), name="api-actos-enviar"),
    path("<int:pk>/devolver/", a.ActoDevolver.as_view(), name="api-actos-devolver"),
    path("<int:pk>/aprobar/", a.ActoAprobar.as_view(), name="api-actos-aprobar"),
    path("<int:pk>/firmar/", a.ActoFirmar.as_view(), name="api-actos-firmar"),
    path("<int:pk>/publicar/", a.ActoPublicar.as_view(), name="api-actos-publicar"),
    path("<int:pk>/archivar/", a.ActoArchivar.as_view(), name="api-actos-archivar"),
    path("<int:pk>/relaciones/", a.RelacionCrear.as_view(), name="api-actos-relaciones"),
]
