"""Los dos motores de la búsqueda: FTS5 (SQLite) y texto completo de PostgreSQL.

Cada motor responde dos preguntas: qué entradas (entre las que el filtro de acceso deja) coinciden
con la consulta, con qué puntaje; y qué fragmento resaltado mostrar de cada una.
"""

from __future__ import annotations

import re

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.busqueda.normalizacion import palabras, raiz, terminos_de_consulta

# Tope de candidatos por consulta: más allá nadie pagina, y la regla fina de acceso se aplica en Python.
LIMITE_CANDIDATOS = 1000
PALABRAS_FRAGMENTO = 30

# Marcas que ts_headline pone alrededor de lo encontrado; luego se escapa todo y se cambian por <mark>.
_INICIO, _FIN = "\u27e6", "\u27e7"
_PALABRA = re.compile(r"\w+", re.UNICODE)


def _fragmento_python(texto: str, raices: set[str]) -> SafeString:
    """Ventana de ~30 palabras alrededor de la primera coincidencia, escapada, con <mark>."""
    fichas = list(_PALABRA.finditer(texto or ""))
    if not fichas:
        return mark_safe("")
    coincide = [raiz(palabras(f.group())[0]) in raices if palabras(f.group()) else False for f in fichas]
    primera = coincide.index(True) if True in coincide else 0
    desde = max(0, primera - 8)
    hasta = min(len(fichas), desde + PALABRAS_FRAGMENTO)
    partes = ["…" if desde > 0 else ""]
    cursor = fichas[desde].start()
    for i in range(desde, hasta):
        f = fichas[i]
        partes.append(escape(texto[cursor : f.start()]))
        partes.append(f"<mark>{escape(f.group())}</mark>" if coincide[i] else escape(f.group()))
        cursor = f.end()
    partes.append("…" if hasta < len(fichas) else escape(texto[cursor:]))
    return mark_safe("".join(partes))


class MotorSQLite:
    def candidatos(self, consulta: str, filtro_sql: str, filtro_params) -> list[tuple[int, float]]:
        raices = terminos_de_consulta(consulta)
        if not raices:
            return []
        # Cada término entre comillas: el usuario no puede inyectar sintaxis FTS5. Espacio = AND.
        expresion = " ".join('"' + r.replace('"', "") + '"' for r in raices)
        sql = f"""
            SELECT rowid, bm25(core_busqueda_fts, 10.0, 1.0) AS puntaje
            FROM core_busqueda_fts
            WHERE core_busqueda_fts MATCH %s AND rowid IN ({filtro_sql})
            ORDER BY puntaje, rowid DESC
            LIMIT {LIMITE_CANDIDATOS}
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [expresion, *filtro_params])
            # bm25: menor es mejor; el puntaje público crece con la relevancia.
            return [(fila[0], -float(fila[1])) for fila in cursor.fetchall()]

    def fragmentos(self, entradas, consulta: str) -> dict[int, SafeString]:
        raices = set(terminos_de_consulta(consulta))
        return {e.pk: _fragmento_python(e.texto, raices) for e in entradas}


class MotorPostgres:
    _VECTOR = (
        "setweight(to_tsvector('spanish', secretaria_unaccent(e.titulo)), 'A') || "
        "setweight(to_tsvector('spanish', secretaria_unaccent(e.texto)), 'B')"
    )

    def candidatos(self, consulta: str, filtro_sql: str, filtro_params) -> list[tuple[int, float]]:
        if not terminos_de_consulta(consulta):
            return []
        # La condición repite la expresión del índice GIN core_busqueda_gin (migración 0002) para usarlo.
        sql = f"""
            SELECT e.id, ts_rank({self._VECTOR}, q.consulta) AS puntaje
            FROM core_entradabusqueda e,
                 websearch_to_tsquery('spanish', secretaria_unaccent(%s)) AS q(consulta)
            WHERE to_tsvector('spanish', secretaria_unaccent(e.titulo || ' ' || e.texto)) @@ q.consulta
              AND e.id IN ({filtro_sql})
            ORDER BY puntaje DESC, e.id DESC
            LIMIT {LIMITE_CANDIDATOS}
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [consulta, *filtro_params])
            return [(fila[0], float(fila[1])) for fila in cursor.fetchall()]

    def fragmentos(self, entradas, consulta: str) -> dict[int, SafeString]:
        ids = [e.pk for e in entradas]
        if not ids:
            return {}
        opciones = (
            f"StartSel={_INICIO}, StopSel={_FIN}, MaxWords={PALABRAS_FRAGMENTO}, MinWords=12, ShortWord=2"
        )
        sql = """
            SELECT e.id, ts_headline('spanish', e.texto, q.consulta, %s)
            FROM core_entradabusqueda e,
                 websearch_to_tsquery('spanish', secretaria_unaccent(%s)) AS q(consulta)
            WHERE e.id = ANY(%s)
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [opciones, consulta, ids])
            filas = cursor.fetchall()
        resultado = {}
        for pk, titular in filas:
            seguro = escape(titular or "").replace(_INICIO, "<mark>").replace(_FIN, "</mark>")
            resultado[pk] = mark_safe(seguro)
        return resultado


def motor_actual():
    return MotorPostgres() if connection.vendor == "postgresql" else MotorSQLite()
