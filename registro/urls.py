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
    path("emitidos/<id:pk>/", vistas_emision.documento_emitido, name="documento-emitido"),
    path("emitidos/<id:pk>/borrador/", vistas_emision.borrador_editar, name="borrador-editar"),
    path("emitidos/<id:pk>/firmar/", vistas_emision.firmar, name="firmar"),
    path("emitidos/<id:pk>/envio/", vistas_emision.envio_registrar, name="envio-registrar"),
    path("documentos/<id:pk>/responder/", vistas_emision.responder, name="responder"),
    path("recibidos-internos/", vistas_emision.recibidos_internos, name="recibidos-internos"),
    path("salida/", vistas_emision.salida, name="salida"),
    path("envios/<id:pk>/entregado/", vistas_emision.envio_entregado, name="envio-entregado"),
    path("envios/<id:pk>/devuelto/", vistas_emision.envio_devuelto, name="envio-devuelto"),
    path("envios/<id:pk>/reenviar/", vistas_emision.envio_reenviar, name="envio-reenviar"),
    # Recepción (mesa de partes), página del documento, cargo y catálogos.
    path("registrar/", vistas_recepcion.registrar, name="registrar"),
    path("registrar/remitente/", vistas_recepcion.remitente_buscar, name="remitente-buscar"),
    path("documentos/<id:pk>/", vistas_documento.documento, name="documento"),
    path("documentos/<id:pk>/cargo/", vistas_documento.documento_cargo, name="documento-cargo"),
    path("documentos/<id:pk>/subsanar/", vistas_documento.documento_subsanar, name="documento-subsanar"),
    path(
        "documentos/<id:pk>/no-presentado/",
        vistas_documento.documento_no_presentado,
        name="documento-no-presentado",
    ),
    path("procedimientos/", vistas_catalogos.procedimientos, name="procedimientos"),
    path("procedimientos/nuevo/", vistas_catalogos.procedimiento_crear, name="procedimiento-crear"),
    path("procedimientos/<id:pk>/", vistas_catalogos.procedimiento_editar, name="procedimiento-editar"),
    path("tipos-documentales/", vistas_catalogos.tipos_documentales, name="tipos-documentales"),
    path("tipos-documentales/nuevo/", vistas_catalogos.tipo_documental_crear, name="tipo-documental-crear"),
    path(
        "tipos-documentales/<id:pk>/", vistas_catalogos.tipo_documental_editar, name="tipo-documental-editar"
    ),
    # Hoja de ruta: bandejas, derivación, acciones sobre el documento y expedientes.
    path("bandeja/", vistas_bandejas.bandeja, name="bandeja"),
    path("bandeja/mia/", vistas_bandejas.bandeja_personal, name="bandeja-personal"),
    path("bandeja/derivar/", vistas_bandejas.bandeja_derivar, name="bandeja-derivar"),
    path("documentos/<id:pk>/acciones/", vistas_flujo.documento_acciones, name="documento-acciones"),
    path("documentos/<id:pk>/derivar/", vistas_flujo.documento_derivar, name="documento-derivar"),
    path("documentos/<id:pk>/concluir/", vistas_flujo.documento_concluir, name="documento-concluir"),
    path("documentos/<id:pk>/hoja-de-ruta.pdf", vistas_flujo.documento_hoja_ruta, name="documento-hoja-ruta"),
    path("documentos/<id:pk>/expediente/", vistas_flujo.expediente_crear, name="expediente-crear"),
    path(
        "documentos/<id:pk>/expediente/agregar/", vistas_flujo.expediente_agregar, name="expediente-agregar"
    ),
    path("derivaciones/<id:pk>/aceptar/", vistas_flujo.derivacion_aceptar, name="derivacion-aceptar"),
    path("derivaciones/<id:pk>/atender/", vistas_flujo.derivacion_atender, name="derivacion-atender"),
    path("derivaciones/<id:pk>/devolver/", vistas_flujo.derivacion_devolver, name="derivacion-devolver"),
    path(
        "derivaciones/<id:pk>/copia-leida/",
        vistas_flujo.derivacion_copia_leida,
        name="derivacion-copia-leida",
    ),
    path("expedientes/<id:pk>/", vistas_flujo.expediente, name="expediente"),
]
