"""Registro: documentos de entrada, salida e internos, su hoja de ruta (derivaciones) y su despacho.

Diseño para escala (1.000.000 de documentos, 3.000.000 de derivaciones): el documento guarda dónde
está ahora (`unidad_actual`, `estado`, `vence`) para que las bandejas sean una consulta indexada, y la
historia completa vive en `Derivacion` y en la pista de auditoría.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.codigos import codigo_al_azar


def nuevo_codigo_seguimiento() -> str:
    """12 caracteres al azar (~59 bits): no se adivina ni se enumera."""
    return codigo_al_azar(12)


class TipoPlazo(models.TextChoices):
    HABILES = "habiles", _("Días hábiles")
    CALENDARIO = "calendario", _("Días calendario")


class Procedimiento(models.Model):
    """Procedimiento del catálogo del municipio (TUPA o equivalente)."""

    class Silencio(models.TextChoices):
        POSITIVO = "positivo", _("Silencio positivo")
        NEGATIVO = "negativo", _("Silencio negativo")
        NINGUNO = "ninguno", _("No aplica")

    codigo = models.CharField(_("código"), max_length=30, unique=True)
    nombre = models.CharField(_("nombre"), max_length=300)
    unidad_responsable = models.ForeignKey(
        "core.UnidadOrganica",
        verbose_name=_("unidad responsable"),
        on_delete=models.PROTECT,
        related_name="procedimientos",
    )
    plazo_dias = models.PositiveIntegerField(_("plazo (días)"))
    tipo_plazo = models.CharField(
        _("tipo de plazo"), max_length=12, choices=TipoPlazo.choices, default=TipoPlazo.HABILES
    )
    requisitos = models.TextField(_("requisitos"), blank=True, help_text=_("Uno por línea."))
    derecho_tramite = models.DecimalField(_("derecho de trámite"), max_digits=10, decimal_places=2, default=0)
    silencio = models.CharField(
        _("silencio administrativo"), max_length=10, choices=Silencio.choices, default=Silencio.NINGUNO
    )
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("procedimiento")
        verbose_name_plural = _("procedimientos")
        ordering = ["codigo"]

    def __str__(self) -> str:
        return f"{self.codigo} — {self.nombre}"


class TipoDocumental(models.Model):
    """Clase de documento (solicitud, carta, oficio, memorando, informe, factura...)."""

    nombre = models.CharField(_("nombre"), max_length=100, unique=True)
    interno = models.BooleanField(
        _("se produce internamente"),
        default=False,
        help_text=_("Memorando, oficio, informe, circular: numerados por unidad."),
    )
    codigo_serie = models.SlugField(
        _("código de su numeración"),
        max_length=40,
        blank=True,
        help_text=_("Clave de formato del perfil, p. ej. memorando, oficio, informe."),
    )
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("tipo documental")
        verbose_name_plural = _("tipos documentales")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre


class Expediente(models.Model):
    """Agrupa documentos que viajan juntos (un trámite y todo lo que se le agrega)."""

    codigo = models.CharField(_("código"), max_length=40, unique=True)
    asunto = models.CharField(_("asunto"), max_length=500)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("expediente")
        verbose_name_plural = _("expedientes")
        ordering = ["-creado"]

    def __str__(self) -> str:
        return f"{self.codigo} — {self.asunto}"


# Los estados de un documento que ya no corre (Documento.ESTADOS_CERRADOS; aquí para los índices de Meta).
ESTADOS_CERRADOS = ("atendido", "concluido", "no_presentado", "anulado")


class DocumentoQuerySet(models.QuerySet):
    def abiertos(self):
        return self.exclude(estado__in=Documento.ESTADOS_CERRADOS)

    def de_unidad(self, unidad):
        return self.filter(unidad_actual=unidad)


class Documento(models.Model):
    """Un documento registrado: de entrada (mesa de partes), de salida o interno."""

    class Clase(models.TextChoices):
        ENTRADA = "entrada", _("Entrada")
        SALIDA = "salida", _("Salida")
        INTERNO = "interno", _("Interno")

    class Canal(models.TextChoices):
        VENTANILLA = "ventanilla", _("Ventanilla")
        VIRTUAL = "virtual", _("Mesa de partes virtual")
        CORREO = "correo", _("Correo electrónico")
        POSTAL = "postal", _("Correo postal / courier")
        INTERNO = "interno", _("Interno")

    class Prioridad(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENTE = "urgente", _("Urgente")

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")  # internos/salida antes de firmar y numerar
        REGISTRADO = "registrado", _("Registrado")
        OBSERVADO = "observado", _("Observado (plazo para subsanar)")
        EN_TRAMITE = "en_tramite", _("En trámite")
        ATENDIDO = "atendido", _("Atendido")
        CONCLUIDO = "concluido", _("Concluido")
        NO_PRESENTADO = "no_presentado", _("Tenido por no presentado")
        ENVIADO = "enviado", _("Enviado")  # salida/interno despachado
        ANULADO = "anulado", _("Anulado")

    ESTADOS_CERRADOS = ESTADOS_CERRADOS

    clase = models.CharField(_("clase"), max_length=10, choices=Clase.choices, default=Clase.ENTRADA)
    numero = models.OneToOneField(
        "core.NumeroRegistro",
        verbose_name=_("número"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documento",
    )
    numero_texto = models.CharField(_("número de registro"), max_length=250, blank=True, db_index=True)
    anio = models.PositiveIntegerField(_("año"), null=True, blank=True)
    correlativo = models.PositiveIntegerField(_("correlativo"), null=True, blank=True)
    codigo_seguimiento = models.CharField(
        _("código de seguimiento"),
        max_length=16,
        unique=True,
        default=nuevo_codigo_seguimiento,
        editable=False,
    )
    tipo_documental = models.ForeignKey(
        TipoDocumental, verbose_name=_("tipo de documento"), null=True, blank=True, on_delete=models.PROTECT
    )
    numero_documento_origen = models.CharField(
        _("número propio del documento"),
        max_length=120,
        blank=True,
        help_text=_("El que trae el documento, p. ej. «Carta Nº 12-2026-XYZ»."),
    )
    asunto = models.CharField(_("asunto"), max_length=500)
    folios = models.PositiveIntegerField(_("folios"), default=1)
    remitente = models.ForeignKey(
        "core.Persona",
        verbose_name=_("remitente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documentos_remitidos",
    )
    canal = models.CharField(_("canal"), max_length=12, choices=Canal.choices, default=Canal.VENTANILLA)
    prioridad = models.CharField(
        _("prioridad"), max_length=10, choices=Prioridad.choices, default=Prioridad.NORMAL
    )
    procedimiento = models.ForeignKey(
        Procedimiento,
        verbose_name=_("procedimiento"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documentos",
    )
    expediente = models.ForeignKey(
        Expediente, null=True, blank=True, on_delete=models.PROTECT, related_name="documentos"
    )
    respuesta_a = models.ForeignKey(
        "self",
        verbose_name=_("responde a"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="respuestas",
    )
    # Su índice es `doc_recibido_cubre_idx` (Meta.indexes), con lo que cuenta el informe anual.
    recibido_en = models.DateTimeField(_("fecha y hora de registro"), null=True, blank=True)
    recibido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Fecha desde la que corre el plazo: el día hábil siguiente si se presentó en día inhábil.
    fecha_computo = models.DateField(_("fecha de cómputo"), null=True, blank=True)
    vence = models.DateField(_("vence"), null=True, blank=True)
    estado = models.CharField(_("estado"), max_length=14, choices=Estado.choices, default=Estado.REGISTRADO)
    defectos = models.TextField(_("observaciones de recepción"), blank=True)
    subsanar_hasta = models.DateField(_("subsanar hasta"), null=True, blank=True)
    observaciones = models.TextField(_("observaciones"), blank=True)
    # Dónde está ahora (desnormalizado para las bandejas).
    unidad_actual = models.ForeignKey(
        "core.UnidadOrganica",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documentos_en_bandeja",
    )
    responsable_actual = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cerrado_en = models.DateTimeField(_("cerrado"), null=True, blank=True)
    # Internos y de salida: quién lo produce, su texto y su firma.
    unidad_origen = models.ForeignKey(
        "core.UnidadOrganica",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documentos_emitidos",
    )
    cuerpo = models.TextField(_("texto"), blank=True)
    destinatario = models.ForeignKey(
        "core.Persona",
        verbose_name=_("destinatario"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documentos_recibidos",
    )
    destinatario_texto = models.CharField(_("dirigido a"), max_length=300, blank=True)
    firmado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    firmado_en = models.DateTimeField(_("firmado"), null=True, blank=True)
    pdf = models.ForeignKey("core.Archivo", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    creado = models.DateTimeField(auto_now_add=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = DocumentoQuerySet.as_manager()

    class Meta:
        verbose_name = _("documento")
        verbose_name_plural = _("documentos")
        ordering = ["-recibido_en", "-id"]
        indexes = [
            models.Index(fields=["unidad_actual", "estado", "vence"], name="doc_bandeja_idx"),
            # Bandeja, contador de «sin derivar»: los registrados u observados de la unidad con su id, para
            # el anti-join con las derivaciones sin leer la tabla (miles de filas dispersas en la GDU).
            models.Index(
                fields=["unidad_actual", "id"],
                condition=Q(estado__in=["registrado", "observado"]),
                name="doc_sin_derivar_idx",
            ),
            models.Index(fields=["clase", "anio", "correlativo"], name="doc_clase_anio_idx"),
            models.Index(fields=["remitente"], name="doc_remitente_idx"),
            # Informes: atendidos en un periodo (cerrado_en), sin recorrer toda la tabla. En PostgreSQL lleva
            # (INCLUDE) lo que leen el de recibidos y el de cumplimiento de plazos: cuentan ~225.000 cierres
            # de un año sin leer la tabla.
            models.Index(
                fields=["cerrado_en"],
                include=["estado", "unidad_actual", "clase", "vence", "fecha_computo", "recibido_en"],
                name="doc_cierre_informe_idx",
            ),
            # Registrados en un periodo (y el orden por fecha de las listas): en PostgreSQL lleva clase, estado
            # y quien recibió, y el informe anual cuenta ~230.000 registros sin leer la tabla.
            models.Index(
                fields=["recibido_en"],
                include=["clase", "estado", "recibido_por"],
                name="doc_recibido_cubre_idx",
            ),
            # Cumplimiento de plazos: los abiertos de entrada con el plazo vencido en un periodo, sin recorrer la
            # tabla (son pocos entre un millón). La condición es la de `abiertos()`, tal cual.
            models.Index(
                fields=["vence"],
                include=["unidad_actual", "estado"],
                condition=Q(clase="entrada") & ~Q(estado__in=ESTADOS_CERRADOS),
                name="doc_vencidos_idx",
            ),
            # Informe de despachados: documentos de salida por su fecha de firma (o de registro si no se
            # firmaron en el sistema), la misma expresión que filtra informes.selectors.
            models.Index(
                Coalesce("firmado_en", "recibido_en"), condition=Q(clase="salida"), name="doc_despacho_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(folios__gte=0), name="doc_folios_no_negativos"),
        ]
        permissions = [
            ("registrar_documento", "Registrar documentos en mesa de partes"),
            ("ver_todo_registro", "Ver los documentos de todas las unidades"),
            ("gestionar_procedimientos", "Gestionar el catálogo de procedimientos"),
            ("ver_informes_registro", "Ver los informes del registro"),
        ]

    def __str__(self) -> str:
        return f"{self.numero_texto or self.codigo_seguimiento} — {self.asunto[:80]}"

    @property
    def cerrado(self) -> bool:
        return self.estado in self.ESTADOS_CERRADOS


class Adjunto(models.Model):
    documento = models.ForeignKey(Documento, on_delete=models.CASCADE, related_name="adjuntos")
    archivo = models.ForeignKey("core.Archivo", on_delete=models.PROTECT, related_name="+")
    descripcion = models.CharField(_("descripción"), max_length=200, blank=True)
    es_principal = models.BooleanField(_("documento principal"), default=False)

    class Meta:
        verbose_name = _("adjunto")
        verbose_name_plural = _("adjuntos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.descripcion or str(self.archivo)


class Derivacion(models.Model):
    """Una línea de la hoja de ruta: de una unidad a otra, para acción o para información (copia)."""

    class Tipo(models.TextChoices):
        ACCION = "accion", _("Para acción")
        COPIA = "copia", _("Para conocimiento (copia)")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de recepción")
        ACEPTADA = "aceptada", _("Recibida")
        DERIVADA = "derivada", _("Derivada")
        DEVUELTA = "devuelta", _("Devuelta")
        ATENDIDA = "atendida", _("Atendida")
        CONCLUIDA = "concluida", _("Concluida")
        ARCHIVADA = "archivada", _("Archivada (copia leída)")

    ESTADOS_ABIERTOS = ("pendiente", "aceptada")

    documento = models.ForeignKey(Documento, on_delete=models.CASCADE, related_name="derivaciones")
    secuencia = models.PositiveIntegerField(_("paso"))
    anterior = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="siguientes"
    )
    tipo = models.CharField(_("tipo"), max_length=8, choices=Tipo.choices, default=Tipo.ACCION)
    de_unidad = models.ForeignKey(
        "core.UnidadOrganica", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    de_usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    a_unidad = models.ForeignKey(
        "core.UnidadOrganica", on_delete=models.PROTECT, related_name="derivaciones_recibidas"
    )
    a_usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    instrucciones = models.TextField(_("instrucciones"), blank=True)
    plazo_dias = models.PositiveIntegerField(_("plazo (días hábiles)"), null=True, blank=True)
    vence = models.DateField(_("vence"), null=True, blank=True)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    enviado_en = models.DateTimeField(_("enviado"))
    aceptado_en = models.DateTimeField(_("recibido"), null=True, blank=True)
    aceptado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cerrado_en = models.DateTimeField(_("cerrado"), null=True, blank=True)
    cerrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    motivo = models.TextField(_("motivo / respuesta"), blank=True)

    class Meta:
        verbose_name = _("derivación")
        verbose_name_plural = _("derivaciones")
        ordering = ["documento", "secuencia"]
        indexes = [
            models.Index(fields=["a_unidad", "estado"], name="deriv_bandeja_idx"),
            models.Index(fields=["a_usuario", "estado"], name="deriv_persona_idx"),
            # Bandeja: cada pestaña (unidad, estado, tipo) sale ya ordenada por (vence, id): las 50 filas
            # de la página se leen del índice sin ordenar los 10.000 abiertos.
            models.Index(
                fields=["a_unidad", "estado", "tipo", "vence", "id"], name="deriv_bandeja_orden_idx"
            ),
            # Informe de recibidos: derivaciones para acción enviadas en un periodo, por unidad.
            models.Index(fields=["tipo", "enviado_en", "a_unidad"], name="deriv_informe_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["documento", "secuencia"], name="deriv_secuencia_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.documento_id} paso {self.secuencia} → {self.a_unidad_id}"


class DestinatarioInterno(models.Model):
    """Destinatario de un documento interno (memorando, circular) con su acuse de lectura."""

    documento = models.ForeignKey(Documento, on_delete=models.CASCADE, related_name="destinatarios")
    unidad = models.ForeignKey(
        "core.UnidadOrganica", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    leido_en = models.DateTimeField(_("leído"), null=True, blank=True)
    leido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("destinatario interno")
        verbose_name_plural = _("destinatarios internos")
        constraints = [
            models.CheckConstraint(
                condition=Q(unidad__isnull=False) | Q(usuario__isnull=False), name="destinatario_con_alguien"
            ),
        ]

    def __str__(self) -> str:
        return str(self.unidad or self.usuario)


class Envio(models.Model):
    """Despacho de un documento de salida: método, cargo de entrega, devoluciones y reenvíos."""

    class Metodo(models.TextChoices):
        NOTIFICADOR = "notificador", _("Notificador municipal")
        COURIER = "courier", _("Courier / correo postal")
        CORREO = "correo", _("Correo electrónico")
        CASILLA = "casilla", _("Casilla electrónica")
        VENTANILLA = "ventanilla", _("Entrega en ventanilla")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Por enviar")
        ENVIADO = "enviado", _("Enviado")
        ENTREGADO = "entregado", _("Entregado")
        DEVUELTO = "devuelto", _("Devuelto")

    documento = models.ForeignKey(Documento, on_delete=models.CASCADE, related_name="envios")
    intento = models.PositiveIntegerField(_("intento"), default=1)
    metodo = models.CharField(_("método"), max_length=12, choices=Metodo.choices)
    direccion = models.CharField(_("dirección o correo de destino"), max_length=300, blank=True)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    enviado_en = models.DateTimeField(_("enviado"), null=True, blank=True)
    entregado_en = models.DateTimeField(_("entregado"), null=True, blank=True)
    recibido_por_nombre = models.CharField(_("recibido por"), max_length=200, blank=True)
    cargo_entrega = models.ForeignKey(
        "core.Archivo", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    motivo_devolucion = models.TextField(_("motivo de devolución"), blank=True)
    creado = models.DateTimeField(auto_now_add=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("envío")
        verbose_name_plural = _("envíos")
        ordering = ["documento", "intento"]
        constraints = [models.UniqueConstraint(fields=["documento", "intento"], name="envio_intento_unico")]

    def __str__(self) -> str:
        return f"{self.documento_id} envío {self.intento} ({self.get_estado_display()})"
