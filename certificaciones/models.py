"""Certificaciones: fedatarios, tarifas, solicitudes y certificados emitidos (fe pública).

Un certificado emitido no se edita nunca (ARCHITECTURE, invariante 2): su revocación es un estado con
motivo, y la fila, el número y el PDF firmado quedan.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.codigos import codigo_al_azar

LARGO_CODIGO = 20  # 31^20 ≈ 2^99: no se adivina ni se enumera


def nuevo_codigo_verificacion() -> str:
    return codigo_al_azar(LARGO_CODIGO)


def normalizar_codigo(texto: str) -> str:
    """El código como se guarda: mayúsculas, sin espacios ni guiones (se escribe en grupos de cuatro)."""
    return "".join(c for c in (texto or "").upper() if c.isalnum())[:40]


def codigo_en_grupos(codigo: str) -> str:
    return "-".join(codigo[i : i + 4] for i in range(0, len(codigo), 4))


class TipoCertificacion(models.TextChoices):
    COPIA = "copia", _("Copia certificada de documento")
    ACTA = "acta", _("Certificación de acta")
    ACUERDO = "acuerdo", _("Certificación de acuerdo")
    ORDENANZA = "ordenanza", _("Certificación de ordenanza")
    EXTRACTO = "extracto", _("Extracto certificado de un artículo")
    CONSTANCIA = "constancia", _("Constancia")


class Fedatario(models.Model):
    """Designación de un fedatario: quién, por qué resolución, desde y hasta cuándo y qué puede certificar."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fedatario"),
        on_delete=models.PROTECT,
        related_name="designaciones_fedatario",
    )
    resolucion = models.CharField(_("resolución de designación"), max_length=200)
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"))
    alcance = models.JSONField(
        _("puede certificar"), default=list, help_text=_("Tipos de certificación que cubre la designación.")
    )
    cesado = models.BooleanField(_("cesado"), default=False)
    cesado_en = models.DateTimeField(_("cesado el"), null=True, blank=True)
    motivo_cese = models.TextField(_("motivo del cese"), blank=True)
    creado = models.DateTimeField(auto_now_add=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("fedatario")
        verbose_name_plural = _("fedatarios")
        ordering = ["-desde", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hasta__gte=models.F("desde")), name="fedatario_periodo")
        ]
        # La da y la quita el servicio de designación: el menú la mira sin consultar (permisos en caché).
        permissions = [("es_fedatario", "Tiene una designación de fedatario")]

    def __str__(self) -> str:
        return f"{self.usuario.get_full_name() or self.usuario.username} ({self.resolucion})"

    def vigente_en(self, fecha) -> bool:
        return not self.cesado and self.desde <= fecha <= self.hasta

    def alcance_nombres(self) -> list[str]:
        etiquetas = dict(TipoCertificacion.choices)
        return [str(etiquetas.get(t, t)) for t in self.alcance]


class Tarifa(models.Model):
    """Un derecho del tarifario del municipio (TUPA u ordenanza de tasas) para certificaciones."""

    municipio = models.ForeignKey(
        "core.Municipio", on_delete=models.PROTECT, related_name="tarifas_certificacion"
    )
    concepto = models.CharField(_("concepto"), max_length=200)
    tipo = models.CharField(
        _("tipo de certificación"),
        max_length=12,
        choices=TipoCertificacion.choices,
        blank=True,
        help_text=_("Vacío: vale para cualquier tipo."),
    )
    monto = models.DecimalField(_("monto"), max_digits=10, decimal_places=2)
    base_legal = models.CharField(_("base legal"), max_length=300)
    activa = models.BooleanField(_("activa"), default=True)

    class Meta:
        verbose_name = _("tarifa")
        verbose_name_plural = _("tarifas")
        ordering = ["concepto"]
        constraints = [models.CheckConstraint(condition=Q(monto__gte=0), name="tarifa_monto_no_negativo")]
        permissions = [
            ("configurar_certificaciones", "Configurar fedatarios y tarifas de certificaciones"),
        ]

    def __str__(self) -> str:
        return f"{self.concepto} ({self.monto})"


