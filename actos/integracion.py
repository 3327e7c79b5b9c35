"""Lo que el área actos registra en el núcleo: permisos de los roles y, por partes, menú y demostración.

Partes: `nucleo` (redacción, ciclo de vida, relaciones, publicación, exportaciones, páginas públicas) y
`seguimiento` (tareas de ejecución y protocolo anual).
"""

from core import roles
from core.roles import registrar_permisos

REDACTAR_ACTO = "actos.redactar_acto"
REVISAR_ACTO = "actos.revisar_acto"
GESTIONAR_SEGUIMIENTO = "actos.gestionar_seguimiento"
GENERAR_PROTOCOLO = "actos.generar_protocolo"

registrar_permisos(roles.SECRETARIO, REDACTAR_ACTO, REVISAR_ACTO, GESTIONAR_SEGUIMIENTO, GENERAR_PROTOCOLO)
registrar_permisos(roles.PROSECRETARIO, REDACTAR_ACTO, REVISAR_ACTO, GESTIONAR_SEGUIMIENTO)
registrar_permisos(roles.JEFE, REDACTAR_ACTO)

from actos.integraciones import nucleo, seguimiento  # noqa: E402, F401
