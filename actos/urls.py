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
    path("decisiones/<id:pk>/registrar/", vistas_nucleo.decision_registrar, name="decision-registrar"),
    # El acto: texto por partes, ciclo de vida, relaciones y exportaciones.
    path("<id:pk>/", vistas_nucleo.acto, name="acto"),
    path("<id:pk>/datos/", vistas_nucleo.datos, name="acto-datos"),
    path("<id:pk>/partes/", vistas_nucleo.parte_agregar, name="parte-agregar"),
    path("partes/<id:pk>/editar/", vistas_nucleo.parte_editar, name="parte-editar"),
    path("partes/<id:pk>/mover/", vistas_nucleo.parte_mover, name="parte-mover"),
    path("partes/<id:pk>/eliminar/", vistas_nucleo.parte_eliminar, name="parte-eliminar"),
    path("<id:pk>/enviar/", vistas_nucleo.enviar, name="acto-enviar"),
    path("<id:pk>/devolver/", vistas_nucleo.devolver, name="acto-devolver"),
    path("<id:pk>/aprobar/", vistas_nucleo.aprobar, name="acto-aprobar"),
    path("<id:pk>/firmar/", vistas_nucleo.firmar, name="acto-firmar"),
    path("<id:pk>/publicar/", vistas_nucleo.publicar, name="acto-publicar"),
    path("<id:pk>/vigencia/", vistas_nucleo.vigencia_fijar, name="acto-vigencia"),
    path("<id:pk>/notificar/", vistas_nucleo.notificar, name="acto-notificar"),
    path("<id:pk>/sancion/", vistas_nucleo.sancion_decidir, name="acto-sancion"),
    path("<id:pk>/insistencia/", vistas_nucleo.sancion_insistencia, name="acto-insistencia"),
    path("<id:pk>/aceptar-objecion/", vistas_nucleo.sancion_aceptar_objecion, name="acto-aceptar-objecion"),
    path("por-sancionar/", vistas_nucleo.por_sancionar, name="por-sancionar"),
    path("<id:pk>/archivar/", vistas_nucleo.archivar, name="acto-archivar"),
    path("<id:pk>/relaciones/", vistas_nucleo.relacion_agregar, name="relacion-agregar"),
    path("relaciones/<id:pk>/quitar/", vistas_nucleo.relacion_quitar, name="relacion-quitar"),
    path("<id:pk>/fe-de-erratas/", vistas_nucleo.fe_de_erratas, name="acto-fe-erratas"),
    path("<id:pk>/pdf/", vistas_nucleo.exportar_pdf, name="acto-pdf"),
    path("<id:pk>/docx/", vistas_nucleo.exportar_docx, name="acto-docx"),
    path("<id:pk>/akn/", vistas_nucleo.exportar_akn, name="acto-akn"),
    path("<id:pk>/vista-previa/", vistas_nucleo.vista_previa, name="acto-vista-previa"),
    # Seguimiento: tablero y tareas.
    path("seguimiento/", vistas_seguimiento.tablero, name="seguimiento"),
    path("seguimiento/actos/<id:pk>/tareas/nueva/", vistas_seguimiento.tarea_crear, name="tarea-crear"),
    path("seguimiento/tareas/<id:pk>/", vistas_seguimiento.tarea, name="tarea"),
    path("seguimiento/tareas/<id:pk>/avance/", vistas_seguimiento.tarea_avance, name="tarea-avance"),
    path("seguimiento/tareas/<id:pk>/cancelar/", vistas_seguimiento.tarea_cancelar, name="tarea-cancelar"),
    # Protocolo anual.
    path("protocolos/", vistas_seguimiento.protocolos, name="protocolos"),
    path("protocolos/generar/", vistas_seguimiento.protocolo_generar, name="protocolo-generar"),
    path("protocolos/<id:pk>/", vistas_seguimiento.protocolo, name="protocolo"),
    path("protocolos/<id:pk>/pdf/", vistas_seguimiento.protocolo_pdf, name="protocolo-pdf"),
]

# /normativa/: búsqueda, cada acto, sus exportaciones y el feed Atom.
publicas = (
    [
        path("", vistas_publico.normativa, name="normativa"),
        path("feed/", vistas_publico.FeedActos(), name="feed"),
        path("<id:pk>/", vistas_publico.acto, name="acto"),
        path("<id:pk>/pdf/", vistas_publico.acto_pdf, name="acto-pdf"),
        path("<id:pk>/docx/", vistas_publico.acto_docx, name="acto-docx"),
        path("<id:pk>/akn/", vistas_publico.acto_akn, name="acto-akn"),
    ],
    "normativa",
)
