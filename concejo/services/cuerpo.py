"""Cambios del cuerpo del concejo, cada uno con su evento de auditoría en la misma transacción: periodos,
miembros, estados de los miembros, comisiones y sus integrantes.

Lo que se lee del cuerpo (reglas del perfil, quién lo integra en una fecha, quórum, resultado) está en
`concejo.selectors.cuerpo`.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from concejo.models import EstadoMiembro, IntegranteComision, Miembro, Organo, Periodo
from concejo.selectors.cuerpo import estado_en
from core.models import Persona
from core.services import perfiles
from core.services.auditoria import actualizar_con_auditoria, instantanea, registrar_evento
from core.services.personas import normalizar_numero, registrar_persona


def _fecha_en_periodo(periodo: Periodo, fecha: date, campo: str) -> None:
    if not periodo.inicio <= fecha <= periodo.fin:
        raise ValidationError(
            {
                campo: f"La fecha debe estar dentro del periodo ({periodo.inicio:%d/%m/%Y} al "
                f"{periodo.fin:%d/%m/%Y})."
            }
        )


def _hasta_tras_desde(desde: date, hasta: date | None) -> None:
    if hasta is not None and hasta < desde:
        raise ValidationError({"hasta": "La fecha final no puede ser anterior a la inicial."})


def _validar_periodo(periodo: Periodo) -> None:
    errores = {}
    periodo.nombre = (periodo.nombre or "").strip()
    if not periodo.nombre:
        errores["nombre"] = ["Escriba el nombre del periodo, p. ej. «2023-2026»."]
    if periodo.inicio and periodo.fin and periodo.fin <= periodo.inicio:
        errores["fin"] = ["El fin del periodo debe ser posterior a su inicio."]
    if not isinstance(periodo.numero_legal, int) or not 1 <= periodo.numero_legal <= 200:
        errores["numero_legal"] = ["El número legal debe ser un entero entre 1 y 200."]
    elif (
        periodo.inicio
        and periodo.fin
        and Periodo.objects.filter(inicio__lte=periodo.fin, fin__gte=periodo.inicio)
        .exclude(pk=periodo.pk)
        .exists()
    ):
        errores["inicio"] = ["Las fechas se superponen con otro periodo."]
    if errores:
        raise ValidationError(errores)


@transaction.atomic
def crear_periodo(
    *, nombre: str, inicio: date, fin: date, numero_legal: int, nombre_pleno: str = "", por
) -> Periodo:
    """Crea el periodo (mandato) con su número legal y el órgano pleno; no admite periodos superpuestos."""
    periodo = Periodo(nombre=nombre, inicio=inicio, fin=fin, numero_legal=numero_legal)
    _validar_periodo(periodo)
    periodo.save()
    if not nombre_pleno.strip():
        try:
            nombre_pleno = str(perfiles.valor("vocabulario.concejo", fecha=inicio))
        except perfiles.ErrorPerfil:
            nombre_pleno = "Concejo Municipal"
    pleno = Organo.objects.create(
        periodo=periodo, tipo=Organo.Tipo.PLENO, nombre=nombre_pleno.strip(), sigla="CM"
    )
    registrar_evento(
        por=por,
        accion="concejo.periodo.crear",
        objeto=periodo,
        despues={**instantanea(periodo), "pleno": pleno.pk},
    )
    return periodo


@transaction.atomic
def actualizar_periodo(*, periodo: Periodo, por, **campos) -> Periodo:
    """Cambia nombre, fechas o número legal del periodo (con la misma validación) y guarda antes y después."""
    return actualizar_con_auditoria(
        periodo,
        por=por,
        accion="concejo.periodo.editar",
        cambios=campos,
        editables=("nombre", "inicio", "fin", "numero_legal"),
        validar=_validar_periodo,
    )


CAMPOS_MIEMBRO = ("rol", "partido", "suplente_de", "desde", "hasta", "orden", "correo", "usuario")


def _validar_miembro(m: Miembro) -> None:
    errores: dict[str, list[str]] = {}
    periodo = m.periodo
    m.partido = (m.partido or "").strip()
    m.correo = (m.correo or "").strip()
    if m.rol not in Miembro.Rol.values:
        errores["rol"] = ["Elija el rol del miembro."]
    if m.desde is None:
        errores["desde"] = ["Indique desde cuándo ocupa el asiento."]
    elif not periodo.inicio <= m.desde <= periodo.fin:
        errores["desde"] = [
            f"La fecha debe estar dentro del periodo ({periodo.inicio:%d/%m/%Y} al {periodo.fin:%d/%m/%Y})."
        ]
    elif m.hasta is not None and m.hasta < m.desde:
        errores["hasta"] = ["La fecha final no puede ser anterior a la inicial."]
    if Miembro.objects.filter(periodo=periodo, persona_id=m.persona_id).exclude(pk=m.pk).exists():
        errores["persona"] = ["Esa persona ya es miembro del concejo en este periodo."]
    if (
        m.rol == Miembro.Rol.ALCALDE
        and Miembro.objects.filter(periodo=periodo, rol=Miembro.Rol.ALCALDE, suplente_de__isnull=True)
        .exclude(pk=m.pk)
        .exists()
        and m.suplente_de_id is None
    ):
        errores["rol"] = ["El periodo ya tiene alcalde (su reemplazo se registra como suplente)."]
    titular = m.suplente_de
    if titular is not None:
        if titular.periodo_id != periodo.pk:
            errores["suplente_de"] = ["El titular debe ser miembro del mismo periodo."]
        elif titular.suplente_de_id is not None or titular.pk == m.pk:
            errores["suplente_de"] = ["Elija a un titular (no a otro suplente)."]
    if (
        m.usuario_id is not None
        and Miembro.objects.filter(periodo=periodo, usuario_id=m.usuario_id).exclude(pk=m.pk).exists()
    ):
        errores["usuario"] = ["Ese usuario ya está vinculado a otro miembro del periodo."]
    if m.correo:
        try:
            m._meta.get_field("correo").run_validators(m.correo)
        except ValidationError:
            errores["correo"] = ["Escriba un correo válido."]
    if errores:
        raise ValidationError(errores)


@transaction.atomic
def agregar_miembro(
    *,
    periodo: Periodo,
    persona,
    rol: str = Miembro.Rol.MIEMBRO,
    partido: str = "",
    suplente_de: Miembro | None = None,
    desde: date | None = None,
    hasta: date | None = None,
    orden: int = 0,
    correo: str = "",
    usuario=None,
    por,
) -> Miembro:
    """Añade un asiento del concejo en el periodo (alcalde, regidor o síndico; o el suplente de un titular)
    con su partido, precedencia, correo para citaciones y usuario vinculado.
    """
    m = Miembro(
        periodo=periodo,
        persona=persona,
        rol=rol,
        partido=partido,
        suplente_de=suplente_de,
        desde=desde or periodo.inicio,
        hasta=hasta,
        orden=orden or 0,
        correo=correo or persona.correo or "",
        usuario=usuario,
    )
    _validar_miembro(m)
    m.save()
    registrar_evento(por=por, accion="concejo.miembro.agregar", objeto=m, despues=instantanea(m))
    return m


@transaction.atomic
def actualizar_miembro(*, miembro: Miembro, por, **campos) -> Miembro:
    """Cambia los datos de un asiento (rol, partido, suplencia, fechas, orden, correo, usuario)."""
    return actualizar_con_auditoria(
        miembro,
        por=por,
        accion="concejo.miembro.editar",
        cambios=campos,
        editables=CAMPOS_MIEMBRO,
        validar=_validar_miembro,
        consulta=Miembro.objects.select_related("periodo"),
    )


@transaction.atomic
def registrar_estado(
    *,
    miembro: Miembro,
    estado: str,
    desde: date,
    hasta: date | None = None,
    documento: str = "",
    motivo: str = "",
    por,
) -> EstadoMiembro:
    """Anota que `miembro` pasa a `estado` (licencia, suspensión, vacancia; o vuelve a activo) desde una
    fecha, con el documento que lo dispone. La historia no se edita: un registro posterior manda desde su
    fecha. Licencia, suspensión y vacancia exigen el documento.
    """
    errores: dict[str, list[str]] = {}
    documento, motivo = (documento or "").strip(), (motivo or "").strip()
    if estado not in EstadoMiembro.Estado.values:
        errores["estado"] = ["Elija el estado: activo, con licencia, suspendido o vacado."]
    if desde is None:
        errores["desde"] = ["Indique desde qué fecha."]
    else:
        periodo = miembro.periodo
        if not periodo.inicio <= desde <= periodo.fin:
            errores["desde"] = [
                f"La fecha debe estar dentro del periodo ({periodo.inicio:%d/%m/%Y} al "
                f"{periodo.fin:%d/%m/%Y})."
            ]
        if hasta is not None and hasta < desde:
            errores["hasta"] = ["La fecha final no puede ser anterior a la inicial."]
    if (
        estado
        in (EstadoMiembro.Estado.LICENCIA, EstadoMiembro.Estado.SUSPENDIDO, EstadoMiembro.Estado.VACADO)
        and not documento
    ):
        errores["documento"] = [
            "Indique el documento que lo dispone (p. ej. «Acuerdo de Concejo Nº 012-2026»)."
        ]
    if estado == EstadoMiembro.Estado.VACADO and hasta is not None:
        errores["hasta"] = ["La vacancia no tiene fecha final."]
    if len(documento) > 200 or len(motivo) > 300:
        errores["documento"] = ["El documento admite hasta 200 caracteres y el motivo hasta 300."]
    if errores:
        raise ValidationError(errores)
    antes = estado_en(miembro, desde)
    registro = EstadoMiembro.objects.create(
        miembro=miembro, estado=estado, desde=desde, hasta=hasta, documento=documento, motivo=motivo
    )
    registrar_evento(
        por=por,
        accion="concejo.miembro.estado",
        objeto=miembro,
        antes={"estado": antes, "fecha": desde.isoformat()},
        despues=instantanea(registro),
    )
    return registro


def _validar_comision(c: Organo) -> None:
    errores = {}
    c.nombre, c.sigla = (c.nombre or "").strip(), (c.sigla or "").strip()
    if c.tipo not in (
        Organo.Tipo.COMISION_ORDINARIA,
        Organo.Tipo.COMISION_ESPECIAL,
        Organo.Tipo.COMISION_MESA,
    ):
        errores["tipo"] = ["Elija el tipo de comisión: ordinaria, especial o de Mesa."]
    if not c.nombre:
        errores["nombre"] = ["Escriba el nombre de la comisión."]
    elif len(c.nombre) > 200 or len(c.sigla) > 20:
        errores["nombre"] = ["El nombre admite hasta 200 caracteres y la sigla hasta 20."]
    elif Organo.objects.filter(periodo=c.periodo, nombre__iexact=c.nombre).exclude(pk=c.pk).exists():
        errores["nombre"] = ["Ya hay una comisión con ese nombre en el periodo."]
    if (
        c.tipo == Organo.Tipo.COMISION_MESA
        and Organo.objects.filter(periodo=c.periodo, tipo=Organo.Tipo.COMISION_MESA, activo=True)
        .exclude(pk=c.pk)
        .exists()
    ):
        errores["tipo"] = ["El periodo ya tiene una Comisión de Mesa."]
    if errores:
        raise ValidationError(errores)


@transaction.atomic
def crear_comision(*, periodo: Periodo, tipo: str, nombre: str, sigla: str = "", por) -> Organo:
    """Crea una comisión (ordinaria, especial o la Comisión de Mesa, una por periodo) del concejo."""
    c = Organo(periodo=periodo, tipo=tipo, nombre=nombre, sigla=sigla)
    _validar_comision(c)
    c.save()
    registrar_evento(por=por, accion="concejo.comision.crear", objeto=c, despues=instantanea(c))
    return c


def _se_superponen(desde1, hasta1, desde2, hasta2) -> bool:
    return (hasta2 is None or desde1 <= hasta2) and (hasta1 is None or desde2 <= hasta1)


@transaction.atomic
def agregar_integrante(
    *,
    comision: Organo,
    miembro: Miembro,
    funcion: str = IntegranteComision.Funcion.MIEMBRO,
    desde: date | None = None,
    hasta: date | None = None,
    por,
) -> IntegranteComision:
    """Incorpora a `miembro` a la comisión con su función y fechas. Un miembro no figura dos veces a la
    vez en la misma comisión, y presidente, vicepresidente y secretario son uno a la vez.
    """
    if comision.es_pleno:
        raise ValidationError({"miembro": "El pleno no tiene integrantes: sus miembros son los del periodo."})
    desde = desde or comision.periodo.inicio
    errores: dict[str, list[str]] = {}
    if miembro.periodo_id != comision.periodo_id:
        errores["miembro"] = ["El miembro debe ser del mismo periodo que la comisión."]
    if funcion not in IntegranteComision.Funcion.values:
        errores["funcion"] = ["Elija la función en la comisión."]
    try:
        _fecha_en_periodo(comision.periodo, desde, "desde")
        _hasta_tras_desde(desde, hasta)
    except ValidationError as e:
        errores.update(e.message_dict)
    if not errores:
        for otro in comision.integrantes.select_related("miembro__persona"):
            if not _se_superponen(desde, hasta, otro.desde, otro.hasta):
                continue
            if otro.miembro_id == miembro.pk:
                errores["miembro"] = ["Ese miembro ya integra la comisión en esas fechas."]
            elif funcion != IntegranteComision.Funcion.MIEMBRO and otro.funcion == funcion:
                errores["funcion"] = [
                    f"La comisión ya tiene {otro.get_funcion_display().lower()} en esas fechas "
                    f"({otro.miembro})."
                ]
    if errores:
        raise ValidationError(errores)
    integrante = IntegranteComision.objects.create(
        organo=comision, miembro=miembro, funcion=funcion, desde=desde, hasta=hasta
    )
    registrar_evento(
        por=por,
        accion="concejo.comision.integrante.agregar",
        objeto=comision,
        despues=instantanea(integrante),
    )
    return integrante


@transaction.atomic
def terminar_integrante(*, integrante: IntegranteComision, hasta: date, por) -> IntegranteComision:
    """Cierra la participación de un integrante en la comisión en la fecha `hasta` (la fila queda)."""
    integrante = (
        IntegranteComision.objects.select_for_update().select_related("organo__periodo").get(pk=integrante.pk)
    )
    if hasta is None:
        raise ValidationError({"hasta": "Indique la fecha en que deja la comisión."})
    _hasta_tras_desde(integrante.desde, hasta)
    _fecha_en_periodo(integrante.organo.periodo, hasta, "hasta")
    antes = instantanea(integrante)
    integrante.hasta = hasta
    integrante.save(update_fields=["hasta"])
    registrar_evento(
        por=por,
        accion="concejo.comision.integrante.terminar",
        objeto=integrante.organo,
        antes=antes,
        despues=instantanea(integrante),
    )
    return integrante


@transaction.atomic
def agregar_miembro_por_documento(
    *,
    periodo: Periodo,
    tipo_documento: str,
    numero_documento: str,
    nombres: str = "",
    apellidos: str = "",
    por,
    **campos,
) -> Miembro:
    """Como `agregar_miembro`, pero busca a la persona por su documento y, si no está registrada, la
    registra con el servicio de personas del núcleo (todo o nada: un error no deja la persona suelta).
    """

    persona = Persona.objects.filter(
        tipo_documento=tipo_documento, numero_documento=normalizar_numero(numero_documento)
    ).first()
    if persona is None:
        persona = registrar_persona(
            tipo=Persona.Tipo.NATURAL,
            tipo_documento=tipo_documento,
            numero_documento=numero_documento,
            nombres=nombres,
            apellidos=apellidos,
            correo=campos.get("correo", ""),
            por=por,
        )
    return agregar_miembro(periodo=periodo, persona=persona, por=por, **campos)
