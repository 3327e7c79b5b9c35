"""Escenarios del benchmark del registro (issue 3), sobre la base que dejó bench/generar.py.

Cada escenario imprime su cifra y devuelve un dict. Objetivos:
(a) registro por la API HTTP: >= 200 documentos/s con 16 clientes, números consecutivos sin saltos;
(b) bandeja de una unidad con 10.000 abiertos: p95 < 100 ms; (c) consulta pública: p95 < 20 ms;
(d) búsqueda de texto completo: p95 < 150 ms; (e) informe de un año: < 1 s; (f) el generador: < 10 min.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
from django.urls import reverse

from core.models import Contador, NumeroRegistro, Usuario
from core.services.numeracion import serie_por_perfil
from core.services.tokens import obtener_o_crear_token
from informes.selectors import cumplimiento_plazos, recibidos_y_despachados
from registro.models import Derivacion, Documento
from registro.selectors.busqueda import buscar_documentos

OBJETIVOS = {
    "api_registro": (">=", 200, "doc/s"),
    "bandeja": ("<", 100, "ms p95"),
    "consulta_publica": ("<", 20, "ms p95"),
    "busqueda": ("<", 150, "ms p95"),
    "informe_anual": ("<", 1000, "ms"),
    "generador": ("<", 600, "s"),
}


def _p95(muestras: list[float]) -> float:
    muestras = sorted(muestras)
    return muestras[max(0, int(round(0.95 * len(muestras))) - 1)]


def _ms(segundos: float) -> float:
    return round(1000 * segundos, 1)


def _medir(funcion, veces: int) -> dict:
    funcion()  # calentamiento: caché del plan, páginas en memoria
    tiempos = []
    for _ in range(veces):
        t = time.perf_counter()
        funcion()
        tiempos.append(time.perf_counter() - t)
    return {
        "p50_ms": _ms(statistics.median(tiempos)),
        "p95_ms": _ms(_p95(tiempos)),
        "max_ms": _ms(max(tiempos)),
        "n": veces,
    }


def _usuario(nombre):

    return Usuario.objects.get(username=nombre)


# (e) Informe anual ---------------------------------------------------------------------------------


def informe_anual(*, salida=print, veces: int = 5) -> dict:

    anio = date.today().year - 1
    desde, hasta = date(anio, 1, 1), date(anio, 12, 31)
    r = _medir(lambda: recibidos_y_despachados(desde=desde, hasta=hasta, periodo="mes"), veces)
    c = _medir(lambda: cumplimiento_plazos(desde=desde, hasta=hasta), veces)
    informe = recibidos_y_despachados(desde=desde, hasta=hasta, periodo="mes")
    salida(
        f"(e) Informe de recibidos y despachados {anio}: {r['p50_ms']} ms (máx {r['max_ms']} ms); "
        f"cumplimiento de plazos: {c['p50_ms']} ms; totales {informe.totales}"
    )
    return {
        "valor": r["max_ms"],
        "recibidos_y_despachados": r,
        "cumplimiento_plazos": c,
        "anio": anio,
        "totales": informe.totales,
    }


# (b) Bandeja -----------------------------------------------------------------------------------------


def bandeja(*, unidad_id: int, salida=print, veces: int = 200) -> dict:
    jefe = _usuario("jefe")
    url = reverse("registro:bandeja")
    cliente = Client()
    cliente.force_login(jefe)

    def pedir():
        r = cliente.get(url, {"pestana": "en_tramite"})
        assert r.status_code == 200, r.status_code

    modo = f"página {url} (Django test Client, tiempo de servidor sin red)"
    r = _medir(pedir, veces)
    abiertos = _contar_abiertos(unidad_id)
    salida(f"(b) Bandeja con {abiertos:,} abiertos: p95 {r['p95_ms']} ms (p50 {r['p50_ms']} ms) — {modo}")
    return {"valor": r["p95_ms"], **r, "modo": modo, "abiertos": abiertos}


def _contar_abiertos(unidad_id: int) -> int:

    return Derivacion.objects.filter(a_unidad_id=unidad_id, estado__in=Derivacion.ESTADOS_ABIERTOS).count()


# (c) Consulta pública ------------------------------------------------------------------------------


def consulta_publica(*, salida=print, veces: int = 200) -> dict:

    maximo = Documento.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = random.Random(7).sample(range(1, maximo + 1), min(veces + 1, maximo))
    codigos = dict(
        Documento.objects.filter(pk__in=ids, clase=Documento.Clase.ENTRADA).values_list(
            "pk", "codigo_seguimiento"
        )
    )
    lista = [codigos[i] for i in ids if i in codigos]
    cliente = Client()
    it = iter(enumerate(lista * 2))

    def pedir():
        # Cada consulta desde una IP distinta, como ciudadanos distintos (el límite por IP no entra en juego).
        k, codigo = next(it)
        r = cliente.get(
            f"/consulta/{codigo}/", REMOTE_ADDR=f"10.{k // 65536 % 256}.{k // 256 % 256}.{k % 256}"
        )
        assert r.status_code == 200, r.status_code

    r = _medir(pedir, min(veces, len(lista) - 1))
    salida(f"(c) Consulta pública por código: p95 {r['p95_ms']} ms (p50 {r['p50_ms']} ms)")
    return {"valor": r["p95_ms"], **r}


# (d) Búsqueda --------------------------------------------------------------------------------------

CONSULTAS = [
    "licencia de construcción",
    "Quispe",
    "arbitrios",
    "ruidos molestos Grau",
    "parque zonal",
    "habilitación urbana Santa Rosa",
    "Mamani Flores",
    "matrimonio civil",
    "impuesto predial",
    "anuncio publicitario Ayacucho",
]


def busqueda(*, salida=print, veces: int = 100) -> dict:
    secretario = _usuario("secretario")
    ciclo = iter(CONSULTAS * (veces // len(CONSULTAS) + 2))

    def pedir():
        # Lo que muestra una página de resultados: los 20 más recientes que coinciden.
        return list(buscar_documentos(next(ciclo), usuario=secretario).select_related("remitente")[:20])

    r = _medir(pedir, veces)
    # Cuántas filas devolvió cada consulta (20 si hay al menos 20): una búsqueda vacía también es rápida.
    encontrados = {q: len(buscar_documentos(q, usuario=secretario)[:20]) for q in CONSULTAS}
    salida(
        f"(d) Búsqueda de texto completo: p95 {r['p95_ms']} ms (p50 {r['p50_ms']} ms); "
        f"filas (máx. 20) por consulta: {list(encontrados.values())}"
    )
    return {"valor": r["p95_ms"], **r, "consultas": CONSULTAS, "encontrados": encontrados}


# (a) Registro por la API ----------------------------------------------------------------------------


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _esperar(puerto: int, proceso, segundos: float = 60) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        if proceso.poll() is not None:
            raise RuntimeError("gunicorn terminó al arrancar")
        try:
            with socket.create_connection(("127.0.0.1", puerto), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn no respondió a tiempo")


def _calentar(puerto: int, ruta: str, clave: str, *, veces: int) -> None:
    """Peticiones inválidas (400: no registran nada ni gastan números) para que cada trabajador cargue
    todo lo que carga en su primera petición antes de empezar a medir."""

    def una():
        conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=60)
        conexion.request(
            "POST",
            ruta,
            body=json.dumps({"asunto": "", "folios": -1}),
            headers={"Authorization": f"Token {clave}", "Content-Type": "application/json"},
        )
        respuesta = conexion.getresponse()
        respuesta.read()
        conexion.close()
        assert respuesta.status == 400, respuesta.status

    hilos = [threading.Thread(target=una) for _ in range(veces)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()


def _cuerpo_registro(k: int, n: int) -> str:
    # Cada cliente con su remitente (ya registrado tras su primera petición) y un asunto distinto por petición.
    return json.dumps(
        {
            "asunto": f"Solicitud de bench {k}-{n}",
            "folios": 3,
            "remitente": {
                "nombre": f"Ciudadano Bench {k}",
                "tipo_documento": "DNI",
                "numero_documento": f"{60000000 + k:08d}",
            },
        }
    )


def _preparar_remitentes(puerto: int, ruta: str, clave: str, *, clientes: int) -> int:
    """Una petición por cliente, de a una, antes de medir: registra los remitentes del bench (si no
    existían), para que las peticiones medidas sean el caso común (remitente ya registrado) y dos
    clientes no creen a la vez la misma persona. Sus documentos cuentan en la verificación de números."""
    hechos = 0
    for k in range(clientes):
        conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=60)
        conexion.request(
            "POST",
            ruta,
            body=_cuerpo_registro(k, 0),
            headers={"Authorization": f"Token {clave}", "Content-Type": "application/json"},
        )
        r = conexion.getresponse()
        r.read()
        conexion.close()
        hechos += r.status == 201
    return hechos


# Clientes de carga. Lo que se mide es el servidor: en 2 núcleos, 16 hilos de Python con http.client gastaban
# ~1/4 de la CPU que el servidor necesita (el GIL y un hilo por cliente). wrk (C, Debian: `apt-get install
# wrk`) cuesta casi nada; sin él, un solo proceso asyncio con 16 conexiones concurrentes, que cuesta menos
# que los hilos. Los dos mantienen 16 peticiones en vuelo todo el tiempo (cada cliente manda la siguiente
# al recibir la respuesta), que es lo que pide la issue: 16 clientes concurrentes.

_LUA_WRK = r"""
local hilos = {}
local k = 0
function setup(hilo)
  hilo:set("id", k)
  k = k + 1
  table.insert(hilos, hilo)
