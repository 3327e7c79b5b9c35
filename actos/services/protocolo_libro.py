"""El libro del protocolo anual: portada, índice numérico con folios, cada acto en orden numérico y el
certificado de cierre del Secretario; su SHA-256 queda guardado y el registro del año se sella
(`core.services.numeracion.cerrar_anio`). Lo construye la tarea `actos.tasks.generar_protocolo` que encola
`actos.services.protocolo.solicitar_protocolo`.

Cómo se arma (rápido y con memoria acotada, issue 5: 1.000 actos en menos de 3 minutos):
1. Los actos firmados o publicados del tipo y año, en orden numérico; los números anulados del registro
   entran al índice como anulados. Un acto con su PDF firmado guardado entra con ese PDF (es lo que se
   firmó); los demás se renderizan a partir de `actos.services.documento.html_de_acto`.
2. Los actos se renderizan por lotes (cada acto empieza página), en paralelo en procesos aparte, cada lote
   a un PDF temporal; las páginas reales de cada acto salen del renderizado.
3. Con esas cuentas se arman portada + índice y el certificado; como el largo del índice corre los folios,
   se repite hasta que el número de páginas no cambia.
4. Se unen las partes con pypdf y se folia cada página con el número de página del libro.
"""

from __future__ import annotations

import base64
import logging
import multiprocessing
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from actos.models import Acto, Protocolo
from actos.selectors.instrumentos import nombres_por_tipo
from actos.selectors.protocolo import actos_del_anio, numeros_anulados
from actos.services import protocolo_pdf
from actos.services.documento import firmas_precargadas, html_de_acto
from core.models import Municipio
from core.services.archivos import guardar_archivo
from core.services.auditoria import encargo_vigente, instantanea, registrar_evento
from core.services.numeracion import cerrar_anio, serie_por_perfil

log = logging.getLogger(__name__)

# Actos por lote de renderizado: lotes grandes ahorran el arranque de cada documento de WeasyPrint;
# lotes chicos acotan la memoria de cada proceso y hacen más fino el avance.
TAMANO_LOTE = settings.ACTOS_PROTOCOLO_LOTE
# Procesos que renderizan a la vez (por omisión, los núcleos de la máquina, hasta 4).
PROCESOS = settings.ACTOS_PROTOCOLO_PROCESOS
# El libro puede pesar más que un adjunto común.
TAMANO_MAXIMO = 4 * 1024 * 1024 * 1024
_ITERACIONES = 10


@dataclass
class EntradaIndice:
    numero: int
    texto: str
    titulo: str
    anulado: bool = False
    motivo: str = ""
    acto_id: int | None = None
    folio: int | None = None
    paginas: int = 0


def _avanzar(protocolo: Protocolo, progreso: int, mensaje: str) -> None:
    # Fuera de toda transacción: la página que consulta el avance lo ve al instante.
    Protocolo.objects.filter(pk=protocolo.pk).update(
        progreso=max(0, min(progreso, 100)), mensaje=mensaje[:300]
    )


def _logo_data(municipio: Municipio | None) -> str:
    if not municipio or not municipio.logo:
        return ""
    try:
        with municipio.logo.open("rb") as f:
            datos = f.read()
    except OSError:
        return ""
    tipo = "image/png" if datos[:4] == b"\x89PNG" else "image/jpeg"
    return f"data:{tipo};base64,{base64.b64encode(datos).decode()}"


def _entradas(tipo: str, anio: int) -> tuple[list[EntradaIndice], dict[int, Acto]]:
    serie = serie_por_perfil(tipo)
    actos = {
        cast(int, a.numero): a  # actos_del_anio filtra numero__isnull=False
        for a in actos_del_anio(tipo, anio)
        .select_related("archivo", "refrendado_por", "por_encargo_de")
        .prefetch_related("partes", firmas_precargadas())
    }
    entradas: dict[int, EntradaIndice] = {}
    for n in numeros_anulados(serie, anio).only("numero", "texto", "motivo_anulacion"):
        entradas[n.numero] = EntradaIndice(
            numero=n.numero, texto=n.texto, titulo="", anulado=True, motivo=n.motivo_anulacion
        )
    por_id = {}
    for numero, acto in actos.items():
        if numero in entradas:
            continue  # número anulado: el acto que lo llevaba no entra al libro
        entradas[numero] = EntradaIndice(
            numero=numero, texto=acto.numero_texto or str(numero), titulo=acto.titulo, acto_id=acto.pk
        )
        por_id[acto.pk] = acto
    return [entradas[k] for k in sorted(entradas)], por_id


