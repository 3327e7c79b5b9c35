"""Demostración del archivo: por país, un cuadro de clasificación de la Secretaría General con su instrumento de
retención (PE PCDA, EC tabla de plazos, CO TRD, MX CADIDO) de unas quince series con códigos de aspecto real, una
versión futura de una serie (para ver que las versiones no reescriben el pasado) y unos expedientes con
documentos del registro y actos archivados; uno reservado. Todo por los servicios; idempotente.

Lo que cambia de un país a otro (códigos, nombres, base legal, años por etapa) está en `POR_PAIS`; las etapas y el
nombre del instrumento los pone el perfil (`archivo.etapas`, `archivo.instrumento`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from actos.models import Acto
from archivo.models import Disposicion, Expediente, NodoCuadro, Pieza, Prestamo, Retencion
from archivo.selectors.perfil import etapas_con_plazo
from archivo.services.cuadro import crear_nodo, nueva_retencion
from archivo.services.expedientes import abrir_expediente, archivar, cerrar_expediente
from archivo.services.prestamos import entregar_prestamo, solicitar_prestamo
from core.demo import pais_de, unidad
from core.models import Municipio, Usuario
from registro.models import Documento

CT, EL, SE, DI = (
    Disposicion.CONSERVACION_TOTAL,
    Disposicion.ELIMINACION,
    Disposicion.SELECCION,
    Disposicion.DIGITALIZACION,
)


@dataclass(frozen=True)
class Serie:
    clave: str
    seccion: str  # clave común de la unidad (core.demo_paises): ALC, SG, UTDA, OAJ, GAF
    nombre: str
    gestion: int
    central: int
    disposicion: str
    subseries: tuple[str, ...] = ()


# Las series de una Secretaría General y sus vecinas; los nombres que cambian por país están en `POR_PAIS`.
SERIES = [
    Serie("actas", "SG", "Actas", 2, 8, CT, ("Actas de sesiones del concejo", "Actas de comisiones")),
    Serie("acuerdos", "SG", "Acuerdos de concejo", 2, 8, CT),
    Serie("ordenanzas", "SG", "Ordenanzas", 2, 8, CT),
    Serie("certificaciones", "SG", "Certificaciones y copias certificadas", 2, 3, SE),
    Serie("transparencia", "SG", "Solicitudes de acceso a la información pública", 2, 3, EL),
    Serie("pqrs", "SG", "Quejas, reclamos y sugerencias", 2, 3, SE),
    Serie("resoluciones", "ALC", "Resoluciones de alcaldía", 2, 8, CT),
    Serie("decretos", "ALC", "Decretos de alcaldía", 2, 8, CT),
    Serie(
        "correspondencia",
        "UTDA",
        "Correspondencia",
        1,
        4,
        EL,
        ("Correspondencia recibida", "Correspondencia despachada"),
    ),
    Serie("registros", "UTDA", "Registros de entrada y salida de documentos", 2, 8, CT),
    Serie("transferencias", "UTDA", "Inventarios de transferencias documentales", 2, 8, CT),
    Serie("instrumentos", "UTDA", "Instrumentos archivísticos", 2, 8, CT),
    Serie(
        "contratos",
        "GAF",
        "Contratos",
        2,
        18,
        SE,
        ("Contratos de obra pública", "Contratos de bienes y servicios"),
    ),
    Serie("procesos", "OAJ", "Procesos judiciales", 2, 8, SE),
    Serie("nomina", "GAF", "Planillas y nóminas de pago", 2, 28, DI),
]


@dataclass(frozen=True)
class DatosPais:
    secciones: dict[str, str]  # clave de unidad → código de la sección
    serie: str  # formato del código de una serie: {s} sección, {k} número
    subserie: str  # y de una subserie: {s}, {k}, {m}
    vigente_desde: date
    base_legal: dict[str, str]
    nombres: dict[str, str] = field(default_factory=dict)
    reserva: str = ""


POR_PAIS = {
    "PE": DatosPais(
        secciones={"ALC": "ALC", "SG": "SG", "UTDA": "UTDA", "OAJ": "OAJ", "GAF": "GAF"},
        serie="{s}-{k:02d}",
        subserie="{s}-{k:02d}-{m:02d}",
        vigente_desde=date(2021, 3, 1),
        base_legal={
            "actas": "Ley 27972, Ley Orgánica de Municipalidades",
            "acuerdos": "Ley 27972, art. 41",
            "ordenanzas": "Ley 27972, arts. 40 y 44",
            "resoluciones": "Ley 27972, art. 43",
            "decretos": "Ley 27972, art. 42",
            "transparencia": "TUO de la Ley 27806",
            "pqrs": "DS 007-2020-PCM (Libro de Reclamaciones)",
            "certificaciones": "TUO de la Ley 27444, art. 138",
            "correspondencia": "TUO de la Ley 27444, art. 128",
            "contratos": "Normativa de contrataciones del Estado",
        },
        nombres={"pqrs": "Reclamos del Libro de Reclamaciones", "decretos": "Decretos de alcaldía"},
        reserva="TUO de la Ley 27806, art. 17 (información confidencial: estrategia de defensa en un proceso)",
    ),
    "EC": DatosPais(
        secciones={"ALC": "01", "SG": "02", "UTDA": "02.1", "OAJ": "03", "GAF": "04"},
        serie="{s}.{k:02d}",
        subserie="{s}.{k:02d}.{m:02d}",
        vigente_desde=date(2022, 1, 3),
        base_legal={
            "actas": "COOTAD, art. 357 (secretario del concejo)",
            "ordenanzas": "COOTAD, arts. 322 y 324",
            "acuerdos": "COOTAD, art. 323",
            "resoluciones": "COOTAD, art. 60",
            "transparencia": "Ley Orgánica de Transparencia y Acceso a la Información Pública (2023)",
            "correspondencia": "Código Orgánico Administrativo",
            "contratos": "Ley Orgánica del Sistema Nacional de Contratación Pública",
        },
        nombres={
            "acuerdos": "Resoluciones y acuerdos del concejo",
            "decretos": "Resoluciones administrativas",
        },
        reserva="Ley Orgánica de Transparencia y Acceso a la Información Pública (2023): información reservada",
    ),
    "CO": DatosPais(
        secciones={"ALC": "100", "SG": "110", "UTDA": "111", "OAJ": "120", "GAF": "130"},
        serie="{s}-{k:02d}",
        subserie="{s}-{k:02d}.{m:02d}",
        vigente_desde=date(2020, 6, 1),
        base_legal={
            "actas": "Ley 136 de 1994",
            "acuerdos": "Ley 136 de 1994, arts. 71-81",
            "resoluciones": "Ley 136 de 1994, art. 91",
            "decretos": "Ley 136 de 1994, art. 91",
            "transparencia": "Ley 1712 de 2014",
            "pqrs": "Ley 1755 de 2015",
            "correspondencia": "Acuerdo AGN 060 de 2001",
            "instrumentos": "Ley 594 de 2000, art. 24",
            "contratos": "Ley 80 de 1993",
        },
        nombres={
            "pqrs": "Peticiones, quejas, reclamos y sugerencias (PQRS)",
            "ordenanzas": "Proyectos de acuerdo",
        },
        reserva="Ley 1712 de 2014, art. 19 (excepción: defensa judicial de la entidad)",
    ),
    "MX": DatosPais(
        secciones={"ALC": "1S", "SG": "2S", "UTDA": "2S.AM", "OAJ": "2C", "GAF": "6C"},
        serie="{s}.{k}",
        subserie="{s}.{k}.{m}",
        vigente_desde=date(2021, 1, 4),
        base_legal={
            "actas": "Ley Orgánica del Municipio del Estado de Zacatecas",
            "acuerdos": "Ley Orgánica del Municipio del Estado de Zacatecas",
            "transparencia": "Ley General de Transparencia y Acceso a la Información Pública",
            "correspondencia": "Ley General de Archivos",
            "instrumentos": "Ley General de Archivos, art. 13",
            "contratos": "Ley de Adquisiciones, Arrendamientos y Servicios del Estado de Zacatecas",
        },
        nombres={
            "actas": "Actas de cabildo",
            "acuerdos": "Acuerdos de cabildo",
            "ordenanzas": "Reglamentos y bandos municipales",
            "resoluciones": "Acuerdos de la presidencia municipal",
            "decretos": "Circulares de la presidencia municipal",
            "pqrs": "Quejas y denuncias ciudadanas",
        },
        reserva="Ley General de Transparencia y Acceso a la Información Pública: información reservada (procesos judiciales en trámite)",
    ),
}


# Años de demostración en las etapas de en medio (PE periférico, EC intermedio): lo que se elimina no pasa por ellas.
_INTERMEDIAS = {"periferico": 1, "intermedio": 10}


def _plazos(serie: Serie, fecha: date) -> dict[str, int]:
    """Los años de la serie en cada etapa con plazo del perfil: la primera (gestión o trámite) lleva los de
    gestión; la central o de concentración, los del archivo central; las de en medio, pocos o ninguno."""
    plazos: dict[str, int] = {}
    for i, e in enumerate(etapas_con_plazo(fecha)):
        if i == 0:
            plazos[e.clave] = serie.gestion
        elif e.clave in _INTERMEDIAS:
            plazos[e.clave] = 0 if serie.disposicion == EL else _INTERMEDIAS[e.clave]
        else:
            plazos[e.clave] = serie.central
    return plazos


def _nodo(*, nivel, codigo, nombre, padre=None, unidad_=None, por) -> NodoCuadro:
    existente = NodoCuadro.objects.filter(codigo=codigo).first()
    return existente or crear_nodo(
        nivel=nivel, codigo=codigo, nombre=nombre, padre=padre, unidad=unidad_, por=por
    )


def _retencion(nodo: NodoCuadro, serie: Serie, datos: DatosPais, por) -> None:
    if Retencion.objects.filter(nodo=nodo).exists():
        return
    nueva_retencion(
        nodo=nodo,
        vigente_desde=datos.vigente_desde,
        plazos=_plazos(serie, datos.vigente_desde),
        disposicion=serie.disposicion,
        base_legal=datos.base_legal.get(serie.clave, ""),
        por=por,
    )


@transaction.atomic
def cargar_cuadro(municipio: Municipio, por) -> dict[str, NodoCuadro]:
    datos = POR_PAIS.get(pais_de(municipio).codigo, POR_PAIS["PE"])
    fondo = _nodo(nivel="fondo", codigo=municipio.sigla, nombre=municipio.nombre, por=por)
    secciones: dict[str, NodoCuadro] = {}
    for clave in ("ALC", "SG", "UTDA", "OAJ", "GAF"):
        u = unidad(clave)
        if u is None:
            continue
        subseccion = clave == "UTDA" and "SG" in secciones
        secciones[clave] = _nodo(
            nivel="subseccion" if subseccion else "seccion",
            codigo=datos.secciones[clave],
            nombre=u.nombre,
            padre=secciones["SG"] if subseccion else fondo,
            unidad_=u,
            por=por,
        )
    clasificables: dict[str, NodoCuadro] = {}
    numero: dict[str, int] = {}
    for serie in SERIES:
        seccion = secciones.get(serie.seccion)
        if seccion is None:
            continue
        numero[serie.seccion] = numero.get(serie.seccion, 0) + 1
        s, k = seccion.codigo, numero[serie.seccion]
        nodo = _nodo(
            nivel="serie",
            codigo=datos.serie.format(s=s, k=k),
            nombre=datos.nombres.get(serie.clave, serie.nombre),
            padre=seccion,
            por=por,
        )
        if serie.subseries:
            for m, nombre in enumerate(serie.subseries, start=1):
                sub = _nodo(
                    nivel="subserie",
                    codigo=datos.subserie.format(s=s, k=k, m=m),
                    nombre=nombre,
                    padre=nodo,
                    por=por,
                )
                _retencion(sub, serie, datos, por)
                clasificables[f"{serie.clave}.{m}"] = sub
        else:
            _retencion(nodo, serie, datos, por)
            clasificables[serie.clave] = nodo
    # Una versión nueva que rige desde el 1 de enero próximo: la correspondencia despachada pasa a
    # digitalizarse. Los expedientes abiertos antes guardan la versión 1.
    despachada = clasificables.get("correspondencia.2")
    if despachada is not None and Retencion.objects.filter(nodo=despachada).count() == 1:
        proximo = date(timezone.localdate().year + 1, 1, 1)
        nueva_retencion(
            nodo=despachada,
            vigente_desde=proximo,
            plazos=_plazos(SERIES[8], proximo),
            disposicion=DI,
            base_legal=datos.base_legal.get("correspondencia", ""),
            procedimiento="Se digitaliza con fines de preservación antes de eliminar el papel.",
            por=por,
        )
    return clasificables


def _expediente(titulo: str, nodo: NodoCuadro | None, unidad_clave: str, por, **extra) -> Expediente | None:
    existente = Expediente.objects.filter(titulo=titulo).first()
    u = unidad(unidad_clave)
    if existente is not None or nodo is None or u is None:
        return existente
    return abrir_expediente(nodo=nodo, unidad=u, titulo=titulo, por=por, **extra)


@transaction.atomic
def cargar_expedientes(clasificables: dict[str, NodoCuadro], municipio: Municipio, por) -> None:
    datos = POR_PAIS.get(pais_de(municipio).codigo, POR_PAIS["PE"])
    anio = timezone.localdate().year
    ubicacion = {"edificio": "Palacio municipal", "sala": "Archivo de gestión, 2.º piso", "estante": "E-03"}
    recibida = _expediente(
        f"Correspondencia recibida {anio}",
        clasificables.get("correspondencia.1"),
        "UTDA",
        por,
        soporte=Expediente.Soporte.HIBRIDO,
        caja="C-012",
        carpeta="1",
        **ubicacion,
    )
    if recibida is not None and not recibida.piezas.exists():
        ya = Pieza.objects.values("documento")
        documentos = (
            Documento.objects.filter(clase=Documento.Clase.ENTRADA)
            .exclude(estado__in=(Documento.Estado.BORRADOR, Documento.Estado.ANULADO))
            .exclude(pk__in=ya)
            .order_by("recibido_en", "pk")[:4]
        )
        for d in documentos:
            archivar(expediente=recibida, documento=d, por=por)
    normas = _expediente(
        f"Normas aprobadas {anio}",
        clasificables.get("ordenanzas") or clasificables.get("acuerdos"),
        "SG",
        por,
        soporte=Expediente.Soporte.ELECTRONICO,
    )
    if normas is not None and not normas.piezas.exists():
        actos = (
            Acto.objects.filter(firmado_en__isnull=False, archivo__isnull=False)
            .exclude(pk__in=Pieza.objects.filter(acto__isnull=False).values("acto"))
            .order_by("firmado_en", "pk")[:3]
        )
        for a in actos:
            archivar(expediente=normas, acto=a, por=por)
        if normas.piezas.exists():
            cerrar_expediente(expediente=normas, por=por)
    _expediente(
        f"Actas de sesiones del concejo {anio}",
        clasificables.get("actas.1"),
        "SG",
        por,
        soporte=Expediente.Soporte.PAPEL,
        caja="C-001",
        carpeta="1",
        **ubicacion,
    )
    _expediente(
        "Proceso judicial: demanda contencioso-administrativa contra la municipalidad",
        clasificables.get("procesos"),
        "OAJ",
        por,
        acceso=Expediente.Acceso.RESERVADO,
        fundamento_acceso=datos.reserva,
        reservado_hasta=timezone.localdate() + timedelta(days=5 * 365),
        soporte=Expediente.Soporte.HIBRIDO,
        edificio="Palacio municipal",
        sala="Asesoría jurídica",
        caja="J-04",
    )


@transaction.atomic
def cargar_prestamo(por) -> None:
    """Un préstamo entregado: las normas del año, al pro-secretario (o a quien haya), para ver la lista de
    préstamos y su fecha de devolución."""
    if por is None or Prestamo.objects.exists():
        return
    normas = Expediente.objects.filter(titulo__startswith="Normas aprobadas").first()
    solicitante = (
        Usuario.objects.filter(username="prosecretario", is_active=True).first()
        or Usuario.objects.filter(is_active=True).exclude(pk=por.pk).order_by("pk").first()
        or por
    )
    if normas is None:
        return
    prestamo = solicitar_prestamo(
        expediente=normas,
        solicitante=solicitante,
        tipo=Prestamo.Tipo.PRESTAMO,
        motivo="Preparar el informe anual de normas aprobadas",
        por=por,
    )
    entregar_prestamo(prestamo=prestamo, por=por)


def cargar(municipio: Municipio) -> None:
    """Cargador de la demostración (`core.demo.registrar_cargador`, orden 70)."""
    por = (
        Usuario.objects.filter(username="archivo").first()
        or Usuario.objects.filter(username="secretario").first()
    )
    clasificables = cargar_cuadro(municipio, por)
    cargar_expedientes(clasificables, municipio, por)
    cargar_prestamo(por)
