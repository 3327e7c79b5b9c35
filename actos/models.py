"""Actos: ordenanzas, acuerdos, resoluciones y decretos; su texto por partes, su ciclo de vida, sus
relaciones (modifica, deroga, reglamenta, corrige), su publicación, el seguimiento de lo que ordenan y el
protocolo anual.

Reglas que sostienen el registro (ARCHITECTURE.md, invariantes 1 y 2):
- El número sale del registro del tipo y año (`core.services.numeracion`, serie `numeracion.formato.<tipo>`
  del perfil) cuando el acto se firma: un proyecto que no prospera no consume número.
- Un acto firmado no se edita: las correcciones son una fe de erratas (`FeErratas`, numerada y firmada por
  el Secretario) u otro acto enlazado (modificación).
- El estado consolidado (aún no vigente, vigente, modificado, derogado) se deduce de la fecha de vigencia y
  de las relaciones al leerlo (`actos.services.relaciones.vigencia_de`): no se teclea ni se guarda.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Acto(models.Model):
    """Un acto normativo o administrativo del concejo o del alcalde."""

    class Organo(models.TextChoices):
        CONCEJO = "concejo", _("Concejo")
        ALCALDE = "alcalde", _("Alcalde")

    class Estado(models.TextChoices):
        PROYECTO = "proyecto", _("Proyecto")
        EN_REVISION = "en_revision", _("En revisión de Secretaría General")
        APROBADO = "aprobado", _("Aprobado")  # por el concejo (votación) o visado para firma del alcalde
        FIRMADO = "firmado", _("Firmado")
        PUBLICADO = "publicado", _("Publicado")
        ARCHIVADO = "archivado", _("Archivado sin aprobar")
        # Firmado y numerado, el concejo aceptó la observación u objeción de quien sanciona: no se publica
        # nunca; conserva su número con la nota del retiro (`actos.services.sancion.aceptar_objecion`).
        RETIRADO = "retirado", _("Retirado (objeción aceptada)")

    class ModoVigencia(models.TextChoices):
        FECHA = "fecha", _("En una fecha")
        PUBLICACION = "publicacion", _("Con su publicación")
        DIAS_TRAS_PUBLICACION = "dias_publicacion", _("N días después de su publicación")
        FIRMA = "firma", _("Con su firma (no requiere publicación)")
        NOTIFICACION = "notificacion", _("Con su notificación (no requiere publicación)")

    class Vigencia(models.TextChoices):  # calculada al leer, no es un campo
        NO_VIGENTE = "no_vigente", _("Aún no vigente")
        VIGENTE = "vigente", _("Vigente")
        MODIFICADO = "modificado", _("Vigente con modificaciones")
        DEROGADO = "derogado", _("Derogado")

    # Clave del perfil (`instrumentos`): ordenanza, acuerdo, resolucion_concejo, decreto, resolucion_alcaldia...
    tipo = models.CharField(_("tipo"), max_length=40)
    organo = models.CharField(_("órgano emisor"), max_length=10, choices=Organo.choices)
    anio = models.PositiveSmallIntegerField(_("año"), null=True, blank=True)
    numero = models.PositiveIntegerField(_("número"), null=True, blank=True)
    numero_texto = models.CharField(_("número completo"), max_length=150, blank=True)
    registro = models.OneToOneField(
        "core.NumeroRegistro",
        verbose_name=_("asiento del registro"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acto",
    )
    titulo = models.CharField(_("título o sumilla"), max_length=500)
    temas = models.CharField(_("temas"), max_length=300, blank=True, help_text=_("Separados por comas."))
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.PROYECTO)

    # Origen: la decisión del concejo (acto del concejo) o la unidad que lo redacta (acto del alcalde).
    decision = models.OneToOneField(
        "concejo.Decision",
        verbose_name=_("decisión del concejo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acto",
    )
    # Acto del concejo aprobado en una sesión que no está en el sistema (p. ej. anterior a su instalación).
    aprobacion_externa = models.CharField(
        _("aprobado en (sesión no registrada)"),
        max_length=300,
        blank=True,
        help_text=_("Sesión, fecha y votación que lo aprobaron."),
    )
    unidad_proponente = models.ForeignKey(
        "core.UnidadOrganica",
        verbose_name=_("unidad proponente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actos_propuestos",
    )
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        on_delete=models.PROTECT,
        related_name="actos_creados",
    )
    creado = models.DateTimeField(auto_now_add=True)

    # Firma: la del alcalde (o presidente) y la del Secretario General que da fe ("por encargo" si subroga).
    firmado_en = models.DateTimeField(_("firmado en"), null=True, blank=True)
    firmante = models.CharField(
        _("firma"), max_length=200, blank=True, help_text=_("Nombre y cargo del alcalde.")
    )
    refrendado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("da fe"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actos_refrendados",
    )
    por_encargo_de = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("por encargo de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    archivo = models.ForeignKey(
        "core.Archivo",
        verbose_name=_("PDF firmado"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sha256 = models.CharField(_("SHA-256 del PDF firmado"), max_length=64, blank=True)
    pdf_pades = models.BooleanField(
        _("PDF con firma digital (PAdES)"),
        default=False,
        help_text=_(
            "Firmado con el certificado del municipio (core.firma); si no hay certificado, solo el hash."
        ),
    )

    # Publicación según la regla del perfil (dónde, cuándo; desde cuándo rige).
    publicado_en = models.DateField(_("fecha de publicación"), null=True, blank=True)
    medio_publicacion = models.CharField(_("medio de publicación"), max_length=200, blank=True)
    regla_publicacion = models.TextField(_("regla de publicación aplicada"), blank=True)
    vigente_desde = models.DateField(_("vigente desde"), null=True, blank=True)

    # Entrada en vigor que dispone el propio acto (si está vacía, la del perfil para su tipo).
    vigencia_modo = models.CharField(
        _("entra en vigor"), max_length=20, choices=ModoVigencia.choices, blank=True
    )
    vigencia_fecha = models.DateField(_("fecha de entrada en vigor"), null=True, blank=True)
    vigencia_dias = models.PositiveSmallIntegerField(_("días tras la publicación"), null=True, blank=True)
    notificado_en = models.DateField(_("notificado el"), null=True, blank=True)
    # Excepción motivada al orden entre números y fechas de firma del registro (si el perfil la admite).
    motivo_orden_firma = models.TextField(_("motivo de la excepción al orden de firma"), blank=True)

    class Meta:
        verbose_name = _("acto")
        verbose_name_plural = _("actos")
        ordering = ["-anio", "tipo", "-numero", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tipo", "anio", "numero"],
                condition=Q(numero__isnull=False),
                name="acto_numero_unico_por_tipo_y_anio",
            ),
        ]
        indexes = [models.Index(fields=["estado", "tipo", "anio"], name="acto_estado_tipo_anio")]
        permissions = [
            ("redactar_acto", "Redactar proyectos de actos"),
            ("revisar_acto", "Revisar, firmar (dar fe) y publicar actos"),
            ("gestionar_seguimiento", "Gestionar el seguimiento de la ejecución de los actos"),
            ("generar_protocolo", "Generar y sellar el protocolo anual"),
        ]

    def __str__(self) -> str:
        return self.numero_texto or f"Proyecto: {self.titulo[:60]}"

    @property
    def editable(self) -> bool:
        """El texto solo se edita antes de firmar."""
        return self.estado in (self.Estado.PROYECTO, self.Estado.EN_REVISION, self.Estado.APROBADO)


class FirmaActo(models.Model):
    """Quien firma o refrenda (da fe) un acto, tomado de la organización el día de la firma: la persona que
    ocupa el cargo que el perfil pide para el tipo de acto (`actos.firmantes`) o quien la subroga por
    encargo. Nombre y cargo quedan impresos tal como eran ese día, aunque luego cambien."""

    class Calidad(models.TextChoices):
        FIRMA = "firma", _("Firma")
        REFRENDA = "refrenda", _("Refrenda (da fe)")

    acto = models.ForeignKey(Acto, verbose_name=_("acto"), on_delete=models.CASCADE, related_name="firmas")
    calidad = models.CharField(_("calidad"), max_length=10, choices=Calidad.choices)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    codigo_cargo = models.CharField(
        _("cargo según el perfil"), max_length=40, help_text=_("alcalde, secretario_general…")
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    persona = models.ForeignKey(
        "core.Persona",
        verbose_name=_("persona"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cargo = models.ForeignKey(
        "core.Cargo",
        verbose_name=_("cargo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nombre = models.CharField(_("nombre impreso"), max_length=200)
    cargo_texto = models.CharField(_("cargo impreso"), max_length=200)
    por_encargo_de = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("por encargo de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    motivo_excepcion = models.TextField(_("motivo de la excepción"), blank=True)

    class Meta:
        verbose_name = _("firma de un acto")
        verbose_name_plural = _("firmas de actos")
        ordering = ["acto", "orden", "pk"]

    def __str__(self) -> str:
        return f"{self.nombre}, {self.cargo_texto}"


class Parte(models.Model):
    """Una parte del texto: visto, considerando, artículo, disposición... citable por su `eid`."""

    class Tipo(models.TextChoices):
        VISTO = "visto", _("Visto")
        CONSIDERANDO = "considerando", _("Considerando")
        FORMULA = "formula", _("Fórmula (SE RESUELVE / HA DADO LA ORDENANZA SIGUIENTE)")
        TITULO = "titulo", _("Título o capítulo")
        ARTICULO = "articulo", _("Artículo")
        TRANSITORIA = "transitoria", _("Disposición transitoria")
        COMPLEMENTARIA = "complementaria", _("Disposición complementaria")
        FINAL = "final", _("Disposición final")
        DEROGATORIA = "derogatoria", _("Disposición derogatoria")

    acto = models.ForeignKey(Acto, verbose_name=_("acto"), on_delete=models.CASCADE, related_name="partes")
    tipo = models.CharField(_("tipo"), max_length=15, choices=Tipo.choices)
    orden = models.PositiveIntegerField(_("orden"))
    numero = models.CharField(
        _("número o rótulo"), max_length=40, blank=True, help_text=_("1, 2, Primera...")
    )
    epigrafe = models.CharField(_("epígrafe"), max_length=300, blank=True)
    texto = models.TextField(_("texto"))
    eid = models.CharField(_("identificador (AKN eId)"), max_length=60, help_text=_("p. ej. art_3, dfin_1."))

    class Meta:
        verbose_name = _("parte del texto")
        verbose_name_plural = _("partes del texto")
        ordering = ["acto", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["acto", "orden"], name="parte_orden_unico"),
            models.UniqueConstraint(fields=["acto", "eid"], name="parte_eid_unico"),
        ]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} {self.numero}".strip()


class Relacion(models.Model):
    """`origen` modifica / deroga / reglamenta / corrige (fe de erratas) a `destino`."""

    class Tipo(models.TextChoices):
        MODIFICA = "modifica", _("Modifica")
        DEROGA = "deroga", _("Deroga")
        DEROGA_PARCIAL = "deroga_parcial", _("Deroga parcialmente")
        REGLAMENTA = "reglamenta", _("Reglamenta")
        FE_DE_ERRATAS = "fe_de_erratas", _("Fe de erratas de")
        CONCORDA = "concorda", _("Concuerda con")

    origen = models.ForeignKey(
        Acto,
        verbose_name=_("acto que dispone"),
        on_delete=models.PROTECT,
        related_name="relaciones_salientes",
    )
    destino = models.ForeignKey(
        Acto, verbose_name=_("acto afectado"), on_delete=models.PROTECT, related_name="relaciones_entrantes"
    )
    tipo = models.CharField(_("tipo"), max_length=15, choices=Tipo.choices)
    partes = models.CharField(
        _("partes afectadas"),
        max_length=300,
        blank=True,
        help_text=_("eIds separados por comas (art_2, art_5); vacío: todo el acto."),
    )
    nota = models.TextField(_("nota"), blank=True)
    creada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("relación entre actos")
        verbose_name_plural = _("relaciones entre actos")
        ordering = ["destino", "creada"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(origen=models.F("destino")), name="relacion_no_consigo_mismo"
            ),
            models.UniqueConstraint(fields=["origen", "destino", "tipo"], name="relacion_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.origen} {self.get_tipo_display().lower()} {self.destino}"


class FeErratas(models.Model):
    """Corrección de un error material de un acto firmado o publicado, sin tocar el acto (invariante 2):
    dónde está el error, qué dice, qué debe decir y por qué. Numerada sin saltos por año en su propia serie
    (`fe-erratas-actos`) y firmada por el Secretario General (con «por encargo» si subroga). Se muestra con
    el acto, en su página interna y en la pública, y en su historia."""

    acto = models.ForeignKey(
        Acto, verbose_name=_("acto corregido"), on_delete=models.PROTECT, related_name="erratas"
    )
    registro = models.OneToOneField(
        "core.NumeroRegistro",
        verbose_name=_("asiento del registro"),
        null=True,
        on_delete=models.PROTECT,
        related_name="fe_erratas_acto",
    )
    anio = models.PositiveSmallIntegerField(_("año"), null=True)
    numero = models.PositiveIntegerField(_("número"), null=True)
    numero_texto = models.CharField(_("número completo"), max_length=150, blank=True)
    parte = models.ForeignKey(
        Parte,
        verbose_name=_("parte corregida"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="erratas",
    )
    ubicacion = models.CharField(
        _("dónde (si no es una parte)"),
        max_length=200,
        blank=True,
        help_text=_("p. ej. «Título», «Sumilla»."),
    )
    dice = models.TextField(_("dice"))
    debe_decir = models.TextField(_("debe decir"))
    motivo = models.TextField(_("motivo"))
    firmada_en = models.DateTimeField(_("firmada en"))
    firmada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("firma (Secretario General)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    por_encargo_de = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("por encargo de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("fe de erratas de un acto")
        verbose_name_plural = _("fe de erratas de actos")
        ordering = ["acto", "firmada_en", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["anio", "numero"],
                condition=Q(numero__isnull=False),
                name="fe_erratas_acto_numero_unico",
            ),
        ]

    def __str__(self) -> str:
        return self.numero_texto or f"Fe de erratas de {self.acto}"

    @property
    def lugar(self) -> str:
        return str(self.parte) if self.parte_id else self.ubicacion


# --- Seguimiento de la ejecución ----------------------------------------------------------------


class Tarea(models.Model):
    """Algo que un acto (o uno de sus artículos) ordena hacer, con responsable y plazo."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        EN_CURSO = "en_curso", _("En curso")
        CUMPLIDA = "cumplida", _("Cumplida")
        CANCELADA = "cancelada", _("Cancelada")

    acto = models.ForeignKey(Acto, verbose_name=_("acto"), on_delete=models.PROTECT, related_name="tareas")
    parte = models.ForeignKey(
        Parte,
        verbose_name=_("artículo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tareas",
    )
    descripcion = models.TextField(_("qué debe hacerse"))
    unidad = models.ForeignKey(
        "core.UnidadOrganica",
        verbose_name=_("unidad responsable"),
        on_delete=models.PROTECT,
        related_name="tareas_de_actos",
    )
    vence = models.DateField(_("vence"))
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    avance = models.PositiveSmallIntegerField(_("avance (%)"), default=0)
    cumplida_en = models.DateTimeField(_("cumplida en"), null=True, blank=True)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("creada por"), on_delete=models.PROTECT, related_name="+"
    )
    creada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tarea de seguimiento")
        verbose_name_plural = _("tareas de seguimiento")
        ordering = ["vence", "id"]
        indexes = [models.Index(fields=["unidad", "estado", "vence"], name="tarea_unidad_estado_vence")]

    def __str__(self) -> str:
        return self.descripcion[:80]


