import pytest
from django.urls import reverse

from core.models import Cargo, Evento, UnidadOrganica
from core.tests.factories import CargoFactory, UnidadFactory


@pytest.fixture
def arbol(db):
    alc = UnidadFactory(sigla="ALC", nombre="Alcaldía", orden=0)
    gm = UnidadFactory(sigla="GM", nombre="Gerencia Municipal", padre=alc, orden=1)
    gdu = UnidadFactory(sigla="GDUX", nombre="Gerencia de Desarrollo Urbano X", padre=gm, orden=2)
    return alc, gm, gdu


# Organigrama -------------------------------------------------------------------------------------


def test_organigrama_anidado(cliente_de, secretario, arbol, django_assert_max_num_queries):
    gm = arbol[1]
    CargoFactory(unidad=gm, nombre="Gerente Municipal")
    cliente = cliente_de(secretario)
    with django_assert_max_num_queries(12):
        r = cliente.get(reverse("core:unidades"))
    html = r.content.decode()
    assert r.status_code == 200
    # GDUX aparece dentro del <li> de GM, que está dentro del de ALC.
    i_alc, i_gm, i_gdu = (
        html.index('data-unidad="ALC"'),
        html.index('data-unidad="GM"'),
        html.index('data-unidad="GDUX"'),
    )
    assert i_alc < i_gm < i_gdu
    assert "Gerente Municipal" in html


def test_organigrama_no_crece_en_consultas(cliente_de, secretario, arbol, django_assert_max_num_queries):
    cliente = cliente_de(secretario)
    cliente.get(reverse("core:unidades"))
    padre = arbol[2]
    for i in range(15):
        padre = UnidadFactory(sigla=f"N{i}", padre=padre)
        CargoFactory(unidad=padre)
    with django_assert_max_num_queries(12):
        assert cliente.get(reverse("core:unidades")).status_code == 200


def test_crear_unidad(cliente_de, secretario, arbol, jefe_unidad):
    alc = arbol[0]
    r = cliente_de(secretario).post(
        reverse("core:unidad-crear"),
        {"nombre": "Oficina de Imagen", "sigla": "oii", "padre": alc.pk, "jefe": jefe_unidad.pk, "orden": 3},
    )
    assert r.status_code == 302
    u = UnidadOrganica.objects.get(sigla="OII")
    assert u.padre == alc and u.jefe == jefe_unidad
    e = Evento.objects.de_objeto(u).get()
    assert e.accion == "core.unidad.crear" and e.actor == secretario and e.despues["sigla"] == "OII"


def test_crear_unidad_sigla_repetida(cliente_de, secretario, arbol):
    antes = UnidadOrganica.objects.count()
    r = cliente_de(secretario).post(
        reverse("core:unidad-crear"), {"nombre": "Otra", "sigla": "gm", "orden": 0}
    )
    assert r.status_code == 200
    assert "Ya existe" in r.content.decode()
    assert UnidadOrganica.objects.count() == antes
    assert not Evento.objects.exists()


def test_editar_unidad(cliente_de, secretario, arbol):
    alc, gm, gdu = arbol
    r = cliente_de(secretario).post(
        reverse("core:unidad-editar", args=[gdu.pk]),
        {"nombre": "Gerencia de Obras", "sigla": "GO", "padre": alc.pk, "orden": 5},
    )
    assert r.status_code == 302
    gdu.refresh_from_db()
    assert (gdu.nombre, gdu.sigla, gdu.padre) == ("Gerencia de Obras", "GO", alc)
    e = Evento.objects.de_objeto(gdu).get()
    assert e.accion == "core.unidad.editar"
    assert e.antes["padre"] == gm.pk and e.despues["padre"] == alc.pk


