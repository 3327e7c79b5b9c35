"""Lecturas del cuerpo del concejo: sus reglas (del perfil), quién lo integra en cada fecha, el quórum de una
sesión y el resultado de una votación. Las llaman las páginas, la API, los servicios de la sesión en vivo y
el acta; los cambios del cuerpo están en `concejo.services.cuerpo` y las cuentas puras en `concejo.reglas`.

Asientos y suplentes: un miembro con `suplente_de` vacío ocupa un asiento titular. Su suplente (otro
`Miembro` del periodo con `suplente_de` = el titular) se sienta en su lugar en las fechas en que el
titular no está activo (licencia, suspensión o vacancia) y el suplente sí lo está. Los miembros hábiles
son el número legal menos los asientos que en esa fecha quedan sin nadie activo.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from concejo import reglas
from concejo.models import EstadoMiembro, IntegranteComision, Miembro, Organo, Periodo, Sesion, Votacion, Voto
from core import versiones
from core.services import perfiles
from core.services.perfiles import ClaveConocida

ACTIVO = EstadoMiembro.Estado.ACTIVO

# --- Las reglas del perfil ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReglasConcejo:
    """Las reglas del concejo vigentes en una fecha, leídas del perfil (con la regla local si la hay)."""

    fecha: date
    quorum: dict
    mayoria: str  # código de `reglas.MAYORIAS`: la mayoría general
    mayorias_especiales: list[dict]  # [{"materia", "codigo"}]
    desempate: str  # código del perfil (`reglas.DESEMPATES`)
    abstencion: str  # "en_la_base" | "fuera_de_la_base"
    inhibicion: str
    alcalde_vota: bool  # False: el alcalde solo dirime empates (Perú)
    tipos_sesion: list[str]
    votaciones: list[str]  # formas de votación (Votacion.Forma)
    aviso: dict  # tipo de sesión → {"cantidad", "unidad"} o None si el perfil no fija plazo
    debates_ordenanza: int  # clave antigua (`concejo.debates_ordenanza`): ya solo alimenta `debates`
    reconsideracion_dias: int | None
    vocabulario: dict = field(default_factory=dict)  # concejo, miembro, miembros, alcalde
    fuentes: dict = field(default_factory=dict)  # clave → {"fuente", "confianza", "local"}
    # Debates que necesita cada instrumento (`concejo.debates`: {"ordenanza": 2, "acuerdo": 1}); el que no
    # figura, uno.
    debates: dict = field(default_factory=dict)
    # Cómo va el segundo debate (`concejo.segundo_debate`): dónde se da el primero («comision» o
    # «cualquiera») y cuántos días (de qué unidad) deben mediar entre ambos.
    segundo_debate: dict = field(default_factory=lambda: dict(SEGUNDO_DEBATE_POR_OMISION))
    # Reconsideración que fija la ley para ciertas materias (`concejo.reconsideracion`: {"dias", "unidad",
    # "materias"}; Perú: 15 días hábiles para la vacancia, LOM art. 23). Las demás decisiones siguen
    # `reconsideracion_dias` (días hábiles, del reglamento: regla local), si lo hay.
    reconsideracion: dict | None = None

    def mayorias_disponibles(self) -> dict[str, str]:
        """Código → nombre de las mayorías que se pueden exigir (para los formularios)."""
        return dict(reglas.MAYORIAS)

    def debates_de(self, instrumento: str) -> int:
        """Cuántos debates necesita `instrumento` (código del perfil) para ser decisión del concejo."""
        return max(int(self.debates.get(instrumento or "", 1) or 1), 1)

    def instrumentos_con_dos_debates(self) -> list[str]:
        """Los instrumentos que el perfil hace pasar por dos (o más) debates."""
        return [codigo for codigo in self.debates if self.debates_de(codigo) >= 2]


SEGUNDO_DEBATE_POR_OMISION = {"primero_en": "cualquiera", "dias_minimos": 1, "unidad": "calendario"}


_OPCIONALES = {
    "concejo.votaciones": ["ordinaria", "nominal"],
    "concejo.debates_ordenanza": 1,
    "concejo.reconsideracion_dias": None,
    "concejo.abstencion": "en_la_base",
    "concejo.inhibicion": "fuera_de_la_base",
    "concejo.alcalde_vota": True,
}


def fecha_local(fecha: date | datetime | None) -> date:
    """El día de `fecha` en la hora local (hoy si es None); una fecha sin hora queda igual."""
    if fecha is None:
        return timezone.localdate()
    if isinstance(fecha, datetime):
        return timezone.localtime(fecha).date() if timezone.is_aware(fecha) else fecha.date()
    return fecha


def reglas_del_concejo(fecha=None, *, municipio=None) -> ReglasConcejo:
    """Las reglas del concejo que rigen en `fecha` (hoy si no se da) para el municipio de la instalación.

    Lee las claves `concejo.*` del perfil de jurisdicción (y las reglas locales del municipio): regla de
    quórum, mayoría general y las especiales, desempate, efecto de abstención e inhibición, si el
    alcalde vota, tipos de sesión, formas de votación, aviso por tipo de sesión, debates por instrumento
    (`concejo.debates`, con `concejo.debates_ordenanza` como respaldo), forma del segundo debate y
    reconsideración (la que fija la ley por materia y la general del reglamento). Las claves que un perfil no define toman un valor
    prudente (p. ej. sin plazo de reconsideración) y lo dicen en `fuentes`.
    """
    fecha = fecha_local(fecha)
    fuentes: dict = {}

    def leer(clave: str, *, opcional=False, defecto=None):
        try:
            regla = perfiles.regla_vigente(clave, municipio=municipio, fecha=fecha)
        except perfiles.ClaveDesconocida:
            if not opcional:
                raise
            fuentes[clave] = {
                "fuente": "El perfil no lo fija: valor por omisión del sistema",
                "confianza": "?",
                "local": False,
            }
            return defecto
        fuentes[clave] = {"fuente": regla.fuente, "confianza": regla.confianza, "local": regla.local}
        return regla.valor

    quorum = reglas.regla_de_quorum(leer("concejo.quorum"))
    mayoria = leer("concejo.mayoria")
    if isinstance(mayoria, str):  # forma antigua: solo el código de la mayoría general
        mayoria = {"general": mayoria, "especiales": []}
    tipos = list(leer("concejo.tipos_sesion"))
    aviso = {tipo: leer(f"concejo.aviso_{tipo}", opcional=True) for tipo in tipos}
    for clave in list(fuentes):  # un tipo sin plazo de aviso no es una regla que falte
        if clave.startswith("concejo.aviso_") and aviso[clave.removeprefix("concejo.aviso_")] is None:
            del fuentes[clave]
    vocabulario = {
        c: leer(f"vocabulario.{c}", opcional=True, defecto=c)
        for c in ("concejo", "miembro", "miembros", "alcalde")
    }
    debates_ordenanza = int(leer("concejo.debates_ordenanza", opcional=True, defecto=1) or 1)
    debates = leer("concejo.debates", opcional=True)
    antigua = fuentes.get("concejo.debates_ordenanza", {})
    if debates is None:
        debates = {"ordenanza": debates_ordenanza}
    elif antigua.get("local") and not fuentes["concejo.debates"].get("local"):
        # Una regla local antigua sobre las ordenanzas sigue mandando sobre el perfil.
        debates = {**debates, "ordenanza": debates_ordenanza}
    debates = dict(debates)
    segundo = leer("concejo.segundo_debate", opcional=True)
    return ReglasConcejo(
        fecha=fecha,
        quorum=quorum,
        mayoria=mayoria["general"],
        mayorias_especiales=list(mayoria.get("especiales", [])),
        desempate=leer("concejo.desempate"),
        abstencion=leer("concejo.abstencion", opcional=True, defecto=_OPCIONALES["concejo.abstencion"]),
        inhibicion=leer("concejo.inhibicion", opcional=True, defecto=_OPCIONALES["concejo.inhibicion"]),
        alcalde_vota=leer("concejo.alcalde_vota", opcional=True, defecto=True),
        tipos_sesion=tipos,
        votaciones=list(leer("concejo.votaciones", opcional=True, defecto=_OPCIONALES["concejo.votaciones"])),
        aviso=aviso,
        debates_ordenanza=debates_ordenanza,
        reconsideracion_dias=leer("concejo.reconsideracion_dias", opcional=True),
        vocabulario=vocabulario,
        fuentes=fuentes,
        debates=debates,
        segundo_debate={**SEGUNDO_DEBATE_POR_OMISION, **(segundo or {})},
        reconsideracion=leer("concejo.reconsideracion", opcional=True),
    )


def claves_del_concejo(leer):
    """Claves que el concejo lee aunque el perfil no las fije (`reglas_del_concejo`): el aviso de cada tipo
    de sesión y los valores con omisión propia; el municipio puede fijarlas con una regla local. Se inscribe
    en el núcleo (`core.services.perfiles.registrar_claves`) desde `ConcejoConfig.ready()`."""

    for tipo in leer("concejo.tipos_sesion") or []:
        yield ClaveConocida(
            f"concejo.aviso_{tipo}",
            {"cantidad": 5, "unidad": "dias_habiles"},
            f"Anticipación de la citación a sesión {tipo}",
            validar=_validar_aviso,
        )
    yield ClaveConocida(
        "concejo.reconsideracion_dias",
        15,
        "Días hábiles para pedir la reconsideración de una decisión (según el reglamento interno)",
    )
    yield ClaveConocida(
        "concejo.reconsideracion",
        {"dias": 15, "unidad": "habiles", "materias": []},
        "Plazo de reconsideración que fija la ley para ciertas materias (vacías: todas)",
        validar=_validar_reconsideracion,
    )
    yield ClaveConocida("concejo.debates_ordenanza", 1, "Debates que necesita una ordenanza (clave antigua)")
    yield ClaveConocida(
        "concejo.debates",
        {"ordenanza": 1, "acuerdo": 1},
        "Debates que necesita cada instrumento del concejo",
        validar=_validar_debates,
    )
    yield ClaveConocida(
        "concejo.segundo_debate",
        dict(SEGUNDO_DEBATE_POR_OMISION),
        "Dónde se da el primer debate y cuántos días median hasta el segundo",
        validar=_validar_segundo_debate,
    )
    yield ClaveConocida("concejo.votaciones", ["ordinaria", "nominal"], "Formas de votación")
    yield ClaveConocida("concejo.abstencion", "en_la_base", "Efecto de la abstención en la base")
    yield ClaveConocida("concejo.inhibicion", "fuera_de_la_base", "Efecto de la inhibición en la base")
    yield ClaveConocida("concejo.alcalde_vota", True, "Si el alcalde vota")


def _validar_debates(valor: dict) -> None:
    if not isinstance(valor, dict) or not all(
        isinstance(k, str) and type(v) is int and 1 <= v <= 3 for k, v in valor.items()
    ):
        raise ValidationError(
            'Los debates se escriben por instrumento: {"ordenanza": 2, "acuerdo": 1}; cada número es 1, 2 o 3.'
        )


def _validar_segundo_debate(valor: dict) -> None:
    dias = valor.get("dias_minimos") if isinstance(valor, dict) else None
    if (
        not isinstance(valor, dict)
        or not set(valor) <= {"primero_en", "dias_minimos", "unidad"}
        or valor.get("primero_en", "cualquiera") not in {"comision", "cualquiera"}
        or (dias is not None and (type(dias) is not int or dias < 0))
        or valor.get("unidad", "calendario") not in {"calendario", "habiles"}
    ):
        raise ValidationError(
            'El segundo debate se escribe como {"primero_en": "comision", "dias_minimos": 3, "unidad": '
            '"calendario"}; primero_en es comision o cualquiera y la unidad calendario o habiles.'
        )


def _validar_reconsideracion(valor: dict) -> None:
    if (
        not isinstance(valor, dict)
        or set(valor) - {"dias", "unidad", "materias"}
        or type(valor.get("dias")) is not int
        or valor["dias"] < 1
        or valor.get("unidad", "habiles") not in {"habiles", "calendario"}
        or not isinstance(valor.get("materias", []), list)
    ):
        raise ValidationError(
            'La reconsideración se escribe como {"dias": 15, "unidad": "habiles", "materias": ["Vacancia de '
            'un miembro"]}; la unidad es habiles o calendario y las materias (vacías: todas) son las de las '
            "mayorías especiales."
        )


def _validar_aviso(valor: dict) -> None:
    # La forma que lee concejo/services/citacion.py (comprobar_aviso): cantidad entera y su unidad.
    cantidad, unidad = valor.get("cantidad"), valor.get("unidad")
    if (
        set(valor) != {"cantidad", "unidad"}
        or type(cantidad) is not int
        or cantidad < 0
        or unidad not in {"dias_habiles", "dias_calendario", "horas"}
    ):
        raise ValidationError(
            'El aviso se escribe como {"cantidad": 5, "unidad": "dias_habiles"}; la unidad es dias_habiles, '
            "dias_calendario u horas y la cantidad un entero no negativo."
        )


# --- Quién integra el cuerpo en una fecha ---------------------------------------------------------


def _estado_vigente(miembro: Miembro, fecha: date) -> EstadoMiembro | None:
    # Recorre `miembro.estados.all()` (ya ordenados -desde, -id) para aprovechar un prefetch.
    for registro in miembro.estados.all():
        if registro.desde <= fecha and (registro.hasta is None or fecha <= registro.hasta):
            return registro
    return None


def estado_en(miembro: Miembro, fecha) -> str:
    """El estado de `miembro` en `fecha` (valor de `EstadoMiembro.Estado`): el registro vigente más
    reciente, o «activo» si no hay ninguno. Fuera de las fechas de su asiento (desde/hasta) está «vacado».
    """
    fecha = fecha_local(fecha)
    if fecha < miembro.desde or (miembro.hasta is not None and fecha > miembro.hasta):
        return EstadoMiembro.Estado.VACADO
    registro = _estado_vigente(miembro, fecha)
    return registro.estado if registro else ACTIVO


@dataclass
class Asiento:
    """Un asiento titular en una fecha: quién lo tiene y quién lo ocupa (el titular o su suplente)."""

    titular: Miembro
    estado: str
    registro: EstadoMiembro | None
    ocupante: Miembro | None  # quien se sienta (None: asiento vacío ese día)

    @property
    def habil(self) -> bool:
        return self.ocupante is not None

    @property
    def reemplazado(self) -> bool:
        return self.ocupante is not None and self.ocupante.pk != self.titular.pk


@dataclass
class Situacion:
    """El concejo en una fecha: número legal, hábiles, quién se sienta y quién está fuera y por qué."""

    periodo: Periodo
    fecha: date
    numero_legal: int
    asientos: list[Asiento]

    @property
    def habiles(self) -> list[Miembro]:
        return [a.ocupante for a in self.asientos if a.ocupante is not None]

    @property
    def fuera(self) -> list[Asiento]:
        return [a for a in self.asientos if a.estado != ACTIVO]

    @property
    def numero_habiles(self) -> int:
        """El número legal menos los asientos sin nadie activo ese día."""
        vacios = sum(1 for a in self.asientos if not a.habil)
        return max(self.numero_legal - vacios, 0)


def miembros_del_periodo(periodo: Periodo) -> list[Miembro]:
    """Los asientos del periodo (titulares y suplentes) por precedencia, con persona y estados."""
    return list(
        periodo.miembros.select_related("persona", "suplente_de", "usuario")
        .prefetch_related("estados")
        .order_by("orden", "id")
    )


# Situaciones ya calculadas dentro de `situacion_en_cache` (una solicitud), por (periodo, fecha); y la versión
# del cuerpo con que se comparten entre solicitudes, si se dio.
_situaciones: ContextVar[dict | None] = ContextVar("secretaria_situaciones_del_pleno", default=None)
_version_del_cuerpo: ContextVar[int | None] = ContextVar("secretaria_version_del_cuerpo", default=None)

# Situaciones guardadas en el proceso entre solicitudes, por la versión del grupo «cuerpo» de `core.versiones`
# (miembros, sus estados y sus personas) y (periodo, número legal, fecha). Se comparten entre solicitudes e
# hilos: quien las usa no las modifica.
_GUARDADAS = versiones.Memoria("cuerpo", maximo=32)


@contextmanager
def situacion_en_cache(*, version: int | None = None):
    """Dentro del bloque, `situacion_en(periodo, fecha)` se calcula una vez (el resultado, el quórum y la
    lista de miembros la releen); fuera, cada llamada consulta. Solo para bloques que no cambian miembros
    ni sus estados (p. ej. anotar un voto y mostrar el panel de la votación).

    Con `version` (la del grupo «cuerpo», leída en esta solicitud junto con lo que se vota:
    `permissions.obtener_votacion`), además se toma la situación que el proceso guardó en otra solicitud con
    esa misma versión. Es para el voto en vivo, que la lee a cada voto sin que cambie."""
    token = _situaciones.set({})
    token_version = _version_del_cuerpo.set(version)
    try:
        yield
    finally:
        _version_del_cuerpo.reset(token_version)
        _situaciones.reset(token)


def situacion_en(periodo: Periodo, fecha=None) -> Situacion:
    """Quién integra el pleno de `periodo` en `fecha`, asiento por asiento (dos consultas; ninguna si ya
    se calculó dentro de `situacion_en_cache`)."""
    fecha = fecha_local(fecha)
    cache = _situaciones.get()
    if cache is None:
        return _situacion_en(periodo, fecha)
    clave = (periodo.pk, fecha)
    if clave not in cache:
        cache[clave] = _GUARDADAS.obtener(
            _version_del_cuerpo.get(),
            (periodo.pk, periodo.numero_legal, fecha),
            lambda: _situacion_en(periodo, fecha),
        )
    return cache[clave]


def _situacion_en(periodo: Periodo, fecha: date) -> Situacion:
    miembros = miembros_del_periodo(periodo)
    suplentes: dict[int, list[Miembro]] = {}
    for m in miembros:
        if m.suplente_de_id:
            suplentes.setdefault(m.suplente_de_id, []).append(m)
    asientos = []
    for titular in miembros:
        if titular.suplente_de_id:
            continue
        if fecha < titular.desde or (titular.hasta is not None and fecha > titular.hasta):
            # Un asiento que aún no empieza o ya terminó sin vacancia declarada: el suplente que lo
            # tomó figura con sus propias fechas; si no hay, el asiento no es de esa fecha.
            if not any(
                s.desde <= fecha and (s.hasta is None or fecha <= s.hasta)
                for s in suplentes.get(titular.pk, [])
            ):
                continue
        estado = estado_en(titular, fecha)
        ocupante = titular if estado == ACTIVO else None
        if ocupante is None:
            ocupante = next((s for s in suplentes.get(titular.pk, []) if estado_en(s, fecha) == ACTIVO), None)
        asientos.append(Asiento(titular, estado, _estado_vigente(titular, fecha), ocupante))
    return Situacion(periodo, fecha, periodo.numero_legal, asientos)


def miembros_de(organo: Organo, fecha=None) -> list[Miembro]:
    """Quienes integran `organo` en `fecha`: del pleno, los titulares del periodo (también los que están
    con licencia, para pasarles lista) y los suplentes en funciones; de una comisión, sus integrantes en
    esa fecha (el presidente primero).
    """
    fecha = fecha_local(fecha)
    if organo.es_pleno:
        situacion = situacion_en(organo.periodo, fecha)
        lista = []
        for a in situacion.asientos:
            if a.estado != EstadoMiembro.Estado.VACADO:
                lista.append(a.titular)
            if a.reemplazado:
                lista.append(a.ocupante)
        return lista
    return [i.miembro for i in integrantes_de(organo, fecha)]


def integrantes_de(organo: Organo, fecha=None) -> list[IntegranteComision]:
    """Los integrantes de la comisión `organo` vigentes en `fecha`, por función (presidente primero)."""
    fecha = fecha_local(fecha)
    orden = {f: i for i, f in enumerate(IntegranteComision.Funcion.values)}
    filas = [
        i
        for i in organo.integrantes.select_related("miembro__persona").prefetch_related("miembro__estados")
        if i.desde <= fecha and (i.hasta is None or fecha <= i.hasta)
    ]
    return sorted(filas, key=lambda i: (orden.get(i.funcion, 99), i.miembro.orden, i.pk))


def miembros_habiles(periodo: Periodo, fecha=None) -> list[Miembro]:
    """Los miembros activos que se sientan en el pleno en `fecha` (titulares activos y suplentes en
    funciones). Su número, si el registro está completo, es el de miembros hábiles.
    """
    return situacion_en(periodo, fecha).habiles


# --- Quórum y resultado ---------------------------------------------------------------------------


def _base_del_organo(organo: Organo, fecha: date) -> tuple[int, int, list[Miembro]]:
    """(número legal, hábiles, miembros que se sientan) del pleno o de la comisión en `fecha`."""
    if organo.es_pleno:
        situacion = situacion_en(organo.periodo, fecha)
        return situacion.numero_legal, situacion.numero_habiles, situacion.habiles
    integrantes = [i.miembro for i in integrantes_de(organo, fecha)]
    habiles = [m for m in integrantes if estado_en(m, fecha) == ACTIVO]
    return len(integrantes), len(habiles), integrantes


def quorum_de(sesion: Sesion, para: str = "decidir") -> reglas.Quorum:
    """El quórum de `sesion` ahora: los miembros en sala (asistencia presente y no retirados) contra la
    regla del perfil en la fecha de la sesión, con el número legal y los hábiles de ese día (en una
    comisión: sus integrantes y los activos de ellos). `para` es «decidir» (votar) o «deliberar»
    (instalarse y debatir: en Colombia basta la cuarta parte, Const. 145 y Ley 136, art. 29).
    """
    return quorums_de(sesion)[para]


def quorums_de(sesion: Sesion) -> dict[str, reglas.Quorum]:
    """Los dos quórums de `sesion` ahora: {"deliberar": ..., "decidir": ...} (iguales donde el perfil no
    fija uno propio para deliberar)."""
    fecha = fecha_local(sesion.fecha)
    regla = reglas_del_concejo(fecha)
    numero_legal, habiles, _ = _base_del_organo(sesion.organo, fecha)
    presentes = sum(1 for a in sesion.asistencias.all() if a.en_sala)
    return {
        para: reglas.quorum(
            regla=regla.quorum, numero_legal=numero_legal, habiles=habiles, presentes=presentes, para=para
        )
        for para in ("deliberar", "decidir")
    }


def _repeticiones(votacion: Votacion) -> int:
    """Cuántas votaciones empatadas repite esta (la cadena de `repite`)."""
    n, actual, vistas = 0, votacion, set()
    while actual.repite_id and actual.repite_id not in vistas:
        vistas.add(actual.repite_id)
        n += 1
        actual = actual.repite
    return n


@dataclass(frozen=True)
class LecturaDeVotacion:
    """Lo que `resultado_de` leyó de la sala y de los votos, para que quien muestra el panel de la votación
    justo después no lo vuelva a leer: `en_sala` da el rol de cada miembro en sala; `votos`, filas
    (miembro_id, sentido, rol del miembro, fundamento)."""

    en_sala: dict[int, str]
    votos: list[tuple[int, str, str, str]]

    def votos_por_miembro(self, votacion: Votacion) -> dict[int, Voto]:
        """Los votos como objetos `Voto` (sin guardar: para mostrarlos), por miembro."""
        return {
            m: Voto(votacion=votacion, miembro_id=m, sentido=s, fundamento=f) for m, s, _rol, f in self.votos
        }


def en_sala_con_rol(sesion: Sesion) -> dict[int, str]:
    """Los miembros en sala (presentes y no retirados) con su rol, en filas planas."""
    return dict(sesion.asistencias.en_sala().values_list("miembro_id", "miembro__rol"))


def resultado_de(votacion: Votacion, *, en_sala: dict[int, str] | None = None) -> reglas.Resultado:
    """El resultado de `votacion` con la mayoría que exige (la general del perfil si no dice) y la regla
    de desempate del perfil en la fecha de la sesión.

    Nominal: cuenta los `Voto`. Ordinaria y secreta: los conteos de la votación. Presentes: los en sala
    según la asistencia, menos los que en una nominal figuran ausentes. Donde el alcalde no vota (Perú),
    ni su voto ni su presencia entran en el conteo. El empate lo dirime `votacion.sentido_dirimente`; si
    está vacío y hay `voto_dirimente`, el sentido del `Voto` de ese miembro (voto de calidad: en México el
    presidente vota y, si empata, gana su sentido). Las repeticiones se cuentan por la cadena `repite`.
    `en_sala` (de `en_sala_con_rol`), si quien llama ya la leyó. Lo leído queda en
    `votacion.lectura_del_resultado` (`LecturaDeVotacion`).
    """
    sesion = votacion.sesion
    fecha = fecha_local(sesion.fecha)
    regla = reglas_del_concejo(fecha)
    numero_legal, habiles, _ = _base_del_organo(sesion.organo, fecha)
    # Filas planas (id y rol del miembro, sentido): en la sesión en vivo esto corre a cada voto, con 40
    # miembros, y no hacen falta los objetos.
    if en_sala is None:
        en_sala = en_sala_con_rol(sesion)
    solo_dirime = sesion.organo.es_pleno and not regla.alcalde_vota
    votos = (
        list(votacion.votos.values_list("miembro_id", "sentido", "miembro__rol", "fundamento"))
        if votacion.pk
        else []
    )
    votacion.lectura_del_resultado = LecturaDeVotacion(en_sala, votos)
    sentido_de = {miembro_id: sentido for miembro_id, sentido, _rol, _f in votos}
    dirimente = votacion.sentido_dirimente or None
    if dirimente is None and votacion.voto_dirimente_id and votacion.voto_dirimente_id in sentido_de:
        sentido = sentido_de[votacion.voto_dirimente_id]
        dirimente = sentido if sentido in (Voto.Sentido.A_FAVOR, Voto.Sentido.EN_CONTRA) else None
    conteo = reglas.contar(
        votos=[(miembro_id, sentido, rol) for miembro_id, sentido, rol, _f in votos],
        en_sala=en_sala,
        nominal=votacion.forma in (Votacion.Forma.NOMINAL, Votacion.Forma.NOMINAL_RAZONADA),
        no_vota=Miembro.Rol.ALCALDE if solo_dirime else None,
        conteos=(votacion.a_favor, votacion.en_contra, votacion.abstenciones),
    )
    return reglas.resultado(
        mayoria=votacion.mayoria or regla.mayoria,
        a_favor=conteo.a_favor,
        en_contra=conteo.en_contra,
        abstenciones=conteo.abstenciones,
        inhibidos=conteo.inhibidos,
        presentes=conteo.presentes,
        numero_legal=numero_legal,
        habiles=habiles,
        desempate=regla.desempate,
        voto_dirimente=dirimente,
        repeticion=_repeticiones(votacion),
        abstencion=regla.abstencion,
        inhibicion=regla.inhibicion,
    )


def periodo_en(fecha=None) -> Periodo | None:
    """El periodo que rige en `fecha` (hoy si no se da), o None."""
    fecha = fecha_local(fecha)
    return Periodo.objects.filter(inicio__lte=fecha, fin__gte=fecha).order_by("-inicio").first()
