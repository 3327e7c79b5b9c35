"""Benchmark del voto en vivo (issue 4): registrar el voto de un miembro y obtener el resultado recalculado.

Escenario: un pleno de 40 regidores más el alcalde (perfil PE: el alcalde solo dirime), todos en sala,
la sesión instalada y una votación nominal abierta. Cada miembro vota por el punto de entrada HTTP real,
por el Client de pruebas de Django (tiempo de servidor, sin red):

- (api) `POST /api/v1/concejo/votaciones/<id>/votos/` con token: anota el voto y responde la votación con
  el resultado recalculado y los votos;
- (pantalla) `POST /concejo/votaciones/<id>/voto/` con HTMX: lo que pulsa la Secretaría en la pantalla
  en vivo, que responde el panel de la votación.

Cada ronda recorre a los 40 (la primera crea los votos; las siguientes los cambian, que es el mismo
camino más un UPDATE). Objetivo: p95 < 50 ms. Imprime p50/p95/max y devuelve un dict.
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from concejo.models import Asistencia, Miembro, Organo, Periodo, PuntoAgenda, Sesion
from concejo.services import en_vivo, votaciones
from core import roles
from core.models import Municipio, Persona, Usuario

OBJETIVO_MS = 50.0


def _p95(muestras: list[float]) -> float:
    muestras = sorted(muestras)
    return muestras[max(0, int(round(0.95 * len(muestras))) - 1)]


def _resumen(tiempos: list[float]) -> dict:
    ms = [1000 * t for t in tiempos]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(_p95(ms), 1),
        "max_ms": round(max(ms), 1),
    }


def preparar(*, miembros: int = 40):
    """Municipio PE, la Secretaria, un pleno de `miembros` regidores + alcalde, todos presentes, la sesión
    instalada y una votación nominal abierta. Devuelve (secretario, votacion, regidores)."""

    municipio = Municipio.objects.filter(sigla="BENCH").first() or Municipio.objects.create(
        nombre="Municipalidad de prueba de rendimiento",
        sigla="BENCH",
        perfil="PE",
        zona_horaria="America/Lima",
    )
    Municipio.objects.exclude(pk=municipio.pk).update(activo=False)
    secretario = Usuario.objects.create_user(
        f"bench-secretario-{time.time_ns()}", first_name="Secretaria", last_name="General"
    )
    secretario.groups.add(Group.objects.get(name=roles.SECRETARIO))
    hoy = timezone.localdate()
    periodo = Periodo.objects.create(
        nombre="Bench",
        inicio=date(hoy.year - 1, 1, 1),
        fin=date(hoy.year + 2, 12, 31),
        numero_legal=miembros + 1,
    )
    pleno = Organo.objects.create(periodo=periodo, tipo=Organo.Tipo.PLENO, nombre="Concejo Municipal")
    personas = Persona.objects.bulk_create(
        [
            Persona(
                tipo="natural",
                tipo_documento="DNI",
                numero_documento=f"{90000000 + i}",
                nombres=f"Miembro {i}",
                apellidos="Bench",
            )
            for i in range(miembros + 1)
        ]
    )
    asientos = Miembro.objects.bulk_create(
        [
            Miembro(
                periodo=periodo,
                persona=p,
                rol=Miembro.Rol.ALCALDE if i == 0 else Miembro.Rol.MIEMBRO,
                desde=periodo.inicio,
                orden=i,
            )
            for i, p in enumerate(personas)
        ]
    )
    numero = (Sesion.objects.filter(organo=pleno).count() or 0) + 1
    sesion = Sesion.objects.create(
        organo=pleno,
        tipo="ordinaria",
        numero=numero,
        anio=hoy.year,
        fecha=timezone.now(),
        estado=Sesion.Estado.CONVOCADA,
    )
    Asistencia.objects.bulk_create(
        [Asistencia(sesion=sesion, miembro=m, estado=Asistencia.Estado.PRESENTE) for m in asientos]
    )
    punto = PuntoAgenda.objects.create(
        sesion=sesion, orden=1, titulo="Ordenanza de prueba", instrumento="ordenanza"
    )
    en_vivo.instalar_sesion(sesion=sesion, preside=asientos[0], por=secretario)
    votacion = votaciones.abrir_votacion(
        punto=punto, mocion="Aprobar la ordenanza de prueba", forma="nominal", por=secretario
    )
    return secretario, votacion, asientos[1:]


def medir(*, miembros: int = 40, rondas: int = 5, salida=print) -> dict:
    """Corre los dos escenarios y devuelve sus cifras (en ms)."""

    secretario, votacion, regidores = preparar(miembros=miembros)
    token = Token.objects.get_or_create(user=secretario)[0].key
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    pantalla = Client()
    pantalla.force_login(secretario)
    sentidos = ["a_favor", "en_contra", "abstencion", "a_favor"]

    cpu: list[float] = []

    def ronda(cliente, url, ronda_n, *, json: bool) -> list[float]:
        tiempos = []
        for i, m in enumerate(regidores):
            datos = {"miembro": m.pk, "sentido": sentidos[(i + ronda_n) % len(sentidos)]}
            t, c = time.perf_counter(), time.thread_time()
            if json:
                r = cliente.post(url, datos, content_type="application/json")
            else:
                r = cliente.post(url, datos, HTTP_HX_REQUEST="true")
            tiempos.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
            if r.status_code != 200:
                raise RuntimeError(f"El voto de {m} respondió {r.status_code}: {r.content[:300]!r}")
        return tiempos

    resultados = {}
    for nombre, cliente, url, json in (
        ("api", api, f"/api/v1/concejo/votaciones/{votacion.pk}/votos/", True),
        ("pantalla", pantalla, f"/concejo/votaciones/{votacion.pk}/voto/", False),
    ):
        ronda(cliente, url, 99, json=json)  # calentamiento: plantillas, caché de ContentType, planes
        cpu.clear()
        primera = ronda(cliente, url, 0, json=json)
        todas = list(primera)
        for n in range(1, rondas):
            todas += ronda(cliente, url, n, json=json)
        resultados[nombre] = {
            "todas": _resumen(todas),
            "primera_ronda": _resumen(primera),
            "cpu": _resumen(cpu),
        }
        cifra, cpu_cifra = resultados[nombre]["todas"], resultados[nombre]["cpu"]
        cumple = "sí" if cifra["p95_ms"] < OBJETIVO_MS else "NO"
        salida(
            f"Voto + resultado recalculado ({nombre}, {miembros} miembros, {cifra['n']} votos): "
            f"p50 {cifra['p50_ms']} ms · p95 {cifra['p95_ms']} ms · máx {cifra['max_ms']} ms "
            f"(objetivo p95 < {OBJETIVO_MS:.0f} ms: {cumple}); "
            f"CPU del hilo p50 {cpu_cifra['p50_ms']} ms · p95 {cpu_cifra['p95_ms']} ms"
        )
    votacion.refresh_from_db()
    resultados["resultado_final"] = votacion.calculo["explicacion"]
    salida(f"Último resultado calculado: {votacion.calculo['explicacion']}")
    return resultados
