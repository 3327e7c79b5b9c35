from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipioQuerySet(models.QuerySet["Municipio"]):
    def actual(self) -> "Municipio | None":
        """La instalación sirve a un municipio: el primero activo."""
        return self.filter(activo=True).order_by("pk").first()


class Municipio(models.Model):
    """La entidad a la que sirve la instalación y su perfil de jurisdicción."""

    nombre = models.CharField(_("nombre"), max_length=200)
    sigla = models.CharField(
        _("sigla"), max_length=20, unique=True, help_text=_("Se usa en los números de registro, p. ej. MDVE.")
    )
    direccion = models.CharField(_("dirección"), max_length=300, blank=True)
    telefono = models.CharField(_("teléfono"), max_length=50, blank=True)
    correo = models.EmailField(_("correo electrónico"), blank=True)
    sitio_web = models.URLField(_("sitio web"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="municipio/", blank=True)
    perfil = models.CharField(
        _("perfil de jurisdicción"),
        max_length=20,
        help_text=_("PE, EC, CO o MX-<estado> (p. ej. MX-AGU)."),
    )
    zona_horaria = models.CharField(_("zona horaria"), max_length=64, default="America/Lima")
    trabaja_sabados = models.BooleanField(_("atiende los sábados"), default=False)
    activo = models.BooleanField(_("activo"), default=True)

    objects = MunicipioQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipio")
        verbose_name_plural = _("municipios")
        permissions = [
            ("configurar_municipio", "Configurar el municipio, su organigrama y su perfil"),
            ("ver_auditoria", "Ver la pista de auditoría"),
            ("gestionar_usuarios", "Gestionar usuarios, roles y encargos"),
            ("gestionar_personas", "Registrar y editar personas y organizaciones"),
            ("gestionar_calendario", "Gestionar el calendario local"),
            ("gestionar_numeracion", "Gestionar series de registro y cerrar años"),
        ]

    def __str__(self) -> str:
        return self.nombre


class ReglaLocal(models.Model):
    """Valor del perfil de jurisdicción que el municipio sustituye localmente (su reglamento manda)."""

    municipio = models.ForeignKey(Municipio, on_delete=models.CASCADE, related_name="reglas_locales")
    clave = models.CharField(_("clave"), max_length=120)
    valor = models.JSONField(_("valor"))
    vigente_desde = models.DateField(_("vigente desde"))
    vigente_hasta = models.DateField(_("vigente hasta"), null=True, blank=True)
    fuente = models.CharField(_("fuente"), max_length=300, help_text=_("Norma local que lo dispone."))
    creado = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("regla local")
        verbose_name_plural = _("reglas locales")
        ordering = ["clave", "-vigente_desde"]

    def __str__(self) -> str:
        return f"{self.clave} = {self.valor!r} (desde {self.vigente_desde})"
