"""Rutas de la parte «durante» del concejo (páginas): la sesión en vivo."""

from django.urls import path

from concejo.views import durante as v

urlpatterns: list = [
    path("en-vivo/", v.sesiones_en_vivo, name="sesiones-en-vivo"),
    path("sesiones/<int:pk>/en-vivo/", v.sesion_en_vivo, name="sesion-en-vivo"),
    path("sesiones/<int:pk>/en-vivo/asistencia/", v.asistencia_marcar, name="sesion-asistencia"),
    path("sesiones/<int:pk>/en-vivo/retiro/", v.asistencia_retiro, name="sesion-retiro"),
    path("sesiones/<int:pk>/en-vivo/instalar/", v.sesion_instalar, name="sesion-instalar"),
    path("sesiones/<int:pk>/en-vivo/sin-quorum/", v.sesion_sin_quorum, name="sesion-sin-quorum"),
    path("sesiones/<int:pk>/en-vivo/suspender/", v.sesion_suspender, name="sesion-suspender"),
    path("sesiones/<int:pk>/en-vivo/reanudar/", v.sesion_reanudar, name="sesion-reanudar"),
    path("sesiones/<int:pk>/en-vivo/levantar/", v.sesion_levantar, name="sesion-levantar"),
    path("puntos/<int:pk>/tomar/", v.punto_tomar, name="punto-tomar"),
    path("puntos/<int:pk>/notas/", v.punto_notas, name="punto-notas"),
    path("puntos/<int:pk>/intervenciones/", v.punto_intervencion, name="punto-intervencion"),
    path("puntos/<int:pk>/resolver/", v.punto_resolver, name="punto-resolver"),
    path("puntos/<int:pk>/votar/", v.punto_votar, name="punto-votar"),
    path("votaciones/<int:pk>/voto/", v.votacion_voto, name="votacion-voto"),
    path("votaciones/<int:pk>/conteo/", v.votacion_conteo, name="votacion-conteo"),
    path("votaciones/<int:pk>/cerrar/", v.votacion_cerrar, name="votacion-cerrar"),
    path("votaciones/<int:pk>/dirimente/", v.votacion_dirimente, name="votacion-dirimente"),
    path("votaciones/<int:pk>/confirmar/", v.votacion_confirmar, name="votacion-confirmar"),
    path("votaciones/<int:pk>/anular/", v.votacion_anular, name="votacion-anular"),
]
