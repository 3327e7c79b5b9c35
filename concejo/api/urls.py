"""API del concejo (/api/v1/concejo/)."""

from django.urls import path

from concejo.api import agenda, antes, cuerpo, despues, durante

urlpatterns = [
    # El cuerpo: datos abiertos Popolo y el concejo en una fecha.
    path("popolo/", cuerpo.Popolo.as_view(), name="api-concejo-popolo"),
    path("en-una-fecha/", cuerpo.ConcejoEnFecha.as_view(), name="api-concejo-en-fecha"),
    # Antes: sesiones y convocatoria.
    path("sesiones/", antes.Sesiones.as_view(), name="api-concejo-sesiones"),
    path("sesiones/<id:pk>/", antes.SesionDetalle.as_view(), name="api-concejo-sesion"),
    path("sesiones/<id:pk>/convocar/", antes.SesionConvocar.as_view(), name="api-concejo-sesion-convocar"),
    path("organos/", antes.Organos.as_view(), name="api-concejo-organos"),
    # La agenda (puntos) y los miembros de una sesión.
    path("sesiones/<id:pk>/agenda/", agenda.Agenda.as_view(), name="api-concejo-agenda"),
    path("sesiones/<id:pk>/agenda/acta/", agenda.AgendaActa.as_view(), name="api-concejo-agenda-acta"),
    path(
        "sesiones/<id:pk>/agenda/congelar/",
        agenda.AgendaCongelar.as_view(),
        name="api-concejo-agenda-congelar",
    ),
    path("sesiones/<id:pk>/miembros/", agenda.MiembrosDeSesion.as_view(), name="api-concejo-miembros"),
    path("puntos/<id:pk>/", agenda.PuntoDeAgenda.as_view(), name="api-concejo-punto"),
    path("puntos/<id:pk>/mover/", agenda.PuntoMover.as_view(), name="api-concejo-punto-mover"),
    path("puntos/<id:pk>/anexos/", agenda.PuntoAnexos.as_view(), name="api-concejo-punto-anexos"),
    path(
        "puntos/<id:pk>/anexos/<id:archivo>/",
        agenda.PuntoAnexo.as_view(),
        name="api-concejo-punto-anexo",
    ),
    # Durante: la sesión en vivo y sus votaciones.
    path("sesiones/<id:pk>/en-vivo/", durante.SesionEnVivo.as_view(), name="api-concejo-en-vivo"),
    path("sesiones/<id:pk>/asistencia/", durante.SesionAsistencia.as_view(), name="api-concejo-asistencia"),
    path("sesiones/<id:pk>/retiro/", durante.SesionRetiro.as_view(), name="api-concejo-retiro"),
    path("sesiones/<id:pk>/instalar/", durante.SesionInstalar.as_view(), name="api-concejo-instalar"),
    path("sesiones/<id:pk>/sin-quorum/", durante.SesionSinQuorum.as_view(), name="api-concejo-sin-quorum"),
    path("sesiones/<id:pk>/suspender/", durante.SesionSuspender.as_view(), name="api-concejo-suspender"),
    path("sesiones/<id:pk>/reanudar/", durante.SesionReanudar.as_view(), name="api-concejo-reanudar"),
    path("sesiones/<id:pk>/levantar/", durante.SesionLevantar.as_view(), name="api-concejo-levantar"),
    path("puntos/<id:pk>/tomar/", durante.PuntoTomar.as_view(), name="api-concejo-punto-tomar"),
    path("puntos/<id:pk>/notas/", durante.PuntoNotas.as_view(), name="api-concejo-punto-notas"),
    path(
        "puntos/<id:pk>/intervenciones/",
        durante.PuntoIntervencion.as_view(),
        name="api-concejo-punto-intervencion",
    ),
    path("puntos/<id:pk>/resolver/", durante.PuntoResolver.as_view(), name="api-concejo-punto-resolver"),
    path("puntos/<id:pk>/votaciones/", durante.PuntoVotaciones.as_view(), name="api-concejo-punto-votar"),
    path("votaciones/<id:pk>/", durante.VotacionDetalle.as_view(), name="api-concejo-votacion"),
    path("votaciones/<id:pk>/votos/", durante.VotacionVoto.as_view(), name="api-concejo-votacion-voto"),
    path("votaciones/<id:pk>/conteo/", durante.VotacionConteo.as_view(), name="api-concejo-votacion-conteo"),
    path("votaciones/<id:pk>/cerrar/", durante.VotacionCerrar.as_view(), name="api-concejo-votacion-cerrar"),
    path(
        "votaciones/<id:pk>/dirimente/",
        durante.VotacionDirimente.as_view(),
        name="api-concejo-votacion-dirimente",
    ),
    path(
        "votaciones/<id:pk>/reconsideracion/",
        durante.VotacionPedirReconsideracion.as_view(),
        name="api-concejo-votacion-reconsideracion",
    ),
    path(
        "votaciones/<id:pk>/confirmar/",
        durante.VotacionConfirmar.as_view(),
        name="api-concejo-votacion-confirmar",
    ),
    path("votaciones/<id:pk>/anular/", durante.VotacionAnular.as_view(), name="api-concejo-votacion-anular"),
    # Después: el acta.
    path("sesiones/<id:pk>/acta/", despues.ActaDeSesion.as_view(), name="api-concejo-acta"),
    path("sesiones/<id:pk>/acta/generar/", despues.ActaGenerar.as_view(), name="api-concejo-acta-generar"),
    path("sesiones/<id:pk>/acta/firmar/", despues.ActaFirmar.as_view(), name="api-concejo-acta-firmar"),
    path("sesiones/<id:pk>/acta/publicar/", despues.ActaPublicar.as_view(), name="api-concejo-acta-publicar"),
    path("actas/", despues.ActasPublicadas.as_view(), name="api-concejo-actas-publicadas"),
]
