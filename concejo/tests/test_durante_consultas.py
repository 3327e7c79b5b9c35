"""El voto desde la pantalla en vivo (issue 4): con 40 miembros, anotar un voto y responder el panel no
relee por fila ni recalcula dos veces quién integra el pleno (guarda de consultas, sin medir tiempos)."""

import pytest
from django.test import Client

from bench.concejo_votos import preparar
from concejo.models import Voto
from concejo.selectors.cuerpo import fecha_local
from core.models import Evento, VersionDeDatos

pytestmark = pytest.mark.django_db


def test_voto_desde_la_pantalla_con_40_miembros_acota_las_consultas(django_assert_max_num_queries):
    secretario, votacion, regidores = preparar(miembros=40)
    cliente = Client()
    cliente.force_login(secretario)
    url = f"/concejo/votaciones/{votacion.pk}/voto/"
    cliente.post(
        url, {"miembro": regidores[0].pk, "sentido": "a_favor"}, HTTP_HX_REQUEST="true"
    )  # calentamiento
    eventos = Evento.objects.filter(accion="concejo.voto.registrar").count()
    with django_assert_max_num_queries(35):
        r = cliente.post(url, {"miembro": regidores[1].pk, "sentido": "en_contra"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count('data-votar="a_favor"') == 40  # los 40 regidores en sala (el alcalde solo dirime)
    assert 'aria-pressed="true" aria-label="En contra: ' in html
    assert "Faltan votar 38" in html
    assert Voto.objects.get(votacion=votacion, miembro=regidores[1]).sentido == "en_contra"
    assert Evento.objects.filter(accion="concejo.voto.registrar").count() == eventos + 1


def _consultas_a(tabla: str, consultas) -> int:
    return sum(
        1
        for c in consultas.captured_queries
        if f'"{tabla}"' in c["sql"] and c["sql"].lstrip().startswith("SELECT")
    )


def test_la_situacion_del_pleno_se_guarda_entre_votos_y_se_renueva_al_cambiar_el_cuerpo(secretario):
    """El voto en vivo no relee a los 40 miembros y sus estados a cada voto (la situación del pleno queda
    guardada con la versión del grupo «cuerpo» de `core.versiones`), pero un cambio de persona, de estado o
    de miembro se ve en el voto siguiente, por la pantalla y por la API."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token

    from concejo.services import cuerpo
    from core.services.personas import actualizar_persona

    secretaria, votacion, regidores = preparar(miembros=40)
    pantalla = Client()
    pantalla.force_login(secretaria)
    api = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=secretaria).key}")
    url = f"/concejo/votaciones/{votacion.pk}/voto/"
    url_api = f"/api/v1/concejo/votaciones/{votacion.pk}/votos/"

    def votar(miembro, sentido="a_favor"):
        with CaptureQueriesContext(connection) as consultas:
            r = pantalla.post(url, {"miembro": miembro.pk, "sentido": sentido}, HTTP_HX_REQUEST="true")
        assert r.status_code == 200, r.content[:300]
        return r.content.decode(), consultas

    _, primera = votar(regidores[0])
    assert _consultas_a("concejo_estadomiembro", primera) == 1  # la primera vez la calcula
    _, segunda = votar(regidores[1])
    assert _consultas_a("concejo_estadomiembro", segunda) == 0  # luego, la guardada
    r = api.post(
        url_api, {"miembro": regidores[2].pk, "sentido": "en_contra"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["calculo"]["en_contra"] == 1

    # Otro nombre de la persona: el voto siguiente la muestra.
    version = VersionDeDatos.objects.get(grupo="cuerpo").valor
    actualizar_persona(persona=regidores[3].persona, por=secretario, nombres="Rosa Nueva")
    assert VersionDeDatos.objects.get(grupo="cuerpo").valor != version
    html, tras_nombre = votar(regidores[3])
    assert "Rosa Nueva Bench" in html and _consultas_a("concejo_estadomiembro", tras_nombre) == 1

    # Una vacancia declarada: el asiento deja de estar entre quienes votan (la fila sale del panel).
    assert f'data-votante="{regidores[5].pk}"' in html
    cuerpo.registrar_estado(
        miembro=regidores[5],
        estado="vacado",
        desde=fecha_local(votacion.sesion.fecha),
        documento="Acuerdo de vacancia 1-2026",
        por=secretario,
    )
    html, _ = votar(regidores[4])
    assert f'data-votante="{regidores[5].pk}"' not in html

    # La API toma la misma situación guardada mientras el cuerpo no cambia, y la rehace cuando cambia.
    def votar_api(miembro):
        with CaptureQueriesContext(connection) as consultas:
            r = api.post(
                url_api, {"miembro": miembro.pk, "sentido": "abstencion"}, content_type="application/json"
            )
        assert r.status_code == 200
        return _consultas_a("concejo_estadomiembro", consultas)

    assert votar_api(regidores[6]) == 0
    cuerpo.registrar_estado(
        miembro=regidores[7],
        estado="licencia",
        desde=fecha_local(votacion.sesion.fecha),
        documento="Resolución 2-2026",
        por=secretario,
    )
    assert votar_api(regidores[6]) == 1
    assert votar_api(regidores[6]) == 0


def test_un_cambio_sin_save_tambien_renueva_la_situacion(secretario):
    """Los disparadores de `core.versiones` ven lo que las señales no veían: un `update()` de los estados o
    una carga masiva de miembros cambia la versión del cuerpo y el voto siguiente rehace la situación."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from concejo.models import EstadoMiembro

    _, votacion, regidores = preparar(miembros=5)
    pantalla = Client()
    pantalla.force_login(secretario)
    url = f"/concejo/votaciones/{votacion.pk}/voto/"

    def votar(miembro):
        with CaptureQueriesContext(connection) as consultas:
            r = pantalla.post(url, {"miembro": miembro.pk, "sentido": "a_favor"}, HTTP_HX_REQUEST="true")
        assert r.status_code == 200
        return r.content.decode(), _consultas_a("concejo_estadomiembro", consultas)

    votar(regidores[0])
    assert votar(regidores[1])[1] == 0  # guardada
    EstadoMiembro.objects.bulk_create(
        [
            EstadoMiembro(
                miembro=regidores[4], estado="vacado", desde=fecha_local(votacion.sesion.fecha), documento="x"
            )
        ]
    )
    html, releidas = votar(regidores[2])
    assert releidas == 1 and f'data-votante="{regidores[4].pk}"' not in html


@pytest.mark.parametrize("motor", ["postgresql", "sqlite"])
def test_la_migracion_del_cuerpo_guarda_el_sql_que_se_genera_hoy(motor):
    from importlib import import_module

    from core import versiones

    migracion = import_module("concejo.migrations.0007_version_del_cuerpo_por_disparadores")
    congelado = migracion.DISPARADORES_POSTGRESQL if motor == "postgresql" else migracion.DISPARADORES_SQLITE
    assert congelado == versiones.sql_disparadores("cuerpo", motor)
