"""Exportación Popolo: GET /api/v1/concejo/popolo/ sin ingreso; cada objeto valida contra los esquemas de
../shared/standards/popolo/ (draft-03, con sus $ref resueltos entre esos archivos, sin red)."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from concejo.models import Asistencia, IntegranteComision, Organo, Votacion, Voto
from concejo.tests.factories import MiembroFactory, PuntoFactory, SesionFactory, concejo_completo

ESQUEMAS = Path(settings.BASE_DIR).parent / "shared" / "standards" / "popolo"
URL = "/api/v1/concejo/popolo/"


def _validadores() -> dict[str, Draft3Validator]:
    recursos = []
    for archivo in ESQUEMAS.glob("*.json"):
        contenido = json.loads(archivo.read_text())
        recurso = Resource.from_contents(contenido, default_specification=DRAFT3)
        base = contenido["id"].rstrip("#")
        recursos += [(base, recurso), (base + "#", recurso)]
    registro = Registry().with_resources(recursos)
    validadores = {}
    for nombre in ("person", "organization", "membership", "motion", "vote_event", "vote", "count"):
        esquema = json.loads((ESQUEMAS / f"{nombre}.json").read_text())
        validadores[nombre] = Draft3Validator(
            esquema, registry=registro, format_checker=Draft3Validator.FORMAT_CHECKER
        )
    return validadores


@pytest.fixture(scope="module")
def validadores():
    if not ESQUEMAS.is_dir():
        # ../shared/standards/README.md: en un clon sin esa carpeta la prueba se omite diciéndolo.
        pytest.skip(f"No están los esquemas Popolo en {ESQUEMAS} (clon sin ../shared/standards/)")
    return _validadores()


def _sesion_con_votaciones(secretario):
    pleno = concejo_completo(regidores=8)  # número legal 9
    alcalde, *regs = list(pleno.periodo.miembros.order_by("orden", "id"))
    suplente = MiembroFactory(periodo=pleno.periodo, suplente_de=regs[0], partido="Otro Partido")
    comision = Organo.objects.create(
        periodo=pleno.periodo, tipo="comision_ordinaria", nombre="Comisión de Obras"
    )
    IntegranteComision.objects.create(
        organo=comision, miembro=regs[1], funcion="presidente", desde=pleno.periodo.inicio
    )
    sesion = SesionFactory(
        organo=pleno, estado="levantada", fecha=datetime(2026, 3, 10, 10, tzinfo=ZoneInfo("America/Lima"))
    )
    for m in [alcalde, *regs]:
        Asistencia.objects.create(sesion=sesion, miembro=m, estado="presente")
    punto = PuntoFactory(sesion=sesion, clase="dictamen", titulo="Dictamen de la Comisión de Obras")
    nominal = Votacion.objects.create(
        sesion=sesion,
        punto=punto,
        numero=1,
        mocion="Aprobar el dictamen de la Comisión de Obras",
        forma="nominal",
        mayoria="simple_presentes",
        estado="confirmada",
        resultado="aprobado",
        voto_dirimente=alcalde,
        sentido_dirimente="a_favor",
    )
    sentidos = ["a_favor", "a_favor", "a_favor", "en_contra", "en_contra", "en_contra", "inhibido", "ausente"]
    for m, s in zip(regs, sentidos, strict=True):
        Voto.objects.create(votacion=nominal, miembro=m, sentido=s)
    Voto.objects.create(votacion=nominal, miembro=alcalde, sentido="a_favor")
    ordinaria = Votacion.objects.create(
        sesion=sesion,
        punto=punto,
        numero=2,
        mocion="Dispensar del trámite de lectura del acta",
        forma="ordinaria",
        mayoria="dos_tercios_legal",
        estado="confirmada",
        resultado="rechazado",
        a_favor=5,
        en_contra=3,
        abstenciones=0,
    )
    # Ni una votación abierta ni una de sesión no pública salen en la exportación.
    Votacion.objects.create(
        sesion=sesion, punto=punto, numero=3, mocion="Abierta", forma="nominal", mayoria="simple_presentes"
    )
    privada = SesionFactory(organo=pleno, estado="levantada", publica=False)
    Votacion.objects.create(
        sesion=privada,
        punto=PuntoFactory(sesion=privada),
        numero=1,
        mocion="Reservada",
        forma="ordinaria",
        mayoria="simple_presentes",
        estado="confirmada",
        resultado="aprobado",
    )
    return pleno, alcalde, regs, suplente, comision, sesion, nominal, ordinaria


def test_popolo_valida_contra_los_esquemas(client, secretario, validadores):
    pleno, alcalde, regs, suplente, comision, sesion, nominal, ordinaria = _sesion_con_votaciones(secretario)
    client.logout()
    r = client.get(URL)
    assert r.status_code == 200 and r["Content-Type"].startswith("application/json")
    doc = r.json()
    assert set(doc) == {"persons", "organizations", "memberships", "motions", "vote_events"}
    tipos = {
        "persons": "person",
        "organizations": "organization",
        "memberships": "membership",
        "motions": "motion",
        "vote_events": "vote_event",
    }
    for clave, esquema in tipos.items():
        assert doc[clave], clave
        for objeto in doc[clave]:
            errores = list(validadores[esquema].iter_errors(objeto))
            assert not errores, (clave, objeto, [e.message for e in errores])
    for evento in doc["vote_events"]:
        for voto in evento.get("votes", []):
            assert not list(validadores["vote"].iter_errors(voto))
        for cuenta in evento["counts"]:
            assert not list(validadores["count"].iter_errors(cuenta))

    # Personas: los 9 titulares y el suplente, sin documento de identidad ni correo.
    assert len(doc["persons"]) == 10
    assert all(set(p) <= {"id", "name", "given_name", "family_name", "sort_name"} for p in doc["persons"])
    # Órganos: pleno, comisión (hija del pleno) y los partidos.
    orgs = {o["id"]: o for o in doc["organizations"]}
    assert orgs[f"organo-{pleno.pk}"]["classification"] == "council"
    assert orgs[f"organo-{comision.pk}"]["parent_id"] == f"organo-{pleno.pk}"
    assert {o["name"] for o in doc["organizations"] if o["classification"] == "party"} == {
        "Alianza Vecinal",
        "Otro Partido",
    }
    miembros = {m["id"]: m for m in doc["memberships"]}
    assert miembros[f"miembro-{suplente.pk}"]["label"] == f"Suplente de {regs[0].persona}"
    assert miembros[f"miembro-{alcalde.pk}"]["role"] == "Alcalde / presidente"
    assert any(
        m["organization_id"] == f"organo-{comision.pk}" and m["role"] == "Presidente"
        for m in doc["memberships"]
    )

    # Mociones y votaciones: solo las confirmadas de sesiones públicas.
    assert [m["id"] for m in doc["motions"]] == [f"mocion-{nominal.pk}", f"mocion-{ordinaria.pk}"]
    assert doc["motions"][0]["requirement"] == "Mayoría simple de los presentes"
    eventos = {e["id"]: e for e in doc["vote_events"]}
    ev = eventos[f"votacion-{nominal.pk}"]
    assert ev["result"] == "pass" and ev["motion_id"] == f"mocion-{nominal.pk}"
    cuentas = {c["option"]: c["value"] for c in ev["counts"]}
    assert cuentas == {"yes": 4, "no": 3, "abstain": 0, "absent": 1, "not voting": 1}
    votos = {v["voter_id"]: v for v in ev["votes"]}
    assert votos[f"persona-{regs[6].persona_id}"] == {
        "vote_event_id": ev["id"],
        "voter_id": f"persona-{regs[6].persona_id}",
        "option": "not voting",
        "role": "inhibido",
    }
    assert votos[f"persona-{alcalde.persona_id}"]["role"] == "voto dirimente"
    assert votos[f"persona-{regs[7].persona_id}"]["option"] == "absent"
    # Cada votante es una persona del documento.
    personas = {p["id"] for p in doc["persons"]}
    assert set(votos) <= personas
    ev2 = eventos[f"votacion-{ordinaria.pk}"]
    assert ev2["result"] == "fail" and "votes" not in ev2
    assert {c["option"]: c["value"] for c in ev2["counts"]} == {"yes": 5, "no": 3, "abstain": 0}


def test_popolo_vacio_es_valido(client, db, validadores):
    r = client.get(URL)
    assert r.status_code == 200
    assert r.json() == {
        "persons": [],
        "organizations": [],
        "memberships": [],
        "motions": [],
        "vote_events": [],
    }


def test_popolo_para_descargar(client, db):
    r = client.get(URL + "?descargar=1")
    assert r.status_code == 200 and 'attachment; filename="concejo-popolo.json"' == r["Content-Disposition"]


def test_un_objeto_malo_no_valida(validadores):
    # La prueba puede fallar: un conteo sin valor o una persona con correo inválido no pasan.
    assert list(validadores["count"].iter_errors({"option": "yes"}))
    assert list(
        validadores["vote_event"].iter_errors({"id": "x", "counts": [{"option": "yes", "value": "tres"}]})
    )
    assert list(validadores["membership"].iter_errors({"id": 5}))
