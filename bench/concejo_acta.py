"""Benchmark del acta (issue 4): una sesión de 6 horas con 40 puntos, 30 votaciones nominales de 40
miembros e intervenciones; se mide generar el acta del registro y renderizar su PDF (objetivo < 5 s).

Todo ocurre dentro de una transacción que se deshace al final: la base queda como estaba. No se guarda
ningún archivo (se mide el render, no el almacenamiento).
"""

from __future__ import annotations

import io
import statistics
import time
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from concejo.models import (
    Acta,
    Asistencia,
    Decision,
    Intervencion,
    Miembro,
    Organo,
    Periodo,
    PuntoAgenda,
    Sesion,
    Votacion,
    Voto,
)
from concejo.services import actas
from core.models import Persona

NOMBRES = ["Ana", "Luis", "Carmen", "Jorge", "Rosa", "Miguel", "Elena", "Raúl", "Sofía", "Pedro"]
APELLIDOS = [
    "Quispe",
    "Huamán",
    "Flores",
    "Rojas",
    "Torres",
    "Vega",
    "Mendoza",
    "Castillo",
    "Paredes",
    "Soto",
]
RESUMEN = (
    "Sostiene que la propuesta mejora el servicio, pide precisar los plazos de ejecución y el costo "
    "anual, y recuerda el informe de la comisión y las observaciones de la gerencia competente."
)


class _Deshacer(Exception):
    pass


def generar_sesion(*, miembros: int = 40, puntos: int = 40, nominales: int = 30, intervenciones: int = 4):
    """Crea periodo, pleno, `miembros` miembros y la sesión levantada con todo su registro (bulk_create)."""

    periodo = Periodo.objects.create(
        nombre="Bench 2099", inicio=date(2099, 1, 1), fin=date(2099, 12, 31), numero_legal=miembros
    )
    pleno = Organo.objects.create(periodo=periodo, tipo=Organo.Tipo.PLENO, nombre="Concejo Municipal (bench)")
    personas = Persona.objects.bulk_create(
        [
            Persona(
                tipo_documento="PASAPORTE",
                numero_documento=f"BENCH{i:05d}",
                nombres=NOMBRES[i % 10],
                apellidos=f"{APELLIDOS[i % 10]} {APELLIDOS[(i // 10) % 10]}",
            )
            for i in range(miembros)
        ]
    )
    filas = Miembro.objects.bulk_create(
        [
            Miembro(
                periodo=periodo,
                persona=p,
                rol=Miembro.Rol.ALCALDE if i == 0 else Miembro.Rol.MIEMBRO,
                partido="Bench",
                desde=periodo.inicio,
                orden=i,
            )
            for i, p in enumerate(personas)
        ]
    )
    inicio = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=1)
    sesion = Sesion.objects.create(
        organo=pleno,
        tipo="ordinaria",
        numero=1,
        anio=2099,
        fecha=inicio,
        lugar="Salón de sesiones",
        estado=Sesion.Estado.LEVANTADA,
        instalada_en=inicio + timedelta(minutes=5),
        levantada_en=inicio + timedelta(hours=6),
        preside=filas[0],
        quorum={
            "presentes": miembros - 2,
            "requerido": miembros // 2 + 1,
            "base": "habiles",
            "explicacion": f"El quórum es la mitad más uno de los {miembros} miembros hábiles.",
        },
    )
    Asistencia.objects.bulk_create(
        [
            Asistencia(
                sesion=sesion,
                miembro=m,
                estado=Asistencia.Estado.PRESENTE if i < miembros - 2 else Asistencia.Estado.JUSTIFICADO,
                llegada=inicio + timedelta(minutes=30) if i % 13 == 5 else None,
                retiro=inicio + timedelta(hours=5) if i % 17 == 7 else None,
            )
            for i, m in enumerate(filas)
        ]
    )
    lista = PuntoAgenda.objects.bulk_create(
        [
            PuntoAgenda(
                sesion=sesion,
                orden=i + 1,
                titulo=f"Asunto {i + 1}: proyecto de ordenanza sobre el servicio {i + 1}",
                descripcion="Dictamen favorable de la comisión competente.",
                estado=PuntoAgenda.Estado.APROBADO,
                notas="Se debatió el punto y se pasó a votación.",
            )
            for i in range(puntos)
        ]
    )
    Intervencion.objects.bulk_create(
        [
            Intervencion(punto=p, miembro=filas[(i * 7 + j) % miembros], resumen=RESUMEN, orden=j + 1)
            for i, p in enumerate(lista)
            for j in range(intervenciones)
        ]
    )
    votaciones = Votacion.objects.bulk_create(
        [
            Votacion(
                sesion=sesion,
                punto=lista[i],
                numero=i + 1,
                mocion=f"Aprobar el asunto {i + 1}",
                forma=Votacion.Forma.NOMINAL,
                mayoria="simple_presentes",
                estado=Votacion.Estado.CONFIRMADA,
                resultado=Votacion.Resultado.APROBADO,
                confirmada_en=inicio + timedelta(minutes=10 * (i + 1)),
                calculo={
                    "regla": "simple_presentes",
                    "requerido": 20,
                    "explicacion": "Mayoría simple de los presentes: más votos a favor que en contra.",
                },
            )
            for i in range(nominales)
        ]
    )
    sentidos = [Voto.Sentido.A_FAVOR] * 6 + [Voto.Sentido.EN_CONTRA, Voto.Sentido.ABSTENCION]
    Voto.objects.bulk_create(
        [
            Voto(
                votacion=v,
                miembro=m,
                sentido=Voto.Sentido.AUSENTE if k >= miembros - 2 else sentidos[(k + v.numero) % 8],
            )
            for v in votaciones
            for k, m in enumerate(filas)
        ]
    )
    Decision.objects.bulk_create(
        [
            Decision(
                sesion=sesion,
                punto=v.punto,
                votacion=v,
                instrumento="ordenanza",
                resumen=f"Aprobar la ordenanza del asunto {v.numero}.",
            )
            for v in votaciones
        ]
    )
    return sesion