def _pdf_firmado(acto: Acto, directorio: str) -> str | None:
    """El PDF firmado guardado del acto, copiado al directorio temporal, si su SHA-256 coincide."""
    if not acto.archivo_id or not acto.sha256:
        return None
    guardado = acto.archivo
    if guardado is None or guardado.sha256 != acto.sha256 or not guardado.archivo.name:
        return None
    descriptor, ruta = tempfile.mkstemp(suffix=".pdf", dir=directorio)
    with os.fdopen(descriptor, "wb") as salida, default_storage.open(guardado.archivo.name, "rb") as f:
        for bloque in iter(lambda: f.read(1024 * 1024), b""):
            salida.write(bloque)
    return ruta


def _html_lote(actos: list[Acto], contexto: dict) -> str:
    return render_to_string(
        "actos/seguimiento/protocolo/lote.html",
        {**contexto, "actos": [(a, html_de_acto(a)) for a in actos], "prefijo": protocolo_pdf.PREFIJO_ANCLA},
    )


def _grupos(entradas, por_id, directorio) -> Iterator[tuple[str, Any]]:
    """Recorre los actos en orden y da ("pdf", (acto, ruta)) para un PDF firmado o ("lote", [actos]) para
    renderizar (el segundo elemento depende del primero: de ahí `Any`)."""
    pendientes: list[Acto] = []
    for entrada in entradas:
        if entrada.anulado:
            continue
        acto = por_id[entrada.acto_id]
        ruta = _pdf_firmado(acto, directorio)
        if ruta is None:
            pendientes.append(acto)
            if len(pendientes) >= TAMANO_LOTE:
                yield "lote", pendientes
                pendientes = []
            continue
        if pendientes:
            yield "lote", pendientes
            pendientes = []
        yield "pdf", (acto, ruta)
    if pendientes:
        yield "lote", pendientes


def _renderizar_actos(entradas, por_id, directorio, contexto, avance) -> list[str]:
    """Renderiza (o toma firmados) todos los actos; anota en cada entrada cuántas páginas ocupa y devuelve
    las rutas de los PDF parciales en orden. Con varios lotes y más de un proceso, en paralelo.
    """
    total = max(1, sum(1 for e in entradas if not e.anulado))
    por_acto = {e.acto_id: e for e in entradas if not e.anulado}
    hechos = 0
    rutas: list[str] = []

    def anotar(resultado, actos):
        nonlocal hechos
        rutas.append(resultado.ruta)
        for a in actos:
            por_acto[a.pk].paginas = resultado.largo[a.pk]
        hechos += len(actos)
        avance(hechos, total)

    grupos = _grupos(entradas, por_id, directorio)
    if PROCESOS <= 1 or total <= TAMANO_LOTE:
        for clase, datos in grupos:
            if clase == "pdf":
                acto, ruta = datos
                _anotar_firmado(ruta, acto, anotar)
            else:
                anotar(
                    protocolo_pdf.renderizar_lote(
                        _html_lote(datos, contexto), [a.pk for a in datos], directorio
                    ),
                    datos,
                )
        return rutas
    # `spawn`: los hijos no heredan la conexión a la base de datos (ni hilos) del proceso que la tiene.
    contexto_mp = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=PROCESOS, mp_context=contexto_mp) as grupo:
        en_vuelo: list = []
        for clase, datos in grupos:
            if clase == "pdf":
                acto, ruta = datos
                en_vuelo.append((None, (acto, ruta)))
            else:
                futuro = grupo.submit(
                    protocolo_pdf.renderizar_lote,
                    _html_lote(datos, contexto),
                    [a.pk for a in datos],
                    directorio,
                )
                en_vuelo.append((futuro, datos))
            # Pocos lotes en vuelo a la vez: la memoria no crece con el tamaño del libro.
            while len(en_vuelo) > 2 * PROCESOS:
                _recoger(en_vuelo.pop(0), anotar)
        while en_vuelo:
            _recoger(en_vuelo.pop(0), anotar)
    return rutas


