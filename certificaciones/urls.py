from django.urls import path

from certificaciones.views import certificados, configuracion, solicitudes, verificar

app_name = "certificaciones"

urlpatterns = [
    path("", solicitudes.solicitudes, name="solicitudes"),
    path("solicitudes/nueva/", solicitudes.solicitud_crear, name="solicitud-crear"),
    path("solicitudes/<id:pk>/", solicitudes.solicitud, name="solicitud"),
    path("solicitudes/<id:pk>/pago/", solicitudes.solicitud_pagar, name="solicitud-pagar"),
    path("solicitudes/<id:pk>/exonerar/", solicitudes.solicitud_exonerar, name="solicitud-exonerar"),
    path("solicitudes/<id:pk>/emitir/", solicitudes.solicitud_emitir, name="solicitud-emitir"),
    path("certificados/<id:pk>/", certificados.certificado, name="certificado"),
    path("certificados/<id:pk>/pdf/", certificados.certificado_pdf, name="certificado-pdf"),
    path("certificados/<id:pk>/revocar/", certificados.certificado_revocar, name="certificado-revocar"),
    path("registro/", certificados.registro, name="registro"),
    path("fedatarios/", configuracion.fedatarios, name="fedatarios"),
    path("fedatarios/<id:pk>/cesar/", configuracion.fedatario_cesar, name="fedatario-cesar"),
    path("tarifas/", configuracion.tarifas, name="tarifas"),
    path("tarifas/<id:pk>/", configuracion.tarifa_editar, name="tarifa-editar"),
]

# Páginas públicas de verificación, sin ingreso: secretaria/urls.py las monta en /verificar/ con
# `include(publicas)`, en el espacio de nombres «verificar».
publicas = (
    [
        path("", verificar.inicio, name="inicio"),
        path("<str:codigo>/", verificar.codigo, name="codigo"),
        path("<str:codigo>/pdf/", verificar.descargar, name="descargar"),
    ],
    "verificar",
)