class Avance(models.Model):
    """Informe de avance de una tarea, con su evidencia."""

    tarea = models.ForeignKey(
        Tarea, verbose_name=_("tarea"), on_delete=models.CASCADE, related_name="avances"
    )
    texto = models.TextField(_("informe"))
    porcentaje = models.PositiveSmallIntegerField(_("avance (%)"))
    evidencia = models.ForeignKey(
        "core.Archivo",
        verbose_name=_("evidencia"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("informado por"), on_delete=models.PROTECT, related_name="+"
    )
    creado = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("avance")
        verbose_name_plural = _("avances")
        ordering = ["tarea", "creado"]
        constraints = [models.CheckConstraint(condition=Q(porcentaje__lte=100), name="avance_hasta_100")]

    def __str__(self) -> str:
        return f"{self.porcentaje} %: {self.texto[:80]}"


# --- Protocolo anual ----------------------------------------------------------------------------


class Protocolo(models.Model):
    """El libro anual de un tipo de acto: portada, índice numérico con páginas, los actos y el cierre.

    Se construye en segundo plano (tarea); la página muestra el avance. Al terminar guarda el SHA-256 del
    PDF y sella el registro del año (`core.services.numeracion.cerrar_anio`).
    """

    class Estado(models.TextChoices):
        EN_COLA = "en_cola", _("En cola")
        GENERANDO = "generando", _("Generando")
        LISTO = "listo", _("Listo y sellado")
        ERROR = "error", _("Error")

    tipo = models.CharField(_("tipo de acto"), max_length=40)
    anio = models.PositiveSmallIntegerField(_("año"))
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.EN_COLA)
    progreso = models.PositiveSmallIntegerField(_("avance (%)"), default=0)
    mensaje = models.CharField(_("mensaje"), max_length=300, blank=True)
    actos = models.PositiveIntegerField(_("actos"), default=0)
    paginas = models.PositiveIntegerField(_("páginas"), default=0)
    archivo = models.ForeignKey(
        "core.Archivo",
        verbose_name=_("PDF del protocolo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    pedido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pedido por"), on_delete=models.PROTECT, related_name="+"
    )
    creado = models.DateTimeField(auto_now_add=True)
    terminado = models.DateTimeField(_("terminado"), null=True, blank=True)

    class Meta:
        verbose_name = _("protocolo anual")
        verbose_name_plural = _("protocolos anuales")
        ordering = ["-anio", "tipo"]
        constraints = [
            models.UniqueConstraint(
                fields=["tipo", "anio"], condition=Q(estado="listo"), name="un_protocolo_sellado"
            ),
        ]

    def __str__(self) -> str:
        return f"Protocolo {self.tipo} {self.anio}"


