"""Páginas del concejo (/concejo/): el cuerpo, la preparación de las sesiones, la sesión en vivo y las actas.
Las públicas (citación, calendario, próximas y realizadas, miembros) no piden ingreso."""

from django.urls import path

from concejo.views import antes, cuerpo, despues, durante

app_name = "concejo"

urlpatterns = [
    # El cuerpo: periodos, miembros, comisiones.
    path("cuerpo/", cuerpo.periodos, name="periodos"),
    path("cuerpo/periodos/nuevo/", cuerpo.periodo_crear, name="periodo-crear"),
    path("cuerpo/periodos/<id:pk>/", cuerpo.periodo, name="periodo"),
    path("cuerpo/periodos/<id:pk>/editar/", cuerpo.periodo_editar, name="periodo-editar"),
    path("cuerpo/periodos/<id:pk>/miembros/nuevo/", cuerpo.miembro_crear, name="miembro-crear"),
    path("cuerpo/periodos/<id:pk>/comisiones/nueva/", cuerpo.comision_crear, name="comision-crear"),
    path("cuerpo/miembros/<id:pk>/", cuerpo.miembro, name="miembro"),
    path("cuerpo/miembros/<id:pk>/editar/", cuerpo.miembro_editar, name="miembro-editar"),
    path("cuerpo/miembros/<id:pk>/estado/", cuerpo.miembro_estado, name="miembro-estado"),
    path("cuerpo/comisiones/<id:pk>/", cuerpo.comision, name="comision"),
    path("cuerpo/comisiones/<id:pk>/integrantes/", cuerpo.comision_integrante, name="comision-integrante"),
    path("cuerpo/integrantes/<id:pk>/terminar/", cuerpo.integrante_terminar, name="integrante-terminar"),
    path("cuerpo/en-una-fecha/", cuerpo.concejo_hoy, name="concejo-hoy"),
    # Pública, sin ingreso.
    path("miembros/", cuerpo.publico_miembros, name="miembros-publico"),
    # Antes: sesiones, agenda, convocatoria, calendario, portal.
    path("sesiones/", antes.sesiones, name="sesiones"),
    path("sesiones/nueva/", antes.sesion_crear, name="sesion-crear"),
    path("sesiones/<id:pk>/", antes.sesion, name="sesion"),
    path("sesiones/<id:pk>/editar/", antes.sesion_editar, name="sesion-editar"),
    path("sesiones/<id:pk>/cancelar/", antes.sesion_cancelar, name="sesion-cancelar"),
    path("sesiones/<id:pk>/puntos/nuevo/", antes.punto_agregar, name="punto-agregar"),
    path("sesiones/<id:pk>/puntos/acta/", antes.punto_acta, name="punto-acta"),
    path("sesiones/<id:pk>/despacho/buscar/", antes.despacho_buscar, name="despacho-buscar"),
    path("sesiones/<id:pk>/agenda/congelar/", antes.agenda_congelar, name="agenda-congelar"),
    path("sesiones/<id:pk>/agenda/versiones/", antes.agenda_versiones, name="agenda-versiones"),
    path("sesiones/<id:pk>/convocar/", antes.sesion_convocar, name="sesion-convocar"),
    path("sesiones/<id:pk>/citaciones/", antes.sesion_citaciones, name="sesion-citaciones"),
    path("puntos/<id:pk>/editar/", antes.punto_editar, name="punto-editar"),
    path("puntos/<id:pk>/quitar/", antes.punto_quitar, name="punto-quitar"),
    path("puntos/<id:pk>/mover/", antes.punto_mover, name="punto-mover"),
    path("puntos/<id:pk>/anexos/", antes.punto_anexo, name="punto-anexo"),
    path("puntos/<id:pk>/anexos/<id:archivo>/quitar/", antes.punto_anexo_quitar, name="punto-anexo-quitar"),
    # Sin ingresar: el enlace de la citación (acuse), el calendario y el portal de próximas sesiones.
    path("citacion/<str:token>/", antes.citacion, name="citacion"),
    path("citacion/<str:token>/citacion.pdf", antes.citacion_pdf, name="citacion-pdf"),
    path(
        "citacion/<str:token>/documentos/<id:archivo>/", antes.citacion_documento, name="citacion-documento"
    ),
    path("sesiones.ics", antes.sesiones_ics, name="sesiones-ics"),
    path("miembros/<str:token>/sesiones.ics", antes.miembro_ics, name="miembro-ics"),
    path("proximas/", antes.proximas, name="proximas"),
    path("proximas/<id:pk>/", antes.proxima, name="proxima"),
    # Durante: la sesión en vivo.
    path("en-vivo/", durante.sesiones_en_vivo, name="sesiones-en-vivo"),
    path("sesiones/<id:pk>/en-vivo/", durante.sesion_en_vivo, name="sesion-en-vivo"),
    path("sesiones/<id:pk>/en-vivo/asistencia/", durante.asistencia_marcar, name="sesion-asistencia"),
    path("sesiones/<id:pk>/en-vivo/retiro/", durante.asistencia_retiro, name="sesion-retiro"),
    path("sesiones/<id:pk>/en-vivo/instalar/", durante.sesion_instalar, name="sesion-instalar"),
    path("sesiones/<id:pk>/en-vivo/sin-quorum/", durante.sesion_sin_quorum, name="sesion-sin-quorum"),
    path("sesiones/<id:pk>/en-vivo/suspender/", durante.sesion_suspender, name="sesion-suspender"),
    path("sesiones/<id:pk>/en-vivo/reanudar/", durante.sesion_reanudar, name="sesion-reanudar"),
    path("sesiones/<id:pk>/en-vivo/levantar/", durante.sesion_levantar, name="sesion-levantar"),
    path("puntos/<id:pk>/tomar/", durante.punto_tomar, name="punto-tomar"),
    path("puntos/<id:pk>/notas/", durante.punto_notas, name="punto-notas"),
    path("puntos/<id:pk>/intervenciones/", durante.punto_intervencion, name="punto-intervencion"),
    path("puntos/<id:pk>/resolver/", durante.punto_resolver, name="punto-resolver"),
    path("puntos/<id:pk>/votar/", durante.punto_votar, name="punto-votar"),
    path("votaciones/<id:pk>/voto/", durante.votacion_voto, name="votacion-voto"),
    path("votaciones/<id:pk>/conteo/", durante.votacion_conteo, name="votacion-conteo"),
    path("votaciones/<id:pk>/cerrar/", durante.votacion_cerrar, name="votacion-cerrar"),
    path("votaciones/<id:pk>/dirimente/", durante.votacion_dirimente, name="votacion-dirimente"),
    path("votaciones/<id:pk>/confirmar/", durante.votacion_confirmar, name="votacion-confirmar"),
    path("votaciones/<id:pk>/anular/", durante.votacion_anular, name="votacion-anular"),
    path(
        "votaciones/<id:pk>/reconsideracion/",
        durante.votacion_pedir_reconsideracion,
        name="votacion-reconsideracion",
    ),
    # Después: el acta (interna) y las sesiones realizadas (públicas).
    path("actas/", despues.actas, name="actas"),
    path("sesiones/<id:pk>/acta/", despues.acta, name="acta"),
    path("sesiones/<id:pk>/acta/vista-previa/", despues.acta_vista_previa, name="acta-vista-previa"),
    path("sesiones/<id:pk>/acta/generar/", despues.acta_generar, name="acta-generar"),
    path("sesiones/<id:pk>/acta/acta.docx", despues.acta_docx, name="acta-docx"),
    path("sesiones/<id:pk>/acta/importar/", despues.acta_importar, name="acta-importar"),
    path("sesiones/<id:pk>/acta/firmar/", despues.acta_firmar, name="acta-firmar"),
    path("sesiones/<id:pk>/acta/publicar/", despues.acta_publicar, name="acta-publicar"),
    path("sesiones/<id:pk>/acta/fe-de-erratas/", despues.acta_errata, name="acta-errata"),
    path("sesiones/<id:pk>/acta/acta.pdf", despues.acta_pdf, name="acta-pdf"),
    # Públicas (sin ingreso).
    path("realizadas/", despues.realizadas, name="realizadas"),
    path("realizadas/<id:pk>/", despues.realizada, name="realizada"),
    path("realizadas/<id:pk>/acta/", despues.realizada_acta, name="realizada-acta"),
    path("realizadas/<id:pk>/acta.pdf", despues.realizada_acta_pdf, name="realizada-acta-pdf"),
    path("realizadas/miembros/<id:pk>/", despues.realizada_miembro, name="realizada-miembro"),
]
