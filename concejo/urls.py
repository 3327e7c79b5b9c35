"""Páginas del concejo (/concejo/): el cuerpo, la preparación de las sesiones, la sesión en vivo y las actas.
Las públicas (citación, calendario, próximas y realizadas, miembros) no piden ingreso."""

from django.urls import path

from concejo.views import antes, cuerpo, despues, durante

app_name = "concejo"

urlpatterns = [
    # El cuerpo: periodos, miembros, comisiones.
    path("cuerpo/", cuerpo.periodos, name="periodos"),
    path("cuerpo/periodos/nuevo/", cuerpo.periodo_crear, name="periodo-crear"),
    path("cuerpo/periodos/<int:pk>/", cuerpo.periodo, name="periodo"),
    path("cuerpo/periodos/<int:pk>/editar/", cuerpo.periodo_editar, name="periodo-editar"),
    path("cuerpo/periodos/<int:pk>/miembros/nuevo/", cuerpo.miembro_crear, name="miembro-crear"),
    path("cuerpo/periodos/<int:pk>/comisiones/nueva/", cuerpo.comision_crear, name="comision-crear"),
    path("cuerpo/miembros/<int:pk>/", cuerpo.miembro, name="miembro"),
    path("cuerpo/miembros/<int:pk>/editar/", cuerpo.miembro_editar, name="miembro-editar"),
    path("cuerpo/miembros/<int:pk>/estado/", cuerpo.miembro_estado, name="miembro-estado"),
    path("cuerpo/comisiones/<int:pk>/", cuerpo.comision, name="comision"),
    path("cuerpo/comisiones/<int:pk>/integrantes/", cuerpo.comision_integrante, name="comision-integrante"),
    path("cuerpo/integrantes/<int:pk>/terminar/", cuerpo.integrante_terminar, name="integrante-terminar"),
    path("cuerpo/en-una-fecha/", cuerpo.concejo_hoy, name="concejo-hoy"),
    # Pública, sin ingreso.
    path("miembros/", cuerpo.publico_miembros, name="miembros-publico"),
    # Antes: sesiones, agenda, convocatoria, calendario, portal.
    path("sesiones/", antes.sesiones, name="sesiones"),
    path("sesiones/nueva/", antes.sesion_crear, name="sesion-crear"),
    path("sesiones/<int:pk>/", antes.sesion, name="sesion"),
    path("sesiones/<int:pk>/editar/", antes.sesion_editar, name="sesion-editar"),
    path("sesiones/<int:pk>/cancelar/", antes.sesion_cancelar, name="sesion-cancelar"),
    path("sesiones/<int:pk>/puntos/nuevo/", antes.punto_agregar, name="punto-agregar"),
    path("sesiones/<int:pk>/puntos/acta/", antes.punto_acta, name="punto-acta"),
    path("sesiones/<int:pk>/despacho/buscar/", antes.despacho_buscar, name="despacho-buscar"),
    path("sesiones/<int:pk>/agenda/congelar/", antes.agenda_congelar, name="agenda-congelar"),
    path("sesiones/<int:pk>/agenda/versiones/", antes.agenda_versiones, name="agenda-versiones"),
    path("sesiones/<int:pk>/convocar/", antes.sesion_convocar, name="sesion-convocar"),
    path("sesiones/<int:pk>/citaciones/", antes.sesion_citaciones, name="sesion-citaciones"),
    path("puntos/<int:pk>/editar/", antes.punto_editar, name="punto-editar"),
    path("puntos/<int:pk>/quitar/", antes.punto_quitar, name="punto-quitar"),
    path("puntos/<int:pk>/mover/", antes.punto_mover, name="punto-mover"),
    path("puntos/<int:pk>/anexos/", antes.punto_anexo, name="punto-anexo"),
    path("puntos/<int:pk>/anexos/<int:archivo>/quitar/", antes.punto_anexo_quitar, name="punto-anexo-quitar"),
    # Sin ingresar: el enlace de la citación (acuse), el calendario y el portal de próximas sesiones.
    path("citacion/<str:token>/", antes.citacion, name="citacion"),
    path("citacion/<str:token>/citacion.pdf", antes.citacion_pdf, name="citacion-pdf"),
    path(
        "citacion/<str:token>/documentos/<int:archivo>/", antes.citacion_documento, name="citacion-documento"
    ),
    path("sesiones.ics", antes.sesiones_ics, name="sesiones-ics"),
    path("miembros/<str:token>/sesiones.ics", antes.miembro_ics, name="miembro-ics"),
    path("proximas/", antes.proximas, name="proximas"),
    path("proximas/<int:pk>/", antes.proxima, name="proxima"),
    # Durante: la sesión en vivo.
    path("en-vivo/", durante.sesiones_en_vivo, name="sesiones-en-vivo"),
    path("sesiones/<int:pk>/en-vivo/", durante.sesion_en_vivo, name="sesion-en-vivo"),
    path("sesiones/<int:pk>/en-vivo/asistencia/", durante.asistencia_marcar, name="sesion-asistencia"),
    path("sesiones/<int:pk>/en-vivo/retiro/", durante.asistencia_retiro, name="sesion-retiro"),
    path("sesiones/<int:pk>/en-vivo/instalar/", durante.sesion_instalar, name="sesion-instalar"),
    path("sesiones/<int:pk>/en-vivo/sin-quorum/", durante.sesion_sin_quorum, name="sesion-sin-quorum"),
    path("sesiones/<int:pk>/en-vivo/suspender/", durante.sesion_suspender, name="sesion-suspender"),
    path("sesiones/<int:pk>/en-vivo/reanudar/", durante.sesion_reanudar, name="sesion-reanudar"),
    path("sesiones/<int:pk>/en-vivo/levantar/", durante.sesion_levantar, name="sesion-levantar"),
    path("puntos/<int:pk>/tomar/", durante.punto_tomar, name="punto-tomar"),
    path("puntos/<int:pk>/notas/", durante.punto_notas, name="punto-notas"),
    path("puntos/<int:pk>/intervenciones/", durante.punto_intervencion, name="punto-intervencion"),
    path("puntos/<int:pk>/resolver/", durante.punto_resolver, name="punto-resolver"),
    path("puntos/<int:pk>/votar/", durante.punto_votar, name="punto-votar"),
    path("votaciones/<int:pk>/voto/", durante.votacion_voto, name="votacion-voto"),
    path("votaciones/<int:pk>/conteo/", durante.votacion_conteo, name="votacion-conteo"),
    path("votaciones/<int:pk>/cerrar/", durante.votacion_cerrar, name="votacion-cerrar"),
    path("votaciones/<int:pk>/dirimente/", durante.votacion_dirimente, name="votacion-dirimente"),
    path("votaciones/<int:pk>/confirmar/", durante.votacion_confirmar, name="votacion-confirmar"),
    path("votaciones/<int:pk>/anular/", durante.votacion_anular, name="votacion-anular"),
    # Después: el acta (interna) y las sesiones realizadas (públicas).
    path("actas/", despues.actas, name="actas"),
    path("sesiones/<int:pk>/acta/", despues.acta, name="acta"),
    path("sesiones/<int:pk>/acta/vista-previa/", despues.acta_vista_previa, name="acta-vista-previa"),
    path("sesiones/<int:pk>/acta/generar/", despues.acta_generar, name="acta-generar"),
    path("sesiones/<int:pk>/acta/acta.docx", despues.acta_docx, name="acta-docx"),
    path("sesiones/<int:pk>/acta/importar/", despues.acta_importar, name="acta-importar"),
    path("sesiones/<int:pk>/acta/firmar/", despues.acta_firmar, name="acta-firmar"),
    path("sesiones/<int:pk>/acta/publicar/", despues.acta_publicar, name="acta-publicar"),
    path("sesiones/<int:pk>/acta/fe-de-erratas/", despues.acta_errata, name="acta-errata"),
    path("sesiones/<int:pk>/acta/acta.pdf", despues.acta_pdf, name="acta-pdf"),
    # Públicas (sin ingreso).
    path("realizadas/", despues.realizadas, name="realizadas"),
    path("realizadas/<int:pk>/", despues.realizada, name="realizada"),
    path("realizadas/<int:pk>/acta/", despues.realizada_acta, name="realizada-acta"),
    path("realizadas/<int:pk>/acta.pdf", despues.realizada_acta_pdf, name="realizada-acta-pdf"),
    path("realizadas/miembros/<int:pk>/", despues.realizada_miembro, name="realizada-miembro"),
]
