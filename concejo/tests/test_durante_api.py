"""La sesión en vivo por la API con token: el camino del voto entero, entrada mala, permisos y el esquema."""

import pytest
import yaml
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token

from concejo.models import Decision, Sesion, Votacion, Voto
from concejo.tests.datos_durante import miembros
from concejo.tests.factories import PuntoFactory
from core.models import Evento

API = "/api/v1/concejo"


def _token(usuario) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=usuario)[0].key}"}


def post(client, url, usuario, datos=None):
    return client.post(url, datos or {}, content_type="application/json", **_token(usuario))


@pytest.fixture
def punto(sesion):
    return PuntoFactory(sesion=sesion, orden=1, titulo="Acuerdo de hermanamiento", instrumento="acuerdo")


def test_camino_del_voto_por_api(client, secretario, sesion, punto):
    m = miembros(sesion)
    r = client.get(f"{API}/sesiones/{sesion.pk}/en-vivo/", **_token(secretario))
    assert r.status_code == 200
    assert r.json()["quorum"]["hay_quorum"] is False and len(r.json()["asistencia"]) == 11
    for miembro in m[:8]:
        r = post(
            client,
            f"{API}/sesiones/{sesion.pk}/asistencia/",
            secretario,
            {"miembro": miembro.pk, "estado": "presente"},
        )
        assert r.status_code == 200, r.json()
    assert r.json()["quorum"] == {**r.json()["quorum"], "hay_quorum": True, "presentes": 8, "requerido": 6}
    r = post(client, f"{API}/sesiones/{sesion.pk}/instalar/", secretario, {"preside": m[0].pk})
    assert r.status_code == 200 and r.json()["estado"] == "instalada"
    assert r.json()["quorum_al_instalar"]["presentes"] == 8
    r = post(client, f"{API}/puntos/{punto.pk}/tomar/", secretario)
    assert r.status_code == 200 and r.json()["puntos"][0]["estado"] == "en_debate"
    r = post(
        client,
        f"{API}/puntos/{punto.pk}/intervenciones/",
        secretario,
        {"miembro": m[1].pk, "resumen": "A favor del hermanamiento."},
    )
    assert r.status_code == 200
    r = post(
        client,
        f"{API}/puntos/{punto.pk}/votaciones/",
        secretario,
        {"mocion": "Aprobar el hermanamiento", "forma": "nominal"},
    )
    assert r.status_code == 201, r.json()
    votacion = r.json()
    assert votacion["estado"] == "abierta" and votacion["mayoria"] == "simple_presentes"
    for miembro in m[1:8]:
        r = post(
            client,
            f"{API}/votaciones/{votacion['id']}/votos/",
            secretario,
            {"miembro": miembro.pk, "sentido": "a_favor" if miembro.pk != m[7].pk else "en_contra"},
        )
        assert r.status_code == 200
    assert r.json()["resultado"] == "aprobado"
    assert r.json()["calculo"]["a_favor"] == 6 and r.json()["calculo"]["en_contra"] == 1
    assert len(r.json()["votos"]) == 7
    r = post(client, f"{API}/votaciones/{votacion['id']}/cerrar/", secretario)
    assert r.status_code == 200 and r.json()["estado"] == "cerrada"
    assert [v["sentido"] for v in r.json()["votos"]].count("ausente") == 3
    r = post(client, f"{API}/votaciones/{votacion['id']}/confirmar/", secretario)
    assert r.status_code == 200 and r.json()["estado"] == "confirmada"
    decision = Decision.objects.get()
    assert r.json()["decision"] == decision.pk and decision.instrumento == "acuerdo"
    r = client.get(f"{API}/votaciones/{votacion['id']}/", **_token(secretario))
    assert r.status_code == 200 and r.json()["resultado"] == "aprobado"
    r = post(client, f"{API}/sesiones/{sesion.pk}/levantar/", secretario)
    assert r.status_code == 200 and r.json()["estado"] == "levantada"
    assert Evento.objects.filter(accion__startswith="concejo.").count() >= 20