class Solicitud(models.Model):
    """Pedido de una certificación: desde el registro (un documento del ciudadano) o en ventanilla."""

    class Estado(models.TextChoices):
        POR_PAGAR = "por_pagar", _("Por pagar")
        LISTA = "lista", _("Lista para emitir")
        EMITIDA = "emitida", _("Emitida")

    class Origen(models.TextChoices):
        REGISTRO = "registro", _("Registro (documento del ciudadano)")
        VENTANILLA = "ventanilla", _("Ventanilla")

    tipo = models.CharField(_("tipo"), max_length=12, choices=TipoCertificacion.choices)
    origen = models.CharField(_("origen"), max_length=12, choices=Origen.choices, default=Origen.VENTANILLA)
    documento = models.ForeignKey(
        "registro.Documento",
        verbose_name=_("documento del registro"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="solicitudes_certificacion",
    )
    solicitante = models.ForeignKey(
        "core.Persona",
        verbose_name=_("solicitante"),
        on_delete=models.PROTECT,
        related_name="solicitudes_certificacion",
    )
    asunto = models.CharField(_("qué se certifica"), max_length=300)
    # Fuente a certificar (registro de fuentes certificables): tipo de contenido + id; vacía en la constancia.
    fuente_clave = models.CharField(_("clase de fuente"), max_length=60, blank=True)
    fuente_tipo = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fuente_id = models.CharField(max_length=64, blank=True)
    texto = models.TextField(
        _("texto"),
        blank=True,
        help_text=_("Constancia: lo que se hace constar. Extracto: el artículo que se transcribe."),
    )
    publico = models.BooleanField(
        _("descarga pública"),
        default=False,
        help_text=_("Si el certificado se podrá descargar desde la verificación pública."),
    )
    tarifa = models.ForeignKey(
        Tarifa, null=True, blank=True, on_delete=models.PROTECT, related_name="solicitudes"
    )
    monto = models.DecimalField(_("derecho a pagar"), max_digits=10, decimal_places=2, default=0)
    recibo_numero = models.CharField(_("número de recibo"), max_length=60, blank=True)
    recibo_fecha = models.DateField(_("fecha del recibo"), null=True, blank=True)
    recibo_monto = models.DecimalField(
        _("monto pagado"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    exonerado = models.BooleanField(_("exonerado"), default=False)
    motivo_exoneracion = models.TextField(_("motivo de la exoneración"), blank=True)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.POR_PAGAR)
    creado = models.DateTimeField(_("recibida"), default=timezone.now)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("solicitud de certificación")
        verbose_name_plural = _("solicitudes de certificación")
        ordering = ["-creado", "-id"]
        indexes = [models.Index(fields=["estado", "creado"], name="cert_solicitud_estado_idx")]
        permissions = [
            ("gestionar_solicitudes", "Recibir solicitudes de certificación y registrar su pago"),
            ("ver_certificaciones", "Ver solicitudes y el registro de certificaciones"),
            ("certificar_titular", "Certificar como Secretario General"),
            ("certificar_por_encargo", "Certificar por encargo del Secretario General"),
        ]

    def __str__(self) -> str:
        return f"Solicitud {self.pk} — {self.get_tipo_display()}"


class CertificadoQuerySet(models.QuerySet):
    def vigentes(self):
        return self.filter(revocado=False)


class Certificado(models.Model):
    """Un certificado emitido y firmado. No se edita: se revoca con motivo y queda."""

    class Calidad(models.TextChoices):
        TITULAR = "titular", _("Secretario General")
        POR_ENCARGO = "encargo", _("Por encargo")
        FEDATARIO = "fedatario", _("Fedatario")

    solicitud = models.OneToOneField(Solicitud, on_delete=models.PROTECT, related_name="certificado")
    tipo = models.CharField(_("tipo"), max_length=12, choices=TipoCertificacion.choices)
    numero = models.OneToOneField(
        "core.NumeroRegistro", null=True, on_delete=models.PROTECT, related_name="+"
    )
    numero_texto = models.CharField(_("número"), max_length=250)
    anio = models.PositiveIntegerField(_("año"))
    correlativo = models.PositiveIntegerField(_("correlativo"))
    emitido_en = models.DateTimeField(_("fecha de emisión"))
    funcionario = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    funcionario_nombre = models.CharField(_("funcionario que certifica"), max_length=200)
    cargo = models.CharField(_("cargo"), max_length=200)
    calidad = models.CharField(_("certifica como"), max_length=10, choices=Calidad.choices)
    por_encargo_de = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    por_encargo_de_nombre = models.CharField(_("por encargo de"), max_length=200, blank=True)
    fedatario = models.ForeignKey(
        Fedatario, null=True, blank=True, on_delete=models.PROTECT, related_name="certificados"
    )
    codigo = models.CharField(
        _("código de verificación"), max_length=40, unique=True, default=nuevo_codigo_verificacion
    )
    texto = models.TextField(_("texto de la certificación"))
    asunto = models.CharField(_("qué se certifica"), max_length=300)
    fuente_clave = models.CharField(_("clase de fuente"), max_length=60, blank=True)
    fuente_tipo = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fuente_id = models.CharField(max_length=64, blank=True)
    fuente_sha256 = models.CharField(_("SHA-256 del original"), max_length=64, blank=True)
    paginas_originales = models.PositiveIntegerField(_("páginas del original"), default=0)
    pdf = models.ForeignKey("core.Archivo", null=True, on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField(_("SHA-256 del PDF firmado"), max_length=64, db_index=True)
    publico = models.BooleanField(_("descarga pública"), default=False)
    revocado = models.BooleanField(_("revocado"), default=False)
    revocado_en = models.DateTimeField(_("revocado el"), null=True, blank=True)
    revocado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    motivo_revocacion = models.TextField(_("motivo de la revocación"), blank=True)

    objects = CertificadoQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificado")
        verbose_name_plural = _("certificados")
        ordering = ["-anio", "-correlativo"]
        constraints = [
            models.UniqueConstraint(fields=["anio", "correlativo"], name="certificado_anio_correlativo"),
        ]

    def __str__(self) -> str:
        return self.numero_texto or self.codigo

    @property
    def codigo_legible(self) -> str:
        return codigo_en_grupos(self.codigo)

    @property
    def descargable(self) -> bool:
        """Lo que la verificación pública deja descargar: público y no revocado."""
        return self.publico and not self.revocado
