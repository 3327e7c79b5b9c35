from django.urls import path

from informes import views

app_name = "informes"

urlpatterns = [
    path("registro/", views.registro, name="registro"),
    path("registro/exportar/", views.registro_exportar, name="registro-exportar"),
]
