"""Benchmark del protocolo anual (issue 5): 1.000 actos de unas 5 páginas cada uno, < 3 min, < 1,5 GB.

Genera los actos firmados de un año pasado en la base (con su número del registro, sin PDF firmado
guardado: el peor caso, el protocolo los renderiza todos), pide el protocolo por el servicio real y lo
construye en este proceso (lo que haría el trabajador de tareas): renderizado por lotes en procesos
aparte, portada e índice con folios, unión y foliado con pypdf, SHA-256, sello del registro.
Mide el tiempo de reloj de la construcción, las páginas y la memoria pico (RSS máximo de este proceso y
del mayor de sus hijos, `resource.getrusage`).
"""

from __future__ import annotations

import resource
import time
from datetime import date

from django.db import transaction

from actos.models import Acto, Parte, Protocolo
from actos.services import protocolo as servicio
from core import roles
from core.models import Municipio, Usuario
from core.services.municipio import actualizar_municipio
from core.services.numeracion import serie_por_perfil, siguiente_numero
from core.services.usuarios import crear_usuario

OBJETIVO_SEGUNDOS = 180
OBJETIVO_MEMORIA_MB = 1536
# Un artículo de ~6 líneas; 20 por acto dan unas 5 páginas A4 con membrete.
_PARRAFO = (
    "La gerencia competente ejecutará lo dispuesto en el presente artículo conforme a la Ley Orgánica de "
    "Municipalidades y a las normas reglamentarias, dando cuenta a la Secretaría General de las acciones "
    "realizadas y de los recursos empleados en su cumplimiento. "
) * 2
ARTICULOS = 20


def preparar():

    municipio = Municipio.objects.actual() or actualizar_municipio(
        municipio=None,
        por=None,
        nombre="Municipalidad Distrital de Villa Esperanza",
        sigla="MDVE",
        perfil="PE",
        zona_horaria="America/Lima",
        direccion="Plaza de Armas 100",
    )
    secretario = Usuario.objects.filter(username="bench-secretario").first() or crear_usuario(
        username="bench-secretario",
        nombres="Rosa Elena",
        apellidos="Quispe Huamán",
        roles=[roles.SECRETARIO],
        clave="clave-del-bench-2026",
        por=None,
    )
    return municipio, secretario


def generar_actos(*, cantidad: int, anio: int, por, tipo: str = "ordenanza", escribir=print) -> None:
    """`cantidad` actos firmados de `tipo` en `anio`, numerados por el registro (sin saltos)."""

    serie = serie_por_perfil(tipo, por=por)
    hechos = 0
    while hechos < cantidad:
        with transaction.atomic():
            lote = [
                Acto(
                    tipo=tipo,
                    organo=Acto.Organo.CONCEJO,
                    titulo=f"Ordenanza que regula el servicio municipal número {hechos + i + 1} del distrito",
                    estado=Acto.Estado.FIRMADO,
                    creado_por=por,
                    firmante="Pedro Ramos Salas, Alcalde",
                    refrendado_por=por,
                )
                for i in range(min(100, cantidad - hechos))
            ]
            Acto.objects.bulk_create(lote)
            partes = []
            for acto in lote:
                numero = siguiente_numero(serie, anio, por=por, objeto=acto)
                Acto.objects.filter(pk=acto.pk).update(
                    anio=anio, numero=numero.numero, numero_texto=numero.texto, registro=numero
                )
                partes.append(
                    Parte(
                        acto=acto,
                        tipo=Parte.Tipo.CONSIDERANDO,
                        orden=1,
                        eid="cons_1",
                        texto="Que, la Constitución Política reconoce la autonomía municipal;",
                    )
                )
                partes += [
                    Parte(
                        acto=acto,
                        tipo=Parte.Tipo.ARTICULO,
                        orden=1 + k,
                        numero=str(k),
                        eid=f"art_{k}",
                        texto=_PARRAFO,
                    )
                    for k in range(1, ARTICULOS + 1)
                ]
            Parte.objects.bulk_create(partes)
        hechos += len(lote)
        escribir(f"  actos generados: {hechos}/{cantidad}")


def _memoria_mb() -> tuple[float, float]:
    # En Linux ru_maxrss está en KiB; RUSAGE_CHILDREN da el mayor de los hijos ya terminados.
    propia = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    hijos = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return propia, hijos


def _cpu() -> float:
    propia = resource.getrusage(resource.RUSAGE_SELF)
    hijos = resource.getrusage(resource.RUSAGE_CHILDREN)
    return propia.ru_utime + propia.ru_stime + hijos.ru_utime + hijos.ru_stime


def medir(*, actos: int = 1000, anio: int | None = None, escribir=print) -> dict:

    anio = anio or date.today().year - 1
    _, secretario = preparar()
    t0 = time.perf_counter()
    generar_actos(cantidad=actos, anio=anio, por=secretario, escribir=escribir)
    generacion = time.perf_counter() - t0
    with transaction.atomic():
        # Sin ejecutar la cola: la construcción se mide aquí, como la correría el trabajador.
        pedido = servicio.solicitar_protocolo(tipo="ordenanza", anio=anio, por=secretario)
    escribir(
        f"Construyendo el protocolo de {actos} actos ({servicio.PROCESOS} procesos, lotes de "
        f"{servicio.TAMANO_LOTE})…"
    )
    cpu0 = _cpu()
    t0 = time.perf_counter()
    protocolo = servicio.construir_protocolo(protocolo_id=pedido.pk)
    segundos = time.perf_counter() - t0
    cpu = _cpu() - cpu0
    propia, hijos = _memoria_mb()
    if protocolo.estado != Protocolo.Estado.LISTO:
        raise RuntimeError(f"El protocolo no terminó: {protocolo.mensaje}")
    resultado = {
        "actos": protocolo.actos,
        "paginas": protocolo.paginas,
        "segundos": round(segundos, 1),
        "paginas_por_segundo": round(protocolo.paginas / segundos, 1),
        "memoria_pico_mb_proceso": round(propia),
        "memoria_pico_mb_hijo": round(hijos),
        "memoria_pico_mb_total_estimada": round(propia + hijos * servicio.PROCESOS),
        "procesos": servicio.PROCESOS,
        "tamano_lote": servicio.TAMANO_LOTE,
        "cpu_segundos": round(cpu, 1),
        # Con la máquina quieta, el reloj se acerca a la CPU repartida entre los procesos que renderizan.
        "segundos_estimados_maquina_quieta": round(cpu / servicio.PROCESOS, 1),
        "generacion_segundos": round(generacion, 1),
        "sha256": protocolo.sha256,
        "bytes": protocolo.archivo.tamano,
        "cumple_tiempo": segundos < OBJETIVO_SEGUNDOS,
        "cumple_memoria": propia + hijos * servicio.PROCESOS < OBJETIVO_MEMORIA_MB,
    }
    return resultado
