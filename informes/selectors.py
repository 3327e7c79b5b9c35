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
from django.db.models import Count, DateField, F, Q
from django.db.models.functions import Coalesce, TruncDate, TruncDay, TruncMonth, TruncWeek

from core.models import Municipio, UnidadOrganica
from core.services.calendario import Calendario
from core.services.plazos import dias_habiles_entre
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


def recibidos_y_despachados(
    *, desde: date, hasta: date, unidad: UnidadOrganica | None = None, periodo: str = "mes"
) -> InformeRecibidos:
    """Por unidad y por periodo (día, semana o mes) entre `desde` y `hasta` (inclusive):

    - registrados: documentos de entrada registrados, en la unidad de quien los recibió (la mesa de
      partes; los de la mesa virtual, sin unidad);
    - derivados: derivaciones para acción recibidas por la unidad (enviadas en el periodo);
    - atendidos: documentos atendidos o concluidos en el periodo, en la unidad que los cerró;
    - despachados: documentos de salida firmados (o registrados) en el periodo, por unidad emisora.

    Con `unidad`, solo esa unidad (lo que ve su jefe). Cuatro consultas agregadas y una de nombres.
    """
    if periodo not in PERIODOS:
        raise ValueError(f"Periodo desconocido «{periodo}»: use día, semana o mes.")
    municipio = Municipio.objects.actual()
    zona = _zona(municipio)
    inicio, fin = _rango(desde, hasta, zona)
    truncar = PERIODOS[periodo][1]

    def corte(campo):
        return truncar(campo, tzinfo=zona, output_field=DateField())

    registrados = Documento.objects.filter(
        clase=Documento.Clase.ENTRADA, recibido_en__gte=inicio, recibido_en__lt=fin
    ).exclude(estado=Documento.Estado.ANULADO)
    derivados = Derivacion.objects.filter(tipo=Derivacion.Tipo.ACCION, enviado_en__gte=inicio, enviado_en__lt=fin)
    atendidos = Documento.objects.filter(estado__in=ESTADOS_ATENDIDOS, cerrado_en__gte=inicio, cerrado_en__lt=fin)
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
        "registrados": registrados.values(u=F("recibido_por__unidad"), p=corte("recibido_en")),
        "derivados": derivados.values(u=F("a_unidad"), p=corte("enviado_en")),
        "atendidos": atendidos.values(u=F("unidad_actual"), p=corte("cerrado_en")),
        "despachados": despachados.values(
            u=F("unidad_origen"), p=truncar("despachado_en", tzinfo=zona, output_field=DateField())
        ),
    }
    celdas: dict[tuple[date, int | None], dict[str, int]] = defaultdict(dict)
    for columna, consulta in consultas.items():
        # COUNT(*), no COUNT(id): las derivaciones y los cierres se cuentan solo con el índice (Index Only Scan).
        for fila in consulta.annotate(n=Count("*")).order_by():
            celdas[(fila["p"], fila["u"])][columna] = fila["n"]

    nombres = _nombres_unidades({u for _, u in celdas})
    filas = [FilaRecibidos(periodo=p, unidad_id=u, unidad=nombres.get(u, "?"), **valores) for (p, u), valores in celdas.items()]
    filas.sort(key=lambda f: (f.periodo, f.unidad))
    columnas = InformeRecibidos.COLUMNAS
    totales = {c: sum(getattr(f, c) for f in filas) for c in columnas}
    agrupado: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(columnas, 0))
    for f in filas:
        for c in columnas:
            agrupado[f.periodo][c] += getattr(f, c)
    por_periodo = [{"periodo": p, **agrupado[p]} for p in sorted(agrupado)]
    return InformeRecibidos(desde=desde, hasta=hasta, periodo=periodo, filas=filas, totales=totales, por_periodo=por_periodo)


