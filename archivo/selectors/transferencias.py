"""Lo que la tabla de retención propone transferir: los expedientes cerrados cuyos años en la etapa actual se
cumplen, por unidad y etapa de destino; y los datos de cada fila del inventario de transferencia."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Min, QuerySet
from django.utils import timezone

from archivo.models import Disposicion, Expediente, ItemTransferencia, Transferencia
from archivo.permissions import GESTIONAR_EXPEDIENTES, RECIBIR, expedientes_visibles
from archivo.selectors.perfil import Etapa, etapas, siguiente_etapa
from core.models import UnidadOrganica
from core.parametros import entero

# Al archivo histórico (la etapa sin plazo) pasa lo que se conserva; lo que se elimina o se selecciona va a
# la propuesta de eliminación.
PASAN_A_HISTORICO = (Disposicion.CONSERVACION_TOTAL, Disposicion.DIGITALIZACION)


def inicio_de_etapa(expediente: Expediente) -> date | None:
    """Desde cuándo corre el plazo de la etapa actual: la fecha en que entró a ella por transferencia; en la
    primera etapa, la del cierre (los años de gestión se cuentan desde que el expediente se cierra)."""
    cambios = [c for c in expediente.cambios_de_etapa.all() if c.etapa == expediente.etapa]
    if cambios:
        return max(c.fecha for c in cambios)
    if expediente.cerrado_en is None:
        return None
    return timezone.localdate(expediente.cerrado_en)


def fin_de_etapa(expediente: Expediente) -> date | None:
    """El día en que se cumplen los años de la etapa actual según la retención con que se clasificó; None si
    el expediente está abierto o la etapa no tiene plazo."""
    inicio = inicio_de_etapa(expediente)
    if inicio is None or expediente.etapa not in expediente.retencion.plazos:
        return None
    return inicio + relativedelta(years=int(expediente.retencion.plazos[expediente.etapa]))


def destino(expediente: Expediente) -> Etapa | None:
    """La etapa a la que se transfiere: la siguiente; a la última (sin plazo) solo si se conserva."""
    siguiente = siguiente_etapa(expediente.etapa)
    if siguiente is None:
        return None
    if not siguiente.con_plazo and expediente.retencion.disposicion not in PASAN_A_HISTORICO:
        return None
    return siguiente


@dataclass
class Propuesta:
    unidad: UnidadOrganica
    origen: Etapa
    destino: Etapa
    filas: list[dict] = field(default_factory=list)

    @property
    def cumplidos(self) -> int:
        return sum(1 for f in self.filas if f["cumplido"])


def candidatos(usuario) -> QuerySet[Expediente]:
    """Los expedientes cerrados que `usuario` puede transferir (los de su unidad, o todos si es el archivo) y
    que no están ya en una transferencia en revisión."""
    consulta = expedientes_visibles(usuario).filter(estado=Expediente.Estado.CERRADO)
    if not (usuario.has_perm(GESTIONAR_EXPEDIENTES) or usuario.has_perm(RECIBIR)):
        consulta = consulta.filter(unidad=usuario.unidad_id or 0)
    return consulta.exclude(items_transferencia__revision=ItemTransferencia.Revision.PENDIENTE)


def anio_pedido(texto: object) -> int:
    """El año de `?anio=` para la propuesta de transferencias: de 1900 a cien años adelante; cualquier otra
    cosa (vacío, letras, un número enorme) es el año en curso."""
    hoy = timezone.localdate().year
    return entero(texto, minimo=1900, maximo=hoy + 100, defecto=hoy)


def por_transferir(usuario, anio: int, *, hoy: date | None = None) -> list[Propuesta]:
    """Lo que vence hasta el 31 de diciembre de `anio`, agrupado por unidad y etapa de origen y destino; cada
    fila dice si los años ya se cumplieron hoy (solo esos se pueden transferir ya)."""
    return propuestas(candidatos(usuario), anio, hoy=hoy)


def sin_transferencia_en_curso() -> QuerySet[Expediente]:
    """Todos los expedientes cerrados que no están en una transferencia en revisión (para los avisos)."""
    return Expediente.objects.filter(estado=Expediente.Estado.CERRADO).exclude(
        items_transferencia__revision=ItemTransferencia.Revision.PENDIENTE
    )


def propuestas(base: QuerySet[Expediente], anio: int, *, hoy: date | None = None) -> list[Propuesta]:
    """Las propuestas de transferencia de `anio` entre los expedientes de `base`."""
    hoy = hoy or timezone.localdate()
    limite = date(anio, 12, 31)
    con_plazo = [e.clave for e in etapas() if e.con_plazo]
    por_etapa = {e.clave: e for e in etapas()}
    grupos: dict[tuple, Propuesta] = {}
    consulta = (
        base.filter(etapa__in=con_plazo)
        .select_related("unidad", "nodo", "retencion")
        .prefetch_related("cambios_de_etapa")
        .order_by("unidad__sigla", "codigo")
    )
    for exp in consulta:
        vence, hacia = fin_de_etapa(exp), destino(exp)
        if vence is None or hacia is None or vence > limite:
            continue
        clave = (exp.unidad_id, exp.etapa, hacia.clave)
        grupo = grupos.setdefault(clave, Propuesta(exp.unidad, por_etapa[exp.etapa], hacia))
        grupo.filas.append({"expediente": exp, "vence": vence, "cumplido": vence <= hoy})
    return list(grupos.values())


def fechas_extremas(expediente: Expediente) -> tuple[date | None, date | None]:
    """La fecha del documento más antiguo y la del más reciente del expediente."""
    r = expediente.piezas.aggregate(inicial=Min("fecha"), final=Max("fecha"))
    return r["inicial"] or expediente.abierto_en, r["final"] or (
        timezone.localdate(expediente.cerrado_en) if expediente.cerrado_en else None
    )


def inventario(transferencia: Transferencia) -> list[dict]:
    """Las filas del inventario de transferencia (columnas al estilo del FUID), en orden."""
    filas = []
    items = (
        transferencia.items.select_related("expediente__nodo", "revisado_por")
        .annotate(inicial=Min("expediente__piezas__fecha"), final=Max("expediente__piezas__fecha"))
        .order_by("orden")
    )
    for item in items:
        exp = item.expediente
        inicial = item.inicial or exp.abierto_en
        final = item.final or (timezone.localdate(exp.cerrado_en) if exp.cerrado_en else None)
        filas.append(
            {
                "item": item,
                "orden": item.orden,
                "codigo": exp.codigo,
                "serie": f"{exp.nodo.codigo} {exp.nodo.nombre}",
                "titulo": exp.titulo,
                "fecha_inicial": inicial,
                "fecha_final": final,
                "unidad_conservacion": item.unidad_conservacion,
                "folios": item.folios,
                "soporte": exp.get_soporte_display(),
                "frecuencia": item.get_frecuencia_consulta_display(),
                "notas": item.notas,
                "revision": item.get_revision_display(),
                "motivo": item.motivo,
            }
        )
    return filas