def test_editar_unidad_rechaza_ciclo(cliente_de, secretario, arbol):
    alc, _, gdu = arbol
    r = cliente_de(secretario).post(
        reverse("core:unidad-editar", args=[alc.pk]),
        {"nombre": "Alcaldía", "sigla": "ALC", "padre": gdu.pk, "orden": 0},
    )
    assert r.status_code == 200
    assert "no puede depender de sí misma ni de una unidad que depende de ella" in r.content.decode()
    alc.refresh_from_db()
    assert alc.padre is None
    assert not Evento.objects.exists()


def test_editar_unidad_no_puede_depender_de_si_misma(cliente_de, secretario, arbol):
    gm = arbol[1]
    r = cliente_de(secretario).post(
        reverse("core:unidad-editar", args=[gm.pk]),
        {"nombre": "GM", "sigla": "GM", "padre": gm.pk, "orden": 0},
    )
    assert r.status_code == 200  # no está entre las opciones: el formulario la rechaza
    assert "Escoja una opción válida" in r.content.decode()
    gm.refresh_from_db()
    assert gm.padre == arbol[0]


def test_desactivar_unidad(cliente_de, secretario, arbol):
    gdu = arbol[2]
    r = cliente_de(secretario).post(reverse("core:unidad-desactivar", args=[gdu.pk]))
    assert r.status_code == 302
    gdu.refresh_from_db()
    assert gdu.activa is False
    assert UnidadOrganica.objects.filter(pk=gdu.pk).exists()
    e = Evento.objects.de_objeto(gdu).get()
    assert e.accion == "core.unidad.desactivar" and e.antes["activa"] is True and e.despues["activa"] is False


def test_desactivar_unidad_con_hijas_activas_se_niega(cliente_de, secretario, arbol):
    gm = arbol[1]
    r = cliente_de(secretario).post(reverse("core:unidad-desactivar", args=[gm.pk]), follow=True)
    assert "tiene unidades dependientes activas" in r.content.decode()
    gm.refresh_from_db()
    assert gm.activa is True
    assert not Evento.objects.exists()


def test_desactivar_unidad_por_get_405(cliente_de, secretario, arbol):
    gdu = arbol[2]
    assert cliente_de(secretario).get(reverse("core:unidad-desactivar", args=[gdu.pk])).status_code == 405
    gdu.refresh_from_db()
    assert gdu.activa is True


def test_unidad_inexistente_404(cliente_de, secretario):
    cliente = cliente_de(secretario)
    assert cliente.get(reverse("core:unidad-editar", args=[999999])).status_code == 404
    assert cliente.post(reverse("core:unidad-desactivar", args=[999999])).status_code == 404


@pytest.mark.parametrize("persona", ["mesa_de_partes", "regidor", "jefe_unidad"])
def test_unidades_sin_permiso_403(request, cliente_de, persona, arbol):
    cliente = cliente_de(request.getfixturevalue(persona))
    gdu = arbol[2]
    assert cliente.get(reverse("core:unidades")).status_code == 403
    assert (
        cliente.post(reverse("core:unidad-crear"), {"nombre": "X", "sigla": "X", "orden": 0}).status_code
        == 403
    )
    assert (
        cliente.post(reverse("core:unidad-editar", args=[gdu.pk]), {"nombre": "X", "sigla": "X"}).status_code
        == 403
    )
    assert cliente.post(reverse("core:unidad-desactivar", args=[gdu.pk])).status_code == 403
    gdu.refresh_from_db()
    assert gdu.activa and gdu.sigla == "GDUX"
    assert not UnidadOrganica.objects.filter(sigla="X").exists()


# Cargos ------------------------------------------------------------------------------------------


def test_lista_de_cargos(cliente_de, secretario, arbol, django_assert_max_num_queries):
    for u in arbol:
        CargoFactory(unidad=u)
    cliente = cliente_de(secretario)
    with django_assert_max_num_queries(10):
        r = cliente.get(reverse("core:cargos"))
    assert r.status_code == 200
    assert r.content.decode().count("data-cargo=") == 3


