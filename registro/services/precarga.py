"""Lo que registrar un documento lee de la configuración, en un solo viaje a PostgreSQL.

Antes de numerar, `registrar_documento` lee el municipio de la instalación, sus reglas locales (plazo y
tipo de cómputo), su calendario local (días hábiles), la serie de numeración y si quien registra actúa
por encargo: cinco consultas del ORM, cinco viajes a la base de datos. En el registro por la API cada
viaje cuesta más que la consulta misma (el proceso de PostgreSQL despierta, el de Django espera), así que
aquí van las cinco en modo pipeline de psycopg: un viaje. El SQL lo compila el ORM a partir de los mismos
querysets que usan los servicios a los que reemplazan (`Municipio.objects.actual`,
`perfiles._regla_local`, `Calendario._anio`, `serie_por_perfil`, `auditoria.titular_por_encargo`); lo
leído se entrega a esos servicios por sus puntos de precarga (las reglas, a la caché de
`reglas_locales_en_cache`; el calendario, como relación precargada del municipio), que no consultan de
nuevo. Fuera de PostgreSQL no se precarga nada y cada servicio consulta como siempre. El SQL de cada
consulta se compila una vez por proceso (`core.sql_compilado.ConsultaCompilada`): en cada registro solo se
calculan los parámetros (usuario, fecha, serie, documento del remitente).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Subquery
from rest_framework.authtoken.models import Token

from core.api.autenticacion import sql_token
from core.models import DiaCalendario, Encargo, Municipio, Persona, ReglaLocal, Serie
from core.services.perfiles import precargar_reglas_locales
from core.sql_compilado import ConsultaCompilada, cursor_preparado


@dataclass
class Precarga:
    municipio: Municipio | None
    serie: Serie | None
    titular_encargo: int | None
    reglas: list[ReglaLocal]
    dias: list[DiaCalendario]
    remitente: Persona | None = None
    # (tipo, número) con que se buscó `remitente`, si se buscó; y la fila del token (`sql_token`), si se leyó.
    remitente_buscado: tuple[str, str] | None = None
    fila_token: tuple | None = None

    def entregar_reglas(self) -> None:
        """Dentro de `reglas_locales_en_cache`: las reglas del municipio ya quedan leídas."""
        if self.municipio is not None:
            precargar_reglas_locales(self.municipio, self.reglas)


def _primero(qs):
    """Lo que consulta `qs.first()`: sin orden propio, por pk; una fila."""
    return (qs if qs.ordered else qs.order_by("pk"))[:1]


def _compilar(qs):
    """El compilador del ORM para `qs` y su SQL con parámetros: la misma consulta que ejecutaría el ORM."""
    compilador = qs.query.get_compiler(connection.alias)
    return compilador, *compilador.as_sql()


# Las consultas, como funciones de sus valores: el SQL se compila una vez por proceso (`ConsultaCompilada`)
# y en cada registro solo cambian los parámetros.
def _activos():
    return Municipio.objects.filter(activo=True)  # Municipio.objects.actual()


def _actual():
    return Subquery(_primero(_activos()).values("pk"))


CONSULTAS = {
    "municipio": ConsultaCompilada(lambda: _primero(_activos())),
    "reglas": ConsultaCompilada(
        lambda: ReglaLocal.objects.filter(municipio=_actual()).order_by("-vigente_desde", "-pk")
    ),
    # municipio.calendario.all()
    "dias": ConsultaCompilada(lambda: DiaCalendario.objects.filter(municipio=_actual())),
    "serie": ConsultaCompilada(lambda clave: _primero(Serie.objects.filter(codigo=clave)), str),
    "encargo": ConsultaCompilada(  # titular_por_encargo
        lambda usuario_id, hoy: _primero(
            Encargo.objects.vigentes(hoy).filter(encargado_id=usuario_id).values_list("titular_id", flat=True)
        ),
        int,
        date,
    ),
    # El mismo encargo, del usuario dueño de un token (cuando el token se lee en el mismo viaje).
    "encargo_por_token": ConsultaCompilada(
        lambda clave, hoy: _primero(
            Encargo.objects.vigentes(hoy)
            .filter(encargado__in=Token.objects.filter(key=clave).values("user_id"))
            .values_list("titular_id", flat=True)
        ),
        str,
        date,
    ),
    "remitente": ConsultaCompilada(  # remitente_existente
        lambda tipo, numero: _primero(Persona.objects.filter(tipo_documento=tipo, numero_documento=numero)),
        str,
        str,
    ),
}


def _filas(compilador, filas) -> list[tuple]:
    """Las filas leídas a mano, con los conversores del ORM (p. ej. el JSON de `ReglaLocal.valor`, que
    psycopg entrega como texto) aplicados como en una consulta normal."""
    return list(compilador.results_iter(results=[filas], tuple_expected=True))


def _modelos(modelo, filas: list[tuple]) -> list:
    campos = [f.attname for f in modelo._meta.concrete_fields]
    return [modelo.from_db(connection.alias, campos, fila) for fila in filas]


def precargar(
    *, clave_serie: str, usuario, hoy: date, remitente: tuple[str, str] | None = None, token: str | None = None
) -> Precarga | None:
    """Las cinco lecturas en un viaje (PostgreSQL); None en otro motor. `hoy` es la fecha local con que
    `titular_por_encargo` busca el encargo vigente. Con `remitente` (tipo y número de documento ya
    validados), también la persona con ese documento (la de `remitente_existente`), en el mismo viaje.
    Con `token` (la clave de la API, antes de autenticar), también la fila de `sql_token` y el encargo
    del dueño del token: la autenticación va en el mismo viaje (`credenciales_anticipadas`).

    El SQL lo arma el ORM con los mismos querysets que los servicios (como `.first()`), y las filas pasan
    por sus conversores: solo el viaje es distinto."""
    if connection.vendor != "postgresql":
        return None
    usuario_id = usuario.pk if usuario is not None and getattr(usuario, "pk", None) else None
    argumentos = {"municipio": (), "reglas": (), "dias": (), "serie": (clave_serie,)}
    if token is not None:
        argumentos["encargo_por_token"] = (token, hoy)
    elif usuario_id is not None:
        argumentos["encargo"] = (usuario_id, hoy)
    if remitente is not None:
        argumentos["remitente"] = tuple(remitente)
    alias = connection.alias
    compiladas = {clave: CONSULTAS[clave].compilar(*valores, using=alias) for clave, valores in argumentos.items()}
    connection.ensure_connection()
    pg = connection.connection
    cursores = {}
    with pg.pipeline():
        if token is not None:
            cursor_token = cursor_preparado(pg)
            cursor_token.execute(sql_token(), [token], prepare=True)
        for clave, (_, sql, params) in compiladas.items():
            cursores[clave] = cursor_preparado(pg)
            cursores[clave].execute(sql, params, prepare=True)
    fila_token = None
    if token is not None:
        fila_token = cursor_token.fetchone()
        cursor_token.close()
    leido = {}
    for clave, cursor in cursores.items():
        leido[clave] = _filas(compiladas[clave][0], cursor.fetchall())
        cursor.close()
    municipio = next(iter(_modelos(Municipio, leido["municipio"])), None)
    encargo = leido.get("encargo") or leido.get("encargo_por_token")
    dias = _modelos(DiaCalendario, leido["dias"])
    if municipio is not None:
        # Como la deja prefetch_related: `municipio.calendario.all()` (Calendario) no vuelve a consultar.
        qs = municipio.calendario.all()
        qs._result_cache, qs._prefetch_done = dias, True
        cache = DiaCalendario._meta.get_field("municipio").remote_field.cache_name
        municipio._prefetched_objects_cache = {cache: qs}
    return Precarga(
        municipio=municipio,
        serie=next(iter(_modelos(Serie, leido["serie"])), None),
        titular_encargo=encargo[0][0] if encargo else None,
        reglas=_modelos(ReglaLocal, leido["reglas"]),
        dias=dias,
        remitente=next(iter(_modelos(Persona, leido.get("remitente", []))), None),
        remitente_buscado=tuple(remitente) if remitente is not None else None,
        fila_token=fila_token,
    )
