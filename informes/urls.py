from django.urls import path

app_name = "informes"

urlpatterns = [
]
