from django.urls import path

from archivo.views import cuadro, expedientes

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
]