def _anotar_firmado(ruta, acto, anotar):
    with open(ruta, "rb") as f:
        paginas = protocolo_pdf.contar_paginas(f.read())
    anotar(
        protocolo_pdf.Lote(ruta=ruta, paginas=paginas, inicio={acto.pk: 0}, largo={acto.pk: paginas}), [acto]
    )


def _recoger(item, anotar):
    futuro, datos = item
    if futuro is None:
        acto, ruta = datos
        _anotar_firmado(ruta, acto, anotar)
    else:
        anotar(futuro.result(), datos)


def _firma_de_cierre(protocolo: Protocolo) -> dict:
    quien = protocolo.pedido_por
    encargo = encargo_vigente(quien)
    cargo = quien.cargo.nombre if quien.cargo is not None else "Secretario(a) General"
    return {
        "nombre": quien.get_full_name() or quien.username,
        "cargo": cargo,
        "por_encargo_de": (encargo.titular.get_full_name() or encargo.titular.username) if encargo else "",
    }


def _preliminares(protocolo, entradas, contexto, paginas_actos) -> tuple[bytes, bytes, int]:
    """Portada + índice y certificado, repitiendo hasta que sus páginas no cambien (el índice corre los
    folios de los actos; el total de folios va en la portada y en el certificado). Devuelve ambos PDF y
    el total de páginas del libro.
    """
    p_indice, p_cierre = 2, 1
    for _ in range(_ITERACIONES):
        folio = p_indice + 1
        for e in entradas:
            if e.anulado:
                e.folio = None
                continue
            e.folio = folio
            folio += e.paginas
        total = p_indice + paginas_actos + p_cierre
        datos = {
            **contexto,
            "entradas": entradas,
            "total_paginas": total,
            "actos_incluidos": sum(1 for e in entradas if not e.anulado),
            "anulados": [e for e in entradas if e.anulado],
            "primer_folio_cierre": p_indice + paginas_actos + 1,
            "primer_numero": entradas[0].numero if entradas else None,
            "ultimo_numero": entradas[-1].numero if entradas else None,
        }
        indice = protocolo_pdf.renderizar_pdf(
            render_to_string("actos/seguimiento/protocolo/indice.html", datos)
        )
        cierre = protocolo_pdf.renderizar_pdf(
            render_to_string("actos/seguimiento/protocolo/cierre.html", datos)
        )
        n_indice, n_cierre = protocolo_pdf.contar_paginas(indice), protocolo_pdf.contar_paginas(cierre)
        if (n_indice, n_cierre) == (p_indice, p_cierre):
            return indice, cierre, total
        p_indice, p_cierre = n_indice, n_cierre
    raise RuntimeError("El índice no se estabilizó: revise la plantilla del protocolo.")


def construir_protocolo(*, protocolo_id: int) -> Protocolo:
    """Construye el libro del protocolo `protocolo_id` (lo llama la tarea en segundo plano): renderiza,
    une y folia, guarda el PDF con su SHA-256, sella el registro del año y deja el evento
    `actos.protocolo.sellar`, todo lo final en una transacción. El avance se anota en `Protocolo.progreso`
    a medida que se renderiza. Si algo falla, el protocolo queda en «error» con el motivo y el año sin sellar.
    """
    protocolo = Protocolo.objects.select_related("pedido_por__cargo").get(pk=protocolo_id)
    if protocolo.estado != Protocolo.Estado.EN_COLA:
        return protocolo
    Protocolo.objects.filter(pk=protocolo.pk).update(
        estado=Protocolo.Estado.GENERANDO, progreso=1, mensaje="Preparando la lista de actos."
    )
    try:
        with tempfile.TemporaryDirectory(prefix="protocolo-") as directorio:
            return _construir(protocolo, directorio)
    except Exception as error:  # el libro no se selló: se informa en la página y se puede volver a pedir
        log.exception("Falló el protocolo %s", protocolo.pk)
        mensaje = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        Protocolo.objects.filter(pk=protocolo.pk).update(
            estado=Protocolo.Estado.ERROR, mensaje=f"No se pudo generar: {mensaje}"[:300]
        )
        protocolo.refresh_from_db()
        return protocolo


