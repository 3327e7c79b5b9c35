"""Archivo central: el cuadro de clasificación, la tabla de retención por serie (en versiones) y los
expedientes con su índice electrónico.

- El cuadro es un árbol: fondo → sección → subsección → serie → subserie, cada nodo con su código.
- La retención de una serie (o subserie) va en versiones inmutables: una versión nueva rige desde su fecha y
  nunca reescribe lo anterior; cada expediente guarda la versión con la que se clasificó.
- Las etapas (gestión, central, histórico...) y el nombre del instrumento (TRD, CADIDO, PCDA, tabla de plazos)
  son del perfil de la jurisdicción (`archivo.etapas`, `archivo.instrumento`), no de este código.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NodoCuadro(models.Model):
    """Un nivel del cuadro de clasificación documental."""

    class Nivel(models.TextChoices):
        FONDO = "fondo", _("Fondo")
        SECCION = "seccion", _("Sección")
        SUBSECCION = "subseccion", _("Subsección")
        SERIE = "serie", _("Serie")
        SUBSERIE = "subserie", _("Subserie")

    # Qué nivel puede colgar de cuál (el fondo es la raíz).
    PADRES_VALIDOS = {
        Nivel.FONDO: (),
        Nivel.SECCION: (Nivel.FONDO,),
        Nivel.SUBSECCION: (Nivel.SECCION,),
        Nivel.SERIE: (Nivel.SECCION, Nivel.SUBSECCION),
        Nivel.SUBSERIE: (Nivel.SERIE,),
    }
    CLASIFICABLES = (Nivel.SERIE, Nivel.SUBSERIE)

    nivel = models.CharField(_("nivel"), max_length=10, choices=Nivel.choices)
    codigo = models.CharField(_("código"), max_length=40, unique=True)
    nombre = models.CharField(_("nombre"), max_length=300)
    padre = models.ForeignKey(
        "self",
        verbose_name=_("depende de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hijos",
    )
    unidad = models.ForeignKey(
        "core.UnidadOrganica",
        verbose_name=_("unidad del organigrama"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nodos_cuadro",
        help_text=_("La unidad orgánica que produce la sección o subsección."),
    )
    descripcion = models.TextField(_("descripción"), blank=True)
    activo = models.BooleanField(_("activo"), default=True)
    creado = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nivel del cuadro de clasificación")
        verbose_name_plural = _("cuadro de clasificación")
        ordering = ["codigo"]
        permissions = [
            ("ver_archivo", "Ver el cuadro de clasificación y los expedientes públicos"),
            ("gestionar_cuadro", "Gestionar el cuadro de clasificación y la tabla de retención"),
            ("abrir_expediente", "Abrir expedientes de su unidad y archivar documentos en ellos"),
            ("gestionar_expedientes", "Gestionar los expedientes de todas las unidades"),
            ("ver_reservados", "Ver los expedientes reservados y confidenciales de todas las unidades"),
            ("recibir_transferencias", "Recibir transferencias y revisar su inventario"),
            ("gestionar_prestamos", "Entregar y recibir préstamos de expedientes"),
            ("gestionar_eliminacion", "Proponer, aprobar y ejecutar eliminaciones; retenciones legales"),
        ]

    def __str__(self) -> str:
        return f"{self.codigo} {self.nombre}"

    @property
    def clasificable(self) -> bool:
        return self.nivel in self.CLASIFICABLES


class Disposicion(models.TextChoices):
    """Disposición final de una serie (../shared/DOMAIN.md, «Archive»)."""

    CONSERVACION_TOTAL = "conservacion_total", _("Conservación total")
    ELIMINACION = "eliminacion", _("Eliminación")
    SELECCION = "seleccion", _("Selección")
    DIGITALIZACION = "digitalizacion", _("Digitalización (medio técnico)")


class Retencion(models.Model):
    """Una versión de la retención de una serie o subserie: años en cada etapa, disposición final y base
    legal. Las versiones no se editan ni se borran; la siguiente rige desde su `vigente_desde`."""

    nodo = models.ForeignKey(NodoCuadro, on_delete=models.PROTECT, related_name="retenciones")
    version = models.PositiveIntegerField(_("versión"))
    vigente_desde = models.DateField(_("vigente desde"))
    # {clave de etapa del perfil: años}; solo las etapas con plazo (`archivo.etapas`, con_plazo = true).
    plazos = models.JSONField(_("años por etapa"), default=dict)
    disposicion = models.CharField(_("disposición final"), max_length=20, choices=Disposicion.choices)
    base_legal = models.CharField(_("base legal"), max_length=500, blank=True)
    procedimiento = models.TextField(_("procedimiento"), blank=True)
    creado = models.DateTimeField(auto_now_add=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("versión de retención")
        verbose_name_plural = _("tabla de retención")
        ordering = ["nodo__codigo", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["nodo", "version"], name="retencion_version_unica"),
            models.UniqueConstraint(fields=["nodo", "vigente_desde"], name="retencion_desde_unica"),
        ]

    def __str__(self) -> str:
        return f"{self.nodo.codigo} v{self.version} (desde {self.vigente_desde:%d/%m/%Y})"

    @property
    def total_anios(self) -> int:
        return sum(int(v) for v in self.plazos.values())


class ExpedienteQuerySet(models.QuerySet):
    def abiertos(self):
        return self.filter(estado=Expediente.Estado.ABIERTO)


class Expediente(models.Model):
    """Un expediente de archivo: lo abre una unidad bajo una serie o subserie; sus documentos se archivan en
    orden con folios y entran a su índice electrónico, que se congela al cerrarlo."""

    class Estado(models.TextChoices):
        ABIERTO = "abierto", _("Abierto")
        CERRADO = "cerrado", _("Cerrado")
        ELIMINADO = "eliminado", _("Eliminado")

    class Soporte(models.TextChoices):
        PAPEL = "papel", _("Papel")
        ELECTRONICO = "electronico", _("Electrónico")
        HIBRIDO = "hibrido", _("Híbrido")

    class Acceso(models.TextChoices):
        PUBLICO = "publico", _("Público")
        RESERVADO = "reservado", _("Reservado")
        CONFIDENCIAL = "confidencial", _("Confidencial")

    codigo = models.CharField(_("código"), max_length=80, unique=True)
    anio = models.PositiveSmallIntegerField(_("año"))
    correlativo = models.PositiveIntegerField(_("correlativo"))
    titulo = models.CharField(_("título"), max_length=500)
    nodo = models.ForeignKey(
        NodoCuadro, verbose_name=_("serie o subserie"), on_delete=models.PROTECT, related_name="expedientes"
    )
    retencion = models.ForeignKey(
        Retencion,
        verbose_name=_("retención con la que se clasificó"),
        on_delete=models.PROTECT,
        related_name="expedientes",
    )
    unidad = models.ForeignKey(
        "core.UnidadOrganica",
        verbose_name=_("unidad productora"),
        on_delete=models.PROTECT,
        related_name="expedientes_archivo",
    )
    etapa = models.CharField(_("etapa"), max_length=30)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.ABIERTO)
    abierto_en = models.DateField(_("fecha de apertura"))
    cerrado_en = models.DateTimeField(_("cerrado"), null=True, blank=True)
    cerrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # SHA-256 del índice electrónico congelado al cerrar (lista de piezas en orden, con sus hashes).
    indice_sha256 = models.CharField(_("SHA-256 del índice"), max_length=64, blank=True)
    soporte = models.CharField(_("soporte"), max_length=12, choices=Soporte.choices, default=Soporte.PAPEL)
    edificio = models.CharField(_("edificio"), max_length=100, blank=True)
    sala = models.CharField(_("sala o depósito"), max_length=100, blank=True)
    estante = models.CharField(_("estante"), max_length=50, blank=True)
    caja = models.CharField(_("caja"), max_length=50, blank=True)
    carpeta = models.CharField(_("carpeta"), max_length=50, blank=True)
    acceso = models.CharField(
        _("nivel de acceso"), max_length=12, choices=Acceso.choices, default=Acceso.PUBLICO
    )
    fundamento_acceso = models.CharField(_("fundamento legal de la reserva"), max_length=500, blank=True)
    reservado_hasta = models.DateField(_("reservado hasta"), null=True, blank=True)
    creado = models.DateTimeField(auto_now_add=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ExpedienteQuerySet.as_manager()

    class Meta:
        verbose_name = _("expediente de archivo")
        verbose_name_plural = _("expedientes de archivo")
        ordering = ["-anio", "nodo__codigo", "-correlativo"]
        constraints = [
            models.UniqueConstraint(
                fields=["nodo", "anio", "correlativo"], name="expediente_archivo_correlativo_unico"
            ),
            models.CheckConstraint(
                condition=Q(acceso="publico") | ~Q(fundamento_acceso=""),
                name="expediente_archivo_reserva_fundada",
            ),
        ]
        indexes = [models.Index(fields=["unidad", "estado"], name="expediente_archivo_unidad_idx")]

    def __str__(self) -> str:
        return f"{self.codigo} — {self.titulo[:80]}"

    @property
    def cerrado(self) -> bool:
        return self.estado in (self.Estado.CERRADO, self.Estado.ELIMINADO)

    @property
    def restringido(self) -> bool:
        return self.acceso != self.Acceso.PUBLICO

    @property
    def ubicacion(self) -> str:
        partes = [
            ("Edificio", self.edificio),
            ("Sala", self.sala),
            ("Estante", self.estante),
            ("Caja", self.caja),
            ("Carpeta", self.carpeta),
        ]
        return ", ".join(f"{n} {v}" for n, v in partes if v)


class Pieza(models.Model):
    """Una entrada del índice electrónico: un documento del registro o un acto archivado en el expediente,
    con su orden, sus folios, su fecha, sus páginas y su SHA-256 (tomados al archivarlo)."""

    expediente = models.ForeignKey(Expediente, on_delete=models.PROTECT, related_name="piezas")
    orden = models.PositiveIntegerField(_("orden"))
    folio_inicial = models.PositiveIntegerField(_("folio inicial"))
    folio_final = models.PositiveIntegerField(_("folio final"))
    documento = models.ForeignKey(
        "registro.Documento", null=True, blank=True, on_delete=models.PROTECT, related_name="piezas_archivo"
    )
    acto = models.ForeignKey(
        "actos.Acto", null=True, blank=True, on_delete=models.PROTECT, related_name="piezas_archivo"
    )
    titulo = models.CharField(_("título"), max_length=500)
    fecha = models.DateField(_("fecha del documento"))
    paginas = models.PositiveIntegerField(_("páginas"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    origen_hash = models.CharField(_("de qué se tomó el SHA-256"), max_length=200)
    archivado_en = models.DateTimeField(_("archivado"), auto_now_add=True)
    archivado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("pieza del expediente")
        verbose_name_plural = _("índice del expediente")
        ordering = ["expediente", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["expediente", "orden"], name="pieza_orden_unico"),
            models.UniqueConstraint(
                fields=["expediente", "documento"],
                condition=Q(documento__isnull=False),
                name="pieza_documento_unico",
            ),
            models.UniqueConstraint(
                fields=["expediente", "acto"], condition=Q(acto__isnull=False), name="pieza_acto_unico"
            ),
            models.CheckConstraint(
                condition=(Q(documento__isnull=False) & Q(acto__isnull=True))
                | (Q(documento__isnull=True) & Q(acto__isnull=False)),
                name="pieza_documento_o_acto",
            ),
            models.CheckConstraint(
                condition=Q(folio_final__gte=models.F("folio_inicial")), name="pieza_folios_en_orden"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.orden}. {self.titulo[:80]} (folios {self.folio_inicial}-{self.folio_final})"


class CambioDeEtapa(models.Model):
    """El historial de etapas de un expediente: cada vez que entra a una etapa (al abrirse no hay registro: la
    primera etapa rige desde la apertura; cada transferencia aceptada deja uno)."""

    expediente = models.ForeignKey(Expediente, on_delete=models.PROTECT, related_name="cambios_de_etapa")
    etapa_anterior = models.CharField(_("etapa anterior"), max_length=30)
    etapa = models.CharField(_("etapa"), max_length=30)
    fecha = models.DateField(_("desde"))
    transferencia = models.ForeignKey(
        "Transferencia", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ubicacion_anterior = models.CharField(_("ubicación anterior"), max_length=500, blank=True)
    registrado_en = models.DateTimeField(auto_now_add=True)
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("cambio de etapa")
        verbose_name_plural = _("historial de etapas")
        ordering = ["expediente", "fecha", "pk"]

    def __str__(self) -> str:
        return f"{self.expediente.codigo}: {self.etapa_anterior} → {self.etapa} ({self.fecha:%d/%m/%Y})"


class Transferencia(models.Model):
    """Una transferencia de expedientes cerrados de una unidad de una etapa a la siguiente, con su inventario
    (una fila por expediente, al estilo del FUID colombiano). El archivo que recibe revisa cada fila."""

    class Estado(models.TextChoices):
        ENVIADA = "enviada", _("Enviada, en revisión")
        RECIBIDA = "recibida", _("Recibida")

    numero = models.CharField(_("número"), max_length=30, unique=True)
    anio = models.PositiveSmallIntegerField(_("año"))
    correlativo = models.PositiveIntegerField(_("correlativo"))
    unidad = models.ForeignKey(
        "core.UnidadOrganica",
        verbose_name=_("unidad que transfiere"),
        on_delete=models.PROTECT,
        related_name="transferencias_archivo",
    )
    etapa_origen = models.CharField(_("etapa de origen"), max_length=30)
    etapa_destino = models.CharField(_("etapa de destino"), max_length=30)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.ENVIADA)
    notas = models.TextField(_("notas"), blank=True)
    preparada_en = models.DateTimeField(_("preparada"), auto_now_add=True)
    preparada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recibida_en = models.DateTimeField(_("recibida"), null=True, blank=True)

    class Meta:
        verbose_name = _("transferencia documental")
        verbose_name_plural = _("transferencias documentales")
        ordering = ["-anio", "-correlativo"]
        constraints = [
            models.UniqueConstraint(fields=["anio", "correlativo"], name="transferencia_correlativo_unico")
        ]

    def __str__(self) -> str:
        return f"Transferencia {self.numero}"


class ItemTransferencia(models.Model):
    """Una fila del inventario de transferencia: un expediente con su unidad de conservación, folios, soporte,
    frecuencia de consulta y notas; el archivo que recibe lo acepta u observa (con su motivo)."""

    class Frecuencia(models.TextChoices):
        ALTA = "alta", _("Alta")
        MEDIA = "media", _("Media")
        BAJA = "baja", _("Baja")
        NULA = "nula", _("Ninguna")

    class Revision(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        ACEPTADO = "aceptado", _("Aceptado")
        OBSERVADO = "observado", _("Observado")

    transferencia = models.ForeignKey(Transferencia, on_delete=models.PROTECT, related_name="items")
    orden = models.PositiveIntegerField(_("número de orden"))
    expediente = models.ForeignKey(Expediente, on_delete=models.PROTECT, related_name="items_transferencia")
    unidad_conservacion = models.CharField(_("unidad de conservación"), max_length=120, blank=True)
    folios = models.PositiveIntegerField(_("folios"), default=0)
    frecuencia_consulta = models.CharField(
        _("frecuencia de consulta"), max_length=6, choices=Frecuencia.choices, default=Frecuencia.BAJA
    )
    notas = models.CharField(_("notas"), max_length=500, blank=True)
    revision = models.CharField(
        _("revisión"), max_length=10, choices=Revision.choices, default=Revision.PENDIENTE
    )
    motivo = models.CharField(_("motivo de la observación"), max_length=500, blank=True)
    revisado_en = models.DateTimeField(_("revisado"), null=True, blank=True)
    revisado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ítem de transferencia")
        verbose_name_plural = _("inventario de transferencia")
        ordering = ["transferencia", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["transferencia", "orden"], name="item_transferencia_orden_unico"),
            models.UniqueConstraint(
                fields=["expediente"],
                condition=Q(revision="pendiente"),
                name="item_transferencia_un_pendiente",
            ),
            models.CheckConstraint(
                condition=~Q(revision="observado") | ~Q(motivo=""), name="item_transferencia_observado_motivo"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.transferencia.numero} #{self.orden} {self.expediente.codigo}"


class Prestamo(models.Model):
    """Un préstamo o una consulta en sala de un expediente: se pide, el archivo lo entrega con su fecha de
    devolución y lo recibe de vuelta. Un expediente electrónico prestado es un acceso por tiempo limitado."""

    class Tipo(models.TextChoices):
        PRESTAMO = "prestamo", _("Préstamo")
        CONSULTA = "consulta", _("Consulta en sala")

    class Estado(models.TextChoices):
        SOLICITADO = "solicitado", _("Solicitado")
        ENTREGADO = "entregado", _("Entregado")
        DEVUELTO = "devuelto", _("Devuelto")
        RECHAZADO = "rechazado", _("Rechazado")

    expediente = models.ForeignKey(Expediente, on_delete=models.PROTECT, related_name="prestamos")
    solicitante = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="prestamos_archivo"
    )
    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices, default=Tipo.PRESTAMO)
    motivo = models.CharField(_("motivo"), max_length=500)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.SOLICITADO)
    solicitado_en = models.DateTimeField(_("solicitado"), auto_now_add=True)
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entregado_en = models.DateTimeField(_("entregado"), null=True, blank=True)
    entregado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vence = models.DateField(_("devolver a más tardar"), null=True, blank=True)
    devuelto_en = models.DateTimeField(_("devuelto"), null=True, blank=True)
    recibido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    observaciones = models.CharField(_("observaciones"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("préstamo de expediente")
        verbose_name_plural = _("préstamos de expedientes")
        ordering = ["-solicitado_en", "-pk"]
        indexes = [models.Index(fields=["estado", "vence"], name="prestamo_estado_vence_idx")]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} de {self.expediente.codigo} a {self.solicitante}"


class RetencionLegal(models.Model):
    """Una retención legal (*legal hold*): mientras está vigente, el expediente no se elimina, y la propuesta
    y el acta dicen por qué."""

    expediente = models.ForeignKey(Expediente, on_delete=models.PROTECT, related_name="retenciones_legales")
    motivo = models.CharField(_("motivo"), max_length=500)
    desde = models.DateTimeField(_("desde"), auto_now_add=True)
    puesta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    levantada_en = models.DateTimeField(_("levantada"), null=True, blank=True)
    levantada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    motivo_levantamiento = models.CharField(_("por qué se levantó"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("retención legal")
        verbose_name_plural = _("retenciones legales")
        ordering = ["-desde"]

    def __str__(self) -> str:
        return f"Retención legal de {self.expediente.codigo}: {self.motivo[:60]}"


class Eliminacion(models.Model):
    """Una eliminación documental: la propuesta que sale de la tabla de retención, su revisión, la
    aprobación del órgano que nombra el perfil (con su acto) y el acta de eliminación firmada."""

    class Estado(models.TextChoices):
        PROPUESTA = "propuesta", _("Propuesta, en revisión")
        APROBADA = "aprobada", _("Aprobada")
        EJECUTADA = "ejecutada", _("Ejecutada (acta firmada)")

    numero = models.CharField(_("número"), max_length=30, unique=True)
    anio = models.PositiveSmallIntegerField(_("año"))
    correlativo = models.PositiveIntegerField(_("correlativo"))
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.PROPUESTA)
    creada_en = models.DateTimeField(_("propuesta"), auto_now_add=True)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organo = models.CharField(_("órgano que aprueba"), max_length=300, blank=True)
    acto_aprobacion = models.CharField(_("acto de aprobación"), max_length=300, blank=True)
    fecha_aprobacion = models.DateField(_("fecha del acto de aprobación"), null=True, blank=True)
    aprobada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    metros_lineales = models.DecimalField(
        _("volumen en metros lineales"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    ejecutada_en = models.DateTimeField(_("ejecutada"), null=True, blank=True)
    ejecutada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acta = models.ForeignKey(
        "core.Archivo", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("eliminación documental")
        verbose_name_plural = _("eliminaciones documentales")
        ordering = ["-anio", "-correlativo"]
        constraints = [
            models.UniqueConstraint(fields=["anio", "correlativo"], name="eliminacion_correlativo_unico")
        ]

    def __str__(self) -> str:
        return f"Eliminación {self.numero}"


class ItemEliminacion(models.Model):
    """Un expediente de la propuesta, con lo que se sabe de él al proponerlo (se conserva para siempre,
    también después de destruido): código, serie, fechas extremas, folios, soporte y disposición. En la
    revisión se puede excluir con su motivo. `destruido` lista los archivos electrónicos destruidos."""

    eliminacion = models.ForeignKey(Eliminacion, on_delete=models.PROTECT, related_name="items")
    orden = models.PositiveIntegerField(_("número de orden"))
    expediente = models.ForeignKey(Expediente, on_delete=models.PROTECT, related_name="items_eliminacion")
    codigo = models.CharField(_("código"), max_length=80)
    titulo = models.CharField(_("título"), max_length=500)
    serie = models.CharField(_("serie o subserie"), max_length=350)
    unidad = models.CharField(_("unidad productora"), max_length=50)
    fecha_inicial = models.DateField(_("fecha inicial"), null=True, blank=True)
    fecha_final = models.DateField(_("fecha final"), null=True, blank=True)
    folios = models.PositiveIntegerField(_("folios"), default=0)
    soporte = models.CharField(_("soporte"), max_length=12)
    disposicion = models.CharField(_("disposición final"), max_length=20, choices=Disposicion.choices)
    incluido = models.BooleanField(_("se elimina"), default=True)
    motivo_exclusion = models.CharField(_("por qué se excluye"), max_length=500, blank=True)
    destruido = models.JSONField(_("archivos electrónicos destruidos"), default=list, blank=True)

    class Meta:
        verbose_name = _("expediente de la eliminación")
        verbose_name_plural = _("inventario de eliminación")
        ordering = ["eliminacion", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["eliminacion", "orden"], name="item_eliminacion_orden_unico"),
            models.UniqueConstraint(fields=["eliminacion", "expediente"], name="item_eliminacion_unico"),
        ]

    def __str__(self) -> str:
        return f"{self.eliminacion.numero} #{self.orden} {self.codigo}"
