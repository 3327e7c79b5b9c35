"""Búsqueda de texto completo: una interfaz, dos motores (SQLite FTS5 y PostgreSQL `spanish`).

Las áreas registran sus tipos (`registrar_tipo`) en su `AppConfig.ready` y llaman `indexar` /
`desindexar` desde los servicios que crean o cambian lo buscable. `buscar` ignora tildes y
mayúsculas, usa raíces españolas («licencias» encuentra «licencia»), ordena por relevancia (el
título pesa más que el texto) y pagina. Cada usuario ve solo lo que la regla de su tipo le deja.

Esto es el índice común (una tabla). La búsqueda de todo (página /buscar/, API /api/v1/buscar/) está en
`core.busqueda.proveedores`: un proveedor por área con su propio índice; cada tipo del índice común
registrado aquí entra en ella por `_buscador_del_indice`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models, transaction
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe

from core.busqueda import registro as _registro
from core.busqueda.motores import motor_actual
from core.busqueda.normalizacion import normalizar
from core.busqueda.proveedores import Consulta, Hallazgo, quitar_proveedor, registrar_proveedor
from core.busqueda.registro import TipoBusqueda, obtener_tipo, tipos_registrados
from core.models import EntradaBusqueda

__all__ = [
    "Resultado",
    "buscar",
    "desindexar",
    "indexar",
    "quitar_tipo",
    "registrar_proveedor",
    "registrar_tipo",
    "tipos_registrados",
]

MAXIMO_CONSULTA = 200


@dataclass
class Resultado:
    entrada: EntradaBusqueda
    etiqueta: str
    puntaje: float
    fragmento: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def titulo(self) -> str:
        return self.entrada.titulo

    @property
    def url(self) -> str:
        return self.entrada.url

    @property
    def fecha(self) -> datetime | None:
        return self.entrada.fecha

    @property
    def tipo(self) -> str:
        return self.entrada.tipo


@transaction.atomic
def indexar(
    obj: models.Model,
    *,
    tipo: str,
    titulo: str,
    texto: str = "",
    url: str = "",
    fecha: datetime | None = None,
    ambito: str = "",
) -> EntradaBusqueda:
    """Crea o actualiza la entrada de búsqueda de `obj` (una por objeto) con sus raíces ya calculadas;
    en SQLite los disparadores de la migración 0002 copian las raíces a la tabla FTS5. No escribe
    evento de auditoría: el índice es derivado y se rehace; el cambio que lo motiva ya se audita en
    el servicio del área que llama.
    """
    titulo = (titulo or "")[:300]
    texto = texto or ""
    entrada, _ = EntradaBusqueda.objects.update_or_create(
        objeto_tipo=ContentType.objects.get_for_model(obj),
        objeto_id=str(obj.pk),
        defaults={
            "tipo": tipo,
            "titulo": titulo,
            "texto": texto,
            # Raíces del título, salto de línea, raíces del texto: los disparadores las separan.
            "texto_normalizado": f"{normalizar(titulo)}\n{normalizar(texto)}",
            "url": url,
            "fecha": fecha,
            "ambito": ambito,
        },
    )
    return entrada


@transaction.atomic
def desindexar(obj: models.Model) -> int:
    """Quita `obj` del índice (p. ej. al anularlo o dejar de ser público); devuelve cuántas entradas
    borró. Sin auditoría propia, por la misma razón que `indexar`.
    """
    borradas, _ = EntradaBusqueda.objects.filter(
        objeto_tipo=ContentType.objects.get_for_model(obj), objeto_id=str(obj.pk)
    ).delete()
    return borradas


def registrar_tipo(
    tipo: str,
    *,
    etiqueta: str,
    visible: Callable | None = None,
    ambitos: Callable[[object], Iterable[str] | None] | None = None,
    en_busqueda_global: bool = True,
) -> TipoBusqueda:
    """Registra un tipo del índice común (`core.busqueda.registro.registrar_tipo`: `ambitos` se aplica
    en SQL, `visible` fila a fila) y, salvo `en_busqueda_global=False` (el área ya tiene su propio
    proveedor para esos objetos), también su proveedor de la búsqueda global, que busca en el índice
    común. Así un área que solo llama `indexar` aparece en la búsqueda de todo sin más código.
    """
    definicion = _registro.registrar_tipo(tipo, etiqueta=etiqueta, visible=visible, ambitos=ambitos)
    if en_busqueda_global:
        registrar_proveedor(
            tipo,
            etiqueta=etiqueta,
            buscar=_buscador_del_indice(tipo),
            textos=_textos_del_indice(tipo),
            por_unidad=False,
            orden=80,
        )
    return definicion


def quitar_tipo(tipo: str) -> None:
    """Para pruebas: quita el tipo y su proveedor."""
    _registro.quitar_tipo(tipo)
    quitar_proveedor(tipo)


def _buscador_del_indice(tipo: str) -> Callable[[object, Consulta], list[Hallazgo]]:
    def buscar_en_indice(usuario, consulta: Consulta) -> list[Hallazgo]:
        definicion = obtener_tipo(tipo)
        filtro = definicion.filtro(usuario) if definicion is not None else None
        if definicion is None or filtro is None:
            return []
        visibles = EntradaBusqueda.objects.filter(filtro)
        if consulta.desde is not None:
            visibles = visibles.filter(fecha__gte=consulta.desde)
        if consulta.hasta is not None:
            visibles = visibles.filter(fecha__lt=consulta.hasta)
        filtro_sql, filtro_params = visibles.values("id").query.sql_with_params()
        candidatos = motor_actual().candidatos(consulta.texto, filtro_sql, filtro_params)
        entradas = EntradaBusqueda.objects.defer("texto", "texto_normalizado").in_bulk(
            [pk for pk, _ in candidatos[: consulta.limite * 2]]
        )
        hallazgos = []
        for pk, _puntaje in candidatos:
            entrada = entradas.get(pk)
            if entrada is None or (definicion.visible and not definicion.visible(usuario, entrada)):
                continue
            hallazgos.append(
                Hallazgo(
                    tipo=tipo,
                    id=entrada.objeto_id,
                    titulo=entrada.titulo,
                    url=entrada.url,
                    fecha=entrada.fecha,
                )
            )
            if len(hallazgos) >= consulta.limite:
                break
        return hallazgos

    return buscar_en_indice


def _textos_del_indice(tipo: str) -> Callable[[object, list], dict]:
    def textos(usuario, ids: list) -> dict:
        filas = EntradaBusqueda.objects.filter(tipo=tipo, objeto_id__in=[str(i) for i in ids])
        return dict(filas.values_list("objeto_id", "texto"))

    return textos


def _filtro_de_acceso(usuario, tipos: list[str] | None) -> Q | None:
    condicion = None
    for nombre, definicion in tipos_registrados().items():
        if tipos is not None and nombre not in tipos:
            continue
        filtro = definicion.filtro(usuario)
        if filtro is not None:
            condicion = filtro if condicion is None else condicion | filtro
    return condicion


def buscar(
    consulta: str, *, usuario, tipos: list[str] | None = None, pagina: int | str = 1, por_pagina: int = 20
) -> Page:
    """Busca `consulta` entre las entradas que `usuario` puede ver y devuelve la página `pagina`
    (un `Page` de Django cuyos objetos son `Resultado`, con puntaje y fragmento resaltado seguro).
    Una consulta vacía, un usuario sin sesión o un tipo no registrado dan una página vacía.
    """
    consulta = (consulta or "").strip()[:MAXIMO_CONSULTA]
    resultados: list[Resultado] = []
    con_sesion = usuario is not None and usuario.is_authenticated
    condicion = _filtro_de_acceso(usuario, tipos) if con_sesion else None
    motor = motor_actual()
    if consulta and condicion is not None:
        visibles = EntradaBusqueda.objects.filter(condicion).values("id")
        filtro_sql, filtro_params = visibles.query.sql_with_params()
        candidatos = motor.candidatos(consulta, filtro_sql, filtro_params)
        ids = [pk for pk, _ in candidatos]
        entradas = EntradaBusqueda.objects.defer("texto", "texto_normalizado").in_bulk(ids)
        for pk, puntaje in candidatos:
            entrada = entradas.get(pk)
            if entrada is None:
                continue
            definicion = obtener_tipo(entrada.tipo)
            if definicion is None or (definicion.visible and not definicion.visible(usuario, entrada)):
                continue
            resultados.append(Resultado(entrada=entrada, etiqueta=definicion.etiqueta, puntaje=puntaje))
    pagina_actual = Paginator(resultados, por_pagina).get_page(pagina)
    if pagina_actual.object_list:
        ids = [r.entrada.pk for r in pagina_actual]
        en_pagina = EntradaBusqueda.objects.filter(pk__in=ids).only("id", "texto")
        fragmentos = motor.fragmentos(list(en_pagina), consulta)
        for resultado in pagina_actual:
            resultado.fragmento = fragmentos.get(resultado.entrada.pk, mark_safe(""))
    return pagina_actual