end
function init(args)
  n = 0
  conn = 0
  creados = 0
  otros = 0
  ejemplo = ""
  wrk.method = args[1]
  wrk.headers["Authorization"] = "Token " .. args[2]
  wrk.headers["Content-Type"] = "application/json"
  cuerpo = args[3] == "post"
end
function request()
  n = n + 1
  if cuerpo then
    -- Uno de los remitentes que registró la preparación; el asunto, distinto en cada petición.
    local c = (id * 1000 + n) % CLIENTES
    local b = string.format('{"asunto": "Solicitud de bench %d-%d", "folios": 3, "remitente": {"nombre": "Ciudadano Bench %d", "tipo_documento": "DNI", "numero_documento": "%08d"}}', c, 1000000 * (id + 1) + n, c, 60000000 + c)
    return wrk.format(nil, nil, nil, b)
  end
  return wrk.format()
end
function response(status, headers, body)
  if status == 201 or status == 200 then
    creados = creados + 1
  else
    otros = otros + 1
    if ejemplo == "" then ejemplo = status .. " " .. string.sub(body, 1, 200) end
  end
end
function done(summary, latency, requests)
  local c, o, e = 0, 0, ""
  for _, hilo in ipairs(hilos) do
    c = c + hilo:get("creados")
    o = o + hilo:get("otros")
    if e == "" then e = hilo:get("ejemplo") end
  end
  io.write(string.format('RESULTADO {"ok": %d, "otros": %d, "errores_socket": %d, "segundos": %f, "ejemplo": "%s"}\n',
    c, o, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, string.gsub(e, '[%c"\\]', " ")))