def _medir(funcion, repeticiones: int):
    """Tiempos de reloj y de CPU del proceso: en una máquina compartida el reloj incluye la espera por CPU."""
    tiempos, cpu, resultado = [], [], None
    for _ in range(repeticiones):
        t, c = time.perf_counter(), time.process_time()
        resultado = funcion()
        tiempos.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return (tiempos, cpu), resultado


def correr(*, repeticiones: int = 3, salida=print) -> dict:

    resultados: dict = {}
    try:
        with transaction.atomic():
            t = time.perf_counter()
            sesion = generar_sesion()
            resultados["datos_s"] = time.perf_counter() - t
            salida(f"Sesión sintética creada en {resultados['datos_s']:.2f} s (se deshace al final).")
            generar, texto = _medir(lambda: actas.texto_generado(sesion), repeticiones)
            acta = Acta(sesion=sesion, texto=texto, estado=Acta.Estado.APROBADA)
            firmantes = [
                {"nombre": "Presidencia", "cargo": "Alcalde", "por_encargo": None},
                {"nombre": "Secretaría", "cargo": "Secretario General", "por_encargo": None},
            ]
            pdf_t, pdf = _medir(lambda: actas.render_pdf_acta(acta, firmantes), repeticiones)
            paginas = len(PdfReader(io.BytesIO(pdf)).pages)
            resultados.update(
                {
                    "generar_s": generar[0],
                    "pdf_s": pdf_t[0],
                    "generar_cpu_s": generar[1],
                    "pdf_cpu_s": pdf_t[1],
                    "total_mediana_s": statistics.median(generar[0]) + statistics.median(pdf_t[0]),
                    "total_cpu_mediana_s": statistics.median(generar[1]) + statistics.median(pdf_t[1]),
                    "paginas": paginas,
                    "caracteres": len(texto),
                    "pdf_bytes": len(pdf),
                }
            )
            raise _Deshacer
    except _Deshacer:
        pass
    return resultados


def tabla(r: dict) -> str:
    def fila(nombre, tiempos, cpu):
        return (
            f"| {nombre} | {statistics.median(tiempos) * 1000:.0f} ms | {max(tiempos) * 1000:.0f} ms "
            f"| {statistics.median(cpu) * 1000:.0f} ms |"
        )

    total = r["total_mediana_s"]
    return "\n".join(
        [
            "| Paso | Mediana (reloj) | Máximo (reloj) | Mediana (CPU) |",
            "|---|---|---|---|",
            fila(
                "Generar el acta del registro (consultas + plantilla + limpieza)",
                r["generar_s"],
                r["generar_cpu_s"],
            ),
            fila("Renderizar el PDF (WeasyPrint)", r["pdf_s"], r["pdf_cpu_s"]),
            f"| **Total (medianas)** | **{total * 1000:.0f} ms** | objetivo < 5000 ms: "
            f"{'cumple' if total < 5 else 'NO cumple'} | {r['total_cpu_mediana_s'] * 1000:.0f} ms |",
            "",
            f"PDF: {r['paginas']} páginas, {r['pdf_bytes'] / 1024:.0f} KiB; texto del acta: {r['caracteres']} caracteres.",
        ]
    )