# --- Sanción, observación (veto), objeción o promulgación -----------------------------------------


class Sancion(models.Model):
    """La etapa entre la aprobación del concejo y la publicación, donde el perfil la tiene
    (`actos.sancion`): el alcalde sanciona (o promulga) u observa/objeta dentro de su plazo; si el concejo
    insiste con la mayoría del perfil (una votación confirmada), debe sancionar en el nuevo plazo. No se
    publica hasta que la etapa termina (sancionado)."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de sanción")
        OBJETADO = "objetado", _("Observado u objetado")
        INSISTIDO = "insistido", _("El concejo insistió: pendiente de sanción")
        SANCIONADO = "sancionado", _("Sancionado o promulgado")
        RETIRADO = "retirado", _("El concejo aceptó la objeción: acto retirado")

    acto = models.OneToOneField(
        Acto, verbose_name=_("acto"), on_delete=models.CASCADE, related_name="sancion"
    )
    quien = models.CharField(_("quién sanciona (cargo del perfil)"), max_length=40)
    puede = models.JSONField(_("decisiones posibles"), default=list)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    recibido_en = models.DateField(_("recibido para sanción el"))
    articulos = models.PositiveSmallIntegerField(_("artículos"), default=0)
    vence = models.DateField(_("vence"), null=True, blank=True)
    regla = models.TextField(_("regla aplicada"), blank=True)
    decision = models.CharField(_("decisión"), max_length=12, blank=True)
    decidido_en = models.DateField(_("decidido el"), null=True, blank=True)
    decidido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrado por"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sancionado_por = models.CharField(_("sanciona"), max_length=200, blank=True)
    motivo = models.TextField(_("motivo de la observación u objeción"), blank=True)
    votacion_insistencia = models.ForeignKey(
        "concejo.Votacion",
        verbose_name=_("votación de insistencia"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    retirado_en = models.DateField(_("retirado el"), null=True, blank=True)
    nota_retiro = models.TextField(_("nota del retiro"), blank=True)
    votacion_aceptacion = models.ForeignKey(
        "concejo.Votacion",
        verbose_name=_("votación que aceptó la objeción"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    avisado_vence = models.DateField(
        _("vencimiento ya avisado"),
        null=True,
        blank=True,
        help_text=_("El vencimiento del que ya se avisó por correo: un aviso por acto y vencimiento."),
    )

    class Meta:
        verbose_name = _("sanción de un acto")
        verbose_name_plural = _("sanciones de actos")
        ordering = ["vence", "pk"]

    def __str__(self) -> str:
        return f"Sanción de {self.acto}"

    @property
    def completa(self) -> bool:
        return self.estado == self.Estado.SANCIONADO
