"""Concejo: el cuerpo (periodo, miembros, comisiones), sus sesiones, la agenda, la asistencia, las
votaciones, el acta y las decisiones que pasan al registro de actos.

Nada se teclea que pueda calcularse: el quórum y el resultado de cada votación salen de `concejo.reglas`
(la regla del perfil de jurisdicción) aplicada a la asistencia, al estado de los miembros ese día y a los
votos. Lo que se calculó se guarda junto con la regla usada, para que el acta diga por qué.

Vocabulario (Popolo entre paréntesis): Periodo (el mandato), Organo (organization: el concejo pleno o una
comisión), Miembro (person + membership en el pleno), IntegranteComision (membership en una comisión),
Votacion (vote_event, con su moción), Voto (vote).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concejo import reglas


def nuevo_token() -> str:
    """Token largo al azar para enlaces que no deben adivinarse (acuse de recibo de la citación)."""
    return secrets.token_urlsafe(24)


# --- El cuerpo ----------------------------------------------------------------------------------


class Periodo(models.Model):
    """Mandato del concejo (p. ej. 2023-2026): fija el número legal de miembros."""

    nombre = models.CharField(_("nombre"), max_length=100)
    inicio = models.DateField(_("inicio"))
    fin = models.DateField(_("fin"))
    numero_legal = models.PositiveSmallIntegerField(
        _("número legal"),
        help_text=_(
            "Miembros del concejo que manda la ley para este municipio, alcalde incluido si la ley lo cuenta."
        ),
    )

    class Meta:
        verbose_name = _("periodo")
        verbose_name_plural = _("periodos")
        ordering = ["-inicio"]
        constraints = [
            models.CheckConstraint(condition=Q(fin__gt=models.F("inicio")), name="periodo_fechas_ordenadas")
        ]

    def __str__(self) -> str:
        return self.nombre


class Organo(models.Model):
    """El concejo pleno o una de sus comisiones."""

    class Tipo(models.TextChoices):
        PLENO = "pleno", _("Concejo (pleno)")
        COMISION_ORDINARIA = "comision_ordinaria", _("Comisión ordinaria")
        COMISION_ESPECIAL = "comision_especial", _("Comisión especial")
        COMISION_MESA = "comision_mesa", _("Comisión de Mesa")

    periodo = models.ForeignKey(
        Periodo, verbose_name=_("periodo"), on_delete=models.PROTECT, related_name="organos"
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    nombre = models.CharField(_("nombre"), max_length=200)
    sigla = models.CharField(_("sigla"), max_length=20, blank=True)
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("órgano")
        verbose_name_plural = _("órganos")
        ordering = ["periodo", "tipo", "nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["periodo"], condition=Q(tipo="pleno"), name="un_pleno_por_periodo"
            ),
        ]

    def __str__(self) -> str:
        return self.nombre

    @property
    def es_pleno(self) -> bool:
        return self.tipo == self.Tipo.PLENO


class Miembro(models.Model):
    """Un asiento en el concejo durante un periodo: el alcalde o un regidor/concejal/síndico."""

    class Rol(models.TextChoices):
        ALCALDE = "alcalde", _("Alcalde / presidente")
        MIEMBRO = "miembro", _("Regidor / concejal")
        SINDICO = "sindico", _("Síndico")

    periodo = models.ForeignKey(
        Periodo, verbose_name=_("periodo"), on_delete=models.PROTECT, related_name="miembros"
    )
    persona = models.ForeignKey(
        "core.Persona", verbose_name=_("persona"), on_delete=models.PROTECT, related_name="asientos_concejo"
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="asientos_concejo",
    )
    rol = models.CharField(_("rol"), max_length=10, choices=Rol.choices, default=Rol.MIEMBRO)
    partido = models.CharField(_("partido u organización política"), max_length=200, blank=True)
    suplente_de = models.ForeignKey(
        "self",
        verbose_name=_("suplente de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suplentes",
    )
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"), null=True, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden de precedencia"), default=0)
    correo = models.EmailField(_("correo para citaciones"), blank=True)

    class Meta:
        verbose_name = _("miembro del concejo")
        verbose_name_plural = _("miembros del concejo")
        ordering = ["periodo", "orden", "id"]
        constraints = [
            models.UniqueConstraint(fields=["periodo", "persona"], name="miembro_unico_por_periodo"),
        ]

    def __str__(self) -> str:
        return str(self.persona)


class EstadoMiembro(models.Model):
    """Situación de un miembro desde una fecha: sin registro vigente, el miembro está activo.

    Con esto se sabe en cualquier fecha quién es miembro hábil (el número legal menos los que están
    con licencia, suspendidos o vacados).
    """

    class Estado(models.TextChoices):
        ACTIVO = "activo", _("Activo")
        LICENCIA = "licencia", _("Con licencia")
        SUSPENDIDO = "suspendido", _("Suspendido")
        VACADO = "vacado", _("Vacado")

    miembro = models.ForeignKey(
        Miembro, verbose_name=_("miembro"), on_delete=models.CASCADE, related_name="estados"
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices)
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"), null=True, blank=True, help_text=_("Vacío: hasta nuevo aviso."))
    documento = models.CharField(_("documento que lo dispone"), max_length=200, blank=True)
    motivo = models.CharField(_("motivo"), max_length=300, blank=True)
    creado = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("estado de miembro")
        verbose_name_plural = _("estados de miembros")
        ordering = ["miembro", "-desde", "-id"]

    def __str__(self) -> str:
        return f"{self.miembro}: {self.get_estado_display()} desde {self.desde}"


class IntegranteComision(models.Model):
    """Un miembro en una comisión, con su función."""

    class Funcion(models.TextChoices):
        PRESIDENTE = "presidente", _("Presidente")
        VICEPRESIDENTE = "vicepresidente", _("Vicepresidente")
        SECRETARIO = "secretario", _("Secretario")
        MIEMBRO = "miembro", _("Miembro")

    organo = models.ForeignKey(
        Organo, verbose_name=_("comisión"), on_delete=models.CASCADE, related_name="integrantes"
    )
    miembro = models.ForeignKey(
        Miembro, verbose_name=_("miembro"), on_delete=models.PROTECT, related_name="comisiones"
    )
    funcion = models.CharField(_("función"), max_length=15, choices=Funcion.choices, default=Funcion.MIEMBRO)
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"), null=True, blank=True)

    class Meta:
        verbose_name = _("integrante de comisión")
        verbose_name_plural = _("integrantes de comisión")
        ordering = ["organo", "funcion", "id"]

    def __str__(self) -> str:
        return f"{self.miembro} ({self.get_funcion_display()}) en {self.organo}"


# --- Sesiones y agenda --------------------------------------------------------------------------


class Sesion(models.Model):
    """Una sesión del pleno o de una comisión."""

    class Estado(models.TextChoices):
        PROGRAMADA = "programada", _("Programada")  # agenda en preparación
        CONVOCADA = "convocada", _("Convocada")  # citaciones enviadas
        INSTALADA = "instalada", _("En curso")  # con quórum
        SUSPENDIDA = "suspendida", _("Suspendida")  # cuarto intermedio
        LEVANTADA = "levantada", _("Concluida")
        SIN_QUORUM = "sin_quorum", _("No instalada por falta de quórum")
        CANCELADA = "cancelada", _("Cancelada")

    organo = models.ForeignKey(
        Organo, verbose_name=_("órgano"), on_delete=models.PROTECT, related_name="sesiones"
    )
    tipo = models.CharField(_("tipo"), max_length=20, help_text=_("Uno de los tipos de sesión del perfil."))
    numero = models.PositiveIntegerField(_("número"), help_text=_("Correlativo por órgano, tipo y año."))
    anio = models.PositiveSmallIntegerField(_("año"))
    fecha = models.DateTimeField(_("fecha y hora"))
    lugar = models.CharField(_("lugar"), max_length=200, blank=True)
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.PROGRAMADA)
    convocada_en = models.DateTimeField(_("convocada en"), null=True, blank=True)
    # Plazo de aviso del perfil comprobado al convocar: la advertencia queda en el registro.
    aviso_cumplido = models.BooleanField(_("aviso dentro del plazo"), null=True, blank=True)
    aviso_advertencia = models.TextField(_("advertencia de aviso"), blank=True)
    instalada_en = models.DateTimeField(_("instalada en"), null=True, blank=True)
    levantada_en = models.DateTimeField(_("levantada en"), null=True, blank=True)
    # Quórum al instalar: {"presentes": n, "base": ..., "requerido": n, "regla": "...", "explicacion": "..."}.
    quorum = models.JSONField(_("quórum al instalar"), null=True, blank=True)
    preside = models.ForeignKey(
        Miembro,
        verbose_name=_("preside"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sesiones_presididas",
    )
    publica = models.BooleanField(_("publicada en el portal"), default=True)
    motivo_cancelacion = models.TextField(_("motivo de la cancelación"), blank=True)
    creada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["-fecha"]
        constraints = [
            models.UniqueConstraint(fields=["organo", "tipo", "anio", "numero"], name="sesion_numero_unico"),
        ]
        permissions = [
            ("gestionar_concejo", "Configurar periodo, miembros y comisiones del concejo"),
            ("preparar_sesion", "Programar sesiones, armar la agenda y convocar"),
            ("conducir_sesion", "Llevar la sesión en vivo: asistencia, debate y votaciones"),
            ("gestionar_actas", "Redactar, aprobar, firmar y publicar actas"),
            ("ver_concejo", "Ver las sesiones no publicadas, citaciones y borradores"),
        ]

    def __str__(self) -> str:
        return f"Sesión {self.tipo} Nº {self.numero}-{self.anio} ({self.organo})"


class PuntoAgenda(models.Model):
    """Un punto del orden del día."""

    class Seccion(models.TextChoices):
        ACTA = "acta", _("Aprobación de acta")
        DESPACHO = "despacho", _("Despacho")
        INFORMES = "informes", _("Informes")
        PEDIDOS = "pedidos", _("Pedidos")
        ORDEN_DEL_DIA = "orden_del_dia", _("Orden del día")

    class Clase(models.TextChoices):
        PROPUESTA = "propuesta", _("Propuesta de la administración")
        DICTAMEN = "dictamen", _("Dictamen de comisión")
        MOCION = "mocion", _("Moción de miembro")
        ACTA = "acta", _("Acta anterior")
        CORRESPONDENCIA = "correspondencia", _("Correspondencia")
        INFORME = "informe", _("Informe")
        PEDIDO = "pedido", _("Pedido")
        OTRO = "otro", _("Otro")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        EN_DEBATE = "en_debate", _("En debate")
        APROBADO = "aprobado", _("Aprobado")
        RECHAZADO = "rechazado", _("Rechazado")
        TRATADO = "tratado", _("Tratado (sin votación)")
        RETIRADO = "retirado", _("Retirado")
        POSTERGADO = "postergado", _("Postergado")
        A_COMISION = "a_comision", _("Pasa a comisión")

    sesion = models.ForeignKey(
        Sesion, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="puntos"
    )
    orden = models.PositiveSmallIntegerField(_("orden"))
    seccion = models.CharField(
        _("sección"), max_length=15, choices=Seccion.choices, default=Seccion.ORDEN_DEL_DIA
    )
    clase = models.CharField(_("clase"), max_length=16, choices=Clase.choices, default=Clase.PROPUESTA)
    titulo = models.CharField(_("título"), max_length=500)
    descripcion = models.TextField(_("descripción"), blank=True)
    # Qué mayoría exige si se vota (código de `concejo.reglas`; vacío: la mayoría general del perfil).
    mayoria = models.CharField(_("mayoría requerida"), max_length=40, blank=True)
    # Instrumento que resultaría (ordenanza, acuerdo...; claves de `instrumentos` del perfil).
    instrumento = models.CharField(_("instrumento"), max_length=40, blank=True)
    debate = models.PositiveSmallIntegerField(
        _("debate"), default=1, help_text=_("1 o 2 donde el perfil exige dos.")
    )
    primer_debate = models.ForeignKey(
        "self",
        verbose_name=_("punto del primer debate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="segundos_debates",
    )
    documento = models.ForeignKey(
        "registro.Documento",
        verbose_name=_("documento del registro"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="puntos_de_agenda",
    )
    anexos = models.ManyToManyField(
        "core.Archivo",
        verbose_name=_("documentos del expediente"),
        blank=True,
        related_name="puntos_de_agenda",
    )
    proponente = models.ForeignKey(
        Miembro,
        verbose_name=_("miembro proponente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="puntos_propuestos",
    )
    unidad_proponente = models.ForeignKey(
        "core.UnidadOrganica",
        verbose_name=_("unidad proponente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="puntos_propuestos",
    )
    # El punto de aprobación de acta apunta a la sesión cuya acta se aprueba.
    acta_de = models.ForeignKey(
        Sesion,
        verbose_name=_("acta de la sesión"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="puntos_aprobacion_acta",
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    notas = models.TextField(_("notas del debate"), blank=True)
    agregado_tras_congelar = models.BooleanField(_("agregado tras congelar la agenda"), default=False)

    class Meta:
        verbose_name = _("punto de agenda")
        verbose_name_plural = _("puntos de agenda")
        ordering = ["sesion", "orden"]
        constraints = [models.UniqueConstraint(fields=["sesion", "orden"], name="punto_orden_unico")]

    def __str__(self) -> str:
        return f"{self.orden}. {self.titulo}"


class VersionAgenda(models.Model):
    """La agenda congelada: una foto de los puntos. Cada cambio posterior hace otra versión con motivo."""

    sesion = models.ForeignKey(
        Sesion, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="versiones"
    )
    numero = models.PositiveSmallIntegerField(_("versión"))
    contenido = models.JSONField(
        _("puntos")
    )  # [{"orden", "seccion", "titulo", "descripcion", "punto_id"}, ...]
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    motivo = models.TextField(_("motivo del cambio"), blank=True)
    por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("por"), on_delete=models.PROTECT, related_name="+"
    )
    creada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versión de agenda")
        verbose_name_plural = _("versiones de agenda")
        ordering = ["sesion", "numero"]
        constraints = [models.UniqueConstraint(fields=["sesion", "numero"], name="version_agenda_unica")]

    def __str__(self) -> str:
        return f"Agenda v{self.numero} de {self.sesion}"


class Citacion(models.Model):
    """La citación de un miembro a una sesión: su PDF, el envío y el acuse de recibo por enlace."""

    sesion = models.ForeignKey(
        Sesion, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="citaciones"
    )
    miembro = models.ForeignKey(
        Miembro, verbose_name=_("miembro"), on_delete=models.PROTECT, related_name="citaciones"
    )
    version = models.ForeignKey(
        VersionAgenda,
        verbose_name=_("versión de agenda"),
        on_delete=models.PROTECT,
        related_name="citaciones",
    )
    archivo = models.ForeignKey(
        "core.Archivo",
        verbose_name=_("PDF de la citación"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    token = models.CharField(_("token de acuse"), max_length=64, unique=True, default=nuevo_token)
    enviada_en = models.DateTimeField(_("enviada en"), null=True, blank=True)
    recibida_en = models.DateTimeField(_("recibida en"), null=True, blank=True)

    class Meta:
        verbose_name = _("citación")
        verbose_name_plural = _("citaciones")
        ordering = ["sesion", "miembro__orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["sesion", "miembro", "version"], name="citacion_unica_por_version"
            ),
        ]

    def __str__(self) -> str:
        return f"Citación de {self.miembro} a {self.sesion}"


# --- Durante la sesión --------------------------------------------------------------------------


class AsistenciaQuerySet(models.QuerySet):
    def en_sala(self):
        """Presentes y no retirados (lo mismo que `Asistencia.en_sala`, en la consulta)."""
        return self.filter(estado=Asistencia.Estado.PRESENTE, retiro__isnull=True)


class Asistencia(models.Model):
    """Asistencia de un miembro a una sesión (una fila por miembro citado)."""

    class Estado(models.TextChoices):
        PRESENTE = "presente", _("Presente")
        AUSENTE = "ausente", _("Ausente")
        JUSTIFICADO = "justificado", _("Ausencia justificada")
        LICENCIA = "licencia", _("Con licencia")

    sesion = models.ForeignKey(
        Sesion, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="asistencias"
    )
    miembro = models.ForeignKey(
        Miembro, verbose_name=_("miembro"), on_delete=models.PROTECT, related_name="asistencias"
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.AUSENTE)
    llegada = models.DateTimeField(_("llegada"), null=True, blank=True, help_text=_("Si llegó tarde."))
    retiro = models.DateTimeField(
        _("retiro"), null=True, blank=True, help_text=_("Si se retiró antes del final.")
    )
    nota = models.CharField(_("nota"), max_length=300, blank=True)

    objects = AsistenciaQuerySet.as_manager()

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencias")
        ordering = ["sesion", "miembro__orden"]
        constraints = [models.UniqueConstraint(fields=["sesion", "miembro"], name="asistencia_unica")]

    def __str__(self) -> str:
        return f"{self.miembro}: {self.get_estado_display()}"

    @property
    def en_sala(self) -> bool:
        """Presente y no retirado: cuenta para el quórum y para votar."""
        return self.estado == self.Estado.PRESENTE and self.retiro is None


class Intervencion(models.Model):
    """Quién habló en un punto y un resumen de lo que dijo."""

    punto = models.ForeignKey(
        PuntoAgenda, verbose_name=_("punto"), on_delete=models.CASCADE, related_name="intervenciones"
    )
    miembro = models.ForeignKey(
        Miembro,
        verbose_name=_("miembro"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intervenciones",
    )
    orador = models.CharField(_("orador (si no es miembro)"), max_length=200, blank=True)
    resumen = models.TextField(_("resumen"))
    orden = models.PositiveSmallIntegerField(_("orden"))
    momento = models.DateTimeField(_("momento"), auto_now_add=True)

    class Meta:
        verbose_name = _("intervención")
        verbose_name_plural = _("intervenciones")
        ordering = ["punto", "orden"]

    def __str__(self) -> str:
        return f"{self.miembro or self.orador} en {self.punto}"


class Votacion(models.Model):
    """Una votación (evento de voto) sobre una moción de un punto. El resultado lo calcula `concejo.reglas`."""

    class Forma(models.TextChoices):
        ORDINARIA = "ordinaria", _("Ordinaria (a mano alzada)")
        NOMINAL = "nominal", _("Nominal")
        NOMINAL_RAZONADA = "nominal_razonada", _("Nominal razonada")
        SECRETA = "secreta", _("Secreta")

    class Estado(models.TextChoices):
        ABIERTA = "abierta", _("Abierta")
        CERRADA = "cerrada", _("Cerrada: resultado calculado, por confirmar")
        CONFIRMADA = "confirmada", _("Confirmada")
        ANULADA = "anulada", _("Anulada")

    class Resultado(models.TextChoices):
        APROBADO = "aprobado", _("Aprobado")
        RECHAZADO = "rechazado", _("Rechazado")
        EMPATE = "empate", _("Empate: se repite la votación")

    sesion = models.ForeignKey(
        Sesion, verbose_name=_("sesión"), on_delete=models.PROTECT, related_name="votaciones"
    )
    punto = models.ForeignKey(
        PuntoAgenda, verbose_name=_("punto"), on_delete=models.PROTECT, related_name="votaciones"
    )
    numero = models.PositiveSmallIntegerField(_("número en la sesión"))
    mocion = models.TextField(_("moción que se vota"))
    forma = models.CharField(_("forma"), max_length=16, choices=Forma.choices, default=Forma.NOMINAL)
    mayoria = models.CharField(_("mayoría requerida"), max_length=40)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.ABIERTA)
    # Votaciones ordinaria y secreta: conteos sin nombres (la nominal los deriva de `Voto`).
    a_favor = models.PositiveSmallIntegerField(_("a favor"), default=0)
    en_contra = models.PositiveSmallIntegerField(_("en contra"), default=0)
    abstenciones = models.PositiveSmallIntegerField(_("abstenciones"), default=0)
    # El cálculo: {"presentes", "base", "base_numero", "requerido", "regla", "desempate", "explicacion"}.
    calculo = models.JSONField(_("cálculo del resultado"), null=True, blank=True)
    resultado = models.CharField(_("resultado"), max_length=10, choices=Resultado.choices, blank=True)
    voto_dirimente = models.ForeignKey(
        Miembro,
        verbose_name=_("voto dirimente de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="votos_dirimentes",
    )
    reconsideracion_de = models.ForeignKey(
        "self",
        verbose_name=_("reconsidera la votación"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reconsideraciones",
    )
    # Desempate: el sentido del voto dirimente (el miembro va en `voto_dirimente`), y la votación empatada
    # que esta repite cuando el perfil manda repetir (la segunda empatada queda rechazada).
    sentido_dirimente = models.CharField(
        _("sentido del voto dirimente"),
        max_length=12,
        blank=True,
        choices=[("a_favor", _("A favor")), ("en_contra", _("En contra"))],
    )
    repite = models.ForeignKey(
        "self",
        verbose_name=_("repite la votación empatada"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeticiones",
    )
    abierta_en = models.DateTimeField(_("abierta en"), auto_now_add=True)
    cerrada_en = models.DateTimeField(_("cerrada en"), null=True, blank=True)
    confirmada_en = models.DateTimeField(_("confirmada en"), null=True, blank=True)
    # Reconsideración: el día en que se pidió (el plazo del perfil se mide hasta el pedido, no hasta la
    # votación que la resuelve) y quién la pidió. `dispensa_actas`: votada «con dispensa del trámite de
    # aprobación de actas» (Perú) o con efecto inmediato según el reglamento: la decisión queda firme ya.
    reconsideracion_pedida_en = models.DateField(_("reconsideración pedida el"), null=True, blank=True)
    reconsideracion_pedida_por = models.ForeignKey(
        Miembro,
        verbose_name=_("reconsideración pedida por"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reconsideraciones_pedidas",
    )
    reconsideracion_fundamento = models.TextField(_("fundamento del pedido de reconsideración"), blank=True)
    dispensa_actas = models.BooleanField(
        _("con dispensa del trámite de aprobación de actas"),
        default=False,
        help_text=_("La decisión rige desde la votación: no espera el plazo de reconsideración."),
    )

    class Meta:
        verbose_name = _("votación")
        verbose_name_plural = _("votaciones")
        ordering = ["sesion", "numero"]
        constraints = [models.UniqueConstraint(fields=["sesion", "numero"], name="votacion_numero_unico")]

    def __str__(self) -> str:
        return f"Votación {self.numero} de {self.sesion}"

    @property
    def regla_aplicada(self) -> dict | None:
        """La regla con que se calculó el resultado (`concejo.reglas.regla_aplicada`), legible."""
        return reglas.regla_aplicada(self.calculo)


class Voto(models.Model):
    """El voto de un miembro en una votación nominal."""

    class Sentido(models.TextChoices):
        A_FAVOR = "a_favor", _("A favor")
        EN_CONTRA = "en_contra", _("En contra")
        ABSTENCION = "abstencion", _("Abstención")
        INHIBIDO = "inhibido", _("Se inhibe (conflicto de interés)")
        AUSENTE = "ausente", _("Ausente")

    votacion = models.ForeignKey(
        Votacion, verbose_name=_("votación"), on_delete=models.CASCADE, related_name="votos"
    )
    miembro = models.ForeignKey(
        Miembro, verbose_name=_("miembro"), on_delete=models.PROTECT, related_name="votos"
    )
    sentido = models.CharField(_("sentido"), max_length=12, choices=Sentido.choices)
    fundamento = models.TextField(_("fundamento del voto"), blank=True)
    registrado_en = models.DateTimeField(_("registrado en"), auto_now=True)

    class Meta:
        verbose_name = _("voto")
        verbose_name_plural = _("votos")
        ordering = ["votacion", "miembro__orden"]
        constraints = [models.UniqueConstraint(fields=["votacion", "miembro"], name="voto_unico")]

    def __str__(self) -> str:
        return f"{self.miembro}: {self.get_sentido_display()}"


# --- Después de la sesión -----------------------------------------------------------------------


class Acta(models.Model):
    """El acta de una sesión: borrador generado del registro, editable hasta aprobarse; luego inmutable."""

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        APROBADA = "aprobada", _("Aprobada")
        FIRMADA = "firmada", _("Firmada")
        PUBLICADA = "publicada", _("Publicada")

    sesion = models.OneToOneField(
        Sesion, verbose_name=_("sesión"), on_delete=models.PROTECT, related_name="acta"
    )
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.BORRADOR)
    texto = models.TextField(
        _("texto del acta"), help_text=_("HTML simple: párrafos, títulos, listas y tablas.")
    )
    version = models.PositiveIntegerField(_("versión del borrador"), default=1)
    generada_en = models.DateTimeField(_("generada en"), auto_now_add=True)
    aprobada_en = models.ForeignKey(
        Sesion,
        verbose_name=_("aprobada en la sesión"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actas_aprobadas",
    )
    votacion_aprobacion = models.ForeignKey(
        Votacion,
        verbose_name=_("votación de aprobación"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    firmada_en = models.DateTimeField(_("firmada en"), null=True, blank=True)
    archivo = models.ForeignKey(
        "core.Archivo",
        verbose_name=_("PDF firmado"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sha256 = models.CharField(_("SHA-256 del PDF firmado"), max_length=64, blank=True)
    publicada_en = models.DateTimeField(_("publicada en"), null=True, blank=True)
    # Quiénes firman (presidente de la sesión y Secretario General, con «por encargo» si corresponde):
    # [{"nombre", "cargo", "por_encargo": {"titular", "cargo"} | None}, ...]. Queda aunque aún no haya PAdES.
    firmantes = models.JSONField(_("firmantes"), default=list, blank=True)

    class Meta:
        verbose_name = _("acta")
        verbose_name_plural = _("actas")

    def __str__(self) -> str:
        return f"Acta de {self.sesion}"

    @property
    def editable(self) -> bool:
        return self.estado == self.Estado.BORRADOR


class FeErratas(models.Model):
    """Corrección de un acta ya aprobada: el acta no se toca (invariante 2); la corrección es un registro
    nuevo, numerado por acta, que se muestra y publica junto a ella."""

    acta = models.ForeignKey(Acta, verbose_name=_("acta"), on_delete=models.PROTECT, related_name="erratas")
    numero = models.PositiveSmallIntegerField(_("número"))
    texto = models.TextField(_("corrección"))
    por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("por"), on_delete=models.PROTECT, related_name="+"
    )
    creada = models.DateTimeField(_("creada"), auto_now_add=True)

    class Meta:
        verbose_name = _("fe de erratas")
        verbose_name_plural = _("fe de erratas")
        ordering = ["acta", "numero"]
        constraints = [models.UniqueConstraint(fields=["acta", "numero"], name="fe_erratas_numero_unico")]

    def __str__(self) -> str:
        return f"Fe de erratas Nº {self.numero} del {self.acta}"


class Decision(models.Model):
    """Lo que el concejo decidió en un punto: la materia prima del registro de actos (área `actos`)."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de registrar como acto")
        REGISTRADA = "registrada", _("Registrada como acto")
        SIN_EFECTO = "sin_efecto", _("Sin efecto por reconsideración")

    sesion = models.ForeignKey(
        Sesion, verbose_name=_("sesión"), on_delete=models.PROTECT, related_name="decisiones"
    )
    punto = models.ForeignKey(
        PuntoAgenda, verbose_name=_("punto"), on_delete=models.PROTECT, related_name="decisiones"
    )
    votacion = models.OneToOneField(
        Votacion,
        verbose_name=_("votación"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    instrumento = models.CharField(_("instrumento"), max_length=40, blank=True)
    resumen = models.TextField(_("lo decidido"))
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    creada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decisión")
        verbose_name_plural = _("decisiones")
        ordering = ["sesion", "punto__orden"]

    def __str__(self) -> str:
        return self.resumen[:80]

    def en_reconsideracion(self) -> bool:
        """Si su votación tiene una reconsideración abierta o por confirmar: mientras tanto no se registra
        como acto (la confirmada ya la dejó sin efecto)."""
        return (
            self.votacion_id is not None
            and Votacion.objects.filter(reconsideracion_de_id=self.votacion_id)
            .exclude(estado=Votacion.Estado.ANULADA)
            .exists()
        )


# --- Calendario ---------------------------------------------------------------------------------


class CalendarioMiembro(models.Model):
    """El enlace privado al calendario (iCalendar) de un miembro: sus sesiones sin ingresar al sistema.

    Un token por miembro, distinto del de cada citación (que es por sesión); se crea la primera vez que
    se pide y se puede renovar si el enlace se filtra.
    """

    miembro = models.OneToOneField(
        Miembro, verbose_name=_("miembro"), on_delete=models.CASCADE, related_name="calendario"
    )
    token = models.CharField(_("token del calendario"), max_length=64, unique=True, default=nuevo_token)
    creado = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendario de miembro")
        verbose_name_plural = _("calendarios de miembros")

    def __str__(self) -> str:
        return f"Calendario de {self.miembro}"
