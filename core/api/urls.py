from django.urls import path

from core.api import vistas

urlpatterns = [
    path("yo/", vistas.Yo.as_view(), name="api-yo"),
]