def test_crear_cargo(cliente_de, secretario, arbol):
    gm = arbol[1]
    r = cliente_de(secretario).post(
        reverse("core:cargo-crear"), {"nombre": "Gerente Municipal", "unidad": gm.pk, "es_jefatura": "on"}
    )
    assert r.status_code == 302
    c = Cargo.objects.get(nombre="Gerente Municipal")
    assert c.unidad == gm and c.es_jefatura
    assert Evento.objects.de_objeto(c).get().accion == "core.cargo.crear"


def test_crear_cargo_repetido_en_la_unidad(cliente_de, secretario, arbol):
    gm = arbol[1]
    CargoFactory(unidad=gm, nombre="Asistente")
    r = cliente_de(secretario).post(reverse("core:cargo-crear"), {"nombre": "asistente", "unidad": gm.pk})
    assert r.status_code == 200
    assert "Ya existe un cargo activo con ese nombre en la unidad." in r.content.decode()
    assert Cargo.objects.filter(unidad=gm).count() == 1
    assert not Evento.objects.exists()


def test_crear_cargo_sin_nombre(cliente_de, secretario, arbol):
    r = cliente_de(secretario).post(reverse("core:cargo-crear"), {"nombre": "", "unidad": arbol[0].pk})
    assert r.status_code == 200
    assert "Este campo es requerido." in r.content.decode()
    assert not Cargo.objects.exists()


def test_editar_y_desactivar_cargo(cliente_de, secretario, arbol):
    alc, gm, _ = arbol
    c = CargoFactory(unidad=gm, nombre="Asistente")
    cliente = cliente_de(secretario)
    r = cliente.post(
        reverse("core:cargo-editar", args=[c.pk]), {"nombre": "Asistente técnico", "unidad": alc.pk}
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert (c.nombre, c.unidad) == ("Asistente técnico", alc)
    assert cliente.get(reverse("core:cargo-desactivar", args=[c.pk])).status_code == 405
    r = cliente.post(reverse("core:cargo-desactivar", args=[c.pk]))
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.activo is False
    acciones = list(Evento.objects.de_objeto(c).order_by("id").values_list("accion", flat=True))
    assert acciones == ["core.cargo.editar", "core.cargo.desactivar"]


def test_cargo_inexistente_404(cliente_de, secretario):
    cliente = cliente_de(secretario)
    assert cliente.get(reverse("core:cargo-editar", args=[999999])).status_code == 404
    assert cliente.post(reverse("core:cargo-desactivar", args=[999999])).status_code == 404


@pytest.mark.parametrize("persona", ["mesa_de_partes", "regidor"])
def test_cargos_sin_permiso_403(request, cliente_de, persona, arbol):
    c = CargoFactory(unidad=arbol[0], nombre="Asesor")
    cliente = cliente_de(request.getfixturevalue(persona))
    assert cliente.get(reverse("core:cargos")).status_code == 403
    assert (
        cliente.post(reverse("core:cargo-crear"), {"nombre": "X", "unidad": arbol[0].pk}).status_code == 403
    )
    assert cliente.post(reverse("core:cargo-desactivar", args=[c.pk])).status_code == 403
    r = cliente.post(reverse("core:cargo-editar", args=[c.pk]), {"nombre": "Otro", "unidad": arbol[1].pk})
    assert r.status_code == 403
    c.refresh_from_db()
    assert c.activo and (c.nombre, c.unidad) == ("Asesor", arbol[0])
    assert Cargo.objects.count() == 1


def test_editar_cargo_con_datos_malos_no_cambia_nada(cliente_de, secretario, arbol):
    c = CargoFactory(unidad=arbol[0], nombre="Asesor")
    r = cliente_de(secretario).post(
        reverse("core:cargo-editar", args=[c.pk]), {"nombre": "", "unidad": arbol[1].pk}
    )
    assert r.status_code == 200
    assert "Este campo es requerido." in r.content.decode()
    c.refresh_from_db()
    assert (c.nombre, c.unidad) == ("Asesor", arbol[0])
    assert not Evento.objects.de_objeto(c).exists()
