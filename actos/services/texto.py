"""El texto del acto por partes (vistos, considerandos, fórmula, títulos, artículos y disposiciones).

Cada parte lleva un `eid` al estilo de Akoma Ntoso (`art_3`, `cons_1`, `dfin_1`) para citarla por artículo
(`/normativa/<id>/#art_3`). Mientras el acto es editable, números y eIds se recalculan del orden (así
`art_3` es siempre el «Artículo 3»); al firmar quedan fijos, porque el acto firmado no se edita más.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from actos.models import Acto, Parte
from actos.permissions import puede_redactar
from actos.services.ciclo import MENSAJE_FIRMADO
from core.services.auditoria import instantanea, registrar_evento

CAMPOS = ["acto", "tipo", "orden", "numero", "epigrafe", "texto", "eid"]
LARGO_MAXIMO = 100_000

# Prefijo del eId y rango para colocar una parte nueva en su sitio natural (los títulos van entre artículos).
PREFIJOS: dict[str, str] = {  # clave: Parte.Tipo (un str), como `Parte.tipo`
    Parte.Tipo.VISTO: "vis",
    Parte.Tipo.CONSIDERANDO: "cons",
    Parte.Tipo.FORMULA: "form",
    Parte.Tipo.TITULO: "tit",
    Parte.Tipo.ARTICULO: "art",
    Parte.Tipo.TRANSITORIA: "dtra",
    Parte.Tipo.COMPLEMENTARIA: "dcom",
    Parte.Tipo.FINAL: "dfin",
    Parte.Tipo.DEROGATORIA: "dder",
}
RANGO: dict[str, int] = {
    Parte.Tipo.VISTO: 0,
    Parte.Tipo.CONSIDERANDO: 1,
    Parte.Tipo.FORMULA: 2,
    Parte.Tipo.TITULO: 3,
    Parte.Tipo.ARTICULO: 3,
    Parte.Tipo.COMPLEMENTARIA: 4,
    Parte.Tipo.TRANSITORIA: 5,
    Parte.Tipo.FINAL: 6,
    Parte.Tipo.DEROGATORIA: 7,
}
ORDINALES = [
    "Primera",
    "Segunda",
    "Tercera",
    "Cuarta",
    "Quinta",
    "Sexta",
    "Séptima",
    "Octava",
    "Novena",
    "Décima",
    "Undécima",
    "Duodécima",
    "Decimotercera",
    "Decimocuarta",
    "Decimoquinta",
    "Decimosexta",
    "Decimoséptima",
    "Decimoctava",
    "Decimonovena",
    "Vigésima",
]
ROMANOS = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _romano(n: int) -> str:
    salida = ""
    for valor, letra in ROMANOS:
        while n >= valor:
            salida += letra
            n -= valor
    return salida


def rotulo(tipo: str, n: int) -> str:
    """El número que se imprime de la n-ésima parte de su tipo: 3, «Primera», «II»; vacío si no se numera."""
    if tipo == Parte.Tipo.ARTICULO:
        return str(n)
    if tipo == Parte.Tipo.TITULO:
        return _romano(n)
    if tipo in (Parte.Tipo.TRANSITORIA, Parte.Tipo.COMPLEMENTARIA, Parte.Tipo.FINAL, Parte.Tipo.DEROGATORIA):
        return ORDINALES[n - 1] if n <= len(ORDINALES) else str(n)
    return ""


def _editable(acto: Acto, por) -> Acto:
    acto = Acto.objects.select_for_update(of=("self",)).get(pk=acto.pk)
    if not puede_redactar(por, acto):
        raise PermissionDenied("No tiene permiso para editar el texto de este acto.")
    if not acto.editable:
        raise ValidationError(MENSAJE_FIRMADO)
    return acto


def _validar(tipo: str, texto: str, epigrafe: str) -> tuple[str, str]:
    errores: dict[str, list[str]] = {}
    if tipo not in Parte.Tipo.values:
        errores["tipo"] = ["Elija el tipo de parte (considerando, artículo, disposición…)."]
    texto = (texto or "").strip()
    if not texto:
        errores["texto"] = ["Escriba el texto de la parte."]
    elif len(texto) > LARGO_MAXIMO:
        errores["texto"] = [f"El texto no puede pasar de {LARGO_MAXIMO:,} caracteres.".replace(",", ".")]
    epigrafe = (epigrafe or "").strip()
    if len(epigrafe) > 300:
        errores["epigrafe"] = ["El epígrafe no puede pasar de 300 caracteres."]
    if errores:
        raise ValidationError(errores)
    return texto, epigrafe


def renumerar(acto: Acto) -> None:
    """Orden 1..n, números y eIds recalculados desde el orden actual. En dos pasadas, para no chocar con
    las restricciones únicas (acto, orden) y (acto, eid) mientras se reescriben."""
    partes = list(acto.partes.order_by("orden", "pk"))
    for p in partes:
        p.orden = 1_000_000 + p.pk
        p.eid = f"tmp_{p.pk}"
    Parte.objects.bulk_update(partes, ["orden", "eid"])
    cuentas: dict[str, int] = {}
    for i, p in enumerate(partes, start=1):
        cuentas[p.tipo] = cuentas.get(p.tipo, 0) + 1
        p.orden = i
        p.eid = f"{PREFIJOS[p.tipo]}_{cuentas[p.tipo]}"
        p.numero = rotulo(p.tipo, cuentas[p.tipo])
    Parte.objects.bulk_update(partes, ["orden", "eid", "numero"])


@transaction.atomic
def agregar_parte(*, acto: Acto, tipo: str, texto: str, por, epigrafe: str = "") -> Parte:
    """Añade una parte en su sitio natural (tras la última de su rango: considerandos antes que
    artículos, disposiciones finales al final) y renumera."""
    acto = _editable(acto, por)
    texto, epigrafe = _validar(tipo, texto, epigrafe)
    rango = RANGO[tipo]
    anteriores = [p.orden for p in acto.partes.all() if RANGO[p.tipo] <= rango]
    posicion = max(anteriores, default=0) + 1
    # Hace sitio: corre hacia abajo las que siguen (de la última a la primera, sin chocar).
    for p in acto.partes.filter(orden__gte=posicion).order_by("-orden"):
        p.orden += 1
        p.save(update_fields=["orden"])
    parte = Parte.objects.create(
        acto=acto,
        tipo=tipo,
        orden=posicion,
        texto=texto,
        epigrafe=epigrafe,
        eid=f"nuevo_{acto.partes.count()}_{posicion}",
    )
    renumerar(acto)
    parte.refresh_from_db()
    registrar_evento(por=por, accion="actos.parte.agregar", objeto=parte, despues=instantanea(parte, CAMPOS))
    return parte


@transaction.atomic
def editar_parte(*, parte: Parte, texto: str, por, epigrafe: str = "") -> Parte:
    """Cambia el texto y el epígrafe de una parte mientras el acto es editable."""
    _editable(parte.acto, por)
    parte = Parte.objects.get(pk=parte.pk)
    texto, epigrafe = _validar(parte.tipo, texto, epigrafe)
    antes = instantanea(parte, CAMPOS)
    parte.texto, parte.epigrafe = texto, epigrafe
    parte.save(update_fields=["texto", "epigrafe"])
    registrar_evento(
        por=por, accion="actos.parte.editar", objeto=parte, antes=antes, despues=instantanea(parte, CAMPOS)
    )
    return parte


@transaction.atomic
def mover_parte(*, parte: Parte, direccion: str, por) -> Parte:
    """Sube o baja una parte un lugar (`direccion` «arriba» o «abajo») y renumera."""
    acto = _editable(parte.acto, por)
    if direccion not in ("arriba", "abajo"):
        raise ValidationError("Indique si la parte sube o baja.")
    partes = list(acto.partes.order_by("orden"))
    i = next(i for i, p in enumerate(partes) if p.pk == parte.pk)
    j = i - 1 if direccion == "arriba" else i + 1
    if not 0 <= j < len(partes):
        raise ValidationError("La parte ya está en el extremo: no se puede mover más.")
    antes = instantanea(partes[i], CAMPOS)
    partes[i], partes[j] = partes[j], partes[i]
    for n, p in enumerate(partes, start=1):
        p.orden = n
    # Orden provisional alto y luego definitivo, por la restricción única (acto, orden).
    for p in partes:
        Parte.objects.filter(pk=p.pk).update(orden=1_000_000 + p.pk)
    for p in partes:
        Parte.objects.filter(pk=p.pk).update(orden=p.orden)
    renumerar(acto)
    parte = Parte.objects.get(pk=parte.pk)
    registrar_evento(
        por=por, accion="actos.parte.mover", objeto=parte, antes=antes, despues=instantanea(parte, CAMPOS)
    )
    return parte


@transaction.atomic
def eliminar_parte(*, parte: Parte, por) -> None:
    """Quita una parte mientras el acto es editable y renumera las demás."""
    acto = _editable(parte.acto, por)
    parte = Parte.objects.get(pk=parte.pk)
    if parte.tareas.exists():
        raise ValidationError("La parte tiene tareas de seguimiento: no se puede quitar.")
    antes = instantanea(parte, CAMPOS)
    registrar_evento(por=por, accion="actos.parte.eliminar", objeto=parte, antes=antes)
    parte.delete()
    renumerar(acto)
