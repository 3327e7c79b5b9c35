"""Lo que el área concejo registra en el núcleo: permisos de los roles y, por partes, menú y demostración.

Se importa desde `ConcejoConfig.ready()`. Partes: `cuerpo` (periodo, miembros, comisiones, datos
abiertos), `antes` (sesiones, agenda, citación, calendario), `durante` (asistencia, quórum, debate,
votaciones), `despues` (acta, aprobación, firma, publicación).
"""

from django.core.exceptions import ValidationError

from core import roles
from core.roles import registrar_permisos
from core.services.perfiles import ClaveConocida, registrar_claves

GESTIONAR_CONCEJO = "concejo.gestionar_concejo"
PREPARAR_SESION = "concejo.preparar_sesion"
CONDUCIR_SESION = "concejo.conducir_sesion"
GESTIONAR_ACTAS = "concejo.gestionar_actas"
VER_CONCEJO = "concejo.ver_concejo"

registrar_permisos(
    roles.SECRETARIO, GESTIONAR_CONCEJO, PREPARAR_SESION, CONDUCIR_SESION, GESTIONAR_ACTAS, VER_CONCEJO
)
registrar_permisos(roles.PROSECRETARIO, PREPARAR_SESION, CONDUCIR_SESION, GESTIONAR_ACTAS, VER_CONCEJO)
registrar_permisos(roles.REGIDOR, VER_CONCEJO)


def _claves_del_concejo(leer):
    """Claves que el concejo lee aunque el perfil no las fije (concejo/services/cuerpo.py, reglas_del_concejo):
    el aviso de cada tipo de sesión y los valores con omisión propia; el municipio puede fijarlas con una
    regla local."""

    for tipo in leer("concejo.tipos_sesion") or []:
        yield ClaveConocida(
            f"concejo.aviso_{tipo}",
            {"cantidad": 5, "unidad": "dias_habiles"},
            f"Anticipación de la citación a sesión {tipo}",
            validar=_validar_aviso,
        )
    yield ClaveConocida(
        "concejo.reconsideracion_dias", 15, "Días para pedir la reconsideración de un acuerdo"
    )
    yield ClaveConocida("concejo.debates_ordenanza", 1, "Debates que necesita una ordenanza")
    yield ClaveConocida("concejo.votaciones", ["ordinaria", "nominal"], "Formas de votación")
    yield ClaveConocida("concejo.abstencion", "en_la_base", "Efecto de la abstención en la base")
    yield ClaveConocida("concejo.inhibicion", "fuera_de_la_base", "Efecto de la inhibición en la base")
    yield ClaveConocida("concejo.alcalde_vota", True, "Si el alcalde vota")


def _validar_aviso(valor: dict) -> None:
    # La forma que lee concejo/services/citacion.py (comprobar_aviso): cantidad entera y su unidad.
    cantidad, unidad = valor.get("cantidad"), valor.get("unidad")
    if (
        set(valor) != {"cantidad", "unidad"}
        or type(cantidad) is not int
        or cantidad < 0
        or unidad not in {"dias_habiles", "dias_calendario", "horas"}
    ):
        raise ValidationError(
            'El aviso se escribe como {"cantidad": 5, "unidad": "dias_habiles"}; la unidad es dias_habiles, '
            "dias_calendario u horas y la cantidad un entero no negativo."
        )


registrar_claves(_claves_del_concejo)

from concejo.integraciones import antes, cuerpo, despues, durante  # noqa: E402, F401