def test_api_entrada_mala_en_espanol(client, secretario, sesion, punto):
    m = miembros(sesion)
    r = post(client, f"{API}/sesiones/{sesion.pk}/instalar/", secretario)
    assert r.status_code == 400 and r.json()["error"].startswith("No hay quórum: 0 presentes")
    r = post(
        client, f"{API}/sesiones/{sesion.pk}/asistencia/", secretario, {"miembro": m[0].pk, "estado": "x"}
    )
    assert r.status_code == 400 and "estado" in r.json()["campos"]
    r = post(
        client, f"{API}/sesiones/{sesion.pk}/asistencia/", secretario, {"miembro": 0, "estado": "presente"}
    )
    assert r.status_code == 400 and r.json()["campos"]["miembro"] == ["Elija un miembro del concejo."]
    for miembro in m[:8]:
        post(
            client,
            f"{API}/sesiones/{sesion.pk}/asistencia/",
            secretario,
            {"miembro": miembro.pk, "estado": "presente"},
        )
    post(client, f"{API}/sesiones/{sesion.pk}/instalar/", secretario)
    r = post(
        client,
        f"{API}/puntos/{punto.pk}/votaciones/",
        secretario,
        {"mocion": "x", "forma": "nominal_razonada"},
    )
    assert r.status_code == 400 and "no admite esa forma" in str(r.json()["campos"]["forma"])
    r = post(
        client, f"{API}/puntos/{punto.pk}/votaciones/", secretario, {"mocion": "x", "forma": "ordinaria"}
    )
    v = r.json()["id"]
    r = post(client, f"{API}/votaciones/{v}/conteo/", secretario, {"a_favor": 9, "en_contra": 0})
    assert (
        r.status_code == 400
        and r.json()["error"] == "Los votos suman 9 y solo hay 7 miembros en sala que votan."
    )
    r = post(client, f"{API}/votaciones/{v}/conteo/", secretario, {"a_favor": -1, "en_contra": 0})
    assert r.status_code == 400 and "a_favor" in r.json()["campos"]
    r = post(client, f"{API}/votaciones/{v}/votos/", secretario, {"miembro": m[1].pk, "sentido": "a_favor"})
    assert r.status_code == 400 and "conteos" in r.json()["error"]
    assert not Voto.objects.exists()
    assert Votacion.objects.get().a_favor == 0


def test_api_permisos(client, secretario, regidor, ajeno, sesion, punto):
    m = miembros(sesion)
    url = f"{API}/sesiones/{sesion.pk}/asistencia/"
    datos = {"miembro": m[0].pk, "estado": "presente"}
    assert client.post(url, datos, content_type="application/json").status_code == 401
    assert post(client, url, regidor, datos).status_code == 403
    assert post(client, url, ajeno, datos).status_code == 404
    assert client.get(f"{API}/sesiones/{sesion.pk}/en-vivo/", **_token(regidor)).status_code == 403
    assert client.get(f"{API}/sesiones/{sesion.pk}/en-vivo/", **_token(ajeno)).status_code == 404
    assert post(client, f"{API}/puntos/{punto.pk}/tomar/", ajeno).status_code == 404
    assert client.get(url, **_token(secretario)).status_code == 405
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.CONVOCADA and not sesion.asistencias.exists()


def test_esquema_openapi_valido_con_la_sesion_en_vivo(client, db):
    esquema = yaml.safe_load(client.get(reverse("api-schema")).content)
    validate_schema(esquema)
    rutas = esquema["paths"]
    for ruta in (
        "/api/v1/concejo/sesiones/{id}/en-vivo/",
        "/api/v1/concejo/votaciones/{id}/votos/",
        "/api/v1/concejo/puntos/{id}/votaciones/",
        "/api/v1/concejo/votaciones/{id}/confirmar/",
    ):
        assert ruta in rutas, ruta


