"""Quórum, mayorías y desempate del concejo: funciones puras (sin ORM) sobre las reglas del perfil.

Nada aquí es una constante de un país: la regla llega como dato del perfil de jurisdicción
(`core/perfiles/*.toml`, claves `concejo.*`, leídas por `concejo.selectors.cuerpo.reglas_del_concejo`).
Este módulo solo sabe contar. Las piezas de una regla:

- **base**: sobre qué número se calcula. `legal` (el número legal del periodo), `habiles` (el número
  legal menos los asientos vacíos por licencia, suspensión o vacancia sin suplente en funciones),
  `presentes` (los que están en sala para esa votación) y `votos` (los votos emitidos).
- **fracción**: `mitad_mas_uno` (más de la mitad: ⌊n/2⌋ + 1; la «mayoría absoluta»), `dos_tercios`
  (⌈2n/3⌉: los dos tercios siempre redondean hacia arriba: 11 → 8, 12 → 8, 13 → 9), `cuarta_parte`
  (⌈n/4⌉) y `tres_quintos` (⌈3n/5⌉).
- **abstención** (`en_la_base` / `fuera_de_la_base` / `a_la_mayoria`) e **inhibición** (`en_la_base` /
  `fuera_de_la_base`): si quien se abstiene o se inhibe sigue contando en la base `presentes` (y en los
  `votos` emitidos), sale de ella o, la abstención, se suma al sentido mayoritario (voto en blanco).

El empate (tantos a favor como en contra, más de cero) siempre se resuelve con la regla del perfil, aunque
la mayoría exigida quede lejos: el voto dirimente a favor suma un voto y aprueba solo si así se alcanza lo
requerido; repetir la votación y, si persiste, rechazar; o rechazar. El resultado lleva la regla aplicada
(nombre de la mayoría, base, requeridos, efecto de la abstención e inhibición y `desempate_aplicado`).

Los valores de cada país y su fuente están en los perfiles (no aquí); en resumen (../shared/DOMAIN.md,
«Council», y la fuente citada en cada regla):

- Perú: quórum mitad más uno de los miembros hábiles (Ley 27972, art. 16) [S]; mayoría simple salvo
  calificada (⅔ del número legal para la vacancia) [S]; el alcalde solo tiene voto dirimente (art. 17) [L];
  la abstención no cuenta en la base (TUO Ley 27444, arts. 111-112: decide la mayoría de los asistentes
  y se vota a favor o en contra; la abstención es excepcional) [?].
- Ecuador (COOTAD): quórum mayoría absoluta [?]; mayoría simple, ⅔ para insistir ante el veto [?]; el
  alcalde dirime [?]; el voto en blanco se suma a la mayoría (art. 321) [?].
- Colombia: una cuarta parte de los miembros para deliberar y la mayoría para decidir (Const. 145; Ley
  136, art. 29) [L]; mayoría de los votos de los asistentes (Const. 146) [L], la abstención fuera de la
  base [?]; el empate se vuelve a votar y, si persiste, se niega [?]. El alcalde no integra el concejo.
- México (leyes estatales): quórum mayoría de los integrantes [S]; mayoría de los presentes, ⅔ para
  actos que obligan más allá del periodo [?]; voto de calidad del presidente municipal [S]; la
  abstención cuenta en la base [?].

La inhibición queda fuera de la base en los cuatro perfiles [?]; el municipio corrige cualquiera de estos
valores con una regla local (su reglamento interno).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from math import ceil

BASES = {
    "legal": "del número legal",
    "habiles": "de los miembros hábiles",
    "presentes": "de los presentes",
    "votos": "de los votos emitidos",
}
FRACCIONES = {
    "mitad_mas_uno": "mitad más uno",
    "dos_tercios": "dos tercios",
    "tres_quintos": "tres quintos",
    "cuarta_parte": "cuarta parte",
}
# Efecto de la abstención (y de la inhibición) en la base de la votación:
# `en_la_base`: quien se abstiene sigue contando en la base de presentes y de votos (pesa como un no);
# `fuera_de_la_base`: sale de la base (no es voto: decide la mayoría de los votos a favor o en contra);
# `a_la_mayoria`: el voto en blanco se suma al sentido mayoritario (así lo dicen algunas leyes; solo vale
# para la abstención).
EFECTOS = {"en_la_base", "fuera_de_la_base", "a_la_mayoria"}
NOMBRES_EFECTO = {
    "en_la_base": "cuenta en la base (pesa como voto en contra)",
    "fuera_de_la_base": "no cuenta en la base",
    "a_la_mayoria": "se suma a la mayoría",
}
# Cómo se resolvió un empate (campo `desempate_aplicado` del resultado).
DESEMPATES_APLICADOS = {
    "ninguno": "Sin empate",
    "voto_dirimente": "Voto dirimente",
    "pendiente_dirimente": "Empate: falta el voto dirimente",
    "repetida": "Empate: se repite la votación",
    "rechazado": "Empate: se tiene por rechazado",
}


def requeridos(fraccion: str, n: int) -> int:
    """Cuántos hacen falta para alcanzar `fraccion` de `n` (los tercios y quintos redondean hacia arriba)."""
    if n <= 0:
        return 1 if fraccion != "cuarta_parte" else 0
    if fraccion == "mitad_mas_uno":
        return n // 2 + 1
    if fraccion == "dos_tercios":
        return ceil(2 * n / 3)
    if fraccion == "tres_quintos":
        return ceil(3 * n / 5)
    if fraccion == "cuarta_parte":
        return ceil(n / 4)
    raise ValueError(f"Fracción desconocida: «{fraccion}».")


@dataclass(frozen=True)
class Mayoria:
    codigo: str
    nombre: str
    base: str
    fraccion: str


# Las mayorías que un punto o una votación pueden exigir (valor de PuntoAgenda.mayoria y Votacion.mayoria).
# «simple_votos» es la mayoría relativa (más votos a favor que en contra): más de la mitad de los votos
# emitidos a favor o en contra equivale exactamente a eso.
_DEFINICIONES = [
    Mayoria("simple_presentes", "Mayoría simple de los presentes", "presentes", "mitad_mas_uno"),
    Mayoria("simple_votos", "Mayoría simple de los votos emitidos", "votos", "mitad_mas_uno"),
    Mayoria("absoluta_legal", "Mayoría absoluta del número legal", "legal", "mitad_mas_uno"),
    Mayoria("absoluta_habiles", "Mayoría absoluta de los miembros hábiles", "habiles", "mitad_mas_uno"),
    Mayoria("dos_tercios_legal", "Dos tercios del número legal", "legal", "dos_tercios"),
    Mayoria("dos_tercios_habiles", "Dos tercios de los miembros hábiles", "habiles", "dos_tercios"),
    Mayoria("dos_tercios_presentes", "Dos tercios de los presentes", "presentes", "dos_tercios"),
    Mayoria("tres_quintos_legal", "Tres quintos del número legal", "legal", "tres_quintos"),
]
DEFINICIONES: dict[str, Mayoria] = {m.codigo: m for m in _DEFINICIONES}
MAYORIAS: dict[str, str] = {m.codigo: m.nombre for m in _DEFINICIONES}

# Reglas de desempate del perfil (`concejo.desempate`) → qué hace el sistema.
DESEMPATES = {
    "voto_dirimente_alcalde": "voto_dirimente",
    "voto_de_calidad_presidente": "voto_dirimente",
    "voto_dirimente_presidente": "voto_dirimente",
    "nueva_votacion_luego_negado": "repetir",
    "rechazado": "rechazado",
}

# Códigos de quórum de versiones anteriores del perfil (cadenas) → la regla estructurada.
_QUORUM_POR_CODIGO = {
    "mitad_mas_uno_miembros_habiles": {"base": "habiles", "fraccion": "mitad_mas_uno"},
    "mayoria_absoluta_miembros": {"base": "legal", "fraccion": "mitad_mas_uno"},
    "mayoria_miembros": {"base": "legal", "fraccion": "mitad_mas_uno"},
    "cuarta_parte_delibera_mayoria_miembros_decide": {
        "base": "legal",
        "fraccion": "mitad_mas_uno",
        "deliberar": {"base": "legal", "fraccion": "cuarta_parte"},
    },
}


def _plural(n: int, uno: str, varios: str) -> str:
    return f"{n} {uno if n == 1 else varios}"


def regla_de_quorum(regla) -> dict:
    """La regla de quórum como dict `{base, fraccion[, deliberar]}` (acepta los códigos antiguos)."""
    if isinstance(regla, str):
        if regla not in _QUORUM_POR_CODIGO:
            raise ValueError(f"Regla de quórum desconocida: «{regla}».")
        regla = _QUORUM_POR_CODIGO[regla]
    if (
        not isinstance(regla, dict)
        or regla.get("base") not in {"legal", "habiles"}
        or (regla.get("fraccion") not in FRACCIONES)
    ):
        raise ValueError(f"Regla de quórum mal formada: {regla!r}.")
    return regla


@dataclass(frozen=True)
class Quorum:
    hay_quorum: bool
    presentes: int
    requerido: int
    base: str
    base_numero: int
    regla: str
    explicacion: str
    para: str = "decidir"

    def como_dict(self) -> dict:
        return asdict(self)


def quorum(*, regla, numero_legal: int, habiles: int, presentes: int, para: str = "decidir") -> Quorum:
    """El quórum con la regla del perfil: cuántos hacen falta y si los `presentes` alcanzan.

    `regla` es el valor de `concejo.quorum` (`{"base": "habiles", "fraccion": "mitad_mas_uno"}`; con
    `deliberar` si la ley pide otro quórum para deliberar, como Colombia). `para` es «decidir» o
    «deliberar»; sin regla propia para deliberar vale la de decidir.
    """
    if para not in {"decidir", "deliberar"}:
        raise ValueError(f"«para» debe ser «decidir» o «deliberar», no «{para}».")
    regla = regla_de_quorum(regla)
    aplicada = regla_de_quorum(regla["deliberar"]) if para == "deliberar" and "deliberar" in regla else regla
    base = aplicada["base"]
    base_numero = numero_legal if base == "legal" else habiles
    requerido = requeridos(aplicada["fraccion"], base_numero)
    hay = presentes >= requerido and presentes > 0
    codigo = f"{aplicada['fraccion']}_{base}"
    texto_base = "número legal" if base == "legal" else "miembros hábiles"
    verbo = "Hay quórum" if hay else "No hay quórum"
    # Solo se dice «para deliberar» / «para decidir» donde el perfil distingue los dos quórums.
    fin = f" para {para}" if "deliberar" in regla else ""
    explicacion = (
        f"{verbo}{fin}: {_plural(presentes, 'presente', 'presentes')}; se requieren {requerido} "
        f"({FRACCIONES[aplicada['fraccion']]} de {base_numero}, {texto_base})."
    )
    return Quorum(hay, presentes, requerido, base, base_numero, codigo, explicacion, para)


@dataclass(frozen=True)
class Resultado:
    resultado: str  # "aprobado" | "rechazado" | "empate"
    requerido: int
    base: str
    base_numero: int
    regla: str
    desempate: str  # "" | "voto_dirimente" | "repetir" | "rechazado": la regla que se aplicó al empate
    necesita_dirimente: bool
    explicacion: str
    a_favor: int = 0
    en_contra: int = 0
    abstenciones: int = 0
    inhibidos: int = 0
    presentes: int = 0
    # La regla aplicada, para quien la muestra (API, acta): nombre de la mayoría, efecto de la abstención y
    # de la inhibición, y cómo se resolvió el empate (`DESEMPATES_APLICADOS`).
    regla_nombre: str = ""
    abstencion: str = "en_la_base"
    inhibicion: str = "fuera_de_la_base"
    desempate_aplicado: str = "ninguno"

    def como_dict(self) -> dict:
        return asdict(self)


def resultado(
    *,
    mayoria: str,
    a_favor: int,
    en_contra: int,
    abstenciones: int,
    inhibidos: int,
    presentes: int,
    numero_legal: int,
    habiles: int,
    desempate: str,
    voto_dirimente: str | None = None,
    repeticion: int = 0,
    abstencion: str = "en_la_base",
    inhibicion: str = "fuera_de_la_base",
) -> Resultado:
    """El resultado de una votación con la mayoría `mayoria` (código de `MAYORIAS`).

    Se aprueba si los votos a favor superan a los en contra y alcanzan lo requerido sobre la base de esa
    mayoría. Siempre que haya empate (tantos a favor como en contra, más de cero) se aplica `desempate`
    (el código del perfil), aunque la mayoría exigida quede lejos: voto dirimente (`voto_dirimente` =
    «a_favor» / «en_contra» cuando ya se emitió; sin él queda «empate» con `necesita_dirimente`; el voto
    dirimente a favor suma uno y aprueba si así se alcanza lo requerido), repetir la votación
    (`repeticion` = cuántas veces ya se repitió: a la segunda se tiene por rechazado) o rechazado.
    `abstencion` e `inhibicion` (del perfil) dicen si cuentan en la base de presentes y de votos emitidos
    (`en_la_base`, `fuera_de_la_base`) o, la abstención, si se suma al sentido mayoritario
    (`a_la_mayoria`). `presentes` son los que pueden votar (en sala).
    """
    if mayoria not in DEFINICIONES:
        raise ValueError(f"Mayoría desconocida: «{mayoria}». Use una de: {', '.join(MAYORIAS)}.")
    if desempate not in DESEMPATES:
        raise ValueError(f"Regla de desempate desconocida: «{desempate}».")
    if abstencion not in EFECTOS or inhibicion not in EFECTOS - {"a_la_mayoria"}:
        raise ValueError(
            "El efecto de la abstención es «en_la_base», «fuera_de_la_base» o «a_la_mayoria»; el de la "
            "inhibición, «en_la_base» o «fuera_de_la_base»."
        )
    if min(a_favor, en_contra, abstenciones, inhibidos, presentes) < 0:
        raise ValueError("Los conteos no pueden ser negativos.")
    if voto_dirimente not in {None, "", "a_favor", "en_contra"}:
        raise ValueError("El voto dirimente es «a_favor» o «en_contra».")
    definicion = DEFINICIONES[mayoria]
    conteo = (
        f"{a_favor} a favor, {en_contra} en contra, {_plural(abstenciones, 'abstención', 'abstenciones')}"
        + (f", {_plural(inhibidos, 'inhibido', 'inhibidos')}" if inhibidos else "")
    )
    # El voto en blanco que se suma a la mayoría (p. ej. Ecuador) se cuenta antes de nada.
    favor, contra = a_favor, en_contra
    if abstencion == "a_la_mayoria" and abstenciones:
        if favor > contra:
            favor += abstenciones
        elif contra > favor:
            contra += abstenciones
    base = definicion.base
    if base == "legal":
        base_numero = numero_legal
    elif base == "habiles":
        base_numero = habiles
    elif base == "presentes":
        base_numero = presentes
        if abstencion == "fuera_de_la_base" or (abstencion == "a_la_mayoria" and favor == contra):
            base_numero -= abstenciones
        if inhibicion == "fuera_de_la_base":
            base_numero -= inhibidos
    else:  # votos emitidos
        base_numero = favor + contra + (abstenciones if abstencion == "en_la_base" else 0)
    base_numero = max(base_numero, 0)
    requerido = requeridos(definicion.fraccion, base_numero)
    texto_base = f"{definicion.nombre.lower()}: {requerido} de {base_numero}"
    if base in ("presentes", "votos") and abstenciones:
        texto_base += f"; la abstención {NOMBRES_EFECTO[abstencion]}"
    comun = dict(
        requerido=requerido,
        base=base,
        base_numero=base_numero,
        regla=mayoria,
        a_favor=a_favor,
        en_contra=en_contra,
        abstenciones=abstenciones,
        inhibidos=inhibidos,
        presentes=presentes,
        regla_nombre=definicion.nombre,
        abstencion=abstencion,
        inhibicion=inhibicion,
    )

    if favor >= requerido and favor > contra:
        return Resultado(
            "aprobado",
            desempate="",
            necesita_dirimente=False,
            explicacion=f"Aprobado: {conteo}; se requieren {texto_base}.",
            **comun,
        )
    empate = favor == contra and favor > 0
    if not empate:
        return Resultado(
            "rechazado",
            desempate="",
            necesita_dirimente=False,
            explicacion=f"Rechazado: {conteo}; se requieren {texto_base}.",
            **comun,
        )
    metodo = DESEMPATES[desempate]
    if metodo == "voto_dirimente":
        if voto_dirimente == "a_favor" and favor + 1 >= requerido:
            return Resultado(
                "aprobado",
                desempate=metodo,
                necesita_dirimente=False,
                explicacion=f"Aprobado con el voto dirimente: empate ({conteo}); se requieren {texto_base}.",
                desempate_aplicado="voto_dirimente",
                **comun,
            )
        if voto_dirimente in ("a_favor", "en_contra"):
            motivo = (
                f"ni con el voto dirimente a favor se alcanzan los {texto_base}"
                if voto_dirimente == "a_favor"
                else "el voto dirimente fue en contra"
            )
            return Resultado(
                "rechazado",
                desempate=metodo,
                necesita_dirimente=False,
                explicacion=f"Rechazado: empate ({conteo}) y {motivo}.",
                desempate_aplicado="voto_dirimente",
                **comun,
            )
        return Resultado(
            "empate",
            desempate=metodo,
            necesita_dirimente=True,
            explicacion=f"Empate ({conteo}): lo decide el voto dirimente.",
            desempate_aplicado="pendiente_dirimente",
            **comun,
        )
    if metodo == "repetir" and repeticion < 1:
        return Resultado(
            "empate",
            desempate="repetir",
            necesita_dirimente=False,
            explicacion=f"Empate ({conteo}): se repite la votación.",
            desempate_aplicado="repetida",
            **comun,
        )
    motivo = (
        "persiste el empate tras repetir la votación"
        if metodo == "repetir"
        else "el empate se tiene por rechazo"
    )
    return Resultado(
        "rechazado",
        desempate="rechazado",
        necesita_dirimente=False,
        explicacion=f"Rechazado: {motivo} ({conteo}).",
        desempate_aplicado="rechazado",
        **comun,
    )


def regla_aplicada(calculo: dict | None) -> dict | None:
    """La regla que se aplicó a una votación, legible, desde su `calculo` guardado (`Resultado.como_dict`):
    mayoría (código y nombre), base (código, nombre y número), votos requeridos, efecto de la abstención y
    de la inhibición, y cómo se resolvió el empate (`DESEMPATES_APLICADOS`). Los cálculos guardados antes
    de que el resultado llevara estos datos dan lo que se puede deducir (efectos vacíos)."""
    if not calculo:
        return None
    mayoria = calculo.get("regla", "")
    desempate = calculo.get("desempate_aplicado") or {
        "": "ninguno",
        "voto_dirimente": "pendiente_dirimente" if calculo.get("necesita_dirimente") else "voto_dirimente",
        "repetir": "repetida",
        "rechazado": "rechazado",
    }.get(calculo.get("desempate", ""), "ninguno")
    abstencion = calculo.get("abstencion", "")
    inhibicion = calculo.get("inhibicion", "")
    return {
        "mayoria": mayoria,
        "mayoria_nombre": calculo.get("regla_nombre") or MAYORIAS.get(mayoria, ""),
        "base": calculo.get("base", ""),
        "base_nombre": BASES.get(calculo.get("base", ""), ""),
        "base_numero": int(calculo.get("base_numero", 0)),
        "requeridos": int(calculo.get("requerido", 0)),
        "abstencion": abstencion,
        "abstencion_efecto": NOMBRES_EFECTO.get(abstencion, ""),
        "inhibicion": inhibicion,
        "inhibicion_efecto": NOMBRES_EFECTO.get(inhibicion, ""),
        "desempate": desempate,
        "desempate_nombre": DESEMPATES_APLICADOS[desempate],
    }


@dataclass(frozen=True)
class Conteo:
    """Lo que entra en el resultado de una votación: los votos que cuentan y los presentes que votan."""

    a_favor: int
    en_contra: int
    abstenciones: int
    inhibidos: int
    presentes: int


def contar(
    *,
    votos: list[tuple[int, str, str]],
    en_sala: dict[int, str],
    nominal: bool,
    no_vota: str | None = None,
    conteos: tuple[int, int, int] = (0, 0, 0),
) -> Conteo:
    """Cuenta una votación sobre sus filas: `votos` (miembro, sentido, rol del miembro) y `en_sala`
    (miembro → rol). Quien tiene el rol `no_vota` (el alcalde donde solo dirime) no cuenta ni como voto ni
    como presente. Nominal: a favor, en contra y abstenciones son los votos con nombre, y quien figura
    «ausente» no es presente. Ordinaria y secreta: son los `conteos` anotados (a favor, en contra,
    abstenciones). Los inhibidos son siempre los votos con nombre «inhibido»."""
    cuenta = Counter(sentido for _miembro, sentido, rol in votos if rol != no_vota)
    ausentes = {miembro for miembro, sentido, _rol in votos if sentido == "ausente"} if nominal else set()
    presentes = sum(1 for miembro, rol in en_sala.items() if rol != no_vota and miembro not in ausentes)
    if nominal:
        a_favor, en_contra, abstenciones = cuenta["a_favor"], cuenta["en_contra"], cuenta["abstencion"]
    else:
        a_favor, en_contra, abstenciones = conteos
    return Conteo(a_favor, en_contra, abstenciones, cuenta["inhibido"], presentes)
