from django.apps import AppConfig


class InformesConfig(AppConfig):
    name = "informes"
    verbose_name = "Informes y estadísticas"
