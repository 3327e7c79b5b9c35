"""Lo que registrar un documento lee de la configuración, en un solo viaje a PostgreSQL.

Antes de numerar, `registrar_documento` lee el municipio de la instalación, sus reglas locales (plazo y
tipo de cómputo), su calendario local (días hábiles), la serie de numeración y si quien registra actúa
por encargo: cinco consultas del ORM, cinco viajes a la base de datos. En el registro por la API cada
viaje cuesta más que la consulta misma (el proceso de PostgreSQL despierta, el de Django espera), así que
aquí van las cinco en modo pipeline de psycopg: un viaje. Son las mismas consultas, con el mismo orden y
los mismos filtros que las del ORM a las que reemplazan (`Municipio.objects.actual`,
`perfiles._regla_local`, `Calendario._anio`, `serie_por_perfil`, `auditoria.titular_por_encargo`); lo
leído se entrega a esos servicios por sus puntos de precarga (las reglas, a la caché de
`reglas_locales_en_cache`; el calendario, como relación precargada del municipio), que no consultan de
nuevo. Fuera de PostgreSQL no se precarga nada y cada servicio consulta como siempre.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import connection

from core.models import DiaCalendario, Encargo, Municipio, Persona, ReglaLocal, Serie
from core.services.perfiles import precargar_reglas_locales


@dataclass
class Precarga:
    municipio: Municipio | None
    serie: Serie | None
    titular_encargo: int | None
    reglas: list[ReglaLocal]
    dias: list[DiaCalendario]
    remitente: Persona | None = None

    def entregar_reglas(self) -> None:
        """Dentro de `reglas_locales_en_cache`: las reglas del municipio ya quedan leídas."""
        if self.municipio is not None:
            precargar_reglas_locales(self.municipio, self.reglas)


@cache
def _campos(modelo) -> list[str]:
    return [f.attname for f in modelo._meta.concrete_fields]


@cache
def _select(modelo) -> str:
    q = connection.ops.quote_name
    return ", ".join(q(c) for c in _campos(modelo))


def precargar(*, clave_serie: str, usuario, hoy: date, remitente: tuple[str, str] | None = None) -> Precarga | None:
    """Las cinco lecturas en un viaje (PostgreSQL); None en otro motor. `hoy` es la fecha local con que
    `titular_por_encargo` busca el encargo vigente. Con `remitente` (tipo y número de documento ya
    validados), también la persona con ese documento (la de `remitente_existente`), en el mismo viaje."""
    if connection.vendor != "postgresql":
        return None
    q = connection.ops.quote_name
    municipio_t = q(Municipio._meta.db_table)
    actual = f"(SELECT {q('id')} FROM {municipio_t} WHERE {q('activo')} ORDER BY {q('id')} LIMIT 1)"
    usuario_id = usuario.pk if usuario is not None and getattr(usuario, "pk", None) else None
    connection.ensure_connection()
    pg = connection.connection
    with pg.pipeline():
        cursores = [pg.cursor() for _ in range(6)]
        c_mun, c_reg, c_dia, c_serie, c_enc, c_per = cursores
        c_mun.execute(f"SELECT {_select(Municipio)} FROM {municipio_t} WHERE {q('activo')} ORDER BY {q('id')} LIMIT 1")
        c_reg.execute(
            f"SELECT {_select(ReglaLocal)} FROM {q(ReglaLocal._meta.db_table)} WHERE {q('municipio_id')} = {actual}"
            f" ORDER BY {q('vigente_desde')} DESC, {q('id')} DESC"
        )
        c_dia.execute(
            f"SELECT {_select(DiaCalendario)} FROM {q(DiaCalendario._meta.db_table)}"
            f" WHERE {q('municipio_id')} = {actual} ORDER BY {q('fecha')}"
        )
        c_serie.execute(f"SELECT {_select(Serie)} FROM {q(Serie._meta.db_table)} WHERE {q('codigo')} = %s",
                        [clave_serie])
        if usuario_id is not None:
            c_enc.execute(
                f"SELECT {q('titular_id')} FROM {q(Encargo._meta.db_table)} WHERE {q('desde')} <= %s"
                f" AND {q('hasta')} >= %s AND NOT {q('revocado')} AND {q('encargado_id')} = %s"
                f" ORDER BY {q('desde')} DESC LIMIT 1",
                [hoy, hoy, usuario_id],
            )
        if remitente is not None:
            c_per.execute(
                f"SELECT {_select(Persona)} FROM {q(Persona._meta.db_table)} WHERE {q('tipo_documento')} = %s"
                f" AND {q('numero_documento')} = %s LIMIT 1",
                list(remitente),
            )
    fila_mun, filas_reg, filas_dia = c_mun.fetchone(), c_reg.fetchall(), c_dia.fetchall()
    fila_per = c_per.fetchone() if remitente is not None else None
    fila_serie = c_serie.fetchone()
    fila_enc = c_enc.fetchone() if usuario_id is not None else None
    for c in cursores:
        c.close()
    alias = connection.alias
    municipio = Municipio.from_db(alias, _campos(Municipio), fila_mun) if fila_mun else None
    dias = [DiaCalendario.from_db(alias, _campos(DiaCalendario), f) for f in filas_dia]
    if municipio is not None:
        # Como la deja prefetch_related: `municipio.calendario.all()` (Calendario) no vuelve a consultar.
        qs = municipio.calendario.all()
        qs._result_cache, qs._prefetch_done = dias, True
        cache = DiaCalendario._meta.get_field("municipio").remote_field.cache_name
        municipio._prefetched_objects_cache = {cache: qs}
    return Precarga(
        municipio=municipio,
        serie=Serie.from_db(alias, _campos(Serie), fila_serie) if fila_serie else None,
        titular_encargo=fila_enc[0] if fila_enc else None,
        reglas=[ReglaLocal.from_db(alias, _campos(ReglaLocal), f) for f in filas_reg],
        dias=dias,
        remitente=Persona.from_db(alias, _campos(Persona), fila_per) if fila_per else None,
    )
