"""Ayudas de prueba del archivo: un cuadro mínimo armado con los servicios (fondo, sección de la unidad, una
serie con retención) y expedientes abiertos por el servicio, como los reales."""

from datetime import date

from archivo.models import Disposicion, Expediente, NodoCuadro
from archivo.services.cuadro import crear_nodo, nueva_retencion
from archivo.services.expedientes import abrir_expediente

PLAZOS_PE = {"gestion": 2, "periferico": 1, "central": 8}


def cuadro_minimo(
    *, unidad, por, codigo_serie="SG-01", plazos=None, disposicion=Disposicion.CONSERVACION_TOTAL
) -> NodoCuadro:
    """Fondo MDVE → sección de `unidad` → serie `codigo_serie` con retención v1 desde 2021."""
    fondo = NodoCuadro.objects.filter(nivel="fondo").first() or crear_nodo(
        nivel="fondo", codigo="MDVE", nombre="Municipalidad Distrital de Villa Esperanza", por=por
    )
    seccion = NodoCuadro.objects.filter(codigo=unidad.sigla).first() or crear_nodo(
        nivel="seccion", codigo=unidad.sigla, nombre=unidad.nombre, padre=fondo, unidad=unidad, por=por
    )
    serie = crear_nodo(nivel="serie", codigo=codigo_serie, nombre="Actas de concejo", padre=seccion, por=por)
    nueva_retencion(
        nodo=serie,
        vigente_desde=date(2021, 1, 1),
        plazos=plazos or PLAZOS_PE,
        disposicion=disposicion,
        base_legal="Ley 27972",
        por=por,
    )
    return serie


def expediente(*, serie, unidad, por, **extra) -> Expediente:
    datos = {"titulo": "Expediente de prueba", **extra}
    return abrir_expediente(nodo=serie, unidad=unidad, por=por, **datos)


def expediente_cerrado(*, serie, unidad, por, folios=3, **extra) -> Expediente:
    """Un expediente con un documento del registro de `folios` páginas, cerrado por el servicio."""
    from archivo.services.expedientes import archivar, cerrar_expediente  # noqa: PLC0415 - ayuda de prueba
    from registro.tests.factories import DocumentoFactory  # noqa: PLC0415 - ayuda de prueba

    exp = expediente(serie=serie, unidad=unidad, por=por, **extra)
    archivar(expediente=exp, documento=DocumentoFactory(folios=folios, unidad_destino=unidad), por=por)
    return cerrar_expediente(expediente=exp, por=por)
