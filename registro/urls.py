from django.urls import path

from registro.views import bandejas as vistas_bandejas
from registro.views import catalogos as vistas_catalogos
from registro.views import documento as vistas_documento
from registro.views import emision as vistas_emision
from registro.views import flujo as vistas_flujo
from registro.views import recepcion as vistas_recepcion

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
    # Recepción (mesa de partes), página del documento, cargo y catálogos.
    path("registrar/", vistas_recepcion.registrar, name="registrar"),
    path("registrar/remitente/", vistas_recepcion.remitente_buscar, name="remitente-buscar"),
    path("documentos/<int:pk>/", vistas_documento.documento, name="documento"),
    path("documentos/<int:pk>/cargo/", vistas_documento.documento_cargo, name="documento-cargo"),
    path("documentos/<int:pk>/subsanar/", vistas_documento.documento_subsanar, name="documento-subsanar"),
    path(
        "documentos/<int:pk>/no-presentado/",
        vistas_documento.documento_no_presentado,
        name="documento-no-presentado",
    ),
    path("procedimientos/", vistas_catalogos.procedimientos, name="procedimientos"),
    path("procedimientos/nuevo/", vistas_catalogos.procedimiento_crear, name="procedimiento-crear"),
    path("procedimientos/<int:pk>/", vistas_catalogos.procedimiento_editar, name="procedimiento-editar"),
    path("tipos-documentales/", vistas_catalogos.tipos_documentales, name="tipos-documentales"),
    path("tipos-documentales/nuevo/", vistas_catalogos.tipo_documental_crear, name="tipo-documental-crear"),
    path(
        "tipos-documentales/<int:pk>/", vistas_catalogos.tipo_documental_editar, name="tipo-documental-editar"
    ),
    # Hoja de ruta: bandejas, derivación, acciones sobre el documento y expedientes.
    path("bandeja/", vistas_bandejas.bandeja, name="bandeja"),
    path("bandeja/mia/", vistas_bandejas.bandeja_personal, name="bandeja-personal"),
    path("bandeja/derivar/", vistas_bandejas.bandeja_derivar, name="bandeja-derivar"),
    path("documentos/<int:pk>/acciones/", vistas_flujo.documento_acciones, name="documento-acciones"),
    path("documentos/<int:pk>/derivar/", vistas_flujo.documento_derivar, name="documento-derivar"),
    path("documentos/<int:pk>/concluir/", vistas_flujo.documento_concluir, name="documento-concluir"),
    path(
        "documentos/<int:pk>/hoja-de-ruta.pdf", vistas_flujo.documento_hoja_ruta, name="documento-hoja-ruta"
    ),
    path("documentos/<int:pk>/expediente/", vistas_flujo.expediente_crear, name="expediente-crear"),
    path(
        "documentos/<int:pk>/expediente/agregar/", vistas_flujo.expediente_agregar, name="expediente-agregar"
    ),
    path("derivaciones/<int:pk>/aceptar/", vistas_flujo.derivacion_aceptar, name="derivacion-aceptar"),
    path("derivaciones/<int:pk>/atender/", vistas_flujo.derivacion_atender, name="derivacion-atender"),
    path("derivaciones/<int:pk>/devolver/", vistas_flujo.derivacion_devolver, name="derivacion-devolver"),
    path(
        "derivaciones/<int:pk>/copia-leida/",
        vistas_flujo.derivacion_copia_leida,
        name="derivacion-copia-leida",
    ),
    path("expedientes/<int:pk>/", vistas_flujo.expediente, name="expediente"),
]
