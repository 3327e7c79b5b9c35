"""Rutas de las páginas de actos: las internas (/actos/, espacio «actos») y, en `publicas`, las de la
normativa publicada, sin ingreso (/normativa/, espacio «normativa»)."""

from django.urls import path

from actos.views import nucleo as vistas_nucleo
from actos.views import publico as vistas_publico
from actos.views import seguimiento as vistas_seguimiento

app_name = "actos"

urlpatterns = [
    # Lista, proyecto nuevo y decisiones del concejo por registrar.
    path("", vistas_nucleo.lista, name="lista"),
    path("nuevo/", vistas_nucleo.nuevo, name="nuevo"),
    path("decisiones/", vistas_nucleo.decisiones, name="decisiones"),
    path("decisiones/<int:pk>/registrar/", vistas_nucleo.decision_registrar, name="decision-registrar"),
    # El acto: texto por partes, ciclo de vida, relaciones y exportaciones.
    path("<int:pk>/", vistas_nucleo.acto, name="acto"),
    path("<int:pk>/datos/", vistas_nucleo.datos, name="acto-datos"),
    path("<int:pk>/partes/", vistas_nucleo.parte_agregar, name="parte-agregar"),
    path("partes/<int:pk>/editar/", vistas_nucleo.parte_editar, name="parte-editar"),
    path("partes/<int:pk>/mover/", vistas_nucleo.parte_mover, name="parte-mover"),
    path("partes/<int:pk>/eliminar/", vistas_nucleo.parte_eliminar, name="parte-eliminar"),
    path("<int:pk>/enviar/", vistas_nucleo.enviar, name="acto-enviar"),
    path("<int:pk>/devolver/", vistas_nucleo.devolver, name="acto-devolver"),
    path("<int:pk>/aprobar/", vistas_nucleo.aprobar, name="acto-aprobar"),
    path("<int:pk>/firmar/", vistas_nucleo.firmar, name="acto-firmar"),
    path("<int:pk>/publicar/", vistas_nucleo.publicar, name="acto-publicar"),
    path("<int:pk>/vigencia/", vistas_nucleo.vigencia_fijar, name="acto-vigencia"),
    path("<int:pk>/notificar/", vistas_nucleo.notificar, name="acto-notificar"),
    path("<int:pk>/sancion/", vistas_nucleo.sancion_decidir, name="acto-sancion"),
    path("<int:pk>/insistencia/", vistas_nucleo.sancion_insistencia, name="acto-insistencia"),
    path("por-sancionar/", vistas_nucleo.por_sancionar, name="por-sancionar"),
    path("<int:pk>/archivar/", vistas_nucleo.archivar, name="acto-archivar"),
    path("<int:pk>/relaciones/", vistas_nucleo.relacion_agregar, name="relacion-agregar"),
    path("relaciones/<int:pk>/quitar/", vistas_nucleo.relacion_quitar, name="relacion-quitar"),
    path("<int:pk>/fe-de-erratas/", vistas_nucleo.fe_de_erratas, name="acto-fe-erratas"),
    path("<int:pk>/pdf/", vistas_nucleo.exportar_pdf, name="acto-pdf"),
    path("<int:pk>/docx/", vistas_nucleo.exportar_docx, name="acto-docx"),
    path("<int:pk>/akn/", vistas_nucleo.exportar_akn, name="acto-akn"),
    path("<int:pk>/vista-previa/", vistas_nucleo.vista_previa, name="acto-vista-previa"),
    # Seguimiento: tablero y tareas.
    path("seguimiento/", vistas_seguimiento.tablero, name="seguimiento"),
    path("seguimiento/actos/<int:pk>/tareas/nueva/", vistas_seguimiento.tarea_crear, name="tarea-crear"),
    path("seguimiento/tareas/<int:pk>/", vistas_seguimiento.tarea, name="tarea"),
    path("seguimiento/tareas/<int:pk>/avance/", vistas_seguimiento.tarea_avance, name="tarea-avance"),
    path("seguimiento/tareas/<int:pk>/cancelar/", vistas_seguimiento.tarea_cancelar, name="tarea-cancelar"),
    # Protocolo anual.
    path("protocolos/", vistas_seguimiento.protocolos, name="protocolos"),
    path("protocolos/generar/", vistas_seguimiento.protocolo_generar, name="protocolo-generar"),
    path("protocolos/<int:pk>/", vistas_seguimiento.protocolo, name="protocolo"),
    path("protocolos/<int:pk>/pdf/", vistas_seguimiento.protocolo_pdf, name="protocolo-pdf"),
]

# /normativa/: búsqueda, cada acto, sus exportaciones y el feed Atom.
publicas = (
    [
        path("", vistas_publico.normativa, name="normativa"),
        path("feed/", vistas_publico.FeedActos(), name="feed"),
        path("<int:pk>/", vistas_publico.acto, name="acto"),
        path("<int:pk>/pdf/", vistas_publico.acto_pdf, name="acto-pdf"),
        path("<int:pk>/docx/", vistas_publico.acto_docx, name="acto-docx"),
        path("<int:pk>/akn/", vistas_publico.acto_akn, name="acto-akn"),
    ],
    "normativa",
)
