"""Rutas de la parte «despues» del concejo (páginas): el acta (interna) y las sesiones realizadas (públicas)."""

from django.urls import path

from concejo.views import despues as v

urlpatterns: list = [
    path("actas/", v.actas, name="actas"),
    path("sesiones/<int:pk>/acta/", v.acta, name="acta"),
    path("sesiones/<int:pk>/acta/vista-previa/", v.acta_vista_previa, name="acta-vista-previa"),
    path("sesiones/<int:pk>/acta/generar/", v.acta_generar, name="acta-generar"),
    path("sesiones/<int:pk>/acta/acta.docx", v.acta_docx, name="acta-docx"),
    path("sesiones/<int:pk>/acta/importar/", v.acta_importar, name="acta-importar"),
    path("sesiones/<int:pk>/acta/firmar/", v.acta_firmar, name="acta-firmar"),
    path("sesiones/<int:pk>/acta/publicar/", v.acta_publicar, name="acta-publicar"),
    path("sesiones/<int:pk>/acta/fe-de-erratas/", v.acta_errata, name="acta-errata"),
    path("sesiones/<int:pk>/acta/acta.pdf", v.acta_pdf, name="acta-pdf"),
    # Públicas (sin ingreso).
    path("realizadas/", v.realizadas, name="realizadas"),
    path("realizadas/<int:pk>/", v.realizada, name="realizada"),
    path("realizadas/<int:pk>/acta/", v.realizada_acta, name="realizada-acta"),
    path("realizadas/<int:pk>/acta.pdf", v.realizada_acta_pdf, name="realizada-acta-pdf"),
    path("realizadas/miembros/<int:pk>/", v.realizada_miembro, name="realizada-miembro"),
]
