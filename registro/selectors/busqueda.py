"""Búsqueda de texto completo en los documentos del registro (asunto, número y nombre del remitente).

En PostgreSQL, la columna `busqueda` (tsvector de asunto, número y remitente juntos, con su índice GIN;
registro/migrations/0004_busqueda_columna.py, la mantienen disparadores); en SQLite la tabla FTS5 de
0002_busqueda.py. En ambos, todas las palabras deben estar, cada una en el asunto, el número o el
remitente. Ignora tildes y mayúsculas y usa raíces españolas en ambos motores (las de
core.busqueda.normalizacion en SQLite; el diccionario `spanish` en PostgreSQL).

Escala (1.000.000 de documentos): la condición es una columna de la propia fila, sin uniones ni
subconsultas, así «los 20 más recientes» (el orden por defecto, -recibido_en) lo resuelve el
planificador: con palabras comunes recorre hacia atrás el índice de recibido_en y se detiene a las 20
coincidencias; con palabras raras usa el GIN y ordena las pocas que hay.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import BooleanField, F, Func, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse

from core.busqueda.normalizacion import terminos_de_consulta
from core.busqueda.proveedores import Consulta, Hallazgo
from registro.models import Documento
from registro.permissions import documentos_visibles

MAXIMO_CONSULTA = 200
POCOS = 1000

_CONSULTA_PG = "plainto_tsquery('spanish', secretaria_unaccent(%s))"
_SQL_PG = f"SELECT id FROM registro_documento WHERE busqueda @@ {_CONSULTA_PG}"
_SQL_SQLITE = "SELECT rowid FROM registro_documento_fts WHERE registro_documento_fts MATCH %s"


class _CoincideBusqueda(Func):
    """PostgreSQL: `<documento>.busqueda @@ plainto_tsquery(...)` sobre la fila del documento de la
    consulta. `campo` es una columna cualquiera del documento («asunto» o «documento__asunto»): solo
    sirve para que Django haga la unión y dé el alias de la tabla, porque `busqueda` no está en el
    modelo (la mantienen disparadores, registro/migrations/0004_busqueda_columna.py)."""

    output_field = BooleanField()

    def __init__(self, campo: str, texto: str):
        super().__init__(F(campo))
        self.texto = texto

    def as_sql(self, compiler, connection, **extra):
        columna = self.get_source_expressions()[0]
        tabla = connection.ops.quote_name(columna.alias)
        return f"{tabla}.busqueda @@ {_CONSULTA_PG}", [self.texto]


def _expresion_fts5(texto: str) -> str | None:
    """SQLite: cada raíz como prefijo entre comillas (sin sintaxis FTS5 del usuario); espacio = y."""
    raices = terminos_de_consulta(texto)
    if not raices:
        return None
    return " ".join('"' + r.replace('"', "") + '"*' for r in raices)


def filtrar_por_texto(qs: QuerySet, texto: str, *, prefijo: str = "") -> QuerySet:
    """`qs` (documentos, o filas con un documento en `prefijo`, p. ej. "documento__" para las
    derivaciones de una bandeja) con solo los documentos cuyo asunto, número o remitente coinciden con
    todas las palabras de `texto`. Sin palabras que buscar (vacío o solo «de», «la»), `qs` tal cual.

    En PostgreSQL la condición va sobre la fila misma del documento (no «id IN (subconsulta)»): el
    planificador puede cortar un recorrido ya ordenado (por fecha, o la bandeja por vencimiento) a las
    primeras coincidencias en vez de juntar las cientos de miles que tiene una palabra común.
    """
    texto = (texto or "").strip()[:MAXIMO_CONSULTA]
    if not terminos_de_consulta(texto):
        return qs
    if connection.vendor == "postgresql":
        return qs.filter(_CoincideBusqueda(f"{prefijo}asunto", texto))
    subconsulta = RawSQL(_SQL_SQLITE, [_expresion_fts5(texto)])
    return qs.filter(**{f"{prefijo}id__in" if prefijo else "pk__in": subconsulta})


def buscar_documentos(texto: str, *, usuario, qs: QuerySet[Documento] | None = None) -> QuerySet[Documento]:
    """Los documentos visibles para `usuario` (o los de `qs`, que ya debe venir de `documentos_visibles`)
    cuyo asunto, número o remitente coinciden con todas las palabras de `texto`, sin ordenar.

    Un texto vacío (o solo de palabras vacías como «de», «la») no filtra: devuelve `qs` tal cual.
    """
    qs = documentos_visibles(usuario) if qs is None else qs
    if connection.vendor == "postgresql":
        texto = (texto or "").strip()[:MAXIMO_CONSULTA]
        pocos = _pocos_coincidentes(texto) if terminos_de_consulta(texto) else None
        if pocos is not None:
            return qs.filter(pk__in=pocos)
    return filtrar_por_texto(qs, texto)


def _pocos_coincidentes(texto: str) -> list[int] | None:
    """PostgreSQL: los ids que coinciden con `texto` si son a lo sumo POCOS (None si son más), leídos
    solo por el índice GIN.

    El planificador supone que las palabras son independientes: «licencia parque» (dos palabras
    comunes que casi nunca van juntas) le parece tener ~1.000 coincidencias y elige recorrer hacia
    atrás el índice de fecha hasta juntar 20, y como no hay ninguna lee la tabla entera (0,6 s con
    1.000.000 de documentos). Esta sonda, con el GIN forzado (SET LOCAL, deshecho al terminar), cuesta
    unos milisegundos: si hay pocas coincidencias se filtra por sus ids; si hay muchas, el recorrido
    por fecha encuentra las 20 más recientes enseguida.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"{_SQL_PG} LIMIT {POCOS + 1}", [texto])
        ids = [fila[0] for fila in cursor.fetchall()]
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    return ids if len(ids) <= POCOS else None


