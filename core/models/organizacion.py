from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnidadOrganica(models.Model):
    """Unidad del organigrama (gerencia, subgerencia, oficina); árbol por `padre`."""

    nombre = models.CharField(_("nombre"), max_length=200)
    sigla = models.CharField(_("sigla"), max_length=30, unique=True)
    padre = models.ForeignKey(
        "self",
        verbose_name=_("depende de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hijas",
    )
    jefe = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jefe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unidades_a_cargo",
    )
    activa = models.BooleanField(_("activa"), default=True)
    orden = models.PositiveIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("unidad orgánica")
        verbose_name_plural = _("unidades orgánicas")
        ordering = ["orden", "nombre"]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.sigla})"


class Cargo(models.Model):
    """Puesto dentro de una unidad (Secretario General, Jefe de Archivo...)."""

    nombre = models.CharField(_("nombre"), max_length=200)
    unidad = models.ForeignKey(
        UnidadOrganica, verbose_name=_("unidad"), on_delete=models.PROTECT, related_name="cargos"
    )
    es_jefatura = models.BooleanField(_("es jefatura de la unidad"), default=False)
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("cargo")
        verbose_name_plural = _("cargos")
        ordering = ["unidad__nombre", "nombre"]

    def __str__(self) -> str:
        return self.nombre


class Persona(models.Model):
    """Persona natural o jurídica (ciudadanos, organizaciones, remitentes)."""

    class Tipo(models.TextChoices):
        NATURAL = "natural", _("Persona natural")
        JURIDICA = "juridica", _("Persona jurídica")

    class TipoDocumento(models.TextChoices):
        DNI = "DNI", _("DNI (Perú)")
        RUC = "RUC", _("RUC (Perú / Ecuador)")
        CE = "CE", _("Carné de extranjería")
        PASAPORTE = "PASAPORTE", _("Pasaporte")
        CEDULA_EC = "CEDULA_EC", _("Cédula de identidad (Ecuador)")
        CEDULA_CO = "CC", _("Cédula de ciudadanía (Colombia)")
        NIT = "NIT", _("NIT (Colombia)")
        CURP = "CURP", _("CURP (México)")
        RFC = "RFC", _("RFC (México)")

    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices, default=Tipo.NATURAL)
    tipo_documento = models.CharField(_("tipo de documento"), max_length=12, choices=TipoDocumento.choices)
    numero_documento = models.CharField(_("número de documento"), max_length=20)
    nombres = models.CharField(_("nombres"), max_length=150, blank=True)
    apellidos = models.CharField(_("apellidos"), max_length=150, blank=True)
    razon_social = models.CharField(_("razón social"), max_length=250, blank=True)
    correo = models.EmailField(_("correo electrónico"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=50, blank=True)
    direccion = models.CharField(_("dirección"), max_length=300, blank=True)
    creado = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        ordering = ["apellidos", "nombres", "razon_social"]
        constraints = [
            models.UniqueConstraint(
                fields=["tipo_documento", "numero_documento"], name="persona_documento_unico"
            )
        ]

    def __str__(self) -> str:
        return self.nombre_completo

    @property
    def nombre_completo(self) -> str:
        if self.tipo == self.Tipo.JURIDICA:
            return self.razon_social
        return " ".join(p for p in (self.nombres, self.apellidos) if p)


class Usuario(AbstractUser):
    """Usuario del sistema: funcionario (con unidad y cargo) o ciudadano (con persona)."""

    unidad = models.ForeignKey(
        UnidadOrganica,
        verbose_name=_("unidad"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="usuarios",
    )
    cargo = models.ForeignKey(
        Cargo,
        verbose_name=_("cargo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ocupantes",
    )
    persona = models.ForeignKey(
        Persona,
        verbose_name=_("persona"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="usuarios",
    )

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class EncargoQuerySet(models.QuerySet):
    def vigentes(self, fecha):
        return self.filter(desde__lte=fecha, hasta__gte=fecha, revocado=False)


class Encargo(models.Model):
    """Encargo / subrogación: `encargado` actúa por `titular` entre dos fechas (p. ej. el Pro-secretario)."""

    titular = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("titular"),
        on_delete=models.PROTECT,
        related_name="encargos_dados",
    )
    encargado = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("encargado"),
        on_delete=models.PROTECT,
        related_name="encargos_recibidos",
    )
    cargo = models.ForeignKey(
        Cargo, verbose_name=_("cargo encargado"), null=True, blank=True, on_delete=models.PROTECT
    )
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"))
    documento = models.CharField(_("documento que lo dispone"), max_length=200, blank=True)
    motivo = models.CharField(_("motivo"), max_length=300, blank=True)
    revocado = models.BooleanField(_("revocado"), default=False)
    creado = models.DateTimeField(auto_now_add=True)

    objects = EncargoQuerySet.as_manager()

    class Meta:
        verbose_name = _("encargo")
        verbose_name_plural = _("encargos")
        ordering = ["-desde"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hasta__gte=models.F("desde")), name="encargo_fechas_ordenadas"
            ),
            models.CheckConstraint(condition=~Q(titular=models.F("encargado")), name="encargo_no_a_si_mismo"),
        ]

    def __str__(self) -> str:
        return f"{self.encargado} por {self.titular} ({self.desde} – {self.hasta})"
