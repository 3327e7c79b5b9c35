"""Búsqueda de texto completo: una interfaz, dos motores (SQLite FTS5 y PostgreSQL `spanish`).

Las áreas registran sus tipos (`registrar_tipo`) en su `AppConfig.ready` y llaman `indexar` /
`desindexar` desde los servicios que crean o cambian lo buscable. `buscar` ignora tildes y
mayúsculas, usa raíces españolas («licencias» encuentra «licencia»), ordena por relevancia (el
título pesa más que el texto) y pagina. Cada usuario ve solo lo que la regla de su tipo le deja.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models, transaction
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe

from core.busqueda.motores import motor_actual
from core.busqueda.normalizacion import normalizar
from core.busqueda.registro import obtener_tipo, registrar_tipo, tipos_registrados
from core.models import EntradaBusqueda

__all__ = ["Resultado", "buscar", "desindexar", "indexar", "registrar_tipo", "tipos_registrados"]

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
