from django.urls import include, path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("consulta/", views.consulta, name="consulta"),
    path("consulta/<str:codigo>/", views.consulta_codigo, name="consulta-codigo"),
    path("consulta/<str:codigo>/cargo.pdf", views.cargo, name="cargo"),
    path("mesa-de-partes-virtual/", views.mesa_virtual, name="mesa-virtual"),
    path("mesa-de-partes-virtual/recibido/", views.mesa_virtual_recibido, name="mesa-virtual-recibido"),
    path("api/v1/", include("portal.api.urls")),
]
