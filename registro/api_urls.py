from django.urls import path

from registro.api import emision as api_emision

urlpatterns = [
    path("emitidos/", api_emision.Emitidos.as_view(), name="api-registro-emitidos"),
    path("emitidos/<int:pk>/firmar/", api_emision.EmitidoFirmar.as_view(), name="api-registro-emitido-firmar"),
]
