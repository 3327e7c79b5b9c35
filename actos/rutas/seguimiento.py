"""Rutas «seguimiento» de actos: tablero y tareas (/actos/seguimiento/) y protocolo anual (/actos/protocolos/)."""

from django.urls import path

from actos.views import seguimiento as v

urlpatterns: list = [
    path("seguimiento/", v.tablero, name="seguimiento"),
    path("seguimiento/actos/<int:pk>/tareas/nueva/", v.tarea_crear, name="tarea-crear"),
    path("seguimiento/tareas/<int:pk>/", v.tarea, name="tarea"),
    path("seguimiento/tareas/<int:pk>/avance/", v.tarea_avance, name="tarea-avance"),
    path("seguimiento/tareas/<int:pk>/cancelar/", v.tarea_cancelar, name="tarea-cancelar"),
    path("protocolos/", v.protocolos, name="protocolos"),
    path("protocolos/generar/", v.protocolo_generar, name="protocolo-generar"),
    path("protocolos/<int:pk>/", v.protocolo, name="protocolo"),
    path("protocolos/<int:pk>/pdf/", v.protocolo_pdf, name="protocolo-pdf"),
]
