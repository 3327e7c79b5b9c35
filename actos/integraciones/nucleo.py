"""Menú, búsqueda y demostración de la parte «nucleo» de actos."""

from actos.integracion import REDACTAR_ACTO, REVISAR_ACTO
from core.busqueda import registrar_tipo
from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar
from core.permissions import registrar_acceso_archivo

for entrada in [
    Entrada("Actos", "Registro de actos", "actos:lista", REDACTAR_ACTO, 60),
    Entrada("Actos", "Nuevo proyecto", "actos:nuevo", REDACTAR_ACTO, 61),
    Entrada("Actos", "Decisiones del concejo por registrar", "actos:decisiones", REVISAR_ACTO, 62),
    Entrada("Actos", "Normativa publicada", "normativa:normativa", None, 69),
]:
    registrar(entrada)

# Solo los actos publicados están en el índice (se indexan al publicar): todo usuario con sesión los ve.
registrar_tipo("acto", etiqueta="Acto publicado")


def _cargar_demo(municipio):
    from actos.demo_nucleo import cargar

    cargar(municipio)


registrar_cargador(60, _cargar_demo)


@registrar_acceso_archivo
def _quien_ve_el_acto_ve_su_pdf(usuario, archivo) -> bool:
    from actos.permissions import actos_visibles

    return actos_visibles(usuario).filter(archivo=archivo).exists()
