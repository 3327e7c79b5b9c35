"""Menú y demostración de la parte «cuerpo» del concejo."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from concejo.integracion import GESTIONAR_CONCEJO, VER_CONCEJO
from core.demo import registrar_cargador
from core.navegacion import Entrada, registrar

for entrada in [
    Entrada("Concejo", "Periodo, miembros y comisiones", "concejo:periodos", GESTIONAR_CONCEJO, 60),
    Entrada("Concejo", "El concejo en una fecha", "concejo:concejo-hoy", VER_CONCEJO, 61),
]:
    registrar(entrada)


# --- Demostración ---------------------------------------------------------------------------------
# Villa Esperanza es un distrito: el concejo lo forman el alcalde y 9 regidores (número legal 10). El
# número de regidores de cada distrito lo fija el JNE por población para cada elección (Ley 26864); 9 es
# un valor corriente para un distrito mediano y da un quórum no trivial (mitad más uno de 10 = 6).

PERIODO = ("2023-2026", date(2023, 1, 1), date(2026, 12, 31), 10)
# (DNI, nombres, apellidos, rol, partido, usuario demo)
MIEMBROS = [
    ("41230001", "Víctor Hugo", "Salazar Méndez", "alcalde", "Fuerza Vecinal", None),
    ("41230002", "Ana María", "Castillo Rojas", "miembro", "Fuerza Vecinal", "regidor"),
    ("41230003", "Pedro Pablo", "Huamán Ccori", "miembro", "Fuerza Vecinal", None),
    ("41230004", "Lucía", "Benavides Paz", "miembro", "Fuerza Vecinal", None),
    ("41230005", "Rosa", "Villanueva Ortiz", "miembro", "Fuerza Vecinal", None),
    ("41230006", "Carlos Alberto", "Ñahui Quispe", "miembro", "Fuerza Vecinal", None),
    ("41230007", "Jorge", "Palomino Reyes", "miembro", "Alianza por el Distrito", None),
    ("41230008", "Milagros", "Chávez Loayza", "miembro", "Alianza por el Distrito", None),
    ("41230009", "Raúl", "Espinoza Tello", "miembro", "Somos Villa Esperanza", None),
    ("41230010", "Teresa", "Gamarra Vílchez", "miembro", "Movimiento Regional Esperanza", None),
]
# El regidor con licencia (Jorge Palomino) y su suplente (accesitario) de la misma lista.
SUPLENTE = ("41230011", "Elena", "Mamani Soto", "Alianza por el Distrito")
COMISIONES = [
    (
        "comision_mesa",
        "Comisión de Mesa",
        "CM-MESA",
        [("41230002", "presidente"), ("41230003", "vicepresidente"), ("41230007", "secretario")],
    ),
    (
        "comision_ordinaria",
        "Comisión de Desarrollo Urbano e Infraestructura",
        "CDUI",
        [
            ("41230004", "presidente"),
            ("41230002", "vicepresidente"),
            ("41230009", "secretario"),
            ("41230010", "miembro"),
        ],
    ),
    (
        "comision_ordinaria",
        "Comisión de Administración, Presupuesto y Rentas",
        "CAPR",
        [
            ("41230005", "presidente"),
            ("41230006", "vicepresidente"),
            ("41230008", "secretario"),
            ("41230003", "miembro"),
        ],
    ),
]


def _persona(dni, nombres, apellidos):
    from core.models import Persona
    from core.services.personas import registrar_persona

    return Persona.objects.filter(tipo_documento="DNI", numero_documento=dni).first() or registrar_persona(
        tipo="natural",
        tipo_documento="DNI",
        numero_documento=dni,
        nombres=nombres,
        apellidos=apellidos,
        por=None,
    )


@transaction.atomic
def cargar_demo_cuerpo(municipio):
    """Periodo 2023-2026 de MDVE con su pleno, 10 miembros, la usuaria `regidor` vinculada, un regidor con
    licencia y su suplente en funciones, dos comisiones ordinarias y la Comisión de Mesa. Idempotente."""
    from concejo.models import EstadoMiembro, Miembro, Organo, Periodo
    from concejo.services import cuerpo
    from core.models import Usuario

    nombre, inicio, fin, numero_legal = PERIODO
    periodo = Periodo.objects.filter(nombre=nombre).first() or cuerpo.crear_periodo(
        nombre=nombre,
        inicio=inicio,
        fin=fin,
        numero_legal=numero_legal,
        nombre_pleno="Concejo Municipal",
        por=None,
    )
    miembros = {}
    for orden, (dni, nombres, apellidos, rol, partido, usuario) in enumerate(MIEMBROS):
        persona = _persona(dni, nombres, apellidos)
        m = Miembro.objects.filter(periodo=periodo, persona=persona).first() or cuerpo.agregar_miembro(
            periodo=periodo,
            persona=persona,
            rol=rol,
            partido=partido,
            orden=orden,
            correo=f"{usuario or dni}@villaesperanza.gob.pe",
            usuario=Usuario.objects.filter(username=usuario).first() if usuario else None,
            por=None,
        )
        miembros[dni] = m

    # Licencia de un regidor alrededor de hoy (dentro del periodo), con su suplente en funciones.
    titular = miembros["41230007"]
    hoy = min(
        max(timezone.localdate(), periodo.inicio + timedelta(days=30)), periodo.fin - timedelta(days=30)
    )
    if not titular.estados.exists():
        desde = hoy - timedelta(days=7)
        cuerpo.registrar_estado(
            miembro=titular,
            estado=EstadoMiembro.Estado.LICENCIA,
            desde=desde,
            hasta=hoy + timedelta(days=21),
            documento="Acuerdo de Concejo Nº 031-2026-MDVE",
            motivo="Licencia por salud",
            por=None,
        )
        dni, nombres, apellidos, partido = SUPLENTE
        persona = _persona(dni, nombres, apellidos)
        if not Miembro.objects.filter(periodo=periodo, persona=persona).exists():
            cuerpo.agregar_miembro(
                periodo=periodo,
                persona=persona,
                rol="miembro",
                partido=partido,
                suplente_de=titular,
                desde=desde,
                orden=len(MIEMBROS),
                correo=f"{dni}@villaesperanza.gob.pe",
                por=None,
            )

    for tipo, nombre_c, sigla, integrantes in COMISIONES:
        comision = Organo.objects.filter(periodo=periodo, nombre=nombre_c).first() or cuerpo.crear_comision(
            periodo=periodo, tipo=tipo, nombre=nombre_c, sigla=sigla, por=None
        )
        if comision.integrantes.exists():
            continue
        for dni, funcion in integrantes:
            cuerpo.agregar_integrante(comision=comision, miembro=miembros[dni], funcion=funcion, por=None)


registrar_cargador(50, cargar_demo_cuerpo)
