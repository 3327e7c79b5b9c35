"""Rutas «nucleo» de actos: lista, proyecto nuevo, decisiones del concejo, el acto (texto, ciclo de vida,
relaciones) y sus exportaciones."""

from django.urls import path

from actos.views import nucleo as v

urlpatterns = [
    path("", v.lista, name="lista"),
    path("nuevo/", v.nuevo, name="nuevo"),
    path("decisiones/", v.decisiones, name="decisiones"),
    path("decisiones/<int:pk>/registrar/", v.decision_registrar, name="decision-registrar"),
    path("<int:pk>/", v.acto, name="acto"),
    path("<int:pk>/datos/", v.datos, name="acto-datos"),
    path("<int:pk>/partes/", v.parte_agregar, name="parte-agregar"),
    path("partes/<int:pk>/editar/", v.parte_editar, name="parte-editar"),
    path("partes/<int:pk>/mover/", v.parte_mover, name="parte-mover"),
    path("partes/<int:pk>/eliminar/", v.parte_eliminar, name="parte-eliminar"),
    path("<int:pk>/enviar/", v.enviar, name="acto-enviar"),
    path("<int:pk>/devolver/", v.devolver, name="acto-devolver"),
    path("<int:pk>/aprobar/", v.aprobar, name="acto-aprobar"),
    path("<int:pk>/firmar/", v.firmar, name="acto-firmar"),
    path("<int:pk>/publicar/", v.publicar, name="acto-publicar"),
    path("<int:pk>/archivar/", v.archivar, name="acto-archivar"),
    path("<int:pk>/relaciones/", v.relacion_agregar, name="relacion-agregar"),
    path("relaciones/<int:pk>/quitar/", v.relacion_quitar, name="relacion-quitar"),
    path("<int:pk>/fe-de-erratas/", v.fe_de_erratas, name="acto-fe-erratas"),
    path("<int:pk>/pdf/", v.exportar_pdf, name="acto-pdf"),
    path("<int:pk>/docx/", v.exportar_docx, name="acto-docx"),
    path("<int:pk>/akn/", v.exportar_akn, name="acto-akn"),
    path("<int:pk>/vista-previa/", v.vista_previa, name="acto-vista-previa"),
]
