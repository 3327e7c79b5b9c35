"""Municipio sintético para los benchmarks del registro, en PostgreSQL.

Carga N documentos (por defecto 1.000.000) y M derivaciones (3.000.000) más personas, unidades,
usuarios y procedimientos, con COPY (psycopg `cursor.copy`). Durante la carga se apagan los disparadores
de claves foráneas (`session_replication_role = replica`: los datos son coherentes por construcción) y se
quitan los índices que no sostienen restricciones; al final se recrean (incluidos los GIN de la búsqueda)
y se analiza. La numeración queda consistente: una fila `NumeroRegistro` por documento de entrada y un
`Contador` por año con el último número, así el registro por la API sigue la secuencia sin saltos.

Distribuciones (deterministas, semilla fija):
- fechas uniformes desde el 1 de enero de hace tres años hasta ayer; 90 % entrada, 5 % salida, 5 % interno;
- entrada: lo recibido en los últimos 60 días sigue abierto; de lo anterior, el 3 % sigue abierto y
  vencido y el resto se cerró (70 % atendido, 30 % concluido) entre 1 y 30 días después;
- exactamente 10.000 documentos abiertos en la bandeja de la Gerencia de Desarrollo Urbano (GDU) si la
  escala lo permite; los demás se reparten con pesos desiguales entre 40 unidades;
- derivaciones: M / (entradas) por documento (3 o 4 a escala completa), de la mesa de partes a unidades
  intermedias y la última a la unidad actual; abiertas (pendiente/aceptada) si el documento lo está.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from importlib import import_module
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from core import roles
from core.models import Contador, Municipio, NumeroRegistro, Persona, UnidadOrganica, Usuario
from core.services.numeracion import serie_por_perfil
from registro.models import Derivacion, Documento, Procedimiento

DISPARADOR_BUSQUEDA = import_module("registro.migrations.0004_busqueda_columna").DISPARADOR_DOCUMENTO

ZONA = ZoneInfo("America/Lima")
UNIDAD_BANDEJA = "GDU"
ABIERTOS_EN_BANDEJA = 10_000
CLAVE_BENCH = "bench-secretaria-2026"
_ALFABETO = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

UNIDADES = [
    ("ALC", "Alcaldía"),
    ("SG", "Secretaría General"),
    ("UTDA", "Unidad de Trámite Documentario"),
    ("GDU", "Gerencia de Desarrollo Urbano"),
    ("GM", "Gerencia Municipal"),
    ("OAJ", "Oficina de Asesoría Jurídica"),
    ("GAF", "Gerencia de Administración y Finanzas"),
    ("GSC", "Gerencia de Servicios a la Ciudad"),
    ("GDS", "Gerencia de Desarrollo Social"),
    ("GAT", "Gerencia de Administración Tributaria"),
] + [(f"SUB{i:02d}", f"Subgerencia {i:02d}") for i in range(1, 31)]
VERBOS = [
    "Solicitud de",
    "Reclamo por",
    "Consulta sobre",
    "Pedido de",
    "Queja por",
    "Recurso de reconsideración sobre",
    "Informe de",
    "Denuncia de",
    "Oficio sobre",
    "Carta sobre",
]
OBJETOS = [
    "licencia de construcción",
    "licencia de funcionamiento",
    "certificado de parámetros",
    "limpieza pública",
    "alumbrado público",
    "arbitrios municipales",
    "impuesto predial",
    "pista y vereda",
    "parque zonal",
    "matrimonio civil",
    "copia certificada de acuerdo de concejo",
    "acceso a la información pública",
    "ruidos molestos",
    "posesión de terreno",
    "numeración municipal",
    "anuncio publicitario",
    "fraccionamiento de deuda",
    "habilitación urbana",
    "ocupación de vía pública",
    "transporte menor",
]
LUGARES = [
    "Jr. Los Olivos",
    "Av. Grau",
    "Calle Lima",
    "Psje. San Martín",
    "Av. Túpac Amaru",
    "Jr. Ayacucho",
    "Asentamiento Humano Villa Esperanza",
    "Urb. Santa Rosa",
    "Mz. B Lt. 4",
    "Av. Los Próceres",
]
NOMBRES = [
    "Juan",
    "María",
    "José",
    "Rosa",
    "Luis",
    "Carmen",
    "Jorge",
    "Ana",
    "Pedro",
    "Lucía",
    "Miguel",
    "Elena",
    "Carlos",
    "Julia",
    "Víctor",
    "Sofía",
    "Raúl",
    "Teresa",
    "Héctor",
    "Gloria",
]
APELLIDOS = [
    "Quispe",
    "Flores",
    "Huamán",
    "Rojas",
    "Mendoza",
    "Castillo",
    "Torres",
    "Vargas",
    "Ramírez",
    "Chávez",
    "Gutiérrez",
    "Sánchez",
    "Paredes",
    "Ticona",
    "Mamani",
    "Condori",
    "Salazar",
    "Córdova",
    "Vega",
    "Ríos",
]


def _azar(i: int, sal: int = 0) -> float:
    """Pseudoazar determinista en [0, 1) por índice: las dos pasadas ven los mismos valores."""
    x = (i * 2654435761 + sal * 40503 + 12345) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 2246822519) & 0xFFFFFFFF
    x ^= x >> 13
    return x / 4294967296


def _codigo(doc_id: int) -> str:
    """12 caracteres, únicos por construcción: 6 de azar + el id en base 31 (6 cifras)."""
    cabeza = "".join(_ALFABETO[int(_azar(doc_id, k) * 31)] for k in range(6))
    cola, n = [], doc_id
    for _ in range(6):
        n, r = divmod(n, 31)
        cola.append(_ALFABETO[r])
    return cabeza + "".join(reversed(cola))


def _habil(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _plantilla(modelo, columnas_fijas: dict) -> tuple[list[str], list]:
    """Columnas de la tabla y valores por defecto de cada una (los del modelo), para COPY."""
    columnas, valores = [], []
    for campo in modelo._meta.concrete_fields:
        columnas.append(campo.column)
        if campo.column in columnas_fijas:
            valores.append(columnas_fijas[campo.column])
        elif campo.is_relation or campo.null:
            valores.append(None)
        else:
            defecto = campo.get_default()
            valores.append(defecto)
    return columnas, valores


def _copiar(cursor, modelo, filas, fijas: dict | None = None, *, campos: list[str]) -> int:
    """COPY de `filas` (tuplas en el orden de `campos`) en la tabla de `modelo`; el resto de columnas
    toma su valor por defecto del modelo."""
    columnas, base = _plantilla(modelo, fijas or {})
    posiciones = [columnas.index(c) for c in campos]
    tabla = modelo._meta.db_table
    n = 0
    with cursor.copy(f"COPY {tabla} ({', '.join(columnas)}) FROM STDIN") as copia:
        for fila in filas:
            registro = list(base)
            for p, v in zip(posiciones, fila, strict=True):
                registro[p] = v
            copia.write_row(registro)
            n += 1
    return n


def _indices_sueltos(cursor, tablas: list[str]) -> list[tuple[str, str]]:
    """(nombre, definición) de los índices que no sostienen una restricción (PK, UNIQUE)."""
    cursor.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
        [tablas],
    )
    return cursor.fetchall()


def _preparar_municipio():
    municipio = Municipio.objects.actual()
    if municipio is None:
        municipio = Municipio.objects.create(
            nombre="Municipalidad Distrital de Villa Esperanza (bench)",
            sigla="MDVE",
            perfil="PE",
            zona_horaria="America/Lima",
        )
    unidades = {}
    for orden, (sigla, nombre) in enumerate(UNIDADES):
        unidades[sigla], _ = UnidadOrganica.objects.get_or_create(
            sigla=sigla, defaults={"nombre": nombre, "orden": orden}
        )
    usuarios = {}
    for username, sigla, rol in [
        ("mesa", "UTDA", roles.MESA),
        ("secretario", "SG", roles.SECRETARIO),
        ("jefe", "GDU", roles.JEFE),
    ]:
        u, creado = Usuario.objects.get_or_create(username=username, defaults={"unidad": unidades[sigla]})
        if creado:
            u.set_password(CLAVE_BENCH)
            u.save()
            u.groups.add(Group.objects.get(name=rol))
        usuarios[username] = u
    procedimientos = list(Procedimiento.objects.all())
    if not procedimientos:
        procedimientos = Procedimiento.objects.bulk_create(
            [
                Procedimiento(
                    codigo=f"BENCH-{i:03d}",
                    nombre=f"{VERBOS[i % 10]} {OBJETOS[i % 20]}",
                    unidad_responsable=unidades[UNIDADES[3 + i % 7][0]],
                    plazo_dias=15,
                )
                for i in range(40)
            ]
        )
    return municipio, unidades, usuarios, procedimientos


def generar(
    *,
    documentos: int = 1_000_000,
    derivaciones: int = 3_000_000,
    personas: int = 100_000,
    hoy: date | None = None,
    salida=print,
) -> dict:
    """Carga el municipio sintético en la base actual (PostgreSQL, tablas del registro vacías) y
    devuelve las cifras: segundos por etapa, totales, contadores por año, unidad y tamaño de la bandeja."""
    if connection.vendor != "postgresql":
        raise RuntimeError("El generador usa COPY de PostgreSQL: defina DATABASE_URL=postgres://...")
    if Documento.objects.exists() or Derivacion.objects.exists():
        raise RuntimeError(
            "La base ya tiene documentos: el generador necesita una base de bench recién migrada."
        )
    t0 = time.perf_counter()
    tiempos: dict[str, float] = {}
    hoy = hoy or datetime.now(ZONA).date()
    municipio, unidades, usuarios, procedimientos = _preparar_municipio()
    serie = serie_por_perfil("registro_entrada", por=usuarios["mesa"])
    ct_documento = ContentType.objects.get_for_model(Documento)
    mesa, utda, bandeja = usuarios["mesa"], unidades["UTDA"], unidades[UNIDAD_BANDEJA]
    # Pesos desiguales: unas pocas gerencias reciben casi todo (Zipf aproximado).
    ids_unidades = [u.pk for s, u in unidades.items() if s not in ("ALC", "UTDA")]
    pesos = [1 / (k + 1) for k in range(len(ids_unidades))]
    acumulados, total_peso = [], sum(pesos)
    a = 0.0
    for p in pesos:
        a += p / total_peso
        acumulados.append(a)

    def unidad_al_azar(r: float) -> int:
        for uid, limite in zip(ids_unidades, acumulados, strict=True):
            if r < limite:
                return uid
        return ids_unidades[-1]

    inicio = datetime(hoy.year - 3, 1, 1, tzinfo=ZONA)
    fin = datetime.combine(hoy, datetime.min.time(), tzinfo=ZONA)
    paso = (fin - inicio) / documentos
    reciente = fin - timedelta(days=60)

    def clase(i):
        return "salida" if i % 20 == 0 else "interno" if i % 20 == 1 else "entrada"

    # Pasada 1: cuántos abiertos de entrada hay, para dejar exactamente 10.000 en la bandeja de GDU.
    def abierto(i, t):
        return t >= reciente or _azar(i, 1) < 0.03

    n_abiertos = sum(
        1 for i in range(documentos) if clase(i) == "entrada" and abierto(i, inicio + paso * (i + 0.5))
    )
    cada = max(1, n_abiertos // ABIERTOS_EN_BANDEJA)
    n_entrada = sum(1 for i in range(documentos) if clase(i) == "entrada")
    por_doc, extra = divmod(derivaciones, max(1, n_entrada))

    with transaction.atomic(), connection.cursor() as envoltura:
        cursor = envoltura.cursor  # el cursor de psycopg, con .copy()
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL max_parallel_maintenance_workers = 2")
        tablas = [
            Documento._meta.db_table,
            Derivacion._meta.db_table,
            NumeroRegistro._meta.db_table,
            Persona._meta.db_table,
        ]
        sueltos = _indices_sueltos(cursor, tablas)
        for nombre, _ in sueltos:
            cursor.execute(f'DROP INDEX "{nombre}"')

        # Personas.
        t = time.perf_counter()
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {Persona._meta.db_table}")
        p0 = cursor.fetchone()[0] + 1
        filas_personas = (
            (
                p0 + k,
                "natural",
                "DNI",
                f"{70000000 + k:08d}",
                NOMBRES[k % 20] + " " + NOMBRES[(k // 20) % 20],
                APELLIDOS[(k // 7) % 20] + " " + APELLIDOS[(k // 140) % 20],
                inicio,
            )
            for k in range(personas)
        )
        _copiar(
            cursor,
            Persona,
            filas_personas,
            campos=["id", "tipo", "tipo_documento", "numero_documento", "nombres", "apellidos", "creado"],
        )
        tiempos["personas"] = time.perf_counter() - t

        # Documentos y sus números (una pasada; los números en una lista para el segundo COPY).
        t = time.perf_counter()
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {NumeroRegistro._meta.db_table}")
        n0 = cursor.fetchone()[0] + 1
        contadores: dict[int, int] = {}
        numeros: list[tuple] = []
        abiertos_bandeja = 0
        resumen_docs: list[tuple] = []  # (doc_id, t, unidad_actual, abierto, cerrado_en) de entrada
        sigla = municipio.sigla

        def filas_documentos():
            nonlocal abiertos_bandeja
            cuenta_abiertos = 0
            for i in range(documentos):
                doc_id = i + 1
                t_i = inicio + paso * (i + 0.5)
                local = t_i.astimezone(ZONA)
                dia = local.date()
                c = clase(i)
                r = _azar(i, 2)
                asunto = f"{VERBOS[i % 10]} {OBJETOS[(i // 10) % 20]} en {LUGARES[(i // 200) % 10]} {100 + i % 900}"
                remitente = p0 + int(_azar(i, 3) * personas)
                if c != "entrada":
                    origen = unidad_al_azar(r)
                    yield (
                        doc_id,
                        c,
                        None,
                        f"{c.upper()} Nº {i:07d}-{dia.year}-{sigla}",
                        dia.year,
                        None,
                        _codigo(doc_id),
                        asunto,
                        2,
                        None,
                        "interno",
                        "normal",
                        None,
                        t_i,
                        None,
                        dia,
                        None,
                        "enviado",
                        None,
                        origen,
                        None,
                        t_i,
                        t_i,
                    )
                    continue
                anio = dia.year
                contadores[anio] = contadores.get(anio, 0) + 1
                numero = contadores[anio]
                numero_id = n0 + len(numeros)
                texto = serie.formato.format(numero=numero, anio=anio, sigla=sigla, unidad="")
                numeros.append(
                    (numero_id, serie.pk, anio, numero, texto, t_i, mesa.pk, ct_documento.pk, str(doc_id))
                )
                computo = _habil(dia)
                vence = computo + timedelta(days=21)
                procedimiento = procedimientos[i % len(procedimientos)].pk if r < 0.4 else None
                if abierto(i, t_i):
                    cuenta_abiertos += 1
                    if cuenta_abiertos % cada == 0 and abiertos_bandeja < ABIERTOS_EN_BANDEJA:
                        unidad = bandeja.pk
                        abiertos_bandeja += 1
                    else:
                        unidad = unidad_al_azar(r)
                        if unidad == bandeja.pk:
                            unidad = ids_unidades[-1]
                    estado = "en_tramite" if _azar(i, 4) < 0.7 else "registrado"
                    cerrado = None
                else:
                    unidad = unidad_al_azar(r)
                    estado = "atendido" if _azar(i, 4) < 0.7 else "concluido"
                    cerrado = t_i + timedelta(days=1 + int(_azar(i, 5) * 30), hours=3)
                resumen_docs.append((doc_id, t_i, unidad, cerrado is None, cerrado))
                yield (
                    doc_id,
                    "entrada",
                    numero_id,
                    texto,
                    anio,
                    numero,
                    _codigo(doc_id),
                    asunto,
                    1 + i % 12,
                    remitente,
                    "virtual" if r > 0.8 else "ventanilla",
                    "urgente" if r < 0.05 else "normal",
                    procedimiento,
                    t_i,
                    mesa.pk,
                    computo,
                    vence,
                    estado,
                    unidad,
                    None,
                    cerrado,
                    None,
                    t_i,
                )

        campos_doc = [
            "id",
            "clase",
            "numero_id",
            "numero_texto",
            "anio",
            "correlativo",
            "codigo_seguimiento",
            "asunto",
            "folios",
            "remitente_id",
            "canal",
            "prioridad",
            "procedimiento_id",
            "recibido_en",
            "recibido_por_id",
            "fecha_computo",
            "vence",
            "estado",
            "unidad_actual_id",
            "unidad_origen_id",
            "cerrado_en",
            "firmado_en",
            "creado",
        ]
        # La columna `busqueda` (PostgreSQL) la llena su disparador, que session_replication_role = replica
        # apagaría: se enciende solo para este COPY (registro/migrations/0004_busqueda_columna.py).
        tabla_doc = Documento._meta.db_table
        cursor.execute(f'ALTER TABLE "{tabla_doc}" ENABLE ALWAYS TRIGGER "{DISPARADOR_BUSQUEDA}"')
        _copiar(cursor, Documento, filas_documentos(), campos=campos_doc)
        cursor.execute(f'ALTER TABLE "{tabla_doc}" ENABLE TRIGGER "{DISPARADOR_BUSQUEDA}"')
        tiempos["documentos"] = time.perf_counter() - t
        t = time.perf_counter()
        _copiar(
            cursor,
            NumeroRegistro,
            numeros,
            campos=[
                "id",
                "serie_id",
                "anio",
                "numero",
                "texto",
                "asignado",
                "asignado_por_id",
                "objeto_tipo_id",
                "objeto_id",
            ],
        )
        tiempos["numeros"] = time.perf_counter() - t
        n_numeros = len(numeros)
        numeros.clear()  # la memoria de un millón de filas, ya copiadas

        # Derivaciones: la hoja de ruta de cada documento de entrada.
        t = time.perf_counter()

        def filas_derivaciones():
            d_id = 0
            for j, (doc_id, t_i, unidad, abierto_doc, cerrado) in enumerate(resumen_docs):
                k = por_doc + (1 if j < extra else 0)
                de, anterior = utda.pk, None
                for s in range(1, k + 1):
                    d_id += 1
                    ultima = s == k
                    a = unidad if ultima else ids_unidades[int(_azar(doc_id, 10 + s) * len(ids_unidades))]
                    enviado = t_i + timedelta(hours=2 * s)
                    if not ultima:
                        estado, cerrado_en = "derivada", enviado + timedelta(hours=1)
                    elif abierto_doc:
                        estado, cerrado_en = ("aceptada" if _azar(doc_id, 6) < 0.5 else "pendiente"), None
                    else:
                        estado, cerrado_en = "atendida", cerrado
                    yield (d_id, doc_id, s, anterior, "accion", de, a, estado, enviado, cerrado_en)
                    de, anterior = a, d_id

        n_derivaciones = _copiar(
            cursor,
            Derivacion,
            filas_derivaciones(),
            campos=[
                "id",
                "documento_id",
                "secuencia",
                "anterior_id",
                "tipo",
                "de_unidad_id",
                "a_unidad_id",
                "estado",
                "enviado_en",
                "cerrado_en",
            ],
        )
        tiempos["derivaciones"] = time.perf_counter() - t
        resumen_docs.clear()

        for anio, ultimo in contadores.items():
            Contador.objects.update_or_create(serie=serie, anio=anio, defaults={"ultimo": ultimo})

        t = time.perf_counter()
        for _, definicion in sueltos:
            cursor.execute(definicion)
        tiempos["indices"] = time.perf_counter() - t
        for modelo in (Persona, Documento, NumeroRegistro, Derivacion):
            tabla = modelo._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabla}', 'id'), (SELECT max(id) FROM {tabla}))"
            )

    t = time.perf_counter()
    with connection.cursor() as c:
        # VACUUM además de ANALYZE: deja el mapa de visibilidad y los hint bits como los dejaría el
        # autovacuum en producción tras la carga (sin él, los Index Only Scan de los informes leen la tabla
        # y la primera lectura de cada página la reescribe, según cuándo pase el autovacuum en el bench).
        c.execute("VACUUM (ANALYZE)")
    tiempos["analyze"] = time.perf_counter() - t
    total = time.perf_counter() - t0
    salida(
        f"Generados {documentos:,} documentos, {n_derivaciones:,} derivaciones, {personas:,} personas "
        f"en {total:.1f} s; {abiertos_bandeja:,} abiertos en la bandeja de {UNIDAD_BANDEJA}."
    )
    return {
        "segundos": round(total, 1),
        "etapas": {k: round(v, 1) for k, v in tiempos.items()},
        "documentos": documentos,
        "numeros_entrada": n_numeros,
        "derivaciones": n_derivaciones,
        "personas": personas,
        "contadores": {str(k): v for k, v in sorted(contadores.items())},
        "unidad_bandeja": bandeja.pk,
        "abiertos_bandeja": abiertos_bandeja,
    }
