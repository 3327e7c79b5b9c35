"""Respaldo y restauración de una instalación: la base en su forma nativa, los archivos guardados y un manifiesto.

Un respaldo es un **directorio nuevo** (docs/operacion/respaldo.md):

    manifiesto.json          motor, migraciones, fecha, versión, conteos por tabla y SHA-256 y tamaño de cada archivo
    base/secretaria.sqlite3  (SQLite) copia hecha con la API de respaldo de SQLite: consistente aunque haya escrituras
    base/secretaria.dump     (PostgreSQL) `pg_dump -Fc`: una instantánea consistente, con disparadores, funciones,
                             secuencias, columnas tsvector e índices tal cual
    archivos/...             todo lo que guarda el almacenamiento de archivos (`default_storage`), con su ruta

Se eligió la forma nativa de cada motor y no `dumpdata`: restaura byte a byte lo que la base tiene (los
disparadores de `core.versiones` y de la búsqueda, la secuencia de versiones, los ids y los `momento` de la
cadena de auditoría) y es rápida a escala; a cambio, un respaldo se restaura en el mismo motor (para cambiar de
motor está `dumpdata`/`loaddata`, docs/operacion/postgresql.md).

La cadena de auditoría: el respaldo se audita **antes** de copiar la base, así que el respaldo lleva el evento de
su propia creación. La restauración devuelve la cadena tal como estaba y, después de comprobarla íntegra, le
añade al final el evento `core.respaldo.restaurar`: encadena sobre la cabeza restaurada, no la rompe.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from core.models import Archivo, Evento
from core.services.auditoria import registrar_evento, verificar_cadena
from core.versiones import vaciar_memorias

FORMATO = 1
MANIFIESTO = "manifiesto.json"
DIR_BASE = "base"
DIR_ARCHIVOS = "archivos"
_BLOQUE = 1024 * 1024


class ErrorDeRespaldo(Exception):
    """Un respaldo o una restauración que no se pudo hacer; el mensaje, en español, dice por qué."""


@dataclass(frozen=True)
class ResultadoRespaldo:
    destino: Path
    archivos: int
    bytes: int
    eventos: int


@dataclass(frozen=True)
class ResultadoRestauracion:
    origen: Path
    archivos: int
    eventos: int
    migraciones_pendientes: list[str]


# --- Utilidades ---


def _motor() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _version_aplicacion() -> str:
    try:
        return metadata.version("secretaria")
    except metadata.PackageNotFoundError:
        return "desconocida"


def _sha256_de(flujo: Any) -> tuple[str, int]:
    h, tamano = hashlib.sha256(), 0
    while bloque := flujo.read(_BLOQUE):
        h.update(bloque)
        tamano += len(bloque)
    return h.hexdigest(), tamano


def _sha256_archivo(ruta: Path) -> tuple[str, int]:
    with ruta.open("rb") as f:
        return _sha256_de(f)


def _rutas_del_almacenamiento(almacen: Storage, carpeta: str = "") -> Iterator[str]:
    """Cada archivo del almacenamiento, por su nombre (`archivos/2026/12/x.pdf`); sirve para el de disco y
    para uno tipo S3 que sepa listar (`listdir`)."""
    try:
        carpetas, archivos = almacen.listdir(carpeta)
    except FileNotFoundError:
        return
    for nombre in sorted(archivos):
        yield f"{carpeta}/{nombre}" if carpeta else nombre
    for sub in sorted(carpetas):
        yield from _rutas_del_almacenamiento(almacen, f"{carpeta}/{sub}" if carpeta else sub)


def _entorno_postgresql() -> dict[str, str]:
    """Las variables `PG*` de la conexión de Django, para `pg_dump`/`pg_restore` (la clave no va en la línea de
    órdenes, que otros usuarios de la máquina pueden ver)."""
    ajustes = connection.settings_dict
    entorno = dict(os.environ)
    for variable, clave in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if ajustes.get(clave):
            entorno[variable] = str(ajustes[clave])
    return entorno


def _binario_postgresql(nombre: str) -> str:
    """`pg_dump`/`pg_restore` de `PG_BINDIR` si se fijó, si no el del PATH."""
    carpeta = os.environ.get("PG_BINDIR")
    ruta = str(Path(carpeta) / nombre) if carpeta else shutil.which(nombre)
    if not ruta or not Path(ruta).exists():
        raise ErrorDeRespaldo(
            f"No encuentro «{nombre}» (binarios de PostgreSQL). Instale el cliente de PostgreSQL o defina PG_BINDIR."
        )
    return ruta


def _correr(orden: list[str], que: str) -> str:
    proceso = subprocess.run(orden, env=_entorno_postgresql(), capture_output=True, text=True, check=False)
    if proceso.returncode != 0:
        detalle = (proceso.stderr or proceso.stdout).strip().splitlines()
        raise ErrorDeRespaldo(f"Falló {que}: {detalle[-1] if detalle else f'código {proceso.returncode}'}")
    return proceso.stdout


def _modelos_con_tabla() -> list[Any]:
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def conteos() -> dict[str, int]:
    """Filas de cada tabla de los modelos (`app.modelo`): el manifiesto las guarda y la restauración las compara."""
    tablas = set(connection.introspection.table_names())
    return {
        m._meta.label_lower: m._base_manager.count()
        for m in _modelos_con_tabla()
        if m._meta.db_table in tablas
    }


def _migraciones_aplicadas() -> list[str]:
    return sorted(f"{app}.{nombre}" for app, nombre in MigrationRecorder(connection).applied_migrations())


# --- Respaldo ---


def crear_respaldo(*, destino: Path, por=None) -> ResultadoRespaldo:
    """Escribe el respaldo en el directorio `destino` (nuevo o vacío): la base con la herramienta nativa de su
    motor, los archivos del almacenamiento y, al final, el manifiesto (un directorio sin manifiesto es un
    respaldo a medias, que `restaurar_respaldo` rechaza). Se audita antes de copiar la base, así que el
    respaldo incluye su propio evento. `por` es quien lo pide (None: la consola)."""
    destino = Path(destino)
    if destino.suffix in (".gz", ".tgz", ".tar", ".zip"):
        raise ErrorDeRespaldo(
            f"El destino «{destino}» parece un archivo comprimido: el respaldo es un directorio. "
            "Comprímalo después si lo necesita (tar czf respaldo.tar.gz DIRECTORIO)."
        )
    raiz_archivos = (
        Path(default_storage.location).resolve() if isinstance(default_storage, FileSystemStorage) else None
    )
    if raiz_archivos is not None and destino.resolve().is_relative_to(raiz_archivos):
        raise ErrorDeRespaldo(
            f"El destino «{destino}» está dentro del almacenamiento de archivos ({raiz_archivos}): el respaldo se "
            "copiaría a sí mismo. Elija un directorio fuera."
        )
    if destino.exists() and (not destino.is_dir() or any(destino.iterdir())):
        raise ErrorDeRespaldo(
            f"El destino «{destino}» ya existe y no es un directorio vacío: elija uno nuevo."
        )
    try:
        (destino / DIR_BASE).mkdir(parents=True, exist_ok=True)
        (destino / DIR_ARCHIVOS).mkdir(exist_ok=True)
    except OSError as e:
        raise ErrorDeRespaldo(
            f"No se pudo crear el directorio del respaldo «{destino}»: {e.strerror}."
        ) from e

    motor = _motor()
    try:
        with transaction.atomic():
            registrar_evento(
                por=por,
                accion="core.respaldo.crear",
                despues={"destino": str(destino.resolve()), "motor": motor},
            )
    except DatabaseError as e:
        raise ErrorDeRespaldo(
            f"No se pudo registrar el respaldo en la auditoría: {e}. ¿La base está migrada y responde?"
        ) from e
    # Los conteos y las migraciones del manifiesto son los de la copia, no los de la base viva (que puede seguir
    # recibiendo escrituras): en SQLite se leen abriendo la copia; en PostgreSQL, en la misma instantánea que
    # `pg_dump` (la exporta esta transacción y `pg_dump --snapshot` la usa).
    try:
        if motor == "sqlite":
            ruta_base = destino / DIR_BASE / "secretaria.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(ruta_base) as copia:
                connection.connection.backup(copia)
                copia.execute("PRAGMA journal_mode=DELETE")  # un solo archivo, sin -wal ni -shm al lado
            copia.close()
            conteo, migraciones = _conteos_y_migraciones_de_sqlite(ruta_base)
        else:
            ruta_base = destino / DIR_BASE / "secretaria.dump"
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    cursor.execute("SELECT pg_export_snapshot()")
                    instantanea = cursor.fetchone()[0]
                _correr(
                    [
                        _binario_postgresql("pg_dump"),
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={instantanea}",
                        "-f",
                        str(ruta_base),
                    ],
                    "pg_dump",
                )
                conteo, migraciones = conteos(), _migraciones_aplicadas()
    except (OSError, sqlite3.Error, DatabaseError) as e:
        raise ErrorDeRespaldo(f"No se pudo copiar la base de datos: {e}.") from e

    entradas = [_entrada(destino, ruta_base)]
    for nombre in _rutas_del_almacenamiento(default_storage):
        copia_archivo = destino / DIR_ARCHIVOS / nombre
        copia_archivo.parent.mkdir(parents=True, exist_ok=True)
        try:
            with default_storage.open(nombre, "rb") as origen, copia_archivo.open("wb") as salida:
                shutil.copyfileobj(origen, salida, _BLOQUE)
        except OSError as e:
            raise ErrorDeRespaldo(f"No se pudo copiar el archivo «{nombre}»: {e}.") from e
        entradas.append(_entrada(destino, copia_archivo))

    manifiesto = {
        "formato": FORMATO,
        "aplicacion": "secretaria",
        "version": _version_aplicacion(),
        "fecha": timezone.now().isoformat(timespec="seconds"),
        "motor": motor,
        "motor_version": str(getattr(connection, "pg_version", ""))
        if motor == "postgresql"
        else sqlite3.sqlite_version,
        "almacenamiento": f"{type(default_storage).__module__}.{type(default_storage).__qualname__}",
        "migraciones": migraciones,
        "conteos": conteo,
        "archivos": entradas,
    }
    temporal = destino / f"{MANIFIESTO}.parcial"
    temporal.write_text(json.dumps(manifiesto, ensure_ascii=False, indent=1), encoding="utf-8")
    temporal.replace(destino / MANIFIESTO)
    return ResultadoRespaldo(
        destino=destino,
        archivos=len(entradas) - 1,
        bytes=sum(e["tamano"] for e in entradas),
        eventos=conteo.get(Evento._meta.label_lower, 0),
    )


def _entrada(raiz: Path, ruta: Path) -> dict[str, Any]:
    sha, tamano = _sha256_archivo(ruta)
    return {"ruta": ruta.relative_to(raiz).as_posix(), "sha256": sha, "tamano": tamano}


def _conteos_y_migraciones_de_sqlite(ruta_base: Path) -> tuple[dict[str, int], list[str]]:
    with sqlite3.connect(f"file:{ruta_base}?mode=ro&immutable=1", uri=True) as copia:
        tablas = {fila[0] for fila in copia.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        conteo = {
            m._meta.label_lower: copia.execute(f'SELECT COUNT(*) FROM "{m._meta.db_table}"').fetchone()[0]
            for m in _modelos_con_tabla()
            if m._meta.db_table in tablas
        }
        migraciones = sorted(
            f"{app}.{nombre}" for app, nombre in copia.execute("SELECT app, name FROM django_migrations")
        )
    copia.close()
    return conteo, migraciones


# --- Comprobar un respaldo ---


def leer_manifiesto(origen: Path) -> dict[str, Any]:
    """El manifiesto del respaldo `origen`, después de comprobar el SHA-256 y el tamaño de cada archivo que
    nombra y que no haya archivos que no nombre. Cualquier diferencia es un `ErrorDeRespaldo` que nombra el
    archivo."""
    origen = Path(origen)
    ruta = origen / MANIFIESTO
    if not ruta.is_file():
        raise ErrorDeRespaldo(
            f"«{origen}» no es un respaldo completo: falta {MANIFIESTO} (¿un respaldo que no terminó?)."
        )
    try:
        manifiesto = json.loads(ruta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ErrorDeRespaldo(f"El manifiesto de «{origen}» no se puede leer: {e}.") from e
    if not isinstance(manifiesto, dict) or manifiesto.get("formato") != FORMATO:
        raise ErrorDeRespaldo(
            f"El manifiesto de «{origen}» no es de un respaldo de Secretaría en formato {FORMATO}."
        )
    nombrados = set()
    for entrada in manifiesto.get("archivos", []):
        relativa = entrada["ruta"]
        archivo = (origen / relativa).resolve()
        if not archivo.is_relative_to(origen.resolve()):
            raise ErrorDeRespaldo(f"El manifiesto nombra un archivo fuera del respaldo: «{relativa}».")
        if not archivo.is_file():
            raise ErrorDeRespaldo(f"Falta en el respaldo el archivo «{relativa}» que nombra el manifiesto.")
        sha, tamano = _sha256_archivo(archivo)
        if sha != entrada["sha256"] or tamano != entrada["tamano"]:
            raise ErrorDeRespaldo(
                f"El archivo «{relativa}» del respaldo no coincide con el manifiesto (SHA-256 o tamaño distintos): "
                "el respaldo está dañado o fue alterado; no se restauró nada."
            )
        nombrados.add(relativa)
    sobrantes = sorted(
        p.relative_to(origen).as_posix()
        for p in origen.rglob("*")
        if p.is_file() and p.name != MANIFIESTO and p.relative_to(origen).as_posix() not in nombrados
    )
    if sobrantes:
        raise ErrorDeRespaldo(
            f"El respaldo tiene archivos que el manifiesto no nombra (p. ej. «{sobrantes[0]}»): no se restauró nada."
        )
    return manifiesto


# --- Restaurar ---


def instalacion_vacia() -> bool:
    """Vacía: sin tablas (sin migrar) o migrada pero sin eventos de auditoría ni usuarios, y sin archivos
    guardados. Toda instalación en uso tiene eventos (cada cambio se audita)."""
    try:
        con_datos = Evento.objects.exists() or apps.get_model(settings.AUTH_USER_MODEL).objects.exists()
    except DatabaseError:
        con_datos = False  # sin migrar
    return not con_datos and next(_rutas_del_almacenamiento(default_storage), None) is None


def restaurar_respaldo(*, origen: Path, forzar: bool = False, por=None) -> ResultadoRestauracion:
    """Restaura el respaldo `origen` en esta instalación, que debe estar vacía (migrada o no) salvo con
    `forzar`, y con la web y el trabajador detenidos. Comprueba el respaldo entero antes de tocar nada; copia
    la base con la herramienta nativa de su motor y los archivos al almacenamiento; vuelve a leer cada archivo
    guardado y compara su SHA-256 con el manifiesto y con el de su fila `Archivo`, los conteos de cada tabla y
    la cadena de auditoría; y añade a la cadena el evento de la restauración."""
    origen = Path(origen)
    manifiesto = leer_manifiesto(origen)
    motor = _motor()
    if manifiesto.get("motor") != motor:
        raise ErrorDeRespaldo(
            f"El respaldo es de {manifiesto.get('motor')} y esta instalación usa {motor}: se restaura en el mismo "
            "motor (para cambiar de motor, vea docs/operacion/postgresql.md)."
        )
    conocidas = {
        f"{app}.{nombre}" for app, nombre in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    }
    desconocidas = sorted(set(manifiesto.get("migraciones", [])) - conocidas)
    if desconocidas:
        raise ErrorDeRespaldo(
            f"El respaldo viene de una versión más nueva de Secretaría (migración «{desconocidas[0]}» desconocida): "
            "actualice el programa antes de restaurar."
        )
    if not forzar and not instalacion_vacia():
        raise ErrorDeRespaldo(
            "La instalación no está vacía (tiene eventos de auditoría, usuarios o archivos guardados): restaurar "
            "reemplazaría sus datos. Use una base y un almacenamiento nuevos, o --forzar si de verdad quiere "
            "reemplazarlos."
        )

    base = next(e["ruta"] for e in manifiesto["archivos"] if e["ruta"].startswith(f"{DIR_BASE}/"))
    _restaurar_base(origen / base, motor)
    ContentType.objects.clear_cache()
    vaciar_memorias()

    archivos = [e for e in manifiesto["archivos"] if e["ruta"].startswith(f"{DIR_ARCHIVOS}/")]
    for entrada in archivos:
        _restaurar_archivo(origen, entrada)
    _comprobar_lo_restaurado(manifiesto, archivos)

    eventos = manifiesto.get("conteos", {}).get(Evento._meta.label_lower, 0)
    with transaction.atomic():
        registrar_evento(
            por=por,
            accion="core.respaldo.restaurar",
            despues={
                "origen": str(origen.resolve()),
                "fecha_del_respaldo": manifiesto.get("fecha"),
                "version_del_respaldo": manifiesto.get("version"),
                "eventos_restaurados": eventos,
                "archivos": len(archivos),
                "forzado": forzar,
            },
        )
    pendientes = sorted(conocidas - set(_migraciones_aplicadas()))
    return ResultadoRestauracion(
        origen=origen, archivos=len(archivos), eventos=eventos, migraciones_pendientes=pendientes
    )


def _restaurar_base(ruta: Path, motor: str) -> None:
    if motor == "sqlite":
        # La API de respaldo de SQLite, hacia la conexión abierta: reemplaza esquema y datos enteros, también los
        # de una base migrada (o una en memoria, la de las pruebas). En una instalación nueva, la carpeta de la
        # base (SECRETARIA_VAR_DIR) puede no existir aún.
        nombre = str(connection.settings_dict["NAME"])
        if not nombre.startswith(("file:", ":memory:")):
            Path(nombre).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection.ensure_connection()
            with sqlite3.connect(f"file:{ruta}?mode=ro&immutable=1", uri=True) as copia:
                copia.backup(connection.connection)
            copia.close()
        except (sqlite3.Error, DatabaseError, OSError) as e:
            raise ErrorDeRespaldo(f"No se pudo restaurar la base de datos: {e}.") from e
        return
    # PostgreSQL: se borran las tablas que haya (una base migrada, quizá con migraciones más nuevas que el
    # respaldo) y `pg_restore --clean --if-exists` recrea el resto (funciones, secuencias) en una sola
    # transacción. Las extensiones (unaccent) no se borran ni se recrean desde la copia: suele crearlas el
    # administrador y el usuario de la aplicación no podría borrarlas; se crean aquí si faltan.
    pg_restore = _binario_postgresql("pg_restore")
    indice = _correr([pg_restore, "--list", str(ruta)], "pg_restore --list").splitlines()
    extensiones = [
        m.group(1) for linea in indice if (m := re.match(r"^\d+; \d+ \d+ EXTENSION - (\S+)", linea))
    ]
    sin_extensiones = [
        linea for linea in indice if not re.search(r" EXTENSION - | COMMENT - EXTENSION ", linea)
    ]
    try:
        with connection.cursor() as cursor:
            for extension in extensiones:
                cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {connection.ops.quote_name(extension)}")
            tablas = connection.introspection.table_names(cursor)
            if tablas:
                cursor.execute(
                    "DROP TABLE IF EXISTS "
                    + ", ".join(connection.ops.quote_name(t) for t in tablas)
                    + " CASCADE"
                )
    except DatabaseError as e:
        raise ErrorDeRespaldo(
            f"No se pudo preparar la base para restaurar: {e}. Si falta una extensión, créela como administrador "
            "(docs/operacion/postgresql.md)."
        ) from e
    connection.close()
    with tempfile.NamedTemporaryFile("w", suffix=".lista", encoding="utf-8") as lista:
        lista.write("\n".join(sin_extensiones) + "\n")
        lista.flush()
        _correr(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--use-list={lista.name}",
                "-d",
                str(connection.settings_dict["NAME"]),
                str(ruta),
            ],
            "pg_restore",
        )


def _restaurar_archivo(origen: Path, entrada: dict[str, Any]) -> None:
    nombre = entrada["ruta"].removeprefix(f"{DIR_ARCHIVOS}/")
    if default_storage.exists(nombre):
        default_storage.delete(nombre)  # solo con --forzar: en una instalación vacía no hay nada
    with (origen / entrada["ruta"]).open("rb") as f:
        guardado = default_storage.save(nombre, File(f, name=nombre))
    if guardado != nombre:
        raise ErrorDeRespaldo(f"El almacenamiento guardó «{nombre}» con otro nombre («{guardado}»).")


def _comprobar_lo_restaurado(manifiesto: dict[str, Any], archivos: list[dict[str, Any]]) -> None:
    """Lo que se declara restaurado se vuelve a leer del almacenamiento y de la base."""
    por_nombre = {}
    for entrada in archivos:
        nombre = entrada["ruta"].removeprefix(f"{DIR_ARCHIVOS}/")
        with default_storage.open(nombre, "rb") as f:
            sha, tamano = _sha256_de(f)
        if sha != entrada["sha256"] or tamano != entrada["tamano"]:
            raise ErrorDeRespaldo(
                f"El archivo restaurado «{nombre}» no coincide con el manifiesto (SHA-256)."
            )
        por_nombre[nombre] = sha
    for pk, nombre, sha in Archivo.objects.values_list("pk", "archivo", "sha256").iterator():
        if por_nombre.get(nombre) != sha:
            que = "falta en el almacenamiento" if nombre not in por_nombre else "no coincide con su SHA-256"
            raise ErrorDeRespaldo(f"El archivo «{nombre}» (Archivo {pk}) {que} tras restaurar.")
    esperados, ahora = manifiesto.get("conteos", {}), conteos()
    distintos = sorted(k for k, v in esperados.items() if ahora.get(k) != v)
    if distintos:
        k = distintos[0]
        raise ErrorDeRespaldo(
            f"La tabla de «{k}» tiene {ahora.get(k)} filas tras restaurar y el respaldo dice {esperados[k]}."
        )
    cadena = verificar_cadena()
    if not cadena.intacta:
        raise ErrorDeRespaldo(
            f"La cadena de auditoría restaurada está rota en el evento {cadena.primer_roto}: {cadena.motivo}."
        )
