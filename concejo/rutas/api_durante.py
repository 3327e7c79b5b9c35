"""Rutas de la API de la parte «durante» del concejo: la sesión en vivo y sus votaciones."""

from django.urls import path

from concejo.api import durante as a

urlpatterns: list = [
    path("sesiones/<int:pk>/en-vivo/", a.SesionEnVivo.as_view(), name="api-concejo-en-vivo"),
    path("sesiones/<int:pk>/asistencia/", a.SesionAsistencia.as_view(), name="api-concejo-asistencia"),
    path("sesiones/<int:pk>/retiro/", a.SesionRetiro.as_view(), name="api-concejo-retiro"),
    path("sesiones/<int:pk>/instalar/", a.SesionInstalar.as_view(), name="api-concejo-instalar"),
    path("sesiones/<int:pk>/sin-quorum/", a.SesionSinQuorum.as_view(), name="api-concejo-sin-quorum"),
    path("sesiones/<int:pk>/suspender/", a.SesionSuspender.as_view(), name="api-concejo-suspender"),
    path("sesiones/<int:pk>/reanudar/", a.SesionReanudar.as_view(), name="api-concejo-reanudar"),
    path("sesiones/<int:pk>/levantar/", a.SesionLevantar.as_view(), name="api-concejo-levantar"),
    path("puntos/<int:pk>/tomar/", a.PuntoTomar.as_view(), name="api-concejo-punto-tomar"),
    path("puntos/<int:pk>/notas/", a.PuntoNotas.as_view(), name="api-concejo-punto-notas"),
    path(
        "puntos/<int:pk>/intervenciones/",
        a.PuntoIntervencion.as_view(),
        name="api-concejo-punto-intervencion",
    ),
    path("puntos/<int:pk>/resolver/", a.PuntoResolver.as_view(), name="api-concejo-punto-resolver"),
    path("puntos/<int:pk>/votaciones/", a.PuntoVotaciones.as_view(), name="api-concejo-punto-votar"),
    path("votaciones/<int:pk>/", a.VotacionDetalle.as_view(), name="api-concejo-votacion"),
    path("votaciones/<int:pk>/votos/", a.VotacionVoto.as_view(), name="api-concejo-votacion-voto"),
    path("votaciones/<int:pk>/conteo/", a.VotacionConteo.as_view(), name="api-concejo-votacion-conteo"),
    path("votaciones/<int:pk>/cerrar/", a.VotacionCerrar.as_view(), name="api-concejo-votacion-cerrar"),
    path(
        "votaciones/<int:pk>/dirimente/", a.VotacionDirimente.as_view(), name="api-concejo-votacion-dirimente"
    ),
    path(
        "votaciones/<int:pk>/confirmar/", a.VotacionConfirmar.as_view(), name="api-concejo-votacion-confirmar"
    ),
    path("votaciones/<int:pk>/anular/", a.VotacionAnular.as_view(), name="api-concejo-votacion-anular"),
]
