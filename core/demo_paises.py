"""Los municipios de demostración de cada país (datos, sin lógica): `core.demo` los carga por los servicios.

Todos son ficticios. Cada país trae su perfil de jurisdicción (el del municipio: PE, EC, CO, MX-ZAC), sus
nombres de unidades y cargos, sus personas con documentos válidos del país y un feriado o día no laborable
local. Las unidades llevan una **clave** común (`SG`, `GDU`, `GM`...) con la que las demás áreas de la
demostración las buscan (`core.demo.unidad`), y una **sigla** del país (la que sale en la numeración).
Los usuarios de demostración se llaman igual en todos los países (`secretario`, `mesa`, `regidor`...) y
tienen la misma contraseña; solo cambian sus nombres y cómo se describen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core import roles


@dataclass(frozen=True)
class Unidad:
    clave: str  # común a los países: con ella la buscan las demás áreas
    sigla: str  # la del país (sale en la numeración)
    nombre: str
    padre: str | None  # clave de la unidad superior


@dataclass(frozen=True)
class UsuarioDemo:
    username: str
    nombres: str
    apellidos: str
    unidad: str | None  # clave de la unidad (el regidor o concejal no es de una unidad)
    cargo: str
    jefatura: bool
    rol: str
    descripcion: str  # lo que `secretaria demo` imprime junto al usuario


@dataclass(frozen=True)
class PersonaDemo:
    tipo: str
    tipo_documento: str
    numero: str
    nombres: str = ""
    apellidos: str = ""
    razon_social: str = ""
    correo: str = ""


@dataclass(frozen=True)
class DiaLocal:
    mes: int
    dia: int
    tipo: str  # feriado_local | no_laborable
    descripcion: str
    norma: str


@dataclass(frozen=True)
class Pais:
    codigo: str  # PE, EC, CO, MX
    perfil: str  # el código de jurisdicción del municipio
    nombre: str
    sigla: str
    direccion: str
    telefono: str
    dominio: str  # de los correos
    zona_horaria: str
    alcalde: str  # «Nombre, Cargo» de quien firma los actos si el concejo no lo tiene como miembro
    unidades: list[Unidad]
    usuarios: list[UsuarioDemo]
    personas: list[PersonaDemo]
    encargo: tuple[str, str]  # (documento que lo dispone, motivo)
    dias_locales: list[DiaLocal] = field(default_factory=list)


_ADMIN = ("admin", "Administrador técnico (superusuario de Django)")

PE = Pais(
    codigo="PE",
    perfil="PE",
    nombre="Municipalidad Distrital de Villa Esperanza",
    sigla="MDVE",
    direccion="Plaza de Armas 100, Villa Esperanza, Lima",
    telefono="(01) 555-0100",
    dominio="villaesperanza.gob.pe",
    zona_horaria="America/Lima",
    alcalde="Pedro Ramos Salas, Alcalde",
    unidades=[
        Unidad("ALC", "ALC", "Alcaldía", None),
        Unidad("GM", "GM", "Gerencia Municipal", "ALC"),
        Unidad("SG", "SG", "Secretaría General", "ALC"),
        Unidad("UTDA", "UTDA", "Unidad de Trámite Documentario y Archivo", "SG"),
        Unidad("OAJ", "OAJ", "Oficina de Asesoría Jurídica", "GM"),
        Unidad("GAF", "GAF", "Gerencia de Administración y Finanzas", "GM"),
        Unidad("GDU", "GDU", "Gerencia de Desarrollo Urbano", "GM"),
        Unidad("GSC", "GSC", "Gerencia de Servicios a la Ciudad", "GM"),
        Unidad("GDS", "GDS", "Gerencia de Desarrollo Social", "GM"),
    ],
    usuarios=[
        UsuarioDemo(
            "secretario",
            "Rosa Elena",
            "Quispe Huamán",
            "SG",
            "Secretaria General",
            True,
            roles.SECRETARIO,
            "Secretaria General (configura todo, ve la auditoría)",
        ),
        UsuarioDemo(
            "prosecretario",
            "Jorge Luis",
            "Mendoza Ríos",
            "SG",
            "Pro-secretario",
            False,
            roles.PROSECRETARIO,
            "Pro-secretario (actúa por encargo de la Secretaria General)",
        ),
        UsuarioDemo(
            "mesa",
            "Carmen",
            "Flores Tapia",
            "UTDA",
            "Técnica de Mesa de Partes",
            False,
            roles.MESA,
            "Mesa de partes (recepción de documentos)",
        ),
        UsuarioDemo(
            "archivo",
            "Luis Alberto",
            "Paredes Soto",
            "UTDA",
            "Jefe del Archivo Central",
            True,
            roles.ARCHIVO,
            "Archivo central",
        ),
        UsuarioDemo(
            "jefe",
            "Miguel Ángel",
            "Torres Vega",
            "GDU",
            "Gerente de Desarrollo Urbano",
            True,
            roles.JEFE,
            "Jefe de la Gerencia de Desarrollo Urbano",
        ),
        UsuarioDemo(
            "regidor",
            "Ana María",
            "Castillo Rojas",
            None,
            "Regidora",
            False,
            roles.REGIDOR,
            "Regidor del Concejo Municipal",
        ),
    ],
    personas=[
        # DNI de 8 dígitos, RUC con dígito verificador
        PersonaDemo("natural", "DNI", "45871236", "Juan Carlos", "Ramírez Poma", "", "juan@ejemplo.pe"),
        PersonaDemo("natural", "DNI", "10293847", "María Isabel", "Gutiérrez Salas", "", "maria@ejemplo.pe"),
        PersonaDemo(
            "juridica",
            "RUC",
            "20100070970",
            "",
            "",
            "Constructora Los Andes S.A.C.",
            "contacto@losandes.com.pe",
        ),
    ],
    encargo=("Resolución de Alcaldía Nº 045-2026-MDVE", "Vacaciones de la Secretaria General"),
)

EC = Pais(
    codigo="EC",
    perfil="EC",
    nombre="GAD Municipal del Cantón Los Nogales",
    sigla="GADMLN",
    direccion="Calle Bolívar y Sucre, frente al parque central, Los Nogales, Tungurahua",
    telefono="(03) 255-0100",
    dominio="losnogales.gob.ec",
    zona_horaria="America/Guayaquil",
    alcalde="Fernando Javier Naranjo Villacís, Alcalde",
    unidades=[
        Unidad("ALC", "ALC", "Alcaldía", None),
        Unidad("GM", "DA", "Dirección Administrativa", "ALC"),
        Unidad("SG", "SG", "Secretaría General", "ALC"),
        Unidad("UTDA", "UGDA", "Unidad de Gestión Documental y Archivo", "SG"),
        Unidad("OAJ", "PS", "Procuraduría Síndica Municipal", "ALC"),
        Unidad("GAF", "DF", "Dirección Financiera", "DA"),
        Unidad("GDU", "DPOT", "Dirección de Planificación y Ordenamiento Territorial", "ALC"),
        Unidad("GSC", "DOP", "Dirección de Obras Públicas", "ALC"),
        Unidad("GDS", "DDS", "Dirección de Desarrollo Social y Económico", "ALC"),
    ],
    usuarios=[
        UsuarioDemo(
            "secretario",
            "María Fernanda",
            "Guamán Pilco",
            "SG",
            "Secretaria General",
            True,
            roles.SECRETARIO,
            "Secretaria General del Concejo Municipal (configura todo, ve la auditoría)",
        ),
        UsuarioDemo(
            "prosecretario",
            "Diego Andrés",
            "Chiluisa Toapanta",
            "SG",
            "Prosecretario",
            False,
            roles.PROSECRETARIO,
            "Prosecretario (actúa por encargo de la Secretaria General)",
        ),
        UsuarioDemo(
            "mesa",
            "Gabriela",
            "Yánez Lescano",
            "UTDA",
            "Técnica de Ventanilla Única",
            False,
            roles.MESA,
            "Ventanilla única (recepción de documentos)",
        ),
        UsuarioDemo(
            "archivo",
            "Wilson Patricio",
            "Masaquiza Caisabanda",
            "UTDA",
            "Jefe de Gestión Documental y Archivo",
            True,
            roles.ARCHIVO,
            "Archivo general",
        ),
        UsuarioDemo(
            "jefe",
            "Santiago",
            "Altamirano Freire",
            "GDU",
            "Director de Planificación y Ordenamiento Territorial",
            True,
            roles.JEFE,
            "Director de Planificación y Ordenamiento Territorial",
        ),
        UsuarioDemo(
            "regidor",
            "Lorena Elizabeth",
            "Sánchez Moyolema",
            None,
            "Concejala",
            False,
            roles.REGIDOR,
            "Concejal del Concejo Municipal",
        ),
    ],
    personas=[
        # cédulas de 10 dígitos (provincia 18, Tungurahua) y RUC de sociedad privada, con su verificador
        PersonaDemo(
            "natural", "CEDULA_EC", "1812345617", "Luis Alfonso", "Chango Pérez", "", "luis@ejemplo.ec"
        ),
        PersonaDemo(
            "natural", "CEDULA_EC", "1823456726", "Carmen Rocío", "Punina Mayorga", "", "carmen@ejemplo.ec"
        ),
        PersonaDemo(
            "juridica",
            "RUC",
            "1891234569001",
            "",
            "",
            "Constructora Andina del Tungurahua S.A.",
            "info@andina.ec",
        ),
    ],
    encargo=("Resolución Administrativa Nº GADMLN-2026-045", "Vacaciones de la Secretaria General"),
    # COOTAD art. 56 y Código del Trabajo: cada cantón celebra su cantonización (día de descanso local).
    dias_locales=[
        DiaLocal(
            10,
            15,
            "feriado_local",
            "Aniversario de cantonización de Los Nogales",
            "Ordenanza de fiestas cantonales (demostración)",
        )
    ],
)

CO = Pais(
    codigo="CO",
    perfil="CO",
    nombre="Alcaldía de Santa Inés del Monte",
    sigla="ASIM",
    direccion="Carrera 5 # 4-20, Palacio Municipal, Santa Inés del Monte, Antioquia",
    telefono="(604) 845 0100",
    dominio="santainesdelmonte.gov.co",
    zona_horaria="America/Bogota",
    # El alcalde no integra el concejo (Ley 136/1994): firma los acuerdos que sanciona.
    alcalde="Jhon Jairo Restrepo Gallego, Alcalde",
    unidades=[
        Unidad("ALC", "DA", "Despacho del Alcalde", None),
        Unidad("GM", "SGOB", "Secretaría de Gobierno", "DA"),
        Unidad("SG", "SG", "Secretaría General", "DA"),
        Unidad("UTDA", "VUA", "Ventanilla Única y Archivo Central", "SG"),
        Unidad("OAJ", "OAJ", "Oficina Asesora Jurídica", "DA"),
        Unidad("GAF", "SH", "Secretaría de Hacienda", "DA"),
        Unidad("GDU", "SPI", "Secretaría de Planeación e Infraestructura", "DA"),
        Unidad("GSC", "SSP", "Secretaría de Servicios Públicos", "DA"),
        Unidad("GDS", "SDS", "Secretaría de Desarrollo Social", "DA"),
    ],
    usuarios=[
        UsuarioDemo(
            "secretario",
            "Luz Marina",
            "Ospina Cardona",
            "SG",
            "Secretaria General",
            True,
            roles.SECRETARIO,
            "Secretaria General (y del Concejo; configura todo, ve la auditoría)",
        ),
        UsuarioDemo(
            "prosecretario",
            "Andrés Felipe",
            "Zapata Muñoz",
            "SG",
            "Subsecretario General",
            False,
            roles.PROSECRETARIO,
            "Subsecretario General (actúa por encargo de la Secretaria General)",
        ),
        UsuarioDemo(
            "mesa",
            "Paola Andrea",
            "Giraldo Henao",
            "UTDA",
            "Auxiliar de Ventanilla Única",
            False,
            roles.MESA,
            "Ventanilla única de correspondencia (radicación)",
        ),
        UsuarioDemo(
            "archivo",
            "Carlos Mario",
            "Arango Vélez",
            "UTDA",
            "Coordinador del Archivo Central",
            True,
            roles.ARCHIVO,
            "Archivo central",
        ),
        UsuarioDemo(
            "jefe",
            "Juan Camilo",
            "Londoño Ríos",
            "GDU",
            "Secretario de Planeación e Infraestructura",
            True,
            roles.JEFE,
            "Secretario de Planeación e Infraestructura",
        ),
        # El alcalde no es miembro del concejo: firma y sanciona como jefe del Despacho del Alcalde.
        UsuarioDemo(
            "alcalde",
            "Jhon Jairo",
            "Restrepo Gallego",
            "ALC",
            "Alcalde",
            True,
            roles.FUNCIONARIO,
            "Alcalde (firma y sanciona los acuerdos; no integra el concejo)",
        ),
        UsuarioDemo(
            "regidor",
            "Diana Patricia",
            "Montoya Correa",
            None,
            "Concejala",
            False,
            roles.REGIDOR,
            "Concejal del Concejo Municipal",
        ),
    ],
    personas=[
        # cédulas de ciudadanía (6 a 10 dígitos) y NIT con dígito de verificación
        PersonaDemo("natural", "CC", "43567812", "Gloria Inés", "Vásquez Agudelo", "", "gloria@ejemplo.co"),
        PersonaDemo("natural", "CC", "71234598", "Hernán Darío", "Quintero Mejía", "", "hernan@ejemplo.co"),
        PersonaDemo(
            "juridica",
            "NIT",
            "9001234568",
            "",
            "",
            "Constructora Montañas de Antioquia S.A.S.",
            "info@montanas.co",
        ),
    ],
    encargo=("Decreto 045 de 2026", "Vacaciones de la Secretaria General"),
    # Los festivos son nacionales (Ley 51/1983): el municipio solo decreta días cívicos no laborables.
    dias_locales=[
        DiaLocal(
            9,
            14,
            "no_laborable",
            "Día cívico por las Fiestas del Retorno",
            "Decreto municipal de día cívico (demostración)",
        )
    ],
)

MX = Pais(
    codigo="MX",
    perfil="MX-ZAC",
    nombre="Ayuntamiento de San Mateo de la Sierra",
    sigla="SMS",
    direccion="Jardín Hidalgo 1, Centro, San Mateo de la Sierra, Zacatecas",
    telefono="(492) 925 0100",
    dominio="sanmateodelasierra.gob.mx",
    zona_horaria="America/Mexico_City",
    alcalde="José Manuel Berumen Dávila, Presidente municipal",
    unidades=[
        Unidad("ALC", "PM", "Presidencia Municipal", None),
        Unidad("GM", "OM", "Oficialía Mayor", "PM"),
        Unidad("SG", "SA", "Secretaría del Ayuntamiento", "PM"),
        Unidad("UTDA", "OPAM", "Oficialía de Partes y Archivo Municipal", "SA"),
        Unidad("OAJ", "DJ", "Dirección Jurídica", "PM"),
        Unidad("GAF", "TM", "Tesorería Municipal", "PM"),
        Unidad("GDU", "DDUOP", "Dirección de Desarrollo Urbano y Obras Públicas", "PM"),
        Unidad("GSC", "DSPM", "Dirección de Servicios Públicos Municipales", "PM"),
        Unidad("GDS", "DDS", "Dirección de Desarrollo Social", "PM"),
    ],
    usuarios=[
        UsuarioDemo(
            "secretario",
            "Martha Patricia",
            "Félix Castañeda",
            "SG",
            "Secretaria del Ayuntamiento",
            True,
            roles.SECRETARIO,
            "Secretaria del Ayuntamiento (configura todo, ve la auditoría)",
        ),
        UsuarioDemo(
            "prosecretario",
            "Jesús Alberto",
            "Delgado Robles",
            "SG",
            "Subsecretario del Ayuntamiento",
            False,
            roles.PROSECRETARIO,
            "Subsecretario del Ayuntamiento (actúa por encargo de la Secretaria)",
        ),
        UsuarioDemo(
            "mesa",
            "Guadalupe",
            "Hernández Ortiz",
            "UTDA",
            "Auxiliar de Oficialía de Partes",
            False,
            roles.MESA,
            "Oficialía de partes (recepción de documentos)",
        ),
        UsuarioDemo(
            "archivo",
            "Ricardo",
            "Esparza Ibarra",
            "UTDA",
            "Encargado del Archivo Municipal",
            True,
            roles.ARCHIVO,
            "Archivo municipal",
        ),
        UsuarioDemo(
            "jefe",
            "Francisco Javier",
            "Muro González",
            "GDU",
            "Director de Desarrollo Urbano y Obras Públicas",
            True,
            roles.JEFE,
            "Director de Desarrollo Urbano y Obras Públicas",
        ),
        UsuarioDemo(
            "regidor",
            "Claudia Verónica",
            "Rivera Sandoval",
            None,
            "Regidora",
            False,
            roles.REGIDOR,
            "Regidor del Ayuntamiento (cabildo)",
        ),
    ],
    personas=[
        # CURP de 18 caracteres y RFC de persona moral, con su verificador
        PersonaDemo(
            "natural", "CURP", "SOMA800312HZSLRN00", "Antonio", "Solís Márquez", "", "antonio@ejemplo.mx"
        ),
        PersonaDemo(
            "natural", "CURP", "GAVL851120MZSRLR05", "Laura", "García Valdez", "", "laura@ejemplo.mx"
        ),
        PersonaDemo(
            "juridica",
            "RFC",
            "CSZ150312AB2",
            "",
            "",
            "Constructora de la Sierra de Zacatecas S.A. de C.V.",
            "info@csz.mx",
        ),
    ],
    encargo=(
        "Acuerdo de la Presidencia Municipal No. 045/2026",
        "Vacaciones de la Secretaria del Ayuntamiento",
    ),
    # Los días inhábiles locales los acuerda el cabildo (LPA Zac.): la fiesta patronal del municipio.
    dias_locales=[
        DiaLocal(
            9,
            21,
            "no_laborable",
            "Fiesta patronal de San Mateo Apóstol (día inhábil)",
            "Acuerdo de cabildo de días inhábiles (demostración)",
        )
    ],
)

PAISES: dict[str, Pais] = {p.codigo: p for p in (PE, EC, CO, MX)}


def usuarios_demo(pais: Pais) -> list[tuple[str, str]]:
    """(usuario, descripción) de los ingresos de la demostración del país, con el superusuario al final."""
    return [(u.username, u.descripcion) for u in pais.usuarios] + [_ADMIN]
