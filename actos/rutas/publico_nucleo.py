"""Rutas «publico_nucleo» de actos: /normativa/ (búsqueda), cada acto, sus exportaciones y el feed Atom."""

from django.urls import path

from actos.views import publico

urlpatterns = [
    path("", publico.normativa, name="normativa"),
    path("feed/", publico.FeedActos(), name="feed"),
    path("<int:pk>/", publico.acto, name="acto"),
    path("<int:pk>/pdf/", publico.acto_pdf, name="acto-pdf"),
    path("<int:pk>/docx/", publico.acto_docx, name="acto-docx"),
    path("<int:pk>/akn/", publico.acto_akn, name="acto-akn"),
]
