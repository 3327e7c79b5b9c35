from django.urls import path

from portal import api, views

app_name = "portal"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("consulta/", views.consulta, name="consulta"),
    path("consulta/<str:codigo>/", views.consulta_codigo, name="consulta-codigo"),
    path("consulta/<str:codigo>/cargo.pdf", views.cargo, name="cargo"),
    path("mesa-de-partes-virtual/", views.mesa_virtual, name="mesa-virtual"),
    path("mesa-de-partes-virtual/recibido/", views.mesa_virtual_recibido, name="mesa-virtual-recibido"),
    path("api/v1/seguimiento/<str:codigo>/", api.Seguimiento.as_view(), name="api-seguimiento"),
]
