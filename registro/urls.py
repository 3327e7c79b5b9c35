from django.urls import path

app_name = "registro"

urlpatterns = [
]
