"""Lo que el área concejo registra en el núcleo: permisos de los roles y, por partes, menú y demostración.

Se importa desde `ConcejoConfig.ready()`. Partes: `cuerpo` (periodo, miembros, comisiones, datos
abiertos), `antes` (sesiones, agenda, citación, calendario), `durante` (asistencia, quórum, debate,
votaciones), `despues` (acta, aprobación, firma, publicación).
"""

from core import roles
from core.roles import registrar_permisos

GESTIONAR_CONCEJO = "concejo.gestionar_concejo"
PREPARAR_SESION = "concejo.preparar_sesion"
CONDUCIR_SESION = "concejo.conducir_sesion"
GESTIONAR_ACTAS = "concejo.gestionar_actas"
VER_CONCEJO = "concejo.ver_concejo"

registrar_permisos(roles.SECRETARIO, GESTIONAR_CONCEJO, PREPARAR_SESION, CONDUCIR_SESION, GESTIONAR_ACTAS, VER_CONCEJO)
registrar_permisos(roles.PROSECRETARIO, PREPARAR_SESION, CONDUCIR_SESION, GESTIONAR_ACTAS, VER_CONCEJO)
registrar_permisos(roles.REGIDOR, VER_CONCEJO)

from concejo.integraciones import antes, cuerpo, despues, durante  # noqa: E402, F401
