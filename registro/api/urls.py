from django.urls import path

from registro.api import documentos as api_documentos
from registro.api import emision as api_emision
from registro.api import flujo as api_flujo

urlpatterns = [
    path("emitidos/", api_emision.Emitidos.as_view(), name="api-registro-emitidos"),
    path("emitidos/<id:pk>/firmar/", api_emision.EmitidoFirmar.as_view(), name="api-registro-emitido-firmar"),
    path("documentos/", api_documentos.Documentos.as_view(), name="api-registro-documentos"),
    path("documentos/<id:pk>/", api_documentos.DocumentoDetalle.as_view(), name="api-registro-documento"),
    # Hoja de ruta.
    path(
        "documentos/<id:pk>/derivar/",
        api_flujo.DocumentoDerivar.as_view(),
        name="api-registro-documento-derivar",
    ),
    path(
        "derivaciones/<id:pk>/aceptar/",
        api_flujo.DerivacionAceptar.as_view(),
        name="api-registro-derivacion-aceptar",
    ),
    path(
        "derivaciones/<id:pk>/atender/",
        api_flujo.DerivacionAtender.as_view(),
        name="api-registro-derivacion-atender",
    ),
    path(
        "derivaciones/<id:pk>/devolver/",
        api_flujo.DerivacionDevolver.as_view(),
        name="api-registro-derivacion-devolver",
    ),
    path("bandeja/", api_flujo.Bandeja.as_view(), name="api-registro-bandeja"),
]
