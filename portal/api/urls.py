from django.urls import path

from portal.api import seguimiento

# Se incluye desde portal/urls.py sin espacio de nombres propio: los nombres quedan en «portal»
# (`portal:api-seguimiento`).
urlpatterns = [
    path("seguimiento/<str:codigo>/", seguimiento.Seguimiento.as_view(), name="api-seguimiento"),
]
