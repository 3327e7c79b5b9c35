"""El camino rápido del registro en PostgreSQL: lo que registrar un documento lee, en un solo viaje.

Es el único módulo del registro con sentencias preparadas y memoria del proceso. El servicio
(`registro.services.recepcion.registrar_documento`) es el punto de entrada de siempre y le pide aquí la
`Precarga`; sin PostgreSQL o con `DB_CAMINO_RAPIDO=0`, `precargar` devuelve None y cada servicio consulta por
el ORM como siempre. Las dos formas dejan las mismas filas y la misma cadena de auditoría
(`registro/tests/test_rapido.py`). La numeración y la auditoría van por el camino rápido del núcleo
(`core.rapido`).

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
from django.utils import timezone
from rest_framework.authtoken.models import Token

from core import rapido, sql, versiones
from core.autenticacion import sql_token
from core.models import DiaCalendario, Encargo, Municipio, Persona, ReglaLocal, Serie
from core.rapido import cursor_preparado
from core.selectors.municipio import fijar_municipio_vigente
from core.services.perfiles import precargar_reglas_locales
from core.sql_compilado import ConsultaCompilada


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


@dataclass(frozen=True)
class _Configuracion:
    version: int | None
    municipio: Municipio | None
    reglas: list[ReglaLocal]
    dias: list[DiaCalendario]
    serie: Serie | None


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


# La configuración leída, guardada en el proceso con su versión (`core.versiones`, grupo «configuracion»), por
# clave de la serie; y la última versión vista de cada clave, para mandar el primer viaje sin releerla. Se
# comparte entre hilos: nadie la modifica.
_MEMORIA = versiones.Memoria("configuracion", maximo=8)
_ULTIMA: dict[tuple[str, str], int] = {}


def _lecturas_de_configuracion(clave_serie: str) -> dict[str, tuple]:
    return {"municipio": (), "reglas": (), "dias": (), "serie": (clave_serie,)}


def _en_un_viaje(pg, token, compiladas) -> tuple[tuple | None, int | None, dict[str, list[tuple]]]:
    """Un viaje, en este orden: el token (si hay), la versión de la configuración y las consultas. La versión va
    antes que las tablas: lo leído de ellas es al menos tan nuevo como ella."""
    cursores = {}
    with pg.pipeline():
        if token is not None:
            cursores["token"] = cursor_preparado(pg)
            cursores["token"].execute(sql_token(), [token], prepare=True)
        cursores["version"] = cursor_preparado(pg)
        cursores["version"].execute(sql.version_de_grupo(), ["configuracion"], prepare=True)
        for clave, (_, texto, params) in compiladas.items():
            cursores[clave] = cursor_preparado(pg)
            cursores[clave].execute(texto, params, prepare=True)
    fila_token = cursores.pop("token").fetchone() if token is not None else None
    version = cursores.pop("version").fetchone()
    leido = {clave: _filas(compiladas[clave][0], cursor.fetchall()) for clave, cursor in cursores.items()}
    for cursor in cursores.values():
        cursor.close()
    return fila_token, version[0] if version else None, leido


def _configuracion(leido: dict[str, list[tuple]], version: int | None) -> _Configuracion:
    municipio = next(iter(_modelos(Municipio, leido["municipio"])), None)
    dias = _modelos(DiaCalendario, leido["dias"])
    if municipio is not None:
        # Como la deja prefetch_related: `municipio.calendario.all()` (Calendario) no vuelve a consultar.
        qs = municipio.calendario.all()
        qs._result_cache, qs._prefetch_done = dias, True
        cache = DiaCalendario._meta.get_field("municipio").remote_field.cache_name
        municipio._prefetched_objects_cache = {cache: qs}
    return _Configuracion(
        version=version,
        municipio=municipio,
        reglas=_modelos(ReglaLocal, leido["reglas"]),
        dias=dias,
        serie=next(iter(_modelos(Serie, leido["serie"])), None),
    )


def precargar(
    *,
    clave_serie: str,
    usuario,
    hoy: date,
    remitente: tuple[str, str] | None = None,
    token: str | None = None,
) -> Precarga | None:
    """Las lecturas en un viaje (PostgreSQL); None en otro motor. `hoy` es la fecha local con que
    `titular_por_encargo` busca el encargo vigente. Con `remitente` (tipo y número de documento ya
    validados), también la persona con ese documento (la de `remitente_existente`), en el mismo viaje.
    Con `token` (la clave de la API, antes de autenticar), también la fila de `sql_token` y el encargo
    del dueño del token: la autenticación va en el mismo viaje (`registro.api.autenticacion`).

    El municipio, sus reglas, su calendario y la serie se guardan en el proceso con la versión de la
    configuración (`core.versiones`): mientras no cambie, el viaje solo lee la versión, el encargo, el
    remitente y el token. Si cambió, un segundo viaje la lee de nuevo. El municipio leído queda como el de la
    solicitud (`core.services.municipio.fijar_municipio_vigente`), con su zona horaria.

    El SQL lo arma el ORM con los mismos querysets que los servicios (como `.first()`), y las filas pasan
    por sus conversores: solo el viaje es distinto."""
    if not rapido.disponible():
        return None
    alias = connection.alias
    usuario_id = usuario.pk if usuario is not None and getattr(usuario, "pk", None) else None
    guardada = _MEMORIA.buscar(_ULTIMA.get((alias, clave_serie)), clave_serie)
    argumentos = {} if guardada else _lecturas_de_configuracion(clave_serie)
    if token is not None:
        argumentos["encargo_por_token"] = (token, hoy)
    elif usuario_id is not None:
        argumentos["encargo"] = (usuario_id, hoy)
    if remitente is not None:
        argumentos["remitente"] = tuple(remitente)
    compilar = lambda args: {c: CONSULTAS[c].compilar(*v, using=alias) for c, v in args.items()}  # noqa: E731
    connection.ensure_connection()
    pg = connection.connection
    fila_token, version, leido = _en_un_viaje(pg, token, compilar(argumentos))
    if guardada is not None and (version is None or version != guardada.version):
        # La configuración cambió desde que se guardó: la de esta versión, si ya estaba guardada (p. ej. tras
        # deshacerse una transacción que la cambió); si no, se lee de nuevo (un viaje más, una vez por cambio).
        guardada = _MEMORIA.buscar(version, clave_serie)
    if guardada is None and "municipio" not in leido:
        _, version, configuracion = _en_un_viaje(pg, None, compilar(_lecturas_de_configuracion(clave_serie)))
        leido.update(configuracion)
    if guardada is None:
        guardada = _configuracion(leido, version)
        _MEMORIA.guardar(version, clave_serie, guardada)
    if version is not None:
        _ULTIMA[(alias, clave_serie)] = version
    # El municipio de esta solicitud es el de este viaje: con él su zona horaria, si la solicitud empezó con
    # la provisional (`core.middleware`). Si con la zona corregida el día no era `hoy`, el encargo vigente se
    # busca de nuevo para el día bueno (solo la primera solicitud tras cambiar la zona, cerca de medianoche).
    fijar_municipio_vigente(guardada.municipio)
    hoy_real = timezone.localdate()
    encargos = {c: (v[0], hoy_real) for c, v in argumentos.items() if c.startswith("encargo")}
    if hoy_real != hoy and encargos:
        leido.update(_en_un_viaje(pg, None, compilar(encargos))[2])
    encargo = leido.get("encargo") or leido.get("encargo_por_token")
    return Precarga(
        municipio=guardada.municipio,
        serie=guardada.serie,
        titular_encargo=encargo[0][0] if encargo else None,
        reglas=guardada.reglas,
        dias=guardada.dias,
        remitente=next(iter(_modelos(Persona, leido.get("remitente", []))), None),
        remitente_buscado=tuple(remitente) if remitente is not None else None,
        fila_token=fila_token,
    )
