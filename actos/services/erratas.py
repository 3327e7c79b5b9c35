"""Fe de erratas de un acto firmado o publicado: corrige un error material sin tocar el acto firmado
(ARCHITECTURE, invariante 2), como la fe de erratas del acta del concejo, pero numerada y firmada.

- La registra la Secretaría General (`actos.revisar_acto`): dónde está el error (una parte del texto o,
  si no es una parte, p. ej. «Título»), lo que dice, lo que debe decir y el motivo.
- Se numera sin saltos por año en su propia serie (`fe-erratas-actos`; formato del perfil
  `numeracion.formato.fe_erratas_acto` si lo define, si no `FORMATO`).
- La firma el Secretario General que la registra; si actúa por un encargo vigente, «por encargo de» su titular.
- Orden de cerrojos: el acto primero, como todos los servicios del ciclo (`ciclo._bloquear` y luego su
  evento), después la cabeza de la cadena de auditoría y al final el contador de la serie (docs/desarrollo.md:
  cadena antes que contador). Tomar la cadena antes que el acto cruzaría el orden con la firma o la
  publicación simultánea del mismo acto (interbloqueo).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from actos.models import Acto, FeErratas, Parte
from actos.permissions import puede_revisar
from core.models import Serie
from core.services.auditoria import bloquear_cadena, encargo_vigente, instantanea, registrar_evento
from core.services.numeracion import crear_serie, siguiente_numero
from core.services.perfiles import ClaveDesconocida, valor

SERIE = "fe-erratas-actos"
FORMATO = "FE DE ERRATAS Nº {numero:03d}-{anio}-{sigla}"
MAXIMO = 5000
CAMPOS = [
    "acto",
    "numero_texto",
    "parte",
    "ubicacion",
    "dice",
    "debe_decir",
    "motivo",
    "firmada_en",
    "firmada_por",
    "por_encargo_de",
]


def serie_de_erratas(*, por) -> Serie:
    """La serie de las fe de erratas de actos, creada la primera vez (con el formato del perfil si lo hay).
    Dos que la crean a la vez no la duplican: la restricción única decide y se relee."""
    serie = Serie.objects.filter(codigo=SERIE).first()
    if serie is not None:
        return serie
    try:
        formato = valor("numeracion.formato.fe_erratas_acto")
    except ClaveDesconocida:
        formato = FORMATO
    try:
        with transaction.atomic():
            return crear_serie(codigo=SERIE, nombre="Fe de erratas de actos", formato=formato, por=por)
    except (IntegrityError, ValidationError):
        return Serie.objects.get(codigo=SERIE)


def _validar(
    *, acto: Acto, parte: Parte | None, ubicacion: str, dice: str, debe_decir: str, motivo: str
) -> dict:
    errores: dict[str, list[str]] = {}
    if acto.estado not in (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO):
        raise ValidationError(
            "Solo un acto firmado o publicado lleva fe de erratas: antes de la firma se corrige "
            "editando su texto."
        )
    if parte is not None and parte.acto_id != acto.pk:
        errores["parte"] = ["Esa parte no es de este acto."]
    if parte is None and not ubicacion:
        errores["parte"] = [
            "Indique la parte que se corrige o, si no es una parte, dónde está el error (p. ej. «Título»)."
        ]
    if len(ubicacion) > 200:
        errores["ubicacion"] = ["El lugar del error no puede pasar de 200 caracteres."]
    for campo, texto, falta in (
        ("dice", dice, "Escriba el texto erróneo, tal como dice el acto."),
        ("debe_decir", debe_decir, "Escriba el texto correcto (lo que debe decir)."),
        ("motivo", motivo, "Escriba el motivo de la fe de erratas."),
    ):
        if not texto:
            errores[campo] = [falta]
        elif len(texto) > MAXIMO:
            errores[campo] = ["No puede pasar de 5.000 caracteres."]
    if dice and debe_decir and dice == debe_decir:
        errores["debe_decir"] = ["El texto correcto es igual al erróneo: no hay nada que corregir."]
    # El error se cita tal como está: si no aparece donde se dice, la corrección no se entendería.
    if (
        dice
        and parte is not None
        and "parte" not in errores
        and dice not in parte.texto
        and dice not in parte.epigrafe
    ):
        errores["dice"] = [f"El texto erróneo no aparece en {parte}: cópielo tal como dice el acto."]
    elif (
        dice
        and parte is None
        and ubicacion.lower() in ("título", "titulo", "sumilla")
        and dice not in acto.titulo
    ):
        errores["dice"] = ["El texto erróneo no aparece en el título: cópielo tal como dice el acto."]
    if errores:
        raise ValidationError(errores)
    return {
        "parte": parte,
        "ubicacion": "" if parte is not None else ubicacion,
        "dice": dice,
        "debe_decir": debe_decir,
        "motivo": motivo,
    }


@transaction.atomic
def registrar_fe_de_erratas(
    *,
    acto: Acto,
    por,
    dice: str,
    debe_decir: str,
    motivo: str,
    parte: Parte | None = None,
    ubicacion: str = "",
) -> FeErratas:
    """Registra la fe de erratas de `acto` (firmado o publicado) sin tocar el acto: la numera en su serie
    del año, la firma `por` (Secretario General, con «por encargo de» si subroga) y la audita
    (`actos.acto.fe_de_erratas`, sobre el acto). El texto erróneo debe aparecer en la parte indicada."""
    if not puede_revisar(por):
        raise PermissionDenied("Solo la Secretaría General registra y firma la fe de erratas de un acto.")
    acto = Acto.objects.select_for_update(of=("self",)).get(pk=acto.pk)
    datos = _validar(
        acto=acto,
        parte=parte,
        ubicacion=(ubicacion or "").strip(),
        dice=(dice or "").strip(),
        debe_decir=(debe_decir or "").strip(),
        motivo=(motivo or "").strip(),
    )
    serie = serie_de_erratas(por=por)
    bloquear_cadena()  # tras el acto y antes del contador (orden de cerrojos del módulo)
    ahora = timezone.now()
    encargo = encargo_vigente(por, timezone.localdate(ahora))
    errata = FeErratas.objects.create(
        acto=acto,
        firmada_en=ahora,
        firmada_por=por,
        por_encargo_de=encargo.titular if encargo is not None else None,
        **datos,
    )
    numero = siguiente_numero(serie, timezone.localdate(ahora).year, por=por, objeto=errata)
    errata.registro = numero
    errata.anio = numero.anio
    errata.numero = numero.numero
    errata.numero_texto = numero.texto
    errata.save(update_fields=["registro", "anio", "numero", "numero_texto"])
    despues = instantanea(errata, CAMPOS)
    despues["estado_acto"] = acto.estado
    registrar_evento(por=por, accion="actos.acto.fe_de_erratas", objeto=acto, despues=despues)
    return errata


def erratas_de(acto: Acto):
    """Las fe de erratas de `acto`, en orden, con lo que las páginas muestran."""
    return acto.erratas.select_related("parte", "firmada_por", "por_encargo_de").order_by("firmada_en", "pk")
