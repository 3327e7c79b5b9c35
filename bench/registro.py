"""Escenarios del benchmark del registro (issue 3), sobre la base que dejó bench/generar.py.

Cada escenario imprime su cifra y devuelve un dict; el que no encuentra su punto de entrada (porque esa
parte aún no existe) lo dice y se salta. Objetivos:
(a) registro por la API HTTP: >= 200 documentos/s con 16 clientes, números consecutivos sin saltos;
(b) bandeja de una unidad con 10.000 abiertos: p95 < 100 ms; (c) consulta pública: p95 < 20 ms;
(d) búsqueda de texto completo: p95 < 150 ms; (e) informe de un año: < 1 s; (f) el generador: < 10 min.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
from django.urls import NoReverseMatch, reverse

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
    return {"p50_ms": _ms(statistics.median(tiempos)), "p95_ms": _ms(_p95(tiempos)), "max_ms": _ms(max(tiempos)),
            "n": veces}


def _usuario(nombre):
    from core.models import Usuario

    return Usuario.objects.get(username=nombre)


# (e) Informe anual ---------------------------------------------------------------------------------


def informe_anual(*, salida=print, veces: int = 5) -> dict:
    from informes.selectors import cumplimiento_plazos, recibidos_y_despachados

    anio = date.today().year - 1
    desde, hasta = date(anio, 1, 1), date(anio, 12, 31)
    r = _medir(lambda: recibidos_y_despachados(desde=desde, hasta=hasta, periodo="mes"), veces)
    c = _medir(lambda: cumplimiento_plazos(desde=desde, hasta=hasta), veces)
    informe = recibidos_y_despachados(desde=desde, hasta=hasta, periodo="mes")
    salida(f"(e) Informe de recibidos y despachados {anio}: {r['p50_ms']} ms (máx {r['max_ms']} ms); "
           f"cumplimiento de plazos: {c['p50_ms']} ms; totales {informe.totales}")
    return {"valor": r["max_ms"], "recibidos_y_despachados": r, "cumplimiento_plazos": c, "anio": anio,
            "totales": informe.totales}


# (b) Bandeja -----------------------------------------------------------------------------------------


def bandeja(*, unidad_id: int, salida=print, veces: int = 200) -> dict:
    try:
        from registro.selectors import bandejas
    except ImportError:
        salida("(b) Bandeja: se salta, no existe registro.selectors.bandejas.")
        return {"saltado": "no existe registro.selectors.bandejas"}
    jefe = _usuario("jefe")
    try:
        url = reverse("registro:bandeja")
    except NoReverseMatch:
        url = None
    if url:
        cliente = Client()
        cliente.force_login(jefe)
        pestana = "en_tramite" if "en_tramite" in bandejas.PESTANAS else bandejas.PESTANA_INICIAL

        def pedir():
            r = cliente.get(url, {"pestana": pestana})
            assert r.status_code == 200, r.status_code

        modo = f"página {url} (Django test Client, tiempo de servidor sin red)"
    else:
        def pedir():
            lista = bandejas.filas(list(bandejas.lineas_de_unidad(unidad_id, "en_tramite")[:50]))
            bandejas.contadores(unidad_id)
            return lista

        modo = "selector lineas_de_unidad + contadores (la página aún no existe)"
    r = _medir(pedir, veces)
    abiertos = _contar_abiertos(unidad_id)
    salida(f"(b) Bandeja con {abiertos:,} abiertos: p95 {r['p95_ms']} ms (p50 {r['p50_ms']} ms) — {modo}")
    return {"valor": r["p95_ms"], **r, "modo": modo, "abiertos": abiertos}


def _contar_abiertos(unidad_id: int) -> int:
    from registro.models import Derivacion

    return Derivacion.objects.filter(a_unidad_id=unidad_id, estado__in=Derivacion.ESTADOS_ABIERTOS).count()


# (c) Consulta pública ------------------------------------------------------------------------------


def consulta_publica(*, salida=print, veces: int = 200) -> dict:
    from registro.models import Documento

    try:
        reverse("portal:consulta-codigo", args=["X"])
    except NoReverseMatch:
        salida("(c) Consulta pública: se salta, no existe portal:consulta-codigo.")
        return {"saltado": "no existe portal:consulta-codigo"}
    maximo = Documento.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = random.Random(7).sample(range(1, maximo + 1), min(veces + 1, maximo))
    codigos = dict(Documento.objects.filter(pk__in=ids, clase=Documento.Clase.ENTRADA)
                   .values_list("pk", "codigo_seguimiento"))
    lista = [codigos[i] for i in ids if i in codigos]
    cliente = Client()
    it = iter(enumerate(lista * 2))

    def pedir():
        # Cada consulta desde una IP distinta, como ciudadanos distintos (el límite por IP no entra en juego).
        k, codigo = next(it)
        r = cliente.get(f"/consulta/{codigo}/", REMOTE_ADDR=f"10.{k // 65536 % 256}.{k // 256 % 256}.{k % 256}")
        assert r.status_code == 200, r.status_code

    r = _medir(pedir, min(veces, len(lista) - 1))
    salida(f"(c) Consulta pública por código: p95 {r['p95_ms']} ms (p50 {r['p50_ms']} ms)")
    return {"valor": r["p95_ms"], **r}


# (d) Búsqueda --------------------------------------------------------------------------------------

CONSULTAS = ["licencia de construcción", "Quispe", "arbitrios", "ruidos molestos Grau", "parque zonal",
             "habilitación urbana Santa Rosa", "Mamani Flores", "matrimonio civil", "impuesto predial",
             "anuncio publicitario Ayacucho"]


def busqueda(*, salida=print, veces: int = 100) -> dict:
    try:
        from registro.selectors.busqueda import buscar_documentos
    except ImportError:
        salida("(d) Búsqueda: se salta, no existe registro.selectors.busqueda.buscar_documentos.")
        return {"saltado": "no existe buscar_documentos"}
    secretario = _usuario("secretario")
    ciclo = iter(CONSULTAS * (veces // len(CONSULTAS) + 2))

    def pedir():
        # Lo que muestra una página de resultados: los 20 más recientes que coinciden.
        return list(buscar_documentos(next(ciclo), usuario=secretario).select_related("remitente")[:20])

    r = _medir(pedir, veces)
    # Cuántas filas devolvió cada consulta (20 si hay al menos 20): una búsqueda vacía también es rápida.
    encontrados = {q: len(buscar_documentos(q, usuario=secretario)[:20]) for q in CONSULTAS}
    salida(f"(d) Búsqueda de texto completo: p95 {r['p95_ms']} ms (p50 {r['p50_ms']} ms); "
           f"filas (máx. 20) por consulta: {list(encontrados.values())}")
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
        conexion.request("POST", ruta, body=json.dumps({"asunto": "", "folios": -1}),
                         headers={"Authorization": f"Token {clave}", "Content-Type": "application/json"})
        respuesta = conexion.getresponse()
        respuesta.read()
        conexion.close()
        assert respuesta.status == 400, respuesta.status

    hilos = [threading.Thread(target=una) for _ in range(veces)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()


def _techo_get(puerto: int, respuestas: list, clave: str, *, clientes: int, segundos: float) -> float:
    """Peticiones/s de un GET trivial con token (el detalle de un documento recién registrado) con los
    mismos clientes y trabajadores: el techo de la pila (gunicorn, Django, DRF, autenticación y el propio
    cliente) sin la numeración; si el registro se acerca a este número, lo que frena ya no es el registro."""
    if not respuestas:
        return 0.0
    from registro.models import Documento

    numero = respuestas[-1][1]
    pk = Documento.objects.filter(numero_texto=numero).values_list("pk", flat=True).first()
    connection.close()
    ruta = reverse("api-registro-documento", args=[pk]) if pk else None
    if ruta is None:
        return 0.0
    fin = time.monotonic() + segundos
    cuenta = [0]
    candado = threading.Lock()

    def cliente():
        conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=30)
        hechas = 0
        while time.monotonic() < fin:
            try:
                conexion.request("GET", ruta, headers={"Authorization": f"Token {clave}"})
                r = conexion.getresponse()
                r.read()
            except (OSError, http.client.HTTPException):
                conexion.close()
                conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=30)
                continue
            hechas += r.status == 200
        conexion.close()
        with candado:
            cuenta[0] += hechas

    hilos = [threading.Thread(target=cliente) for _ in range(clientes)]
    t = time.perf_counter()
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    return round(cuenta[0] / (time.perf_counter() - t), 1)


def api_registro(*, salida=print, clientes: int = 16, segundos: float = 20, trabajadores: int = 4) -> dict:
    from core.models import Contador
    from core.services.numeracion import serie_por_perfil
    from core.services.tokens import obtener_o_crear_token

    try:
        ruta = reverse("api-registro-documentos")
    except NoReverseMatch:
        salida("(a) Registro por la API: se salta, no existe POST /api/v1/registro/documentos/.")
        return {"saltado": "no existe la API de registro"}
    mesa = _usuario("mesa")
    token, _ = obtener_o_crear_token(usuario=mesa, por=None)
    serie = serie_por_perfil("registro_entrada", por=mesa)
    anio = date.today().year
    antes = Contador.objects.filter(serie=serie, anio=anio).values_list("ultimo", flat=True).first() or 0
    connection.close()

    puerto = _puerto_libre()
    # LOG_LEVEL=ERROR: el calentamiento manda a propósito cuerpos inválidos (400, sin gastar números) y
    # Django anotaría cada 400 como WARNING en la consola del bench.
    entorno = dict(os.environ, DJANGO_SETTINGS_MODULE="secretaria.settings", TASKS_BACKEND="immediate",
                   LOG_LEVEL="ERROR")
    # Trabajadores síncronos (procesos): en 2 núcleos, 3–4 procesos tienen siempre una petición en CPU
    # mientras otra espera a PostgreSQL; más procesos solo se quitan CPU entre sí (y al que tiene los
    # cerrojos de numeración). Los 16 clientes esperan turno en la cola de conexiones de gunicorn.
    # Conexiones persistentes a PostgreSQL (bench/wsgi_api.py), como en un despliegue.
    gunicorn = [sys.executable, "-m", "gunicorn", "bench.wsgi_api:application", "--bind", f"127.0.0.1:{puerto}",
                "--workers", str(trabajadores), "--preload", "--log-level", "warning"]
    proceso = subprocess.Popen(gunicorn, cwd=settings.BASE_DIR, env=entorno)
    respuestas: list[tuple[int, str]] = []
    errores: list[str] = []
    candado = threading.Lock()
    try:
        _esperar(puerto, proceso)
        _calentar(puerto, ruta, token.key, veces=4 * trabajadores)
        fin = time.monotonic() + segundos

        def cliente(k: int):
            conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=30)
            cabeceras = {"Authorization": f"Token {token.key}", "Content-Type": "application/json"}
            n = 0
            while time.monotonic() < fin:
                n += 1
                cuerpo = json.dumps({"asunto": f"Solicitud de bench {k}-{n}", "folios": 3, "remitente": {
                    "nombre": f"Ciudadano Bench {k}", "tipo_documento": "DNI", "numero_documento": f"{60000000 + k:08d}"}})
                try:
                    conexion.request("POST", ruta, body=cuerpo, headers=cabeceras)
                    r = conexion.getresponse()
                    datos = r.read()
                except (OSError, http.client.HTTPException) as e:
                    with candado:
                        errores.append(repr(e))
                    conexion.close()
                    conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=30)
                    continue
                with candado:
                    if r.status == 201:
                        respuestas.append((r.status, json.loads(datos).get("numero", "")))
                    else:
                        errores.append(f"{r.status} {datos[:200]!r}")
            conexion.close()

        hilos = [threading.Thread(target=cliente, args=(k,)) for k in range(clientes)]
        t = time.perf_counter()
        for h in hilos:
            h.start()
        for h in hilos:
            h.join()
        duracion = time.perf_counter() - t
        techo = _techo_get(puerto, respuestas, token.key, clientes=clientes, segundos=min(5.0, segundos / 4))
    finally:
        proceso.terminate()
        try:
            proceso.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proceso.kill()

    from core.models import NumeroRegistro

    nuevos = list(NumeroRegistro.objects.filter(serie=serie, anio=anio, numero__gt=antes)
                  .order_by("numero").values_list("numero", flat=True))
    textos = {t for _, t in respuestas}
    consecutivos = nuevos == list(range(antes + 1, antes + 1 + len(nuevos)))
    sin_repetir = len(textos) == len(respuestas)
    coinciden = len(nuevos) == len(respuestas)
    por_segundo = round(len(respuestas) / duracion, 1) if duracion else 0
    salida(f"(a) Registro por la API: {len(respuestas):,} documentos en {duracion:.1f} s con {clientes} clientes = "
           f"{por_segundo} doc/s; números {antes + 1}…{antes + len(nuevos)}: "
           f"{'consecutivos, sin saltos ni repetidos' if consecutivos and sin_repetir and coinciden else 'FALLA'}"
           f"{'' if not errores else f'; {len(errores)} errores, p. ej. {errores[0]}'}"
           f"; techo de la pila (GET trivial con token, mismos clientes): {techo} pet/s")
    return {"valor": por_segundo, "documentos": len(respuestas), "segundos": round(duracion, 1), "clientes": clientes,
            "trabajadores_gunicorn": trabajadores, "primero": antes + 1, "ultimo": antes + len(nuevos),
            "consecutivos": consecutivos and sin_repetir and coinciden, "errores": len(errores), "techo_get": techo,
            "ejemplo_error": errores[0] if errores else ""}


# Todo junto --------------------------------------------------------------------------------------


def correr(*, generado: dict | None, salida=print, clientes: int = 16, segundos: float = 20) -> dict:
    reset_queries()
    resultados: dict[str, dict] = {}
    if generado:
        resultados["generador"] = {"valor": generado["segundos"], **generado}
        salida(f"(f) Generador: {generado['segundos']} s para {generado['documentos']:,} documentos y "
               f"{generado['derivaciones']:,} derivaciones")
    unidad = generado["unidad_bandeja"] if generado else _usuario("jefe").unidad_id
    escenarios = {
        "informe_anual": lambda: informe_anual(salida=salida),
        "bandeja": lambda: bandeja(unidad_id=unidad, salida=salida),
        "consulta_publica": lambda: consulta_publica(salida=salida),
        "busqueda": lambda: busqueda(salida=salida),
        "api_registro": lambda: api_registro(salida=salida, clientes=clientes, segundos=segundos),
    }
    for clave, escenario in escenarios.items():
        try:
            resultados[clave] = escenario()
        except Exception as e:  # un escenario roto no impide medir los demás
            salida(f"{clave}: ERROR {e!r}")
            resultados[clave] = {"error": repr(e)}
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
        lineas.append(f"{clave:<20} {v:>12} {op + ' ' + str(objetivo) + ' ' + unidad:>16}  {'sí' if cumple else 'NO'}")
    return "\n".join(lineas)


def guardar(resultados: dict, ruta: Path) -> None:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps(resultados, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
