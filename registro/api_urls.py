from django.urls import path

from registro.api import documentos as api_documentos
from registro.api import emision as api_emision

urlpatterns = [
    path("emitidos/", api_emision.Emitidos.as_view(), name="api-registro-emitidos"),
    path("emitidos/<int:pk>/firmar/", api_emision.EmitidoFirmar.as_view(), name="api-registro-emitido-firmar"),
    path("documentos/", api_documentos.Documentos.as_view(), name="api-registro-documentos"),
    path("documentos/<int:pk>/", api_documentos.DocumentoDetalle.as_view(), name="api-registro-documento"),
]
