"""Rutas de la parte «cuerpo» del concejo (páginas)."""

from django.urls import path

from concejo.views import cuerpo as v

urlpatterns: list = [
    path("cuerpo/", v.periodos, name="periodos"),
    path("cuerpo/periodos/nuevo/", v.periodo_crear, name="periodo-crear"),
    path("cuerpo/periodos/<int:pk>/", v.periodo, name="periodo"),
    path("cuerpo/periodos/<int:pk>/editar/", v.periodo_editar, name="periodo-editar"),
    path("cuerpo/periodos/<int:pk>/miembros/nuevo/", v.miembro_crear, name="miembro-crear"),
    path("cuerpo/periodos/<int:pk>/comisiones/nueva/", v.comision_crear, name="comision-crear"),
    path("cuerpo/miembros/<int:pk>/", v.miembro, name="miembro"),
    path("cuerpo/miembros/<int:pk>/editar/", v.miembro_editar, name="miembro-editar"),
    path("cuerpo/miembros/<int:pk>/estado/", v.miembro_estado, name="miembro-estado"),
    path("cuerpo/comisiones/<int:pk>/", v.comision, name="comision"),
    path("cuerpo/comisiones/<int:pk>/integrantes/", v.comision_integrante, name="comision-integrante"),
    path("cuerpo/integrantes/<int:pk>/terminar/", v.integrante_terminar, name="integrante-terminar"),
    path("cuerpo/en-una-fecha/", v.concejo_hoy, name="concejo-hoy"),
    # Pública, sin ingreso.
    path("miembros/", v.publico_miembros, name="miembros-publico"),
]