def test_esquema_cada_accion_con_su_operacion_entrada_y_salida(client, db):
    # Las acciones se crean con una fábrica; cada una debe llevar su propio operation_id, su entrada y su
    # salida (no la de la última acción creada), y sus componentes no deben chocar con los de otras APIs.
    esquema = yaml.safe_load(client.get(reverse("api-schema")).content)
    rutas, componentes = esquema["paths"], esquema["components"]["schemas"]

    def entrada(op):
        return (
            op.get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema", {})
            .get("$ref")
        )

    def salida(op):
        return op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]

    esperado = {
        "sesiones/{id}/asistencia/": ("concejo_sesionasistencia", "AsistenciaEntrada", "EnVivoSalida"),
        "sesiones/{id}/suspender/": ("concejo_sesionsuspender", "MotivoOpcionalEntrada", "EnVivoSalida"),
        "sesiones/{id}/levantar/": ("concejo_sesionlevantar", None, "EnVivoSalida"),
        "puntos/{id}/tomar/": ("concejo_puntotomar", None, "EnVivoSalida"),
        "puntos/{id}/notas/": ("concejo_puntonotas", "NotasEntrada", "EnVivoSalida"),
        "votaciones/{id}/votos/": ("concejo_votacionvoto", "VotoEntrada", "VotacionSalida"),
        "votaciones/{id}/anular/": ("concejo_votacionanular", "MotivoObligatorio", "VotacionSalida"),
    }
    for ruta, (operacion, ent, sal) in esperado.items():
        op = rutas[f"/api/v1/concejo/{ruta}"]["post"]
        assert op["operationId"] == operacion, ruta
        assert entrada(op) == (f"#/components/schemas/{ent}" if ent else None), ruta
        assert salida(op) == f"#/components/schemas/{sal}", ruta
    ids = [
        op["operationId"]
        for ruta, ops in rutas.items()
        if ruta.startswith("/api/v1/concejo/")
        for op in ops.values()
        if isinstance(op, dict) and "operationId" in op
    ]
    assert len(ids) == len(set(ids))
    # El punto del orden del día (concejo.api.antes) y el de la sesión en vivo son componentes distintos.
    assert "estado" in componentes["PuntoEnVivoSalida"]["properties"]
    assert "notas" in componentes["PuntoEnVivoSalida"]["properties"]


def test_votacion_datos_a_mano_igual_al_serializador(client, secretario, sesion, punto):
    """La salida armada a mano (`votacion_datos`) es exactamente la del esquema (`VotacionSalida`)."""
    from concejo.api.durante import VotacionSalida, votacion_datos

    m = miembros(sesion)
    for miembro in m[:8]:
        post(
            client,
            f"{API}/sesiones/{sesion.pk}/asistencia/",
            secretario,
            {"miembro": miembro.pk, "estado": "presente"},
        )
    post(client, f"{API}/sesiones/{sesion.pk}/instalar/", secretario, {"preside": m[0].pk})
    id_ = post(
        client, f"{API}/puntos/{punto.pk}/votaciones/", secretario, {"mocion": "Aprobar", "forma": "nominal"}
    ).json()["id"]
    for i, miembro in enumerate(m[1:8]):
        post(
            client,
            f"{API}/votaciones/{id_}/votos/",
            secretario,
            {
                "miembro": miembro.pk,
                "sentido": ["a_favor", "a_favor", "abstencion"][i % 3],
                "fundamento": f"F{i}",
            },
        )

    def del_serializador():
        v = Votacion.objects.get(pk=id_)
        v.votos_ordenados = list(
            v.votos.select_related("miembro__persona").order_by("miembro__orden", "miembro_id")
        )
        v.decision_id = v.decision.pk if v.estado == "confirmada" and hasattr(v, "decision") else None
        return VotacionSalida(v).data

    for paso in (None, "cerrar", "confirmar"):
        if paso:
            assert post(client, f"{API}/votaciones/{id_}/{paso}/", secretario).status_code == 200
        esperado = del_serializador()
        assert votacion_datos(Votacion.objects.get(pk=id_)) == esperado
        assert client.get(f"{API}/votaciones/{id_}/", **_token(secretario)).json() == esperado
    assert esperado["decision"] == Decision.objects.get().pk and len(esperado["votos"]) == 10
