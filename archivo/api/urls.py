from django.urls import path

from archivo.api import expedientes as api

urlpatterns = [
    path("ead/", api.Ead.as_view(), name="api-archivo-ead"),
    path("expedientes/", api.Expedientes.as_view(), name="api-archivo-expedientes"),
    path("expedientes/<id:pk>/", api.ExpedienteVer.as_view(), name="api-archivo-expediente"),
    path(
        "expedientes/<id:pk>/archivar/",
        api.ExpedienteArchivar.as_view(),
        name="api-archivo-expediente-archivar",
    ),
    path("expedientes/<id:pk>/cerrar/", api.ExpedienteCerrar.as_view(), name="api-archivo-expediente-cerrar"),
    path("expedientes/<id:pk>/dc/", api.ExpedienteDublinCore.as_view(), name="api-archivo-expediente-dc"),
]
