from django.urls import path

from archivo.views import cuadro, eliminacion, expedientes, prestamos, transferencias

app_name = "archivo"

urlpatterns = [
    path("", cuadro.cuadro, name="cuadro"),
    path("cuadro/<id:pk>/", cuadro.nodo, name="nodo"),
    path("tabla/", cuadro.tabla, name="tabla"),
    path("tabla/exportar/", cuadro.tabla_exportar, name="tabla-exportar"),
    path("expedientes/", expedientes.expedientes, name="expedientes"),
    path("expedientes/<id:pk>/", expedientes.expediente, name="expediente"),
    path("expedientes/<id:pk>/archivar/", expedientes.expediente_archivar, name="expediente-archivar"),
    path("expedientes/<id:pk>/cerrar/", expedientes.expediente_cerrar, name="expediente-cerrar"),
    path("transferencias/", transferencias.transferencias, name="transferencias"),
    path("transferencias/por-hacer/", transferencias.por_hacer, name="por-transferir"),
    path("transferencias/<id:pk>/", transferencias.transferencia, name="transferencia"),
    path(
        "transferencias/<id:pk>/items/<id:item>/revisar/",
        transferencias.transferencia_revisar,
        name="transferencia-revisar",
    ),
    path(
        "transferencias/<id:pk>/inventario.xlsx", transferencias.transferencia_xlsx, name="transferencia-xlsx"
    ),
    path("transferencias/<id:pk>/inventario.pdf", transferencias.transferencia_pdf, name="transferencia-pdf"),
    path("prestamos/", prestamos.prestamos, name="prestamos"),
    path("prestamos/<id:pk>/<str:accion>/", prestamos.prestamo_accion, name="prestamo-accion"),
    path("expedientes/<id:pk>/prestamo/", prestamos.pedir, name="expediente-prestamo"),
    path(
        "expedientes/<id:pk>/retencion-legal/", eliminacion.retencion_legal, name="expediente-retencion-legal"
    ),
    path("eliminacion/", eliminacion.eliminaciones, name="eliminaciones"),
    path("eliminacion/<id:pk>/", eliminacion.eliminacion, name="eliminacion"),
    path(
        "eliminacion/<id:pk>/items/<id:item>/excluir/",
        eliminacion.eliminacion_excluir,
        name="eliminacion-excluir",
    ),
    path("eliminacion/<id:pk>/acta.pdf", eliminacion.eliminacion_acta, name="eliminacion-acta"),
    path("eliminacion/<id:pk>/<str:accion>/", eliminacion.eliminacion_accion, name="eliminacion-accion"),
]
