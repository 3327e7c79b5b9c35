from django.urls import path

from certificaciones.api import certificados as api

urlpatterns = [
    path("", api.Certificados.as_view(), name="api-certificaciones"),
    path("solicitudes/", api.Solicitudes.as_view(), name="api-certificaciones-solicitudes"),
    path("solicitudes/<id:pk>/pago/", api.SolicitudPago.as_view(), name="api-certificaciones-solicitud-pago"),
    path(
        "solicitudes/<id:pk>/exonerar/",
        api.SolicitudExonerar.as_view(),
        name="api-certificaciones-solicitud-exonerar",
    ),
    path(
        "solicitudes/<id:pk>/emitir/",
        api.SolicitudEmitir.as_view(),
        name="api-certificaciones-solicitud-emitir",
    ),
    path("<str:codigo>/", api.CertificadoDetalle.as_view(), name="api-certificaciones-certificado"),
    path("<str:codigo>/pdf/", api.CertificadoPdf.as_view(), name="api-certificaciones-certificado-pdf"),
    path(
        "<str:codigo>/revocar/",
        api.CertificadoRevocar.as_view(),
        name="api-certificaciones-certificado-revocar",
    ),
]
