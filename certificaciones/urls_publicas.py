from django.urls import path  # noqa: F401

# Páginas públicas de verificación (/verificar/), sin ingreso.
app_name = "verificar"

urlpatterns: list = []
