"""Rutas de la parte «antes» del concejo (páginas): sesiones, agenda, convocatoria, calendario, portal."""

from django.urls import path

from concejo.views import antes as v

urlpatterns: list = [
    path("sesiones/", v.sesiones, name="sesiones"),
    path("sesiones/nueva/", v.sesion_crear, name="sesion-crear"),
    path("sesiones/<int:pk>/", v.sesion, name="sesion"),
    path("sesiones/<int:pk>/editar/", v.sesion_editar, name="sesion-editar"),
    path("sesiones/<int:pk>/cancelar/", v.sesion_cancelar, name="sesion-cancelar"),
    path("sesiones/<int:pk>/puntos/nuevo/", v.punto_agregar, name="punto-agregar"),
    path("sesiones/<int:pk>/puntos/acta/", v.punto_acta, name="punto-acta"),
    path("sesiones/<int:pk>/despacho/buscar/", v.despacho_buscar, name="despacho-buscar"),
    path("sesiones/<int:pk>/agenda/congelar/", v.agenda_congelar, name="agenda-congelar"),
    path("sesiones/<int:pk>/agenda/versiones/", v.agenda_versiones, name="agenda-versiones"),
    path("sesiones/<int:pk>/convocar/", v.sesion_convocar, name="sesion-convocar"),
    path("sesiones/<int:pk>/citaciones/", v.sesion_citaciones, name="sesion-citaciones"),
    path("puntos/<int:pk>/editar/", v.punto_editar, name="punto-editar"),
    path("puntos/<int:pk>/quitar/", v.punto_quitar, name="punto-quitar"),
    path("puntos/<int:pk>/mover/", v.punto_mover, name="punto-mover"),
    path("puntos/<int:pk>/anexos/", v.punto_anexo, name="punto-anexo"),
    path("puntos/<int:pk>/anexos/<int:archivo>/quitar/", v.punto_anexo_quitar, name="punto-anexo-quitar"),
    # Sin ingresar: el enlace de la citación (acuse), el calendario y el portal de próximas sesiones.
    path("citacion/<str:token>/", v.citacion, name="citacion"),
    path("citacion/<str:token>/citacion.pdf", v.citacion_pdf, name="citacion-pdf"),
    path("citacion/<str:token>/documentos/<int:archivo>/", v.citacion_documento, name="citacion-documento"),
    path("sesiones.ics", v.sesiones_ics, name="sesiones-ics"),
    path("miembros/<str:token>/sesiones.ics", v.miembro_ics, name="miembro-ics"),
    path("proximas/", v.proximas, name="proximas"),
    path("proximas/<int:pk>/", v.proxima, name="proxima"),
]
