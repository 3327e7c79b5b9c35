"""El concejo de la demostración de cada país (datos; los carga `concejo.demo` por los servicios).

Tamaño del cuerpo según la ley de cada país (para un municipio ficticio de población mediana):

- PE: el alcalde y 9 regidores (número legal 10). El JNE fija los regidores de cada distrito por población
  para cada elección (Ley 26864); 9 es corriente en un distrito mediano.
- EC: el alcalde, que preside con voto dirimente (COOTAD art. 56 [S]), y 7 concejales: los cantones de
  50.001 a 100.000 habitantes eligen 7 (Código de la Democracia art. 160 [S, sin verificar]). Número legal 8.
- CO: 13 concejales para 20.001 a 50.000 habitantes (Ley 136/1994 art. 22 [S, sin verificar]); el alcalde
  no integra el concejo: preside el presidente de la Mesa Directiva. Número legal 13.
- MX (Zacatecas): presidente municipal, síndico y 10 regidores (6 de mayoría relativa y 4 de representación
  proporcional), número legal 12. Lo fija la Ley Electoral del Estado por población; el número usado aquí
  **no está verificado** [?]: corríjalo con el periodo si se conoce.

Cada país tiene una sesión pasada cuyas votaciones ejercen sus reglas (`guion` de cada punto): un empate
resuelto a la manera del país (voto dirimente o de calidad; en Colombia se repite y, si persiste, se
niega), una abstención, una mayoría calificada (la especial del perfil, o la indicada) y, donde el perfil
pide dos debates (EC ordenanzas, CO acuerdos), un punto en primer debate y su segundo debate en una sesión
posterior del pleno (en Colombia el primero se da en la comisión permanente). Los resultados los calcula `concejo.reglas`; aquí solo está cómo vota cada quien.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class MiembroDemo:
    tipo_documento: str
    numero: str
    nombres: str
    apellidos: str
    rol: str  # alcalde | sindico | miembro
    partido: str
    usuario: str | None = None  # el usuario de demostración vinculado


@dataclass(frozen=True)
class PuntoDemo:
    seccion: str
    titulo: str
    instrumento: str = ""
    descripcion: str = ""
    unidad: str = ""  # clave común de la unidad proponente (`core.demo.unidad`)
    clase: str = ""
    # Cómo se vota en la sesión celebrada: mayoria (uno en contra, una abstención), unanimidad, empate,
    # calificada (uno en contra, el resto a favor, con la mayoría especial).
    guion: str = "mayoria"
    mayoria: str = ""  # "" = la general del perfil; "especial" = la primera especial del perfil
    segundo_debate_de: str = ""  # título del primer debate (en la sesión anterior)
    anexo: str = ""  # título del informe técnico en PDF que se adjunta


@dataclass(frozen=True)
class ConcejoDemo:
    periodo: tuple[str, date, date, int]  # nombre, inicio, fin, número legal
    nombre_pleno: str
    miembros: list[MiembroDemo]
    licencia: int  # índice del miembro con licencia (su suplente entra en funciones)
    suplente: MiembroDemo
    documento_licencia: str
    comisiones: list[tuple[str, str, str, list[tuple[int, str]]]]  # tipo, nombre, sigla, [(índice, función)]
    lugar: str
    primera: list[PuntoDemo]
    segunda: list[PuntoDemo]  # además de la aprobación del acta de la primera
    proxima: list[PuntoDemo]  # además de la aprobación del acta de la segunda
    preside: int | None = None  # índice de quien preside; None = el alcalde
    # Una sesión de comisión entre las dos del pleno (sigla de la comisión, sus puntos): en Colombia el
    # primer debate de un acuerdo es en la comisión permanente (Ley 136/1994 art. 73).
    comision: tuple[str, list[PuntoDemo]] | None = None
    orador: str = "Gerente Municipal"
    intervenciones: list[str] = field(
        default_factory=lambda: [
            "Pide que el informe se publique en el portal de transparencia.",
            "Sustenta la propuesta y el informe técnico y legal.",
            "Pide precisar los plazos de adecuación.",
        ]
    )


def _m(tipo: str, datos: list[tuple]) -> list[MiembroDemo]:
    return [MiembroDemo(tipo, *d) for d in datos]


PE = ConcejoDemo(
    periodo=("2023-2026", date(2023, 1, 1), date(2026, 12, 31), 10),
    nombre_pleno="Concejo Municipal",
    miembros=_m(
        "DNI",
        [
            ("41230001", "Víctor Hugo", "Salazar Méndez", "alcalde", "Fuerza Vecinal"),
            ("41230002", "Ana María", "Castillo Rojas", "miembro", "Fuerza Vecinal", "regidor"),
            ("41230003", "Pedro Pablo", "Huamán Ccori", "miembro", "Fuerza Vecinal"),
            ("41230004", "Lucía", "Benavides Paz", "miembro", "Fuerza Vecinal"),
            ("41230005", "Rosa", "Villanueva Ortiz", "miembro", "Fuerza Vecinal"),
            ("41230006", "Carlos Alberto", "Ñahui Quispe", "miembro", "Fuerza Vecinal"),
            ("41230007", "Jorge", "Palomino Reyes", "miembro", "Alianza por el Distrito"),
            ("41230008", "Milagros", "Chávez Loayza", "miembro", "Alianza por el Distrito"),
            ("41230009", "Raúl", "Espinoza Tello", "miembro", "Somos Villa Esperanza"),
            ("41230010", "Teresa", "Gamarra Vílchez", "miembro", "Movimiento Regional Esperanza"),
        ],
    ),
    # El regidor con licencia (Jorge Palomino) y su suplente (accesitario) de la misma lista.
    licencia=6,
    suplente=MiembroDemo("DNI", "41230011", "Elena", "Mamani Soto", "miembro", "Alianza por el Distrito"),
    documento_licencia="Acuerdo de Concejo Nº 031-2026-MDVE",
    comisiones=[
        (
            "comision_mesa",
            "Comisión de Mesa",
            "CM-MESA",
            [(1, "presidente"), (2, "vicepresidente"), (6, "secretario")],
        ),
        (
            "comision_ordinaria",
            "Comisión de Desarrollo Urbano e Infraestructura",
            "CDUI",
            [(3, "presidente"), (1, "vicepresidente"), (8, "secretario"), (9, "miembro")],
        ),
        (
            "comision_ordinaria",
            "Comisión de Administración, Presupuesto y Rentas",
            "CAPR",
            [(4, "presidente"), (5, "vicepresidente"), (7, "secretario"), (2, "miembro")],
        ),
    ],
    lugar="Salón de sesiones del Palacio Municipal",
    primera=[
        PuntoDemo("informes", "Informe del alcalde sobre la ejecución presupuestal del primer semestre"),
        PuntoDemo(
            "orden_del_dia",
            "Ordenanza que regula el comercio ambulatorio en el Centro Histórico",
            instrumento="ordenanza",
            unidad="GDU",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Acuerdo que aprueba el convenio con la Sociedad de Beneficencia para el comedor municipal",
            instrumento="acuerdo",
            guion="unanimidad",
        ),
    ],
    segunda=[
        PuntoDemo(
            "informes",
            "Informe de la Gerencia de Desarrollo Urbano sobre el empadronamiento de comerciantes ambulantes",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Ordenanza que modifica el artículo 2 de la ordenanza que regula el comercio ambulatorio",
            instrumento="ordenanza",
            descripcion="Amplía a un año la vigencia de la autorización municipal temporal.",
            unidad="GDU",
        ),
    ],
    proxima=[
        PuntoDemo("despacho", "Invitación al concejo a la ceremonia por el aniversario de la I.E. N.º 6045"),
        PuntoDemo("informes", "Informe de la Comisión de Obras sobre la pista de la Av. Los Próceres"),
        PuntoDemo(
            "pedidos", "Pedido de mayor patrullaje de serenazgo en el AA.HH. Santa Rosa", clase="pedido"
        ),
        PuntoDemo(
            "orden_del_dia",
            "Ordenanza que aprueba el Plan Local de Seguridad Ciudadana",
            instrumento="ordenanza",
            descripcion="Propuesta de la Gerencia Municipal con informe técnico y opinión legal.",
            unidad="GM",
            anexo="Informe técnico — Plan Local de Seguridad Ciudadana",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Dictamen de la Comisión de Economía sobre la exoneración de arbitrios a comedores populares",
            instrumento="acuerdo",
            clase="dictamen",
        ),
    ],
)

EC = ConcejoDemo(
    periodo=("2023-2027", date(2023, 5, 14), date(2027, 5, 13), 8),
    nombre_pleno="Concejo Municipal",
    miembros=_m(
        "CEDULA_EC",
        [
            (
                "1830000012",
                "Fernando Javier",
                "Naranjo Villacís",
                "alcalde",
                "Movimiento Renovación Cantonal",
            ),
            (
                "1830011126",
                "Lorena Elizabeth",
                "Sánchez Moyolema",
                "miembro",
                "Movimiento Renovación Cantonal",
                "regidor",
            ),
            ("1830022230", "Byron Patricio", "Sailema Toalombo", "miembro", "Movimiento Renovación Cantonal"),
            ("1830033344", "Mónica Alexandra", "Pazmiño Vaca", "miembro", "Movimiento Renovación Cantonal"),
            ("1830044457", "Segundo Manuel", "Chicaiza Tisalema", "miembro", "Unidad Tungurahuense"),
            ("1830055560", "Verónica Cristina", "Lalaleo Paredes", "miembro", "Unidad Tungurahuense"),
            ("1830066674", "Edwin Rodrigo", "Amancha Quinatoa", "miembro", "Alianza Los Nogales"),
            ("1830077788", "Jenny Maribel", "Guevara Tite", "miembro", "Alianza Los Nogales"),
        ],
    ),
    licencia=4,
    suplente=MiembroDemo(
        "CEDULA_EC", "1830088892", "Klever Oswaldo", "Pandi Yucailla", "miembro", "Unidad Tungurahuense"
    ),
    documento_licencia="Resolución de Concejo Nº GADMLN-CM-2026-031",
    comisiones=[
        (
            "comision_mesa",
            "Comisión de Mesa, Excusas y Calificaciones",
            "CMEC",
            [(1, "presidente"), (2, "vicepresidente"), (4, "secretario")],
        ),
        (
            "comision_ordinaria",
            "Comisión de Planificación y Presupuesto",
            "CPP",
            [(3, "presidente"), (5, "vicepresidente"), (6, "miembro")],
        ),
        (
            "comision_ordinaria",
            "Comisión de Igualdad y Género",
            "CIG",
            [(7, "presidente"), (1, "vicepresidente"), (3, "miembro")],
        ),
    ],
    lugar="Salón de sesiones del Concejo Municipal",
    orador="Director de Planificación y Ordenamiento Territorial",
    primera=[
        PuntoDemo("informes", "Informe del alcalde sobre la ejecución presupuestaria del primer semestre"),
        PuntoDemo(
            "orden_del_dia",
            "Ordenanza que regula el uso del espacio público y el comercio autónomo en el cantón (primer debate)",
            instrumento="ordenanza",
            unidad="GDU",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Resolución que autoriza al alcalde suscribir el convenio con el MIES para el centro gerontológico",
            instrumento="resolucion_concejo",
            guion="empate",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Resolución que se allana al veto parcial del alcalde a la ordenanza de tasas por servicios técnicos",
            instrumento="resolucion_concejo",
            guion="calificada",
            mayoria="especial",
        ),
    ],
    segunda=[
        PuntoDemo(
            "informes", "Informe de la Dirección de Obras Públicas sobre el adoquinado de la calle Bolívar"
        ),
        PuntoDemo(
            "orden_del_dia",
            "Ordenanza que regula el uso del espacio público y el comercio autónomo en el cantón (segundo debate)",
            segundo_debate_de=(
                "Ordenanza que regula el uso del espacio público y el comercio autónomo en el cantón (primer debate)"
            ),
        ),
    ],
    proxima=[
        PuntoDemo("despacho", "Invitación al concejo a la sesión solemne por la cantonización"),
        PuntoDemo(
            "informes",
            "Informe de la Comisión de Planificación sobre el Plan de Desarrollo y Ordenamiento Territorial",
        ),
        PuntoDemo("pedidos", "Pedido de alumbrado público en la parroquia rural San Vicente", clase="pedido"),
        PuntoDemo(
            "orden_del_dia",
            "Ordenanza de gestión integral de residuos sólidos (primer debate)",
            instrumento="ordenanza",
            descripcion="Propuesta de la Dirección Administrativa con informe técnico y criterio jurídico.",
            unidad="GM",
            anexo="Informe técnico — Gestión integral de residuos sólidos",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Informe de la Comisión de Planificación sobre la exoneración de tasas a adultos mayores",
            instrumento="resolucion_concejo",
            clase="dictamen",
        ),
    ],
)

CO = ConcejoDemo(
    periodo=("2024-2027", date(2024, 1, 1), date(2027, 12, 31), 13),
    nombre_pleno="Concejo Municipal de Santa Inés del Monte",
    miembros=_m(
        "CC",
        [
            ("70123401", "Gustavo Adolfo", "Henao Ruiz", "miembro", "Partido Liberal Colombiano"),
            (
                "43123402",
                "Diana Patricia",
                "Montoya Correa",
                "miembro",
                "Partido Liberal Colombiano",
                "regidor",
            ),
            ("70123403", "Jorge Iván", "Posada Betancur", "miembro", "Partido Liberal Colombiano"),
            ("43123404", "Luz Dary", "Cardona Álvarez", "miembro", "Partido Conservador Colombiano"),
            ("70123405", "Óscar Darío", "Restrepo Marín", "miembro", "Partido Conservador Colombiano"),
            ("43123406", "Sandra Milena", "Gómez Arboleda", "miembro", "Partido Conservador Colombiano"),
            ("70123407", "Fabio León", "Echeverri Duque", "miembro", "Partido de la U"),
            ("43123408", "Beatriz Elena", "Salazar Osorio", "miembro", "Partido de la U"),
            ("70123409", "William", "Castaño Rendón", "miembro", "Alianza Verde"),
            ("43123410", "Martha Lucía", "Jaramillo Toro", "miembro", "Alianza Verde"),
            ("70123411", "John Fredy", "Úsuga Higuita", "miembro", "Centro Democrático"),
            ("43123412", "Natalia", "Buitrago Serna", "miembro", "Centro Democrático"),
            ("70123413", "Rubén Darío", "Agudelo Pino", "miembro", "Pacto Histórico"),
        ],
    ),
    licencia=6,
    suplente=MiembroDemo("CC", "70123414", "Elkin Mauricio", "Ocampo Gil", "miembro", "Partido de la U"),
    documento_licencia="Resolución de Mesa Directiva 031 de 2026",
    comisiones=[
        (
            "comision_mesa",
            "Mesa Directiva",
            "MD",
            [(0, "presidente"), (3, "vicepresidente"), (8, "secretario")],
        ),
        (
            "comision_ordinaria",
            "Comisión Primera Permanente del Plan de Desarrollo",
            "C1",
            [(2, "presidente"), (1, "vicepresidente"), (9, "secretario"), (12, "miembro")],
        ),
        (
            "comision_ordinaria",
            "Comisión Segunda Permanente de Presupuesto y Hacienda",
            "C2",
            [(4, "presidente"), (5, "vicepresidente"), (10, "secretario"), (11, "miembro")],
        ),
    ],
    lugar="Recinto del Concejo Municipal",
    preside=0,  # el presidente del concejo (Mesa Directiva): el alcalde no integra el concejo
    orador="Secretario de Planeación e Infraestructura",
    comision=(
        "C1",
        [
            PuntoDemo(
                "orden_del_dia",
                "Proyecto de Acuerdo por el cual se adopta el Plan de Movilidad Municipal (primer debate)",
                instrumento="acuerdo",
                unidad="GDU",
            )
        ],
    ),
    primera=[
        PuntoDemo("informes", "Informe del alcalde sobre la ejecución del Plan de Desarrollo Municipal"),
        PuntoDemo(
            "orden_del_dia",
            "Proposición de reconocimiento a la selección municipal de fútbol de salón",
            instrumento="proposicion",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Proposición para citar al Secretario de Planeación a debate de control político",
            instrumento="proposicion",
            guion="empate",
        ),
        # Colombia no trae mayorías especiales en el perfil; se usa la mayoría absoluta de los miembros del
        # concejo como ejemplo de una mayoría calificada (Const. art. 146 «salvo norma especial») [?].
        PuntoDemo(
            "orden_del_dia",
            "Resolución que aprueba la estructura de la planta de personal del Concejo",
            instrumento="resolucion_concejo",
            guion="calificada",
            mayoria="absoluta_legal",
        ),
    ],
    segunda=[
        PuntoDemo("informes", "Informe de la Secretaría de Hacienda sobre el recaudo del impuesto predial"),
        PuntoDemo(
            "orden_del_dia",
            "Proyecto de Acuerdo por el cual se adopta el Plan de Movilidad Municipal (segundo debate)",
            segundo_debate_de="Proyecto de Acuerdo por el cual se adopta el Plan de Movilidad Municipal (primer debate)",
        ),
    ],
    proxima=[
        PuntoDemo(
            "despacho",
            "Invitación al concejo a la ceremonia de aniversario de la Institución Educativa Rural",
        ),
        PuntoDemo("informes", "Informe de la Personería Municipal sobre derechos de petición atendidos"),
        PuntoDemo("pedidos", "Proposición sobre la vía terciaria a la vereda La Esperanza", clase="pedido"),
        # El proyecto se radica en la plenaria y se reparte a la comisión, que le da el primer debate.
        PuntoDemo(
            "orden_del_dia",
            "Reparto a la Comisión Primera del proyecto de acuerdo de la Política Pública de Seguridad y Convivencia",
            descripcion="Proyecto de la Secretaría de Gobierno con exposición de motivos e informe técnico.",
            unidad="GM",
            anexo="Exposición de motivos — Política Pública de Seguridad y Convivencia",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Ponencia de la Comisión Segunda sobre el estatuto de rentas",
            instrumento="resolucion_concejo",
            clase="dictamen",
        ),
    ],
)

MX = ConcejoDemo(
    periodo=("2024-2027", date(2024, 9, 15), date(2027, 9, 14), 12),
    nombre_pleno="H. Ayuntamiento de San Mateo de la Sierra",
    miembros=_m(
        "CURP",
        [
            ("BEDJ720410HZSRVS06", "José Manuel", "Berumen Dávila", "alcalde", "Partido Sierra Unida"),
            ("HASM780902MZSRLR01", "María de Jesús", "Haro Salazar", "sindico", "Partido Sierra Unida"),
            (
                "RISC830125MZSVNL02",
                "Claudia Verónica",
                "Rivera Sandoval",
                "miembro",
                "Partido Sierra Unida",
                "regidor",
            ),
            ("OEBJ800614HZSRNN04", "Juan Pablo", "Ortega Bañuelos", "miembro", "Partido Sierra Unida"),
            ("CAMR861130MZSRDS08", "Rosa Isela", "Carrillo Medina", "miembro", "Partido Sierra Unida"),
            ("VILP750308HZSLND06", "Pedro", "Villagrana Luna", "miembro", "Partido Sierra Unida"),
            ("MACA900719MZSRHD09", "Adriana", "Márquez Chairez", "miembro", "Partido Sierra Unida"),
            ("SIRH691205HZSFMC08", "Héctor Hugo", "Sifuentes Romo", "miembro", "Movimiento Zacatecano"),
            ("RAEN840522MZSMSR08", "Norma Angélica", "Ramos Esquivel", "miembro", "Movimiento Zacatecano"),
            ("PIAL880211HZSNCS02", "Luis Fernando", "Pinedo Acuña", "miembro", "Movimiento Zacatecano"),
            ("CAMY770817MZSSRL05", "Yolanda", "Castro Mercado", "miembro", "Alianza Ciudadana por San Mateo"),
            (
                "ROEA791003HZSDSR06",
                "Armando",
                "Rodarte Escobedo",
                "miembro",
                "Alianza Ciudadana por San Mateo",
            ),
        ],
    ),
    licencia=7,
    suplente=MiembroDemo(
        "CURP", "VARS870428MZSLVL04", "Silvia", "Valdez Ruvalcaba", "miembro", "Movimiento Zacatecano"
    ),
    documento_licencia="Acuerdo de Cabildo No. 031/2026",
    comisiones=[
        (
            "comision_ordinaria",
            "Comisión de Gobernación y Seguridad Pública",
            "CGSP",
            [(2, "presidente"), (3, "secretario"), (8, "miembro")],
        ),
        (
            "comision_ordinaria",
            "Comisión de Hacienda y Vigilancia",
            "CHV",
            [(1, "presidente"), (4, "secretario"), (10, "miembro")],
        ),
    ],
    lugar="Sala de Cabildo de la Presidencia Municipal",
    orador="Director de Desarrollo Urbano y Obras Públicas",
    primera=[
        PuntoDemo(
            "informes", "Informe del presidente municipal sobre el avance del Plan Municipal de Desarrollo"
        ),
        PuntoDemo(
            "orden_del_dia",
            "Reglamento de Comercio en la Vía Pública del Municipio",
            instrumento="reglamento",
            unidad="GDU",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Acuerdo que autoriza el convenio de coordinación con el Sistema Estatal DIF",
            instrumento="acuerdo",
            guion="empate",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Acuerdo que autoriza el contrato de alumbrado público por diez años",
            instrumento="acuerdo",
            descripcion="Obliga al municipio más allá del periodo del ayuntamiento.",
            guion="calificada",
            mayoria="especial",
        ),
    ],
    segunda=[
        PuntoDemo(
            "informes", "Informe de la Tesorería Municipal sobre el estado de la recaudación del predial"
        ),
        PuntoDemo(
            "orden_del_dia",
            "Reglamento que modifica el artículo 2 del Reglamento de Comercio en la Vía Pública",
            instrumento="reglamento",
            descripcion="Amplía a un año la vigencia del permiso temporal.",
            unidad="GDU",
        ),
    ],
    proxima=[
        PuntoDemo(
            "despacho",
            "Invitación al cabildo a la ceremonia de aniversario de la Escuela Primaria Benito Juárez",
        ),
        PuntoDemo("informes", "Informe de la Comisión de Hacienda sobre la cuenta pública del trimestre"),
        PuntoDemo("pedidos", "Solicitud de seguridad pública en la comunidad El Tepetate", clase="pedido"),
        PuntoDemo(
            "orden_del_dia",
            "Bando de Policía y Gobierno del Municipio",
            instrumento="bando",
            descripcion="Propuesta de la Oficialía Mayor con dictamen jurídico.",
            unidad="GM",
            anexo="Dictamen técnico — Bando de Policía y Gobierno",
        ),
        PuntoDemo(
            "orden_del_dia",
            "Dictamen de la Comisión de Hacienda sobre descuentos en el predial a personas adultas mayores",
            instrumento="acuerdo",
            clase="dictamen",
        ),
    ],
)

CONCEJOS: dict[str, ConcejoDemo] = {"PE": PE, "EC": EC, "CO": CO, "MX": MX}
