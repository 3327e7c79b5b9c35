"""Informes del registro: documentos recibidos y despachados, y cumplimiento de plazos por unidad.

Solo lecturas. Todo se agrega en la base de datos (GROUP BY con conteos condicionales): Python solo
junta filas ya agregadas (unidades × periodos), nunca recorre documentos. Así el informe de un año
responde en menos de un segundo con un millón de documentos (bench/registro.py lo mide).

Las fechas se cortan en la zona horaria del municipio: un documento recibido a las 23:30 del 31 de
enero en Lima es de enero aunque en UTC ya sea febrero.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Count, DateField, F, Func, IntegerField, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, TruncDate, TruncDay, TruncMonth, TruncWeek

from core.models import Municipio, UnidadOrganica, Usuario
from core.services.calendario import Calendario
from registro.models import Derivacion, Documento

PERIODOS = {"dia": ("Día", TruncDay), "semana": ("Semana", TruncWeek), "mes": ("Mes", TruncMonth)}
ESTADOS_ATENDIDOS = (Documento.Estado.ATENDIDO, Documento.Estado.CONCLUIDO)
SIN_UNIDAD = "Sin unidad (mesa de partes virtual)"


@dataclass
class FilaRecibidos:
    periodo: date
    unidad_id: int | None
    unidad: str
    registrados: int = 0
    derivados: int = 0
    atendidos: int = 0
    despachados: int = 0


@dataclass
class InformeRecibidos:
    desde: date
    hasta: date
    periodo: str
    filas: list[FilaRecibidos]
    totales: dict[str, int]
    por_periodo: list[dict]  # para el gráfico: {"periodo", "registrados", "despachados", ...}

    COLUMNAS = ("registrados", "derivados", "atendidos", "despachados")

    @property
    def periodo_nombre(self) -> str:
        return PERIODOS[self.periodo][0].lower()


@dataclass
class FilaCumplimiento:
    unidad_id: int | None
    unidad: str
    cerrados: int = 0
    a_tiempo: int = 0
    con_retraso: int = 0
    sin_plazo: int = 0
    vencidos_abiertos: int = 0
    promedio_dias: float | None = None
    _dias: int = field(default=0, repr=False)

    @property
    def porcentaje_a_tiempo(self) -> float | None:
        con_plazo = self.a_tiempo + self.con_retraso
        return round(100 * self.a_tiempo / con_plazo, 1) if con_plazo else None


def _zona(municipio: Municipio | None) -> ZoneInfo:
    return ZoneInfo(municipio.zona_horaria if municipio else settings.TIME_ZONE)


def _rango(desde: date, hasta: date, zona: ZoneInfo) -> tuple[datetime, datetime]:
    """[desde 00:00, hasta+1 00:00) en la hora local del municipio."""
    if hasta < desde:
        raise ValueError("La fecha final no puede ser anterior a la inicial.")
    return (
        datetime.combine(desde, time.min, tzinfo=zona),
        datetime.combine(hasta + timedelta(days=1), time.min, tzinfo=zona),
    )


def _nombres_unidades(ids) -> dict[int | None, str]:
    nombres = {u.pk: u.nombre for u in UnidadOrganica.objects.filter(pk__in=[i for i in ids if i])}
    nombres[None] = SIN_UNIDAD
    return nombres


class _Corte:
    """El periodo (día, semana o mes, en la hora local) de cada fila, como expresión de la consulta.

    En PostgreSQL es `width_bucket` sobre el instante con los comienzos de periodo ya pasados a instantes:
    una búsqueda binaria por fila, en vez de convertir cada fila a la hora local y truncarla (la mitad del
    tiempo del informe anual con un millón de documentos). Da el número de periodo; `fecha` lo vuelve la
    fecha de comienzo. En otros motores, `Trunc*` con la zona del municipio, que ya da la fecha.
    """

    def __init__(self, periodo: str, desde: date, hasta: date, zona: ZoneInfo):
        if periodo not in PERIODOS:
            raise ValueError(f"Periodo desconocido «{periodo}»: use día, semana o mes.")
        self.truncar, self.zona = PERIODOS[periodo][1], zona
        self.comienzos = _comienzos(periodo, desde, hasta)
        self.instantes = [datetime.combine(d, time.min, tzinfo=zona) for d in self.comienzos]
        self.con_tramos = connection.vendor == "postgresql"

    def __call__(self, campo: str):
        if self.con_tramos:
            return _tramo(campo, self.instantes)
        return self.truncar(campo, tzinfo=self.zona, output_field=DateField())

    def fecha(self, valor) -> date:
        return self.comienzos[valor - 1] if self.con_tramos else valor


def _tramo(campo: str, instantes: list[datetime]) -> Func:
    """PostgreSQL: el número (desde 1) del tramo [instantes[i-1], instantes[i]) en que cae el instante `campo`;
    0 si es anterior al primero."""
    return Func(
        F(campo),
        RawSQL("%s::timestamptz[]", (instantes,)),
        function="width_bucket",
        output_field=IntegerField(),
    )


def _comienzos(periodo: str, desde: date, hasta: date) -> list[date]:
    """Los días en que empieza cada periodo que toca [desde, hasta]: el primero, el del periodo de `desde`
    (lunes de su semana, día 1 de su mes), como `date_trunc`."""
    if periodo == "dia":
        d, paso = desde, lambda d: d + timedelta(days=1)
    elif periodo == "semana":
        d, paso = desde - timedelta(days=desde.weekday()), lambda d: d + timedelta(days=7)
    else:
        d, paso = desde.replace(day=1), lambda d: (d + timedelta(days=32)).replace(day=1)
    comienzos = []
    while d <= hasta:
        comienzos.append(d)
        d = paso(d)
    return comienzos


def recibidos_y_despachados(
    *, desde: date, hasta: date, unidad: UnidadOrganica | None = None, periodo: str = "mes"
) -> InformeRecibidos:
    """Por unidad y por periodo (día, semana o mes) entre `desde` y `hasta` (inclusive):

    - registrados: documentos de entrada registrados, en la unidad de quien los recibió (la mesa de
      partes; los de la mesa virtual, sin unidad);
    - derivados: derivaciones para acción recibidas por la unidad (enviadas en el periodo);
    - atendidos: documentos atendidos o concluidos en el periodo, en la unidad que los cerró;
    - despachados: documentos de salida firmados (o registrados) en el periodo, por unidad emisora.

    Con `unidad`, solo esa unidad (lo que ve su jefe). Cuatro consultas agregadas, una de las unidades de
    quienes recibieron y una de nombres.
    """
    municipio = Municipio.objects.actual()
    zona = _zona(municipio)
    inicio, fin = _rango(desde, hasta, zona)
    corte = _Corte(periodo, desde, hasta, zona)

    registrados = Documento.objects.filter(
        clase=Documento.Clase.ENTRADA, recibido_en__gte=inicio, recibido_en__lt=fin
    ).exclude(estado=Documento.Estado.ANULADO)
    derivados = Derivacion.objects.filter(
        tipo=Derivacion.Tipo.ACCION, enviado_en__gte=inicio, enviado_en__lt=fin
    )
    atendidos = Documento.objects.filter(
        estado__in=ESTADOS_ATENDIDOS, cerrado_en__gte=inicio, cerrado_en__lt=fin
    )
    # Salida: la fecha es la de firma; si no se firmó en el sistema, la de registro. La misma expresión
    # que el índice parcial `doc_despacho_idx`, así no se recorren los documentos de salida de otros años.
    despachados = (
        Documento.objects.filter(clase=Documento.Clase.SALIDA)
        .exclude(estado__in=[Documento.Estado.BORRADOR, Documento.Estado.ANULADO])
        .alias(despachado_en=Coalesce("firmado_en", "recibido_en"))
        .filter(despachado_en__gte=inicio, despachado_en__lt=fin)
    )
    if unidad is not None:
        registrados = registrados.filter(recibido_por__unidad=unidad)
        derivados = derivados.filter(a_unidad=unidad)
        atendidos = atendidos.filter(unidad_actual=unidad)
        despachados = despachados.filter(unidad_origen=unidad)

    consultas = {
        # Por quien recibió (sin juntar con los usuarios fila por fila): su unidad se pone después.
        "registrados": registrados.values(u=F("recibido_por"), p=corte("recibido_en")),
        "derivados": derivados.values(u=F("a_unidad"), p=corte("enviado_en")),
        "atendidos": atendidos.values(u=F("unidad_actual"), p=corte("cerrado_en")),
        "despachados": despachados.values(u=F("unidad_origen"), p=corte("despachado_en")),
    }
    celdas: dict[tuple[date, int | None], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for columna, consulta in consultas.items():
        # COUNT(*), no COUNT(id): todo se cuenta solo con los índices (Index Only Scan).
        filas_sql = list(consulta.annotate(n=Count("*")).order_by())
        if columna == "registrados":
            unidad_de = dict(
                Usuario.objects.filter(pk__in={f["u"] for f in filas_sql if f["u"]}).values_list(
                    "pk", "unidad_id"
                )
            )
            for f in filas_sql:
                f["u"] = unidad_de.get(f["u"])
        for fila in filas_sql:
            celdas[(corte.fecha(fila["p"]), fila["u"])][columna] += fila["n"]

    nombres = _nombres_unidades({u for _, u in celdas})
    filas = [
        FilaRecibidos(periodo=p, unidad_id=u, unidad=nombres.get(u, "?"), **valores)
        for (p, u), valores in celdas.items()
    ]
    filas.sort(key=lambda f: (f.periodo, f.unidad))
    columnas = InformeRecibidos.COLUMNAS
    totales = {c: sum(getattr(f, c) for f in filas) for c in columnas}
    agrupado: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(columnas, 0))
    for f in filas:
        for c in columnas:
            agrupado[f.periodo][c] += getattr(f, c)
    por_periodo = [{"periodo": p, **agrupado[p]} for p in sorted(agrupado)]
    return InformeRecibidos(
        desde=desde, hasta=hasta, periodo=periodo, filas=filas, totales=totales, por_periodo=por_periodo
    )


def _acumulado_habiles(
    calendario: Calendario, primero: date, ultimo: date
) -> tuple[dict[date, int], dict[date, int]]:
    """Para cada día del intervalo: cuántos días hábiles hay hasta él (inclusive), y ese mismo número en
    su recepción efectiva (el día hábil siguiente si el día es inhábil), como en `calcular_plazo`.
    """
    acumulado: dict[date, int] = {}
    habiles: dict[date, bool] = {}
    n, d = 0, primero
    while d <= ultimo:
        habiles[d] = calendario.es_habil(d)[0]
        n += habiles[d]
        acumulado[d] = n
        d += timedelta(days=1)
    efectivo = {d: acumulado[d] + (0 if habiles[d] else 1) for d in acumulado}
    return acumulado, efectivo


def cumplimiento_plazos(
    *, desde: date, hasta: date, unidad: UnidadOrganica | None = None, hoy: date | None = None
) -> list[FilaCumplimiento]:
    """Cumplimiento de plazos por unidad, para documentos de entrada:

    - cerrados a tiempo / con retraso: atendidos o concluidos en el periodo, según la fecha de cierre
      (hora local) frente a `vence`; los que no tenían plazo cuentan aparte;
    - vencidos abiertos: siguen abiertos y su plazo venció dentro del periodo (antes de `hoy`);
    - promedio de días hábiles hasta el cierre, con la regla de `plazos.dias_habiles_entre` (desde la
      fecha de cómputo, sin contarla, hasta el día de cierre).

    Los días hábiles de cada documento salen de dos tablas por fecha (`_acumulado_habiles`): son
    max(0, acumulado(cierre) − efectivo(cómputo)), lo mismo que `dias_habiles_entre` sin recorrer días.
    En PostgreSQL las tablas van a la consulta como arreglos y todo se suma en un solo recorrido de los
    cierres; en otros motores se cuenta por (unidad, fecha) y se suma en Python. Nunca se recorren
    documentos en Python.
    """
    municipio = Municipio.objects.actual()
    zona = _zona(municipio)
    inicio, fin = _rango(desde, hasta, zona)
    hoy = hoy or datetime.now(zona).date()
    calendario = Calendario(municipio=municipio, perfil=None if municipio else "PE")

    entrada = Documento.objects.filter(clase=Documento.Clase.ENTRADA)
    if unidad is not None:
        entrada = entrada.filter(unidad_actual=unidad)
    cerrados = entrada.filter(estado__in=ESTADOS_ATENDIDOS, cerrado_en__gte=inicio, cerrado_en__lt=fin)
    if connection.vendor == "postgresql":
        filas = _cerrados_en_postgresql(cerrados, calendario, desde, hasta, zona)
    else:
        filas = _cerrados_por_fecha(cerrados, calendario, zona)

    # Abiertos con el plazo vencido dentro del periodo.
    limite = min(hasta, hoy - timedelta(days=1))
    vencidos = (
        entrada.abiertos()
        .exclude(estado=Documento.Estado.BORRADOR)
        .filter(vence__gte=desde, vence__lte=limite)
        .values("unidad_actual")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for v in vencidos:
        filas.setdefault(v["unidad_actual"], FilaCumplimiento(unidad_id=v["unidad_actual"], unidad=""))
        filas[v["unidad_actual"]].vencidos_abiertos = v["n"]

    nombres = _nombres_unidades(filas.keys())
    for u, f in filas.items():
        f.unidad = nombres.get(u, "?")
        f.sin_plazo = f.cerrados - f.a_tiempo - f.con_retraso
        f.promedio_dias = round(f._dias / f.cerrados, 1) if f.cerrados else None
    return sorted(filas.values(), key=lambda f: f.unidad)


_A_TIEMPO = Q(vence__isnull=False, dia_cierre__lte=F("vence"))
_CON_RETRASO = Q(vence__isnull=False, dia_cierre__gt=F("vence"))
# Cuánto antes del periodo empiezan las tablas de días hábiles que van a PostgreSQL: los documentos
# presentados antes (abiertos más de tres años) se cuentan aparte.
_ALCANCE_TABLAS = timedelta(days=3 * 366)


class _Posicion(Func):
    """La posición (desde 1) de una fecha en una tabla de días que empieza en `base`: `fecha - base + 1`."""

    template = "(%(expressions)s + 1)"
    arg_joiner = " - "
    output_field = IntegerField()


# Sobre las posiciones de cada cierre (pc), de su cómputo (pp) y de su vencimiento (pv) en las tablas. Un
# cómputo anterior a las tablas (pp < 1) sale en su propio grupo con su fecha; uno posterior (pp más allá
# de la tabla: presentado en día inhábil y cerrado antes de la recepción efectiva) da NULL en el arreglo,
# que GREATEST ignora: cero días, como en `dias_habiles_entre`.
_SQL_CERRADOS = """
SELECT u, CASE WHEN pp < 1 THEN COALESCE(fc, (re AT TIME ZONE %s)::date) END, CASE WHEN pp < 1 THEN pc END,
       COUNT(*), COUNT(*) FILTER (WHERE pc <= pv), COUNT(*) FILTER (WHERE pc > pv),
       COALESCE(SUM(GREATEST(0, (%s::int[])[pc] - (%s::int[])[pp])) FILTER (WHERE pp >= 1), 0)