end
"""


def _carga_wrk(puerto: int, ruta: str, clave: str, *, metodo: str, clientes: int, segundos: float) -> dict:

    hilos = 2 if clientes % 2 == 0 else 1
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(_LUA_WRK.replace("CLIENTES", str(clientes)))
        guion = f.name
    try:
        salida = subprocess.run(
            [
                "wrk",
                "-t",
                str(hilos),
                "-c",
                str(clientes),
                "-d",
                f"{max(1, round(segundos))}s",
                "--timeout",
                "30s",
                "-s",
                guion,
                f"http://127.0.0.1:{puerto}{ruta}",
                "--",
                metodo,
                clave,
                metodo.lower(),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(guion)
    linea = next(x for x in salida.splitlines() if x.startswith("RESULTADO "))
    datos = json.loads(linea.removeprefix("RESULTADO "))
    errores = [datos["ejemplo"]] * datos["otros"] + ["error de socket"] * datos["errores_socket"]
    return {"ok": datos["ok"], "errores": errores, "segundos": datos["segundos"], "cliente": "wrk"}


FIN_CABECERAS = b"\r\n\r\n"


def _carga_asyncio(
    puerto: int, ruta: str, clave: str, *, metodo: str, clientes: int, segundos: float
) -> dict:

    async def principal():
        fin = time.monotonic() + segundos
        ok, errores = [0], []

        async def cliente(k: int):
            n = 0
            while time.monotonic() < fin:
                n += 1
                cuerpo = _cuerpo_registro(k, 1000000 + n).encode() if metodo == "POST" else b""
                cabeza = (
                    f"{metodo} {ruta} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token {clave}\r\n"
                    f"Content-Type: application/json\r\nContent-Length: {len(cuerpo)}\r\n"
                    "Connection: close\r\n\r\n"
                ).encode()
                try:
                    lector, escritor = await asyncio.open_connection("127.0.0.1", puerto)
                    escritor.write(cabeza + cuerpo)
                    respuesta = await asyncio.wait_for(lector.read(), 30)
                    escritor.close()
                except (TimeoutError, OSError) as e:
                    errores.append(repr(e))
                    continue
                estado = int(respuesta[9:12] or b"0")
                if estado in (200, 201):
                    ok[0] += 1
                else:
                    errores.append(f"{estado} {respuesta.partition(FIN_CABECERAS)[2][:200]!r}")

        t = time.perf_counter()
        await asyncio.gather(*(cliente(k) for k in range(clientes)))
        return {"ok": ok[0], "errores": errores, "segundos": time.perf_counter() - t, "cliente": "asyncio"}

    return asyncio.run(principal())


def _cpu_arbol(raiz: int) -> float:
    """Segundos de CPU (usuario + sistema) de `raiz` y de sus hijos vivos, leídos de /proc (Linux)."""
    hijos: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    tic = os.sysconf("SC_CLK_TCK")
    for entrada in os.listdir("/proc"):
        if not entrada.isdigit():
            continue
        try:
            campos = Path(f"/proc/{entrada}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entrada)
        hijos.setdefault(int(campos[1]), []).append(pid)
        cpu[pid] = (int(campos[11]) + int(campos[12])) / tic
    total, pendientes = 0.0, [raiz]
    while pendientes:
        pid = pendientes.pop()
        total += cpu.get(pid, 0.0)
        pendientes.extend(hijos.get(pid, []))
    return total


def _postmaster() -> int | None:
    # El proceso padre del backend de esta conexión es el postmaster del clúster (si corre en esta máquina).
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
        connection.close()
        for linea in Path(f"/proc/{backend}/status").read_text().splitlines():
            if linea.startswith("PPid:"):
                return int(linea.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _carga(*args, **kwargs) -> dict:
    if shutil.which("wrk"):
        return _carga_wrk(*args, **kwargs)
    return _carga_asyncio(*args, **kwargs)


def _techo_get(puerto: int, numero: str | None, clave: str, *, clientes: int, segundos: float) -> float:
    """Peticiones/s de un GET trivial con token (el detalle de un documento recién registrado) con los
    mismos clientes y trabajadores: el techo de la pila (gunicorn, Django, DRF, autenticación) sin la
    numeración; si el registro se acerca a este número, lo que frena ya no es el registro."""

    pk = (
        Documento.objects.filter(numero_texto=numero).values_list("pk", flat=True).first() if numero else None
    )
    connection.close()
    if pk is None:
        return 0.0
    r = _carga(
        puerto,
        reverse("api-registro-documento", args=[pk]),
        clave,
        metodo="GET",
        clientes=clientes,
        segundos=segundos,
    )
    return round(r["ok"] / r["segundos"], 1) if r["segundos"] else 0.0


def api_registro(
    *, salida=print, clientes: int = 16, segundos: float = 20, trabajadores: int = 2, hilos: int = 4
) -> dict:

    ruta = reverse("api-registro-documentos")
    if not shutil.which("wrk"):
        salida(
            "(a) wrk no está instalado (Debian: apt-get install wrk): los clientes son un proceso asyncio, "
            "que gasta más CPU que wrk en la misma máquina que el servidor."
        )
    mesa = _usuario("mesa")
    token, _ = obtener_o_crear_token(usuario=mesa, por=None)
    serie = serie_por_perfil("registro_entrada", por=mesa)
    anio = date.today().year
    antes = Contador.objects.filter(serie=serie, anio=anio).values_list("ultimo", flat=True).first() or 0
    connection.close()

    puerto = _puerto_libre()
    # LOG_LEVEL=ERROR: el calentamiento manda a propósito cuerpos inválidos (400, sin gastar números).
    entorno = dict(
        os.environ, DJANGO_SETTINGS_MODULE="secretaria.settings", TASKS_BACKEND="immediate", LOG_LEVEL="ERROR"
    )
    # Por omisión 2 procesos de 4 hilos (gthread): en 2 núcleos, un proceso por núcleo, y sus hilos cubren
    # las esperas a PostgreSQL; los 16 clientes mantienen su conexión abierta (keep-alive; los trabajadores
    # síncronos la cierran tras cada respuesta). Medido con la máquina cargada por otras pruebas (carga
    # 9–13), misma base: 2×4 hilos 65,7 doc/s; 2×8 54,0; 3×4 46,5; 4 síncronos 44,7 (bench/README.md).
    # Conexiones persistentes a PostgreSQL (bench/wsgi_api.py), como en un despliegue.
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.wsgi_api:application",
        "--bind",
        f"127.0.0.1:{puerto}",
        "--workers",
        str(trabajadores),
        "--preload",
        "--log-level",
        "warning",
    ]
    if hilos > 1:
        # Trabajadores con hilos (gthread): mantienen abiertas las conexiones de los clientes (keep-alive).
        gunicorn += ["--worker-class", "gthread", "--threads", str(hilos)]
    proceso = subprocess.Popen(gunicorn, cwd=settings.BASE_DIR, env=entorno)
    try:
        _esperar(puerto, proceso)
        _calentar(puerto, ruta, token.key, veces=4 * trabajadores)
        preparados = _preparar_remitentes(puerto, ruta, token.key, clientes=clientes)
        # CPU gastada durante la carga por gunicorn (maestro y trabajadores), por PostgreSQL (todo el
        # clúster) y por el cliente: lo que cuesta cada registro, con independencia de la carga de la máquina.
        postmaster = _postmaster()

        cpu_antes = (
            _cpu_arbol(proceso.pid),
            _cpu_arbol(postmaster) if postmaster else 0.0,
            resource.getrusage(resource.RUSAGE_CHILDREN),
            resource.getrusage(resource.RUSAGE_SELF),
        )
        r = _carga(puerto, ruta, token.key, metodo="POST", clientes=clientes, segundos=segundos)
        hijos, propio = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
        cpu = {
            "servidor": _cpu_arbol(proceso.pid) - cpu_antes[0],
            "postgresql": (_cpu_arbol(postmaster) - cpu_antes[1]) if postmaster else None,
            # wrk es un hijo que ya terminó (RUSAGE_CHILDREN); el cliente asyncio corre en este proceso.
            "cliente": (hijos.ru_utime + hijos.ru_stime - cpu_antes[2].ru_utime - cpu_antes[2].ru_stime)
            + (propio.ru_utime + propio.ru_stime - cpu_antes[3].ru_utime - cpu_antes[3].ru_stime),
        }
        time.sleep(
            1
        )  # las peticiones que quedaron en vuelo al cortar terminan (y cuentan en la verificación)
        ultimo = _ultimo_texto(serie, anio) if r["ok"] else None
        techo = _techo_get(puerto, ultimo, token.key, clientes=clientes, segundos=min(5.0, segundos / 4))
    finally:
        proceso.terminate()
        try:
            proceso.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proceso.kill()

    nuevos = list(
        NumeroRegistro.objects.filter(serie=serie, anio=anio, numero__gt=antes)
        .order_by("numero")
        .values_list("numero", flat=True)
    )
    con_documento = Documento.objects.filter(
        numero__serie=serie, numero__anio=anio, numero__numero__gt=antes
    ).count()
    consecutivos = nuevos == list(range(antes + 1, antes + 1 + len(nuevos)))
    # Cada 201 es un documento confirmado con su número; al cortar la carga, las peticiones en vuelo (a lo
    # sumo una por cliente) pueden confirmarse sin que el cliente cuente su respuesta.
    respondidos = r["ok"] + preparados
    coinciden = respondidos <= len(nuevos) <= respondidos + clientes and con_documento == len(nuevos)
    errores = r["errores"]
    duracion = r["segundos"]
    por_segundo = round(r["ok"] / duracion, 1) if duracion else 0
    por_doc = {
        k: (round(1000 * v / r["ok"], 2) if v is not None and r["ok"] else None) for k, v in cpu.items()
    }
    total_ms = sum(v for v in por_doc.values() if v)
    nucleos = os.cpu_count() or 1
    # Sin la CPU de PostgreSQL (clúster en otra máquina, o no se encontró su proceso) no hay cota que dar.
    capacidad = round(1000 * nucleos / total_ms, 1) if total_ms and None not in por_doc.values() else None
    salida(
        f"(a) CPU por documento: servidor {por_doc['servidor']} ms, PostgreSQL {por_doc['postgresql']} ms, "
        f"cliente {por_doc['cliente']} ms; con los {nucleos} núcleos solo para esto, a lo sumo ~{capacidad} doc/s"
    )
    salida(
        f"(a) Registro por la API ({r['cliente']}): {r['ok']:,} documentos (201) en {duracion:.1f} s con "
        f"{clientes} clientes = {por_segundo} doc/s; números {antes + 1}…{antes + len(nuevos)} "
        f"({len(nuevos):,}, todos con su documento): "
        f"{'consecutivos, sin saltos ni repetidos' if consecutivos and coinciden else 'FALLA'}"
        f"{'' if not errores else f'; {len(errores)} errores, p. ej. {errores[0]}'}"
        f"; techo de la pila (GET trivial con token, mismos clientes): {techo} pet/s"
    )
    return {
        "valor": por_segundo,
        "documentos": r["ok"],
        "segundos": round(duracion, 1),
        "clientes": clientes,
        "cliente_de_carga": r["cliente"],
        "trabajadores_gunicorn": trabajadores,
        "hilos_gunicorn": hilos,
        "primero": antes + 1,
        "ultimo": antes + len(nuevos),
        "numeros_nuevos": len(nuevos),
        "consecutivos": consecutivos and coinciden,
        "errores": len(errores),
        "techo_get": techo,
        "ejemplo_error": errores[0] if errores else "",
        "cpu_ms_por_documento": por_doc,
        "capacidad_cpu_doc_s": capacidad,
    }


def _ultimo_texto(serie, anio) -> str | None:

    texto = (
        NumeroRegistro.objects.filter(serie=serie, anio=anio)
        .order_by("-numero")
        .values_list("texto", flat=True)
        .first()
    )
    connection.close()
    return texto


# Todo junto --------------------------------------------------------------------------------------


_SOLO = {
    "api": "api_registro",
    "bandeja": "bandeja",
    "consulta": "consulta_publica",
    "busqueda": "busqueda",
    "informe": "informe_anual",
}


def calibrar_cpu(veces: int = 5) -> float:
    """Milisegundos (el mejor de `veces`) de un trabajo fijo de Python en un hilo: la velocidad de la
    máquina en ese momento. En una máquina virtual compartida varía de una hora a otra (se vio ±20 %); con
    esta cifra se comparan corridas hechas en momentos distintos."""
    mejor = float("inf")
    for _ in range(veces):
        t = time.perf_counter()
        total = 0
        for i in range(300_000):
            total += (i * i) % 7
        json.dumps([{"n": i, "t": str(i)} for i in range(2_000)])
        mejor = min(mejor, time.perf_counter() - t)
    return round(1000 * mejor, 1)


def correr(
    *,
    generado: dict | None,
    salida=print,
    clientes: int = 16,
    segundos: float = 20,
    trabajadores: int = 2,
    hilos: int = 4,
    solo: str | None = None,
) -> dict:
    reset_queries()
    resultados: dict[str, dict] = {}
    calibracion = calibrar_cpu()
    resultados["calibracion_cpu_ms"] = {"inicio": calibracion}
    salida(
        f"Calibración de la CPU: {calibracion} ms (un trabajo fijo de Python; más alto = máquina más lenta "
        "en este momento)"
    )
    if generado:
        resultados["generador"] = {"valor": generado["segundos"], **generado}
        salida(
            f"(f) Generador: {generado['segundos']} s para {generado['documentos']:,} documentos y "
            f"{generado['derivaciones']:,} derivaciones"
        )
    unidad = generado["unidad_bandeja"] if generado else _usuario("jefe").unidad_id
    escenarios = {
        "informe_anual": lambda: informe_anual(salida=salida),
        "bandeja": lambda: bandeja(unidad_id=unidad, salida=salida),
        "consulta_publica": lambda: consulta_publica(salida=salida),
        "busqueda": lambda: busqueda(salida=salida),
        "api_registro": lambda: api_registro(
            salida=salida, clientes=clientes, segundos=segundos, trabajadores=trabajadores, hilos=hilos
        ),
    }
    for clave, escenario in escenarios.items():
        if solo and clave != _SOLO[solo]:
            continue
        try:
            resultados[clave] = escenario()
        except Exception as e:  # un escenario roto no impide medir los demás
            salida(f"{clave}: ERROR {e!r}")
            resultados[clave] = {"error": repr(e)}
    resultados["calibracion_cpu_ms"]["fin"] = calibracion = calibrar_cpu()
    salida(f"Calibración de la CPU al terminar: {calibracion} ms")
    return resultados


def tabla(resultados: dict) -> str:
    lineas = [f"{'Escenario':<20} {'Medido':>12} {'Objetivo':>16}  Cumple", "-" * 60]
    for clave, (op, objetivo, unidad) in OBJETIVOS.items():
        r = resultados.get(clave)
        if not r or "valor" not in r:
            lineas.append(f"{clave:<20} {'saltado':>12} {op + ' ' + str(objetivo) + ' ' + unidad:>16}  —")
            continue
        v = r["valor"]
        cumple = v >= objetivo if op == ">=" else v < objetivo
        if clave == "api_registro":
            cumple = cumple and r.get("consecutivos", False)
        lineas.append(
            f"{clave:<20} {v:>12} {op + ' ' + str(objetivo) + ' ' + unidad:>16}  {'sí' if cumple else 'NO'}"
        )
    return "\n".join(lineas)


def guardar(resultados: dict, ruta: Path) -> None:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps(resultados, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
