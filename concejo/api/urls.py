"""API del concejo (/api/v1/concejo/)."""

from django.urls import path

from concejo.api import antes, cuerpo, despues, durante

urlpatterns = [
    # El cuerpo: datos abiertos Popolo y el concejo en una fecha.
    path("popolo/", cuerpo.Popolo.as_view(), name="api-concejo-popolo"),
    path("en-una-fecha/", cuerpo.ConcejoEnFecha.as_view(), name="api-concejo-en-fecha"),
    # Antes: sesiones y convocatoria.
    path("sesiones/", antes.Sesiones.as_view(), name="api-concejo-sesiones"),
    path("sesiones/<int:pk>/", antes.SesionDetalle.as_view(), name="api-concejo-sesion"),
    path("sesiones/<int:pk>/convocar/", antes.SesionConvocar.as_view(), name="api-concejo-sesion-convocar"),
    # Durante: la sesión en vivo y sus votaciones.
    path("sesiones/<int:pk>/en-vivo/", durante.SesionEnVivo.as_view(), name="api-concejo-en-vivo"),
    path("sesiones/<int:pk>/asistencia/", durante.SesionAsistencia.as_view(), name="api-concejo-asistencia"),
    path("sesiones/<int:pk>/retiro/", durante.SesionRetiro.as_view(), name="api-concejo-retiro"),
    path("sesiones/<int:pk>/instalar/", durante.SesionInstalar.as_view(), name="api-concejo-instalar"),
    path("sesiones/<int:pk>/sin-quorum/", durante.SesionSinQuorum.as_view(), name="api-concejo-sin-quorum"),
    path("sesiones/<int:pk>/suspender/", durante.SesionSuspender.as_view(), name="api-concejo-suspender"),
    path("sesiones/<int:pk>/reanudar/", durante.SesionReanudar.as_view(), name="api-concejo-reanudar"),
    path("sesiones/<int:pk>/levantar/", durante.SesionLevantar.as_view(), name="api-concejo-levantar"),
    path("puntos/<int:pk>/tomar/", durante.PuntoTomar.as_view(), name="api-concejo-punto-tomar"),
    path("puntos/<int:pk>/notas/", durante.PuntoNotas.as_view(), name="api-concejo-punto-notas"),
    path(
        "puntos/<int:pk>/intervenciones/",
        durante.PuntoIntervencion.as_view(),
        name="api-concejo-punto-intervencion",
    ),
    path("puntos/<int:pk>/resolver/", durante.PuntoResolver.as_view(), name="api-concejo-punto-resolver"),
    path("puntos/<int:pk>/votaciones/", durante.PuntoVotaciones.as_view(), name="api-concejo-punto-votar"),
    path("votaciones/<int:pk>/", durante.VotacionDetalle.as_view(), name="api-concejo-votacion"),
    path("votaciones/<int:pk>/votos/", durante.VotacionVoto.as_view(), name="api-concejo-votacion-voto"),
    path("votaciones/<int:pk>/conteo/", durante.VotacionConteo.as_view(), name="api-concejo-votacion-conteo"),
    path("votaciones/<int:pk>/cerrar/", durante.VotacionCerrar.as_view(), name="api-concejo-votacion-cerrar"),
    path(
        "votaciones/<int:pk>/dirimente/",
        durante.VotacionDirimente.as_view(),
        name="api-concejo-votacion-dirimente",
    ),
    path(
        "votaciones/<int:pk>/reconsideracion/",
        durante.VotacionPedirReconsideracion.as_view(),
        name="api-concejo-votacion-reconsideracion",
    ),
    path(
        "votaciones/<int:pk>/confirmar/",
        durante.VotacionConfirmar.as_view(),
        name="api-concejo-votacion-confirmar",
    ),
    path("votaciones/<int:pk>/anular/", durante.VotacionAnular.as_view(), name="api-concejo-votacion-anular"),
    # Después: el acta.
    path("sesiones/<int:pk>/acta/", despues.ActaDeSesion.as_view(), name="api-concejo-acta"),
    path("sesiones/<int:pk>/acta/generar/", despues.ActaGenerar.as_view(), name="api-concejo-acta-generar"),
    path("sesiones/<int:pk>/acta/firmar/", despues.ActaFirmar.as_view(), name="api-concejo-acta-firmar"),
    path(
        "sesiones/<int:pk>/acta/publicar/", despues.ActaPublicar.as_view(), name="api-concejo-acta-publicar"
    ),
    path("actas/", despues.ActasPublicadas.as_view(), name="api-concejo-actas-publicadas"),
]
