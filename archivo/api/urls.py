from django.urls import path

from archivo.api import ciclo, eliminacion
from archivo.api import expedientes as api

urlpatterns = [
    path("ead/", api.Ead.as_view(), name="api-archivo-ead"),
    path("expedientes/", api.Expedientes.as_view(), name="api-archivo-expedientes"),
    path("expedientes/<id:pk>/", api.ExpedienteVer.as_view(), name="api-archivo-expediente"),
    path(
        "expedientes/<id:pk>/archivar/",
        api.ExpedienteArchivar.as_view(),
        name="api-archivo-expediente-archivar",
    ),
    path("expedientes/<id:pk>/cerrar/", api.ExpedienteCerrar.as_view(), name="api-archivo-expediente-cerrar"),
    path("expedientes/<id:pk>/dc/", api.ExpedienteDublinCore.as_view(), name="api-archivo-expediente-dc"),
    path("transferencias/", ciclo.Transferencias.as_view(), name="api-archivo-transferencias"),
    path("transferencias/por-hacer/", ciclo.PorTransferir.as_view(), name="api-archivo-por-transferir"),
    path("transferencias/<id:pk>/", ciclo.TransferenciaVer.as_view(), name="api-archivo-transferencia"),
    path(
        "transferencias/<id:pk>/items/<id:item>/revisar/",
        ciclo.TransferenciaRevisar.as_view(),
        name="api-archivo-transferencia-revisar",
    ),
    path("prestamos/", ciclo.Prestamos.as_view(), name="api-archivo-prestamos"),
    path(
        "prestamos/<id:pk>/entregar/",
        ciclo.PrestamoAccion.as_view(accion="entregar"),
        name="api-archivo-prestamo-entregar",
    ),
    path(
        "prestamos/<id:pk>/devolver/",
        ciclo.PrestamoAccion.as_view(accion="devolver"),
        name="api-archivo-prestamo-devolver",
    ),
    path(
        "prestamos/<id:pk>/rechazar/",
        ciclo.PrestamoAccion.as_view(accion="rechazar"),
        name="api-archivo-prestamo-rechazar",
    ),
    path("eliminaciones/", eliminacion.Eliminaciones.as_view(), name="api-archivo-eliminaciones"),
    path("eliminaciones/<id:pk>/", eliminacion.EliminacionVer.as_view(), name="api-archivo-eliminacion"),
    path(
        "eliminaciones/<id:pk>/aprobar/",
        eliminacion.EliminacionAprobar.as_view(),
        name="api-archivo-eliminacion-aprobar",
    ),
    path(
        "eliminaciones/<id:pk>/ejecutar/",
        eliminacion.EliminacionEjecutar.as_view(),
        name="api-archivo-eliminacion-ejecutar",
    ),
    path(
        "eliminaciones/<id:pk>/items/<id:item>/excluir/",
        eliminacion.EliminacionExcluir.as_view(),
        name="api-archivo-eliminacion-excluir",
    ),
    path(
        "expedientes/<id:pk>/retencion-legal/",
        eliminacion.RetencionLegalExpediente.as_view(),
        name="api-archivo-expediente-retencion-legal",
    ),
]
