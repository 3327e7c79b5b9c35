"""Numeración de registros: números consecutivos sin saltos por serie y año (ARCHITECTURE, invariante 1)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from core import rapido, sql
from core.models import Contador, Evento, Municipio, NumeroRegistro, Serie, UnidadOrganica
from core.services.auditoria import (
    ENCARGO_SIN_CONSULTAR,
    bloquear_cadena,
    encadenar,
    instantanea,
    preparar_evento,
    registrar_evento,
    titular_por_encargo,
)
from core.services.formato_numeracion import validar_formato
from core.services.perfiles import valor

_CODIGO = re.compile(r"^[-a-zA-Z0-9_]+$")


def formatear(serie: Serie, numero: int, anio: int, *, municipio: Municipio | None = None) -> str:
    """El número tal como se escribe en el documento: la plantilla de la serie con la sigla del
    municipio (el dado o `Municipio.objects.actual()`) y la de la unidad de la serie.
    """
    municipio = municipio if municipio is not None else Municipio.objects.actual()
    return serie.formato.format(
        numero=numero,
        anio=anio,
        sigla=municipio.sigla if municipio else "",
        unidad=serie.unidad.sigla if serie.unidad is not None else "",
    )


@transaction.atomic
def crear_serie(
    *, codigo: str, nombre: str, formato: str, unidad: UnidadOrganica | None = None, por
) -> Serie:
    """Crea una serie de registro con su plantilla de número, validada, y deja el evento de auditoría.

    El código identifica la serie para las áreas (p. ej. `registro-entrada`, `ordenanza`) y no se
    repite; el formato pasa por `validar_formato`.
    """
    codigo = (codigo or "").strip()
    nombre = (nombre or "").strip()
    errores: dict[str, list[str]] = {}
    if not codigo:
        errores["codigo"] = ["Escriba el código de la serie."]
    elif not _CODIGO.match(codigo):
        errores["codigo"] = ["El código solo admite letras sin tilde, números, guiones y guiones bajos."]
    elif Serie.objects.filter(codigo=codigo).exists():
        errores["codigo"] = [f"Ya existe una serie con el código «{codigo}»."]
    if not nombre:
        errores["nombre"] = ["Escriba el nombre de la serie."]
    try:
        validar_formato(formato)
    except ValidationError as e:
        errores["formato"] = e.messages
    if errores:
        raise ValidationError(errores)
    serie = Serie.objects.create(codigo=codigo, nombre=nombre, formato=formato, unidad=unidad)
    registrar_evento(por=por, accion="core.serie.crear", objeto=serie, despues=instantanea(serie))
    return serie


def _contador_bloqueado(serie: Serie, anio: int) -> Contador:
    # La fila del contador es el cerrojo de la serie-año: SELECT ... FOR UPDATE en PostgreSQL;
    # en SQLite la transacción ya tiene el cerrojo de escritura (BEGIN IMMEDIATE en settings).
    consulta = Contador.objects.select_for_update().filter(serie=serie, anio=anio)
    contador = consulta.first()
    if contador is not None:
        return contador
    try:
        # Punto de guardado: si otra transacción creó el contador a la vez, la restricción única
        # falla solo aquí y se relee la fila (ya confirmada) con cerrojo.
        with transaction.atomic():
            return Contador.objects.create(serie=serie, anio=anio)
    except IntegrityError:
        return consulta.get()


def _anio(anio) -> int:
    try:
        anio = int(anio)
    except (TypeError, ValueError):
        raise ValidationError("El año debe ser un número, p. ej. 2026.") from None
    if not 1900 <= anio <= 9999:
        raise ValidationError(f"El año {anio} está fuera de rango (1900 a 9999).")
    return anio


def _serie(serie: Serie | str) -> Serie:
    if isinstance(serie, Serie):
        return serie
    try:
        return Serie.objects.get(codigo=serie)
    except Serie.DoesNotExist:
        raise ValidationError(f"No existe la serie de registro «{serie}».") from None


def _sumar_uno(serie: Serie, anio: int) -> int | None:
    """Un solo UPDATE ... RETURNING: suma uno al contador abierto de la serie-año y deja su fila
    bloqueada hasta el fin de la transacción (eso garantiza que no haya saltos ni repetidos). None si
    el contador no existe todavía o el año está cerrado (lo resuelve `_sumar_uno_lento`).
    """
    with connection.cursor() as cursor:
        cursor.execute(sql.sumar_uno_al_contador(), [serie.pk, anio])
        fila = cursor.fetchone()
    return fila[0] if fila else None


@transaction.atomic
def _sumar_uno_lento(serie: Serie, anio: int) -> int:
    # Primer número del año (se crea el contador) o año cerrado; con punto de guardado, para que el
    # error en español no deje rota la transacción de quien llama.
    contador = _contador_bloqueado(serie, anio)
    if contador.cerrado:
        raise ValidationError(
            f"El año {anio} de la serie «{serie.nombre}» está cerrado: ya no se dan números."
        )
    contador.ultimo += 1
    contador.save(update_fields=["ultimo"])
    return contador.ultimo


def _preparar_numeracion(
    serie: Serie | str, anio, *, por, objeto, encargo, municipio
) -> tuple[Serie, int, Callable[[int], str], Any, Any, ContentType | None]:
    # Todo lo que consulta o puede fallar con un error en español, antes de los cerrojos.
    serie = _serie(serie)
    anio = _anio(anio)
    if not serie.activa:
        raise ValidationError(f"La serie «{serie.nombre}» está inactiva y no da números.")
    municipio = municipio if municipio is not None else Municipio.objects.actual()

    def texto_de(numero: int) -> str:
        return formatear(serie, numero, anio, municipio=municipio)

    actor = por if por is not None and getattr(por, "pk", None) else None
    if encargo is ENCARGO_SIN_CONSULTAR:
        encargo = titular_por_encargo(actor)
    objeto_tipo = ContentType.objects.get_for_model(objeto) if objeto is not None else None
    return serie, anio, texto_de, actor, encargo, objeto_tipo


def tomar_numero(
    serie: Serie | str,
    anio: int,
    *,
    por,
    objeto: models.Model | None = None,
    encargo=ENCARGO_SIN_CONSULTAR,
    municipio: Municipio | None = None,
) -> tuple[NumeroRegistro, Evento]:
    """Como `siguiente_numero`, pero devuelve también el evento `core.numero.asignar` preparado y sin
    encadenar: quien llama lo encadena con `auditoria.encadenar` junto con los suyos, en la misma
    transacción (un solo paso por la cabeza de la cadena). Va dentro de un `transaction.atomic`.

    Todo lo que consulta (serie, municipio para el formato, encargo, tipo de contenido) se hace antes
    de los cerrojos; con ellos tomados quedan solo el UPDATE del contador y el INSERT del número.
    `encargo` y `municipio` (el de la instalación, para la sigla) evitan repetir consultas que quien
    llama ya hizo.
    """
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("tomar_numero va dentro de la transacción del cambio.")
    serie, anio, texto_de, actor, encargo, objeto_tipo = _preparar_numeracion(
        serie, anio, por=por, objeto=objeto, encargo=encargo, municipio=municipio
    )
    # Orden fijo de cerrojos: primero la cadena de auditoría (la tomará el evento de todos modos), luego
    # el contador; así no hay interbloqueo con una transacción que ya auditó algo antes de numerar.
    with transaction.atomic(savepoint=False):
        bloquear_cadena()
        ultimo = _sumar_uno(serie, anio)
    if ultimo is None:
        ultimo = _sumar_uno_lento(serie, anio)
    with transaction.atomic(savepoint=False):
        numero = NumeroRegistro.objects.create(
            serie=serie,
            anio=anio,
            numero=ultimo,
            texto=texto_de(ultimo),
            asignado_por=actor,
            objeto_tipo=objeto_tipo,
            objeto_id=str(objeto.pk) if objeto is not None else "",
        )
    evento = preparar_evento(
        por=por, accion="core.numero.asignar", objeto=numero, despues=instantanea(numero), encargo=encargo
    )
    return numero, evento


@transaction.atomic
def siguiente_numero(
    serie: Serie | str, anio: int, *, por, objeto: models.Model | None = None
) -> NumeroRegistro:
    """Da el siguiente número de la serie en ese año (1 el primero de cada año), sin saltos.

    Se toma dentro de la transacción de quien llama: si esa transacción se deshace, el número no
    se consume y el siguiente lo vuelve a dar (los números no se reservan). El contador se
    bloquea hasta el fin de la transacción, así dos solicitudes a la vez reciben números
    distintos y seguidos. Un año cerrado o una serie inactiva no dan números.
    """
    numero, evento = tomar_numero(serie, anio, por=por, objeto=objeto)
    encadenar([evento])
    return numero


def numerar_y_auditar(
    *,
    serie: Serie,
    anio: int,
    por,
    objeto: models.Model,
    anotar,
    evento_del_objeto,
    encargo=ENCARGO_SIN_CONSULTAR,
    municipio: Municipio | None = None,
    confirmar: bool = False,
) -> NumeroRegistro:
    """Numera `objeto` y deja sus dos eventos (`core.numero.asignar` y el del objeto) en una sola ráfaga
    al final de la transacción de quien llama: es lo último antes del commit, porque desde el primer
    cerrojo (cabeza de la cadena, luego el contador) todas las numeraciones esperan.

    `anotar(numero)` pone el número en el objeto (atributos) y devuelve `(sql, params)` del UPDATE que
    lo guarda; `evento_del_objeto()` devuelve el evento preparado (`preparar_evento`) del objeto ya
    numerado. `objeto` puede llegar sin guardar (sin pk): el camino de siempre lo guarda antes de numerar
    (`tomar_numero` y `encadenar`, por el ORM). En PostgreSQL lo hace `core.rapido.numerar_y_auditar` en
    dos viajes, con el objeto insertado ya numerado, y deja las mismas filas y la misma cadena; si el
    contador del año aún no existe o está cerrado, también va por el camino de siempre.

    Con `confirmar=True` quien llama promete que, tras esto, su transacción no escribe nada más: si es
    la transacción de más afuera (un solo `atomic`), en PostgreSQL el COMMIT viaja con las escrituras de
    la ráfaga y los cerrojos se sueltan sin esperar a que el código vuelva hasta el `atomic`. Dentro de
    la transacción de otro (p. ej. la que además registra al remitente) no cambia nada.
    """
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            "numerar_y_auditar va dentro de la transacción del cambio."
        )
    serie, anio, texto_de, actor, encargo, objeto_tipo = _preparar_numeracion(
        serie, anio, por=por, objeto=objeto, encargo=encargo, municipio=municipio
    )
    if rapido.disponible():

        def nuevo_numero(id_numero: int, ultimo: int, objeto_pk) -> NumeroRegistro:
            return NumeroRegistro(
                id=id_numero,
                serie=serie,
                anio=anio,
                numero=ultimo,
                texto=texto_de(ultimo),
                asignado_por=actor,
                objeto_tipo=objeto_tipo,
                objeto_id=str(objeto_pk),
            )

        def evento_del_numero(numero: NumeroRegistro):
            return preparar_evento(
                por=por,
                accion="core.numero.asignar",
                objeto=numero,
                despues=instantanea(numero),
                encargo=encargo,
            )

        numero = rapido.numerar_y_auditar(
            serie,
            anio,
            objeto=objeto,
            nuevo_numero=nuevo_numero,
            evento_del_numero=evento_del_numero,
            anotar=anotar,
            evento_del_objeto=evento_del_objeto,
            confirmar=confirmar,
        )
        if numero is not None:
            return numero
    if objeto.pk is None:
        objeto.save(force_insert=True)
    numero, evento_numero = tomar_numero(
        serie, anio, por=por, objeto=objeto, encargo=encargo, municipio=municipio
    )
    sql, params = anotar(numero)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    encadenar([evento_numero, evento_del_objeto()])
    return numero


@transaction.atomic
def anular_numero(*, numero: NumeroRegistro, motivo: str, por) -> NumeroRegistro:
    """Anula un número dado: la fila queda, marcada y con su motivo; el número nunca se reutiliza.

    El motivo es obligatorio (la anulación se justifica). No se anula dos veces ni en un año
    cerrado, porque el registro de ese año ya está sellado.
    """
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo de la anulación."]})
    numero = NumeroRegistro.objects.select_for_update().select_related("serie").get(pk=numero.pk)
    if numero.anulado:
        raise ValidationError(f"El número {numero.texto} ya está anulado.")
    if Contador.objects.filter(serie=numero.serie_id, anio=numero.anio, cerrado=True).exists():
        raise ValidationError(
            f"El año {numero.anio} de la serie está cerrado: no se puede anular {numero.texto}."
        )
    campos = ["anulado", "motivo_anulacion", "anulado_en"]
    antes = instantanea(numero, campos)
    numero.anulado = True
    numero.motivo_anulacion = motivo
    numero.anulado_en = timezone.now()
    numero.save(update_fields=campos)
    registrar_evento(
        por=por, accion="core.numero.anular", objeto=numero, antes=antes, despues=instantanea(numero, campos)
    )
    return numero


@transaction.atomic
def cerrar_anio(*, serie: Serie, anio: int, por) -> Contador:
    """Sella el año de una serie: desde entonces no da más números ni admite anulaciones.

    Si la serie no dio números ese año, el año se cierra igual (queda constancia de que no hubo).
    """
    anio = _anio(anio)
    # Orden fijo de cerrojos: primero la cadena de auditoría (la tomará el evento de todos modos), luego
    # el contador; así no hay interbloqueo con una transacción que ya auditó algo antes de numerar.
    bloquear_cadena()
    contador = _contador_bloqueado(serie, anio)
    if contador.cerrado:
        raise ValidationError(f"El año {anio} de la serie «{serie.nombre}» ya está cerrado.")
    campos = ["cerrado", "cerrado_en"]
    antes = {"anio": anio, **instantanea(contador, campos)}
    contador.cerrado = True
    contador.cerrado_en = timezone.now()
    contador.save(update_fields=campos)
    registrar_evento(
        por=por,
        accion="core.serie.cerrar_anio",
        objeto=serie,
        antes=antes,
        despues={"anio": anio, "ultimo": contador.ultimo, **instantanea(contador, campos)},
    )
    return contador


def serie_por_perfil(clave: str, *, unidad: UnidadOrganica | None = None, por=None) -> Serie:
    """La serie de la clave de numeración del perfil (`registro_entrada`, `memorando`...), creándola
    la primera vez con el formato vigente del perfil (`numeracion.formato.<clave>`).

    Con `unidad`, la serie es propia de esa unidad (memorandos, oficios e informes se numeran por
    unidad). Dos solicitudes que la crean a la vez no duplican: la restricción única decide y se relee.
    """
    codigo = f"{clave}-{unidad.sigla.lower()}" if unidad is not None else clave
    serie = Serie.objects.filter(codigo=codigo).first()
    if serie is not None:
        return serie
    formato = valor(f"numeracion.formato.{clave}")
    nombre = clave.replace("_", " ").capitalize() + (f" — {unidad.sigla}" if unidad is not None else "")
    try:
        with transaction.atomic():
            return crear_serie(codigo=codigo, nombre=nombre, formato=formato, unidad=unidad, por=por)
    except ValidationError:
        serie = Serie.objects.filter(codigo=codigo).first()
        if serie is None:
            raise
        return serie
    except IntegrityError:
        return Serie.objects.get(codigo=codigo)