FROM ({por_documento}) s GROUP BY 1, 2, 3
"""


def _cerrados_en_postgresql(
    cerrados, calendario: Calendario, desde: date, hasta: date, zona: ZoneInfo
) -> dict:
    """Un recorrido de los cierres (solo el índice `doc_cierre_informe_idx`), agrupado por unidad. El día
    local de cada instante es su posición en la tabla de días (`width_bucket`, sin pasar cada fila a la
    hora local), y los días hábiles se leen de las tablas, que van como arreglos."""
    base = desde - _ALCANCE_TABLAS
    acumulado, efectivo = _acumulado_habiles(calendario, base, hasta)
    instantes = [datetime.combine(d, time.min, tzinfo=zona) for d in acumulado]
    por_documento = cerrados.values(
        u=F("unidad_actual"),
        fc=F("fecha_computo"),
        re=F("recibido_en"),
        pc=_tramo("cerrado_en", instantes),
        pp=Coalesce(_Posicion(F("fecha_computo"), Value(base)), _tramo("recibido_en", instantes)),
        pv=_Posicion(F("vence"), Value(base)),
    ).order_by()
    sql, params = por_documento.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            _SQL_CERRADOS.format(por_documento=sql),
            [zona.key, list(acumulado.values()), list(efectivo.values()), *params],
        )
        grupos = cursor.fetchall()
    filas: dict[int | None, FilaCumplimiento] = {}
    viejos = []
    for u, computo, cierre, n, a_tiempo, con_retraso, dias in grupos:
        f = filas.setdefault(u, FilaCumplimiento(unidad_id=u, unidad=""))
        f.cerrados += n
        f.a_tiempo += a_tiempo
        f.con_retraso += con_retraso
        f._dias += dias
        if computo is not None:
            viejos.append((f, computo, base + timedelta(days=cierre - 1), n))
    if viejos:
        acumulado, efectivo = _acumulado_habiles(calendario, min(v[1] for v in viejos), hasta)
        for f, computo, cierre, n in viejos:
            f._dias += n * _habiles(acumulado, efectivo, computo, cierre)
    return filas


def _cerrados_por_fecha(cerrados, calendario: Calendario, zona: ZoneInfo) -> dict:
    """Conteos por (unidad, cierre, cómputo), sumados en Python con las tablas de días hábiles."""
    cerrados = cerrados.annotate(
        dia_cierre=TruncDate("cerrado_en", tzinfo=zona),
        dia_computo=Coalesce("fecha_computo", TruncDate("recibido_en", tzinfo=zona)),
    )
    grupos = list(
        cerrados.values("unidad_actual", "dia_cierre", "dia_computo")
        .annotate(
            n=Count("pk"),
            a_tiempo=Count("pk", filter=_A_TIEMPO),
            con_retraso=Count("pk", filter=_CON_RETRASO),
        )
        .order_by()
    )
    filas: dict[int | None, FilaCumplimiento] = {}
    if not grupos:
        return filas
    # Sin fecha de cómputo ni de registro (datos importados a medias) no hay días que contar, como en PostgreSQL.
    fechas = [g["dia_cierre"] for g in grupos] + [g["dia_computo"] for g in grupos if g["dia_computo"]]
    acumulado, efectivo = _acumulado_habiles(calendario, min(fechas), max(fechas))
    for g in grupos:
        f = filas.setdefault(g["unidad_actual"], FilaCumplimiento(unidad_id=g["unidad_actual"], unidad=""))
        f.cerrados += g["n"]
        f.a_tiempo += g["a_tiempo"]
        f.con_retraso += g["con_retraso"]
        if g["dia_computo"]:
            f._dias += g["n"] * _habiles(acumulado, efectivo, g["dia_computo"], g["dia_cierre"])
    return filas


def _habiles(acumulado: dict[date, int], efectivo: dict[date, int], computo: date, cierre: date) -> int:
    """`dias_habiles_entre(computo, cierre)` con las tablas: los hábiles después de la recepción efectiva
    hasta el cierre, o cero si el cierre no es posterior."""
    return max(0, acumulado[cierre] - efectivo[computo])
