"""Rutas «api_seguimiento» de actos: tareas, avances y protocolos (/api/v1/actos/...)."""

from django.urls import path

from actos.api import seguimiento as api

urlpatterns: list = [
    path("tareas/", api.Tareas.as_view(), name="api-actos-tareas"),
    path("tareas/<int:pk>/", api.TareaVer.as_view(), name="api-actos-tarea"),
    path("tareas/<int:pk>/avances/", api.TareaAvances.as_view(), name="api-actos-tarea-avances"),
    path("tareas/<int:pk>/cancelar/", api.TareaCancelar.as_view(), name="api-actos-tarea-cancelar"),
    path("protocolos/", api.Protocolos.as_view(), name="api-actos-protocolos"),
    path("protocolos/<int:pk>/", api.ProtocoloVer.as_view(), name="api-actos-protocolo"),
]
