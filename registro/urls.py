from django.urls import path

from registro.views import emision as vistas_emision

app_name = "registro"

urlpatterns = [
    # Documentos internos y de salida (emisión, lectura, despacho).
    path("emitidos/", vistas_emision.emitidos, name="emitidos"),
    path("emitidos/nuevo/", vistas_emision.emitir, name="emitir"),
    path("emitidos/<int:pk>/", vistas_emision.documento_emitido, name="documento-emitido"),
    path("emitidos/<int:pk>/borrador/", vistas_emision.borrador_editar, name="borrador-editar"),
    path("emitidos/<int:pk>/firmar/", vistas_emision.firmar, name="firmar"),
    path("emitidos/<int:pk>/envio/", vistas_emision.envio_registrar, name="envio-registrar"),
    path("documentos/<int:pk>/responder/", vistas_emision.responder, name="responder"),
    path("recibidos-internos/", vistas_emision.recibidos_internos, name="recibidos-internos"),
    path("salida/", vistas_emision.salida, name="salida"),
    path("envios/<int:pk>/entregado/", vistas_emision.envio_entregado, name="envio-entregado"),
    path("envios/<int:pk>/devuelto/", vistas_emision.envio_devuelto, name="envio-devuelto"),
    path("envios/<int:pk>/reenviar/", vistas_emision.envio_reenviar, name="envio-reenviar"),
]
