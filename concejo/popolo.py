"""Exportación Popolo (https://www.popoloproject.com/): personas, órganos, membresías, mociones y votaciones.

Un solo documento JSON con `persons`, `organizations`, `memberships`, `motions` y `vote_events`, que
valida contra los esquemas de `../shared/standards/popolo/`. Solo datos públicos: no se publican
documentos de identidad ni correos; las mociones y votaciones son las confirmadas de sesiones públicas.

Correspondencias:
- Persona (`core.Persona` con asiento en el concejo) → person `persona-<id>`.
- Órgano: el pleno (`classification` «council») y cada comisión («committee», con `parent_id` el pleno)
  → organization `organo-<id>`; los partidos → organization `partido-<slug>` («party»).
- Miembro (asiento en el pleno) → membership `miembro-<id>`, con `on_behalf_of_id` su partido; un
  suplente lleva la etiqueta «Suplente de …». IntegranteComision → membership `integrante-<id>`.
- Votacion confirmada → motion `mocion-<id>` (el texto de la moción, la mayoría exigida como
  `requirement`) y vote_event `votacion-<id>` con `counts` por opción y, si es nominal, `votes`.
- Sentidos del voto: a favor → `yes`, en contra → `no`, abstención → `abstain`, ausente → `absent`, se
  inhibe (conflicto de interés) → `not voting` (está en sala pero no vota: la opción que Popolo usa
  para quien no emite voto estando presente), con `role` «inhibido». El voto dirimente lleva `role`
  «voto dirimente» y cuenta en `counts` (son los votos emitidos; el cálculo del resultado está en el
  acta y en `Votacion.calculo`). Ordinaria y secreta: solo `counts` (yes, no, abstain). Resultado: aprobado → `pass`, rechazado → `fail`.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from concejo import reglas
from concejo.models import IntegranteComision, Miembro, Organo, Votacion, Voto
from concejo.permissions import sesiones_publicas

OPCIONES = {
    Voto.Sentido.A_FAVOR: "yes",
    Voto.Sentido.EN_CONTRA: "no",
    Voto.Sentido.ABSTENCION: "abstain",
    Voto.Sentido.AUSENTE: "absent",
    Voto.Sentido.INHIBIDO: "not voting",
}
RESULTADOS = {Votacion.Resultado.APROBADO: "pass", Votacion.Resultado.RECHAZADO: "fail"}
CLASIFICACION = {
    Organo.Tipo.PLENO: "council",
    Organo.Tipo.COMISION_ORDINARIA: "committee",
    Organo.Tipo.COMISION_ESPECIAL: "committee",
    Organo.Tipo.COMISION_MESA: "committee",
}


def _sin_nulos(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "", [])}


def _fecha(valor) -> str | None:
    return valor.isoformat() if valor else None


def _fecha_hora(valor) -> str | None:
    return timezone.localtime(valor).isoformat() if valor else None


def _partido_id(nombre: str) -> str:
    return f"partido-{slugify(nombre) or 'sin-nombre'}"


def exportar() -> dict:
    """El documento Popolo completo (todos los periodos), listo para `json.dumps`."""
    personas: dict[int, dict] = {}
    organizaciones: list[dict] = []
    membresias: list[dict] = []
    partidos: dict[str, dict] = {}

    miembros = list(
        Miembro.objects.select_related("persona", "periodo", "suplente_de__persona").order_by(
            "periodo__inicio", "orden", "id"
        )
    )
    plenos = {o.periodo_id: o for o in Organo.objects.filter(tipo=Organo.Tipo.PLENO)}
    for organo in Organo.objects.select_related("periodo").order_by("periodo__inicio", "tipo", "id"):
        pleno = plenos.get(organo.periodo_id)
        organizaciones.append(
            _sin_nulos(
                {
                    "id": f"organo-{organo.pk}",
                    "name": f"{organo.nombre} ({organo.periodo})" if organo.es_pleno else organo.nombre,
                    "classification": CLASIFICACION[organo.tipo],
                    "parent_id": f"organo-{pleno.pk}" if pleno and not organo.es_pleno else None,
                    "founding_date": _fecha(organo.periodo.inicio),
                    "dissolution_date": _fecha(organo.periodo.fin),
                    "other_names": [{"name": organo.sigla}] if organo.sigla else [],
                }
            )
        )

    for m in miembros:
        p = m.persona
        personas.setdefault(
            p.pk,
            _sin_nulos(
                {
                    "id": f"persona-{p.pk}",
                    "name": str(p),
                    "given_name": p.nombres or None,
                    "family_name": p.apellidos or None,
                    "sort_name": f"{p.apellidos}, {p.nombres}" if p.apellidos and p.nombres else None,
                }
            ),
        )
        if m.partido and m.partido not in partidos:
            partidos[m.partido] = {"id": _partido_id(m.partido), "name": m.partido, "classification": "party"}
        pleno = plenos.get(m.periodo_id)
        membresias.append(
            _sin_nulos(
                {
                    "id": f"miembro-{m.pk}",
                    "person_id": f"persona-{p.pk}",
                    "organization_id": f"organo-{pleno.pk}" if pleno else None,
                    "role": m.get_rol_display(),
                    "label": f"Suplente de {m.suplente_de.persona}" if m.suplente_de_id else None,
                    "on_behalf_of_id": _partido_id(m.partido) if m.partido else None,
                    "start_date": _fecha(m.desde),
                    "end_date": _fecha(m.hasta or m.periodo.fin),
                }
            )
        )
    for i in IntegranteComision.objects.select_related("miembro", "organo").order_by("organo_id", "id"):
        membresias.append(
            _sin_nulos(
                {
                    "id": f"integrante-{i.pk}",
                    "person_id": f"persona-{i.miembro.persona_id}",
                    "organization_id": f"organo-{i.organo_id}",
                    "role": i.get_funcion_display(),
                    "start_date": _fecha(i.desde),
                    "end_date": _fecha(i.hasta),
                }
            )
        )
    organizaciones.extend(partidos.values())

    mociones, eventos = _votaciones()
    return {
        "persons": list(personas.values()),
        "organizations": organizaciones,
        "memberships": membresias,
        "motions": mociones,
        "vote_events": eventos,
    }


def _votaciones() -> tuple[list[dict], list[dict]]:
    votaciones = (
        Votacion.objects.filter(estado=Votacion.Estado.CONFIRMADA, sesion__in=sesiones_publicas())
        .select_related("sesion", "punto")
        .prefetch_related(
            Prefetch(
                "votos", queryset=Voto.objects.select_related("miembro").order_by("miembro__orden", "id")
            )
        )
        .order_by("sesion__fecha", "numero")
    )
    mociones, eventos = [], []
    for v in votaciones:
        sesion = v.sesion
        identificador = f"Sesión {sesion.tipo} Nº {sesion.numero}-{sesion.anio}, votación {v.numero}"
        resultado = RESULTADOS.get(v.resultado)
        mociones.append(
            _sin_nulos(
                {
                    "id": f"mocion-{v.pk}",
                    "organization_id": f"organo-{sesion.organo_id}",
                    "legislative_session_id": f"sesion-{sesion.pk}",
                    "text": v.mocion,
                    "identifier": identificador,
                    "classification": v.punto.get_clase_display() if v.punto_id else None,
                    "date": _fecha_hora(v.abierta_en),
                    "requirement": reglas.MAYORIAS.get(v.mayoria, v.mayoria),
                    "result": resultado,
                }
            )
        )
        votos = []
        cuenta = dict.fromkeys(OPCIONES.values(), 0)
        nominal = v.forma in (Votacion.Forma.NOMINAL, Votacion.Forma.NOMINAL_RAZONADA)
        for voto in v.votos.all():
            opcion = OPCIONES[voto.sentido]
            rol = (
                "voto dirimente"
                if voto.miembro_id == v.voto_dirimente_id
                else ("inhibido" if voto.sentido == Voto.Sentido.INHIBIDO else None)
            )
            cuenta[opcion] += 1
            if nominal:
                votos.append(
                    _sin_nulos(
                        {
                            "vote_event_id": f"votacion-{v.pk}",
                            "voter_id": f"persona-{voto.miembro.persona_id}",
                            "option": opcion,
                            "role": rol,
                        }
                    )
                )
        if not nominal:
            cuenta = {"yes": v.a_favor, "no": v.en_contra, "abstain": v.abstenciones}
        eventos.append(
            _sin_nulos(
                {
                    "id": f"votacion-{v.pk}",
                    "organization_id": f"organo-{sesion.organo_id}",
                    "legislative_session_id": f"sesion-{sesion.pk}",
                    "identifier": identificador,
                    "motion_id": f"mocion-{v.pk}",
                    "classification": v.get_forma_display(),
                    "start_date": _fecha_hora(v.abierta_en),
                    "end_date": _fecha_hora(v.cerrada_en or v.confirmada_en),
                    "result": resultado,
                    "counts": [{"option": o, "value": n} for o, n in cuenta.items()],
                    "votes": votos,
                }
            )
        )
    return mociones, eventos
