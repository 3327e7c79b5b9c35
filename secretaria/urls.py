from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from actos import urls as actos_urls
from certificaciones import urls as certificaciones_urls
from core.views.archivos import servir_media

urlpatterns = [
    path("ingresar/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("contrasena/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("contrasena/hecho/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # La variante «split»: el script que arranca Swagger UI va en su propio archivo, no en línea (CSP).
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/registro/", include("registro.api.urls")),
    path("api/v1/concejo/", include("concejo.api.urls")),
    path("api/v1/certificaciones/", include("certificaciones.api.urls")),
    path("api/v1/actos/", include("actos.api.urls")),
    path("api/v1/archivo/", include("archivo.api.urls")),
    path("api/v1/", include("core.api.urls")),
    path("registro/", include("registro.urls")),
    path("concejo/", include("concejo.urls")),
    path("certificaciones/", include("certificaciones.urls")),
    path("verificar/", include(certificaciones_urls.publicas)),
    path("actos/", include("actos.urls")),
    path("normativa/", include(actos_urls.publicas)),
    path("archivo/", include("archivo.urls")),
    path("informes/", include("informes.urls")),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:ruta>", servir_media, name="media"),
    path("", include("portal.urls")),
    path("", include("core.urls")),
]

# Páginas de error en español con la navegación (core/views/errores.py).
handler403 = "core.views.errores.pagina_403"
handler404 = "core.views.errores.pagina_404"
handler500 = "core.views.errores.pagina_500"