def _construir(protocolo: Protocolo, directorio: str) -> Protocolo:
    municipio = Municipio.objects.actual()
    nombre_tipo = nombres_por_tipo().get(protocolo.tipo, protocolo.tipo)
    entradas, por_id = _entradas(protocolo.tipo, protocolo.anio)
    contexto = {
        "municipio": municipio,
        "logo": _logo_data(municipio),
        "protocolo": protocolo,
        "nombre_tipo": nombre_tipo,
        "fecha": timezone.localdate(),
        "firma": _firma_de_cierre(protocolo),
    }

    def avance_actos(hechos, total):
        _avanzar(protocolo, 2 + 83 * hechos // total, f"Actos renderizados: {hechos} de {total}.")

    rutas = _renderizar_actos(entradas, por_id, directorio, contexto, avance_actos)
    paginas_actos = sum(e.paginas for e in entradas)
    _avanzar(protocolo, 86, "Armando la portada, el índice y el certificado de cierre.")
    indice, cierre, total = _preliminares(protocolo, entradas, contexto, paginas_actos)

    def avance_union(hechas, partes):
        _avanzar(protocolo, 87 + 10 * hechas // partes, "Uniendo y foliando el libro.")

    destino = os.path.join(directorio, "protocolo.pdf")
    paginas = protocolo_pdf.unir_y_foliar([indice, *rutas, cierre], destino, avance=avance_union)
    if paginas != total:
        raise RuntimeError(f"El libro tiene {paginas} páginas y el índice contó {total}.")
    ultimo = max((e.numero for e in entradas), default=0)
    return _sellar(protocolo, destino, entradas=entradas, paginas=paginas, ultimo=ultimo)


@transaction.atomic
def _sellar(protocolo: Protocolo, ruta: str, *, entradas, paginas: int, ultimo: int) -> Protocolo:
    serie = serie_por_perfil(protocolo.tipo)
    por = protocolo.pedido_por
    contador = cerrar_anio(serie=serie, anio=protocolo.anio, por=por)
    if contador.ultimo != ultimo:
        # Se dio otro número mientras se armaba el libro: faltaría en el protocolo. Se deshace el sello.
        raise ValidationError(
            f"El registro llegó al número {contador.ultimo} mientras se armaba el libro (que termina en el "
            f"{ultimo}); vuelva a generarlo."
        )
    with open(ruta, "rb") as f:
        archivo = guardar_archivo(
            archivo=File(f, name=f"protocolo-{protocolo.tipo}-{protocolo.anio}.pdf"),
            por=por,
            tipos_permitidos=["application/pdf"],
            tamano_maximo=TAMANO_MAXIMO,
        )
    antes = instantanea(protocolo, ["estado", "actos", "paginas", "sha256"])
    protocolo.estado = Protocolo.Estado.LISTO
    protocolo.progreso = 100
    protocolo.archivo = archivo
    protocolo.sha256 = archivo.sha256
    protocolo.actos = sum(1 for e in entradas if not e.anulado)
    protocolo.paginas = paginas
    protocolo.terminado = timezone.now()
    protocolo.mensaje = f"Listo y sellado: {protocolo.actos} actos, {paginas} folios."
    protocolo.save(
        update_fields=["estado", "progreso", "archivo", "sha256", "actos", "paginas", "terminado", "mensaje"]
    )
    registrar_evento(
        por=por,
        accion="actos.protocolo.sellar",
        objeto=protocolo,
        antes=antes,
        despues={
            **instantanea(protocolo, ["estado", "actos", "paginas", "sha256"]),
            "anulados": [e.numero for e in entradas if e.anulado],
            "ultimo_numero": ultimo,
        },
    )
    return protocolo