def _acumulado_habiles(calendario: Calendario, primero: date, ultimo: date) -> tuple[dict[date, int], dict[date, int]]:
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

    El promedio se suma en SQL por (unidad, fecha): la suma de días hábiles de cada documento es
    acumulado(cierre) − acumulado(cómputo), así basta un conteo por fecha y no se recorren documentos.
    """
    municipio = Municipio.objects.actual()
    zona = _zona(municipio)
    inicio, fin = _rango(desde, hasta, zona)
    hoy = hoy or datetime.now(zona).date()
    dia_cierre = TruncDate("cerrado_en", tzinfo=zona)
    dia_computo = Coalesce("fecha_computo", TruncDate("recibido_en", tzinfo=zona))

    entrada = Documento.objects.filter(clase=Documento.Clase.ENTRADA)
    if unidad is not None:
        entrada = entrada.filter(unidad_actual=unidad)
    cerrados = entrada.filter(estado__in=ESTADOS_ATENDIDOS, cerrado_en__gte=inicio, cerrado_en__lt=fin).annotate(
        dia_cierre=dia_cierre, dia_computo=dia_computo
    )

    filas: dict[int | None, FilaCumplimiento] = {}

    def fila(u) -> FilaCumplimiento:
        if u not in filas:
            filas[u] = FilaCumplimiento(unidad_id=u, unidad="")
        return filas[u]

    # 1. Por unidad y día de cierre: conteos a tiempo / con retraso / sin plazo.
    por_cierre = cerrados.values("unidad_actual", "dia_cierre").annotate(
        n=Count("pk"),
        a_tiempo=Count("pk", filter=Q(vence__isnull=False, dia_cierre__lte=F("vence"))),
        con_retraso=Count("pk", filter=Q(vence__isnull=False, dia_cierre__gt=F("vence"))),
    ).order_by()
    por_cierre = list(por_cierre)
    # 2. Por unidad y fecha de cómputo: para restar el acumulado del inicio.
    por_computo = list(cerrados.values("unidad_actual", "dia_computo").annotate(n=Count("pk")).order_by())
    # 3. Los raros cerrados el mismo día de cómputo o antes (presentados y cerrados en día inhábil):
    #    su diferencia de acumulados puede ser negativa y se corrige con la función de plazos.
    raros = list(
        cerrados.filter(dia_cierre__lte=F("dia_computo"))
        .values("unidad_actual", "dia_computo", "dia_cierre")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # 4. Abiertos con el plazo vencido dentro del periodo.
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
        fila(v["unidad_actual"]).vencidos_abiertos = v["n"]

    fechas = [r["dia_cierre"] for r in por_cierre] + [r["dia_computo"] for r in por_computo]
    if fechas:
        calendario = Calendario(municipio=municipio, perfil=None if municipio else "PE")
        acumulado, efectivo = _acumulado_habiles(calendario, min(fechas), max(fechas))
        for r in por_cierre:
            f = fila(r["unidad_actual"])
            f.cerrados += r["n"]
            f.a_tiempo += r["a_tiempo"]
            f.con_retraso += r["con_retraso"]
            f._dias += r["n"] * acumulado[r["dia_cierre"]]
        for r in por_computo:
            fila(r["unidad_actual"])._dias -= r["n"] * efectivo[r["dia_computo"]]
        for r in raros:
            calculado = acumulado[r["dia_cierre"]] - efectivo[r["dia_computo"]]
            real = dias_habiles_entre(r["dia_computo"], r["dia_cierre"], municipio=municipio,
                                      perfil=None if municipio else "PE")
            fila(r["unidad_actual"])._dias += r["n"] * (real - calculado)

    nombres = _nombres_unidades(filas.keys())
    for u, f in filas.items():
        f.unidad = nombres.get(u, "?")
        f.sin_plazo = f.cerrados - f.a_tiempo - f.con_retraso
        f.promedio_dias = round(f._dias / f.cerrados, 1) if f.cerrados else None
    return sorted(filas.values(), key=lambda f: f.unidad)
