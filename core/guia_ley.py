"""«Cómo aplica Secretaría la ley de …»: la parte de la guía de cada país que sale del perfil.

Cada regla del perfil de jurisdicción (`core/perfiles/*.toml`) se lista con lo que Secretaría hace con
ella, su valor, su fuente y su marca de confianza. La guía de usuario (`docs/usuario/ley-*.md`) lleva
arriba un texto escrito a mano y, debajo de `MARCA`, este listado; una prueba regenera el listado y lo
compara con el archivo, así la guía no puede quedar atrás del perfil. Para regenerarla:
`secretaria guia-ley PE --escribir docs/usuario/ley-peru.md`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from core.services.perfiles import CONFIANZAS, Perfil, Regla

MARCA = "<!-- Desde aquí lo escribe `secretaria guia-ley`: no lo edite a mano. -->"

# Las secciones de la guía, por el prefijo de la clave.
SECCIONES = [
    ("vocabulario.", "Vocabulario"),
    ("instrumentos", "Tipos de acto"),
    ("plazos.", "Plazos y días hábiles"),
    ("numeracion.", "Numeración"),
    ("concejo.", "Concejo: sesiones, quórum y votaciones"),
    ("actos.", "Actos: firma, sanción, publicación y vigencia"),
    ("transparencia.", "Transparencia"),
    ("certificaciones.", "Certificaciones"),
    ("archivo.", "Archivo"),
    ("atencion.", "Atención ciudadana"),
]

# Lo que Secretaría hace con cada clave (las que no están aquí se listan con su clave).
QUE_HACE = {
    "instrumentos": "Los tipos de acto que se registran y numeran, y qué órgano los expide.",
    "plazos.tipo_computo": "Si los plazos en días se cuentan en días hábiles o calendario.",
    "plazos.sabado_laborable": "Si el sábado cuenta como día hábil.",
    "plazos.subsanacion_dias": "Días para subsanar un documento observado en la recepción.",
    "plazos.subsanacion": "Plazo para subsanar un documento observado en la recepción.",
    "plazos.derivacion_dias": "Días para derivar un documento recibido.",
    "plazos.actos_mero_tramite_dias": "Días para los actos de mero trámite.",
    "plazos.informes_dictamenes_dias": "Días para emitir informes y dictámenes.",
    "plazos.deberes_administrado_dias": "Días para que el administrado cumpla lo que se le pide.",
    "plazos.respuesta_peticion": "Días para responder una petición.",
    "plazos.respuesta_documentos": "Días para responder una petición de documentos.",
    "plazos.respuesta_consulta": "Días para responder una consulta.",
    "plazos.remision_competencia_dias": "Días para remitir a la entidad competente.",
    "plazos.prorroga_maxima_factor": "Cuánto puede alargarse un plazo con prórroga (veces el original).",
    "plazos.dia_faltante": "Qué día vence un plazo en meses cuando el mes no tiene ese día.",
    "plazos.computo_meses": "Cómo se cuentan los plazos en meses y años.",
    "plazos.vencimiento_inhabil": "Qué pasa si un plazo vence en día inhábil.",
    "plazos.subsanacion_al_vencer": "Qué pasa si vence el plazo para subsanar sin que se subsane.",
    "plazos.automatizaciones": "Qué hace el sistema solo al vencer un plazo.",
    "concejo.tipos_sesion": "Los tipos de sesión que se pueden convocar.",
    "concejo.frecuencia_ordinaria": "Con qué frecuencia sesiona el concejo en forma ordinaria.",
    "concejo.quorum": "Cuántos miembros hacen falta para instalar la sesión, deliberar y decidir.",
    "concejo.mayoria": "La mayoría que pide una votación, en general y en los casos especiales.",
    "concejo.abstencion": "Si quien se abstiene cuenta en la base de la mayoría.",
    "concejo.inhibicion": "Si quien se inhibe cuenta en la base de la mayoría.",
    "concejo.alcalde_vota": "Si el alcalde vota en lo ordinario.",
    "concejo.desempate": "Qué pasa cuando hay tantos votos a favor como en contra.",
    "concejo.votaciones": "Las formas de votación admitidas.",
    "concejo.debates_ordenanza": "Cuántos debates necesita una ordenanza.",
    "concejo.debates": "Cuántos debates necesita cada tipo de acto.",
    "concejo.segundo_debate": "Dónde se da el primer debate y cuántos días deben pasar hasta el segundo.",
    "concejo.reconsideracion_dias": "Plazo para pedir la reconsideración de una votación.",
    "concejo.reconsideracion": "Plazo para pedir la reconsideración de una votación, y a qué se aplica.",
    "actos.publicacion": "Dónde se publican los actos y con qué regla.",
    "actos.vigencia_dias": "Días desde la publicación hasta la entrada en vigor, si el acto no dice otra cosa.",
    "actos.vigencia": "Desde cuándo rige cada tipo de acto, si el acto no dice otra cosa.",
    "actos.entrada_en_vigor": "Desde cuándo rige cada tipo de acto si el acto no lo dice.",
    "actos.excepciones_motivadas": "Si se admite, con motivo, otro firmante o una firma fuera de orden de fecha.",
    "actos.firmantes": "Qué cargos firman y cuáles refrendan cada tipo de acto.",
    "actos.sancion": "La sanción, observación u objeción del alcalde y la promulgación, con sus plazos.",
    "transparencia.plazo_dias": "Días para responder una solicitud de acceso a la información.",
    "transparencia.tipo_computo": "Si ese plazo se cuenta en días hábiles o calendario.",
    "transparencia.prorroga": "Días de prórroga posibles.",
    "transparencia.organo_garante": "El órgano que supervisa la transparencia.",
    "transparencia.paginas_gratuitas": "Páginas que se entregan sin costo.",
    "archivo.instrumento": "El nombre del instrumento de retención (TRD, CADIDO, PCDA, tabla de plazos).",
    "archivo.etapas": "Las etapas del ciclo vital del documento, en orden; las que tienen plazo llevan años en la tabla.",
}


# Códigos que aparecen en los valores, dichos como los diría la persona.
PALABRAS = {
    "habiles": "días hábiles",
    "calendario": "días calendario",
    "dias_habiles": "días hábiles",
    "dias_calendario": "días calendario",
    "meses": "meses",
    "anios": "años",
    "en_la_base": "cuenta en la base",
    "fuera_de_la_base": "sale de la base",
    "legal": "número legal",
    "presentes": "presentes",
    "mitad_mas_uno": "mitad más uno",
    "dos_tercios": "dos tercios",
    "tres_quintos": "tres quintos",
    "cuarta_parte": "cuarta parte",
    "voto_dirimente_alcalde": "voto dirimente del alcalde",
    "voto_de_calidad_presidente": "voto de calidad del presidente municipal",
    "voto_dirimente_presidente": "voto dirimente del presidente",
    "nueva_votacion_luego_negado": "se vota de nuevo; si persiste, se niega",
    "rechazado": "se tiene por rechazado",
    "segun_reglamento": "según el reglamento",
    "a_la_mayoria": "se suma a la mayoría",
    "fecha_a_fecha": "de fecha a fecha",
    "ultimo_del_mes": "el último día del mes",
    "primer_habil_siguiente": "el primer día hábil del mes siguiente",
    "siguiente_habil": "se corre al siguiente día hábil",
    "no_presentado": "se tiene por no presentado",
    "desistimiento_tacito": "desistimiento tácito (por acto motivado)",
    "dias_publicacion": "días después de la publicación",
    "publicacion": "desde la publicación",
    "notificacion": "desde la notificación",
    "firma": "desde la firma",
}
_palabras_de_areas: dict[str, str] = {}


def registrar_palabras(palabras: dict[str, str]) -> None:
    """Un área da el nombre legible de sus códigos (p. ej. el concejo, el de cada mayoría)."""
    _palabras_de_areas.update(
        {k: v.lower() if v[:1].isupper() and v[1:2].islower() else v for k, v in palabras.items()}
    )


# Dentro de un campo, algunos códigos dicen otra cosa (la base «habiles» son los miembros hábiles).
VALORES_DE_CAMPO = {
    "base": {
        "legal": "número legal",
        "habiles": "miembros hábiles",
        "presentes": "presentes",
        "votos": "votos emitidos",
    }
}
NOMBRES_DE_CAMPO = {
    "codigo": "mayoría",
    "base": "base",
    "fraccion": "fracción",
    "deliberar": "para deliberar",
    "general": "general",
}


def _valor(v: Any) -> str:
    """El valor de una regla en una línea legible."""
    if isinstance(v, bool):
        return "sí" if v else "no"
    if isinstance(v, dict):
        if "nombre" in v:  # un tipo de acto: su nombre y quién lo expide
            return f"{v['nombre']} ({v['organo']})" if v.get("organo") else str(v["nombre"])
        partes = [
            f"{NOMBRES_DE_CAMPO.get(k, k.replace('_', ' '))}: "
            + (VALORES_DE_CAMPO[k].get(x, x) if k in VALORES_DE_CAMPO and isinstance(x, str) else _valor(x))
            for k, x in v.items()
        ]
        return "; ".join(partes) or "—"
    if isinstance(v, list):
        return ", ".join(_valor(x) for x in v) or "—"
    if v is None:
        return "—"
    if isinstance(v, str):
        return PALABRAS.get(v) or _palabras_de_areas.get(v, v)
    return str(v)


def _celda(texto: str) -> str:
    return texto.replace("|", "\\|").replace("\n", " ")


def _seccion(clave: str) -> str:
    for prefijo, titulo in SECCIONES:
        if clave.startswith(prefijo):
            return titulo
    return "Otras reglas"


def _historia(versiones: tuple[Regla, ...], vigente: Regla) -> str:
    otras = [r for r in versiones if r is not vigente]
    if not otras:
        return ""
    partes = [
        f"{_valor(r.valor)} ({r.vigente_desde:%d/%m/%Y}–{r.vigente_hasta:%d/%m/%Y})"
        if r.vigente_hasta
        else f"{_valor(r.valor)} (desde {r.vigente_desde:%d/%m/%Y})"
        for r in otras
    ]
    return " Otras versiones: " + "; ".join(partes) + "."


def listado(perfil: Perfil, fecha: date) -> str:
    """El listado de las reglas de `perfil` vigentes en `fecha`, por secciones, en Markdown."""
    filas: dict[str, list[str]] = {}
    for clave in perfil.versiones:  # en el orden del archivo
        regla = perfil.regla(clave, fecha)
        if regla is None:
            continue
        que = QUE_HACE.get(clave, "")
        if clave.startswith("numeracion.formato."):
            que = f"Formato del número de «{clave.removeprefix('numeracion.formato.').replace('_', ' ')}»."
        elif clave.startswith("concejo.aviso_"):
            tipo = clave.removeprefix("concejo.aviso_").replace("_", " ")
            que = f"Anticipación mínima de la citación a sesión {tipo}."
        elif clave.startswith("vocabulario."):
            que = (
                f"Cómo se llama «{clave.removeprefix('vocabulario.').replace('_', ' ')}» en pantallas y PDF."
            )
        que = que or f"`{clave}`"
        confianza = CONFIANZAS.get(regla.confianza, regla.confianza)
        valor = _valor(regla.valor) + _historia(perfil.versiones[clave], regla)
        filas.setdefault(_seccion(clave), []).append(
            f"| {_celda(que)} | {_celda(valor)} | {_celda(regla.fuente)} | {confianza} |"
        )
    orden = [t for _p, t in SECCIONES] + ["Otras reglas"]
    partes = [
        MARCA,
        "",
        f"## Las reglas del perfil {perfil.codigo}, vigentes el {fecha:%d/%m/%Y}",
        "",
        "Marcas de confianza: **Ley** (leída en la norma o una fuente oficial), **Fuente secundaria**, "
        "**Sin verificar** (un valor por omisión que el municipio debe revisar con su reglamento y, si "
        "difiere, fijar como regla local en *Configuración → Perfil*).",
    ]
    for titulo in orden:
        if titulo not in filas:
            continue
        partes += [
            "",
            f"### {titulo}",
            "",
            "| Qué hace Secretaría | Valor | Fuente | Confianza |",
            "|---|---|---|---|",
        ]
        partes += filas[titulo]
    return "\n".join(partes) + "\n"


def con_listado(texto_actual: str, perfil: Perfil, fecha: date) -> str:
    """El texto de la guía con el listado al día: conserva lo escrito a mano antes de `MARCA`."""
    cabeza = texto_actual.split(MARCA, 1)[0].rstrip("\n")
    return f"{cabeza}\n\n{listado(perfil, fecha)}" if cabeza else listado(perfil, fecha)
