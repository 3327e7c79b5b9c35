from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Los benchmarks (`secretaria bench-*`) y el generador del municipio sintético. Es la capa de más
    arriba: mide las áreas por sus puntos de entrada y nadie la importa."""

    name = "bench"
    verbose_name = "Benchmarks"
