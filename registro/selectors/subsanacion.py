"""Lecturas de la subsanación: los documentos observados cuyo plazo para subsanar venció sin corrección.

Donde el perfil no automatiza la consecuencia (`plazos.automatizaciones`; p. ej. CO, Ley 1755 de 2015,
art. 17: el desistimiento tácito se declara por acto motivado), el sistema solo los lista para el funcionario.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from core.models import Municipio
from core.services import perfiles
from core.services.plazos import regla_de_plazo
from registro.models import Documento

NO_PRESENTADO = "no_presentado"


def subsanaciones_vencidas(*, hoy: date | None = None) -> QuerySet[Documento]:
    """Los documentos observados cuyo plazo para subsanar terminó antes de `hoy` (hoy si no se da), el más
    antiguo primero."""
    hoy = hoy or timezone.localdate()
    return (
        Documento.objects.filter(estado=Documento.Estado.OBSERVADO, subsanar_hasta__lt=hoy)
        .select_related("remitente")
        .order_by("subsanar_hasta", "pk")
    )


@dataclass(frozen=True)
class ConsecuenciaSubsanacion:
    """Qué pasa, según el perfil, cuando vence el plazo para subsanar, y de qué norma sale."""

    codigo: str
    texto: str
    fuente: str

    @property
    def norma(self) -> str:
        """La norma sin su glosa («Ley 1755 de 2015, art. 17: vencido…» → «Ley 1755 de 2015, art. 17»)."""
        return self.fuente.split(":", 1)[0].strip()


_TEXTOS = {
    NO_PRESENTADO: "se tiene por no presentado",
    "desistimiento_tacito": "desistimiento tácito, que el funcionario declara por acto motivado",
    "desistimiento": "se tiene por desistida la petición, lo que declara el funcionario",
}


def consecuencia_al_vencer(
    *, municipio: Municipio | None = None, fecha: date | None = None
) -> ConsecuenciaSubsanacion:
    """La consecuencia del plazo vencido sin subsanar (`plazos.subsanacion_al_vencer`), con su fuente."""
    try:
        regla = perfiles.regla_vigente("plazos.subsanacion_al_vencer", municipio=municipio, fecha=fecha)
    except perfiles.ErrorPerfil:
        return ConsecuenciaSubsanacion("", "el perfil no dice la consecuencia; decide el funcionario", "")
    codigo = str(regla.valor)
    return ConsecuenciaSubsanacion(codigo, _TEXTOS.get(codigo, codigo.replace("_", " ")), regla.fuente)


@dataclass(frozen=True)
class Subsanacion:
    """Lo que la página de un documento observado dice de su subsanación: el plazo del perfil con su
    fuente y qué pasa si vence (con si el sistema lo aplica solo o lo declara el funcionario)."""

    plazo: str
    fuente: str
    consecuencia: ConsecuenciaSubsanacion

    @property
    def se_tiene_por_no_presentado(self) -> bool:
        # Sin consecuencia en el perfil decide el funcionario, como antes; con otra, no se ofrece.
        return self.consecuencia.codigo in ("", NO_PRESENTADO)


def subsanacion_de(documento: Documento, *, municipio: Municipio | None = None) -> Subsanacion:
    """El plazo para subsanar que rigió al recibir `documento` y la consecuencia de no hacerlo."""
    fecha = documento.fecha_computo
    try:
        regla = regla_de_plazo("subsanacion", municipio=municipio, fecha=fecha)
        plazo, fuente = regla.texto, regla.fuente
    except perfiles.ErrorPerfil:
        plazo, fuente = "", ""
    return Subsanacion(plazo, fuente, consecuencia_al_vencer(municipio=municipio, fecha=fecha))