# --- Proveedor de la búsqueda global (core.busqueda.proveedores) ----------------------------------


def _url(pk: int, clase: str) -> str:
    nombre = "registro:documento" if clase == Documento.Clase.ENTRADA else "registro:documento-emitido"
    return reverse(nombre, args=[pk])


def hallazgos(usuario, consulta: Consulta) -> list[Hallazgo]:
    """Los documentos que `usuario` ve (`documentos_visibles`, vía `buscar_documentos`) y coinciden con la
    consulta: los `consulta.limite` más recientes, en una consulta con LIMIT por el índice del registro
    (el mismo camino que la búsqueda de la bandeja a 1.000.000 de documentos). Un borrador solo lo
    encuentra quien lo creó. La unidad es la que lo tiene ahora o la que lo emitió."""
    qs = buscar_documentos(consulta.texto, usuario=usuario).exclude(
        Q(estado=Documento.Estado.BORRADOR) & ~Q(creado_por=usuario)
    )
    if consulta.unidad is not None:
        qs = qs.filter(Q(unidad_actual=consulta.unidad) | Q(unidad_origen=consulta.unidad))
    if consulta.desde is not None:
        qs = qs.filter(recibido_en__gte=consulta.desde)
    if consulta.hasta is not None:
        qs = qs.filter(recibido_en__lt=consulta.hasta)
    filas = qs.order_by("-recibido_en", "-pk").values(
        "pk", "asunto", "numero_texto", "clase", "recibido_en", "unidad_actual__sigla", "unidad_origen__sigla"
    )[: consulta.limite]
    return [
        Hallazgo(
            tipo="documento",
            id=f["pk"],
            titulo=f["asunto"],
            url=_url(f["pk"], f["clase"]),
            fecha=f["recibido_en"],
            unidad=f["unidad_actual__sigla"] or f["unidad_origen__sigla"] or "",
            detalle=f["numero_texto"] or "Borrador",
        )
        for f in filas
    ]


def textos(usuario, ids: list) -> dict:
    """Asunto y remitente de los documentos `ids` que `usuario` ve: de ahí sale el fragmento."""
    filas = documentos_visibles(usuario).filter(pk__in=ids).select_related("remitente")
    resultado = {}
    for d in filas:
        remitente = d.remitente.nombre_completo if d.remitente is not None else ""
        resultado[d.pk] = f"{d.asunto} — {remitente}" if remitente else d.asunto
    return resultado
