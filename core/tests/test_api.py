"""API base: esquema OpenAPI, página de documentación sin internet, autenticación por token,
cuerpos de error en español, paginación, y los puntos /unidades/ y /personas/."""

import json
import re

import pytest
import yaml
from django.urls import reverse
from drf_spectacular.validation import validate_schema as validar_openapi
from rest_framework.authtoken.models import Token

from core.models import Evento, Persona
from core.tests.factories import PersonaFactory, UnidadFactory

PERSONAS = "/api/v1/personas/"
UNIDADES = "/api/v1/unidades/"


def _token(usuario) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=usuario)[0].key}"}


# --- Esquema y documentación ---------------------------------------------------------------


def test_esquema_openapi_valido_con_las_rutas(client, db):
    r = client.get(reverse("api-schema"))
    assert r.status_code == 200
    esquema = yaml.safe_load(r.content)  # YAML por defecto; ?format=json da JSON
    assert esquema["openapi"].startswith("3.")
    validar_openapi(esquema)
    rutas = esquema["paths"]
    for ruta in ("/api/v1/yo/", "/api/v1/unidades/", "/api/v1/personas/", "/api/v1/personas/{id}/"):
        assert ruta in rutas, ruta
    assert set(rutas["/api/v1/personas/"]) >= {"get", "post"}
    # La lista está paginada en el esquema, y el token está documentado como medio de autenticación.
    lista = rutas["/api/v1/personas/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert "Paginated" in lista["$ref"]
    assert "tokenAuth" in esquema["components"]["securitySchemes"]
    r = client.get(reverse("api-schema") + "?format=json")
    assert json.loads(r.content)["paths"].keys() == rutas.keys()


def test_pagina_de_documentacion_sin_recursos_externos(client, db):
    r = client.get(reverse("api-docs"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "swagger-ui" in html.lower()
    # Todo se sirve desde /static/ (drf-spectacular-sidecar): la página funciona sin internet.
    recursos = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)["\']', html)
    assert recursos, "la página debería cargar recursos"
    # El script que arranca Swagger UI es un archivo aparte (sin scripts en línea: CSP).
    arranque = [url for url in recursos if url.startswith(reverse("api-docs") + "?")]
    assert len(arranque) == 1 and "<script>" not in html
    for url in recursos:
        assert url.startswith("/static/") or url in arranque, url
    script = client.get(arranque[0]).content.decode()
    # Swagger UI consulta validator.swagger.io salvo que se desactive (SWAGGER_UI_SETTINGS).
    assert '"validatorUrl": null' in script
    for texto in (html, script):
        assert not re.search(r"https?://(?!127\.0\.0\.1|localhost|testserver)", texto), "URL externa"
    for url in recursos:
        assert client.get(url).status_code == 200, url


# --- Autenticación y errores ------------------------------------------------------------------


def test_token_autentica(client, secretario):
    r = client.get("/api/v1/yo/", **_token(secretario))
    assert r.status_code == 200
    assert r.json()["username"] == "secretario"


def test_sin_autenticar_401_en_espanol(client, db):
    r = client.get("/api/v1/yo/")
    assert r.status_code == 401
    cuerpo = r.json()
    assert set(cuerpo) == {"error"}
    assert "autenticación" in cuerpo["error"]
    assert r["WWW-Authenticate"].startswith("Token")


def test_token_invalido_401_en_espanol(client, db):
    r = client.get("/api/v1/yo/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert r.status_code == 401
    assert r.json() == {"error": "Token inválido."}


def test_sesion_del_navegador_tambien_sirve(cliente_de, mesa_de_partes):
    r = cliente_de(mesa_de_partes).get(PERSONAS)
    assert r.status_code == 200


# --- Unidades (organigrama) ------------------------------------------------------------------


def test_unidades_organigrama(client, jefe_unidad, unidad_sg):
    hija = UnidadFactory(sigla="SUB", nombre="Subgerencia de Obras", padre=jefe_unidad.unidad, orden=5)
    UnidadFactory(sigla="VIEJA", nombre="Unidad desactivada", activa=False)
    r = client.get(UNIDADES, **_token(jefe_unidad))
    assert r.status_code == 200
    datos = {u["sigla"]: u for u in r.json()["results"]}
    assert "VIEJA" not in datos
    assert datos["SUB"]["padre"] == jefe_unidad.unidad.pk and datos["SUB"]["padre_sigla"] == "GDU"
    assert datos["SUB"]["id"] == hija.pk
    assert datos["GDU"]["jefe"] == jefe_unidad.get_full_name()
    assert datos["SG"]["padre"] is None and datos["SG"]["jefe"] is None
    r = client.get(UNIDADES + "?inactivas=1", **_token(jefe_unidad))
    assert "VIEJA" in {u["sigla"] for u in r.json()["results"]}


def test_unidades_para_regidor_sin_unidad(client, regidor, unidad_sg):
    r = client.get(UNIDADES, **_token(regidor))
    assert r.status_code == 200
    assert r.json()["count"] == 1


def test_unidades_prohibidas_al_ciudadano(client, ciudadano, unidad_sg):
    r = client.get(UNIDADES, **_token(ciudadano))
    assert r.status_code == 403
    assert r.json() == {"error": "Solo el personal de la municipalidad puede consultar esto."}


def test_unidades_sin_consultas_n_mas_1(client, secretario, django_assert_max_num_queries):
    for i in range(15):
        UnidadFactory(sigla=f"X{i}", padre=secretario.unidad, jefe=secretario)
    cabecera = _token(secretario)
    # token + grupos + conteo + página: la cantidad no crece con las unidades.
    with django_assert_max_num_queries(6):
        r = client.get(UNIDADES, **cabecera)
    assert r.json()["count"] == 16


def test_paginacion_claves_y_tamano(client, secretario):
    for i in range(7):
        UnidadFactory(sigla=f"P{i}", orden=i)
    r = client.get(UNIDADES + "?por_pagina=3&pagina=2", **_token(secretario))
    assert r.status_code == 200
    cuerpo = r.json()
    assert set(cuerpo) == {"count", "next", "previous", "results"}
    assert cuerpo["count"] == 8  # SG + 7
    assert len(cuerpo["results"]) == 3
    assert "pagina=3" in cuerpo["next"] and cuerpo["previous"]
    # Una página que no existe es un error del pedido (400, dicho en `campos.pagina`), no un 404.
    r = client.get(UNIDADES + "?pagina=99", **_token(secretario))
    assert r.status_code == 400
    assert r.json()["campos"] == {"pagina": ["La página 99 no existe: hay 1 página."]}
    for mala in ("0", "-1", "abc", "²"):
        r = client.get(UNIDADES, {"pagina": mala}, **_token(secretario))
        assert r.status_code == 400, mala
        assert "entero" in r.json()["campos"]["pagina"][0]


# --- Personas -------------------------------------------------------------------------------


def test_personas_lista_y_busqueda(client, mesa_de_partes):
    PersonaFactory(nombres="Juan Carlos", apellidos="Ramírez Poma", numero_documento="45871236")
    PersonaFactory(nombres="María", apellidos="Gutiérrez Salas", numero_documento="10293847")
    r = client.get(PERSONAS, **_token(mesa_de_partes))
    assert r.status_code == 200
    assert r.json()["count"] == 2
    r = client.get(PERSONAS + "?q=ramírez juan", **_token(mesa_de_partes))
    assert [p["numero_documento"] for p in r.json()["results"]] == ["45871236"]
    r = client.get(PERSONAS + "?q=Ramírez", **_token(mesa_de_partes))
    assert [p["numero_documento"] for p in r.json()["results"]] == ["45871236"]
    r = client.get(PERSONAS + "?q=1029", **_token(mesa_de_partes))
    assert [p["nombre_completo"] for p in r.json()["results"]] == ["María Gutiérrez Salas"]


def test_persona_detalle(client, mesa_de_partes):
    p = PersonaFactory(nombres="Ana", apellidos="Soto", numero_documento="12345678")
    r = client.get(f"{PERSONAS}{p.pk}/", **_token(mesa_de_partes))
    assert r.status_code == 200
    assert r.json()["numero_documento"] == "12345678" and r.json()["nombre_completo"] == "Ana Soto"


def test_persona_inexistente_404(client, mesa_de_partes):
    r = client.get(f"{PERSONAS}999999/", **_token(mesa_de_partes))
    assert r.status_code == 404
    assert r.json() == {"error": "No encontrado."}


def test_registrar_persona(client, mesa_de_partes):
    datos = {
        "tipo": "natural",
        "tipo_documento": "DNI",
        "numero_documento": "4587-1236",
        "nombres": "Juan Carlos",
        "apellidos": "Ramírez Poma",
        "correo": "juan@ejemplo.pe",
    }
    r = client.post(PERSONAS, datos, content_type="application/json", **_token(mesa_de_partes))
    assert r.status_code == 201, r.content
    persona = Persona.objects.get()
    assert r.json()["id"] == persona.pk
    assert persona.numero_documento == "45871236"  # normalizado por el servicio
    evento = Evento.objects.get(accion="core.persona.registrar")
    assert evento.actor == mesa_de_partes
    assert evento.objeto_id == str(persona.pk)
    assert evento.despues["numero_documento"] == "45871236"


def test_registrar_persona_juridica(client, secretario):
    datos = {
        "tipo": "juridica",
        "tipo_documento": "RUC",
        "numero_documento": "20100070970",
        "razon_social": "Constructora Los Andes S.A.C.",
    }
    r = client.post(PERSONAS, datos, content_type="application/json", **_token(secretario))
    assert r.status_code == 201, r.content
    assert r.json()["nombre_completo"] == "Constructora Los Andes S.A.C."


def test_registrar_persona_campos_faltantes_400(client, mesa_de_partes):
    r = client.post(
        PERSONAS, {"tipo_documento": "XYZ"}, content_type="application/json", **_token(mesa_de_partes)
    )
    assert r.status_code == 400
    cuerpo = r.json()
    assert cuerpo["error"] == "Los datos enviados no son válidos."
    assert cuerpo["campos"]["numero_documento"] == ["Este campo es requerido."]
    assert "no es una elección válida" in cuerpo["campos"]["tipo_documento"][0]
    assert not Persona.objects.exists() and not Evento.objects.exists()


def test_registrar_persona_documento_invalido_400(client, mesa_de_partes):
    datos = {
        "tipo": "natural",
        "tipo_documento": "DNI",
        "numero_documento": "123",
        "nombres": "Juan",
        "apellidos": "Pérez",
    }
    r = client.post(PERSONAS, datos, content_type="application/json", **_token(mesa_de_partes))
    assert r.status_code == 400
    assert r.json()["campos"] == {"numero_documento": ["El DNI debe tener exactamente 8 dígitos."]}
    assert not Persona.objects.exists() and not Evento.objects.exists()


def test_registrar_persona_duplicada_400(client, mesa_de_partes):
    PersonaFactory(tipo_documento="DNI", numero_documento="45871236")
    datos = {
        "tipo": "natural",
        "tipo_documento": "DNI",
        "numero_documento": "45871236",
        "nombres": "Otro",
        "apellidos": "Nombre",
    }
    r = client.post(PERSONAS, datos, content_type="application/json", **_token(mesa_de_partes))
    assert r.status_code == 400
    assert "Ya hay una persona registrada" in r.json()["campos"]["numero_documento"][0]
    assert Persona.objects.count() == 1 and not Evento.objects.exists()


@pytest.mark.parametrize("metodo", ["get", "post"])
def test_personas_403_sin_permiso(client, regidor, metodo):
    p = PersonaFactory()
    r = getattr(client, metodo)(
        PERSONAS,
        {"tipo_documento": "DNI", "numero_documento": "45871236", "nombres": "A", "apellidos": "B"}
        if metodo == "post"
        else None,
        content_type="application/json",
        **_token(regidor),
    )
    assert r.status_code == 403
    assert r.json() == {"error": "No tiene permiso para gestionar personas."}
    assert list(Persona.objects.all()) == [p] and not Evento.objects.exists()
    r = client.get(f"{PERSONAS}{p.pk}/", **_token(regidor))
    assert r.status_code == 403


def test_personas_401_sin_autenticar(client, db):
    r = client.post(PERSONAS, {}, content_type="application/json")
    assert r.status_code == 401
    assert "error" in r.json()
    assert not Persona.objects.exists()


def test_metodo_no_permitido_405_en_espanol(client, mesa_de_partes):
    p = PersonaFactory()
    r = client.delete(f"{PERSONAS}{p.pk}/", **_token(mesa_de_partes))
    assert r.status_code == 405
    assert "error" in r.json() and "DELETE" in r.json()["error"]
    assert Persona.objects.filter(pk=p.pk).exists()
