import pytest
from django.urls import reverse

from core import roles
from core.models import Evento, Usuario
from core.tests.factories import CargoFactory, UnidadFactory, UsuarioFactory

CLAVE = "Esperanza-2026-segura"


def _datos(unidad, cargo=None, **cambios):
    datos = {
        "username": "lcastro",
        "first_name": "Lucía",
        "last_name": "Castro Núñez",
        "email": "lcastro@ve.gob.pe",
        "unidad": unidad.pk,
        "cargo": cargo.pk if cargo else "",
        "roles": [roles.MESA],
        "clave1": CLAVE,
        "clave2": CLAVE,
    }
    datos.update(cambios)
    return datos


def test_lista_de_usuarios(cliente_de, secretario, mesa_de_partes, django_assert_max_num_queries):
    Usuario.objects.create_superuser("tecnico", "t@ve.gob.pe", CLAVE)
    cliente = cliente_de(secretario)
    with django_assert_max_num_queries(10):
        r = cliente.get(reverse("core:usuarios"))
    html = r.content.decode()
    assert 'data-usuario="mesa"' in html and roles.MESA in html
    assert 'data-usuario="tecnico"' not in html


def test_crear_usuario(cliente_de, secretario, unidad_sg):
    cargo = CargoFactory(unidad=unidad_sg, nombre="Técnica")
    r = cliente_de(secretario).post(reverse("core:usuario-crear"), _datos(unidad_sg, cargo))
    assert r.status_code == 302
    u = Usuario.objects.get(username="lcastro")
    assert (u.unidad, u.cargo, u.is_active) == (unidad_sg, cargo, True)
    assert list(u.groups.values_list("name", flat=True)) == [roles.MESA]
    assert u.check_password(CLAVE)
    assert u.has_perm(roles.GESTIONAR_PERSONAS)
    e = Evento.objects.de_objeto(u).get()
    assert e.accion == "core.usuario.crear" and e.actor == secretario
    assert e.despues["roles"] == [roles.MESA]
    assert "password" not in e.despues


@pytest.mark.parametrize(
    "cambios,mensaje",
    [
        ({"clave1": "1234567890", "clave2": "1234567890"}, "Esta contraseña es completamente numérica."),
        ({"clave1": "corta", "clave2": "corta"}, "demasiado corta"),
        ({"clave2": "otra-cosa-distinta"}, "Las dos contraseñas no coinciden."),
        ({"username": "MESA"}, "Ya existe un usuario con ese nombre de usuario."),
        ({"email": "mesa@ejemplo.gob.pe"}, "Ya hay otro usuario con ese correo electrónico."),
        ({"first_name": ""}, "Este campo es requerido."),
        ({"roles": ["Emperador"]}, "Escoja una opción válida."),
    ],
)
def test_crear_usuario_con_entrada_mala(cliente_de, secretario, mesa_de_partes, unidad_sg, cambios, mensaje):
    antes = Usuario.objects.count()
    r = cliente_de(secretario).post(reverse("core:usuario-crear"), _datos(unidad_sg, **cambios))
    assert r.status_code == 200
    assert mensaje in r.content.decode()
    assert Usuario.objects.count() == antes
    assert not Evento.objects.exists()


def test_cargo_de_otra_unidad_se_rechaza(cliente_de, secretario, unidad_sg, unidad_gdu):
    cargo = CargoFactory(unidad=unidad_gdu)
    r = cliente_de(secretario).post(reverse("core:usuario-crear"), _datos(unidad_sg, cargo))
    assert "El cargo debe pertenecer a la unidad elegida." in r.content.decode()
    assert not Usuario.objects.filter(username="lcastro").exists()


def test_editar_usuario_cambia_roles(cliente_de, secretario, mesa_de_partes, unidad_gdu):
    r = cliente_de(secretario).post(
        reverse("core:usuario-editar", args=[mesa_de_partes.pk]),
        _datos(unidad_gdu, username="otro", roles=[roles.ARCHIVO, roles.FUNCIONARIO], first_name="Carmen"),
    )
    assert r.status_code == 302
    mesa_de_partes.refresh_from_db()
    assert mesa_de_partes.username == "mesa"  # no se cambia al editar
    assert mesa_de_partes.first_name == "Carmen" and mesa_de_partes.unidad == unidad_gdu
    assert set(mesa_de_partes.groups.values_list("name", flat=True)) == {roles.ARCHIVO, roles.FUNCIONARIO}
    e = Evento.objects.de_objeto(mesa_de_partes).get()
    assert e.accion == "core.usuario.editar"
    assert e.antes["roles"] == [roles.MESA] and e.despues["roles"] == [roles.ARCHIVO, roles.FUNCIONARIO]


def test_no_puede_quitarse_su_propio_rol_de_administracion(cliente_de, secretario, unidad_sg):
    r = cliente_de(secretario).post(
        reverse("core:usuario-editar", args=[secretario.pk]), _datos(unidad_sg, roles=[roles.FUNCIONARIO])
    )
    assert r.status_code == 200
    assert "No puede quitarse a sí mismo el rol de administración" in r.content.decode()
    assert list(secretario.groups.values_list("name", flat=True)) == [roles.SECRETARIO]
    assert not Evento.objects.exists()


def test_desactivar_usuario(cliente_de, secretario, mesa_de_partes):
    cliente = cliente_de(secretario)
    assert cliente.get(reverse("core:usuario-desactivar", args=[mesa_de_partes.pk])).status_code == 405
    r = cliente.post(reverse("core:usuario-desactivar", args=[mesa_de_partes.pk]))
    assert r.status_code == 302
    mesa_de_partes.refresh_from_db()
    assert mesa_de_partes.is_active is False
    e = Evento.objects.de_objeto(mesa_de_partes).get()
    assert e.accion == "core.usuario.desactivar" and e.despues["is_active"] is False
    # Desactivado ya no puede ingresar.
    cliente.logout()
    r = cliente.post(reverse("login"), {"username": "mesa", "password": "clave-de-prueba-123"})
    assert r.status_code == 200
    # Y se puede reactivar.
    cliente.force_login(secretario)
    assert cliente.post(reverse("core:usuario-reactivar", args=[mesa_de_partes.pk])).status_code == 302
    mesa_de_partes.refresh_from_db()
    assert mesa_de_partes.is_active is True


def test_no_puede_desactivarse_a_si_mismo(cliente_de, secretario):
    r = cliente_de(secretario).post(reverse("core:usuario-desactivar", args=[secretario.pk]), follow=True)
    assert "No puede desactivar su propio usuario." in r.content.decode()
    secretario.refresh_from_db()
    assert secretario.is_active
    assert not Evento.objects.exists()


def test_superusuario_es_404_para_el_secretario(cliente_de, secretario):
    tecnico = Usuario.objects.create_superuser("tecnico", "t@ve.gob.pe", CLAVE)
    cliente = cliente_de(secretario)
    assert cliente.get(reverse("core:usuario-editar", args=[tecnico.pk])).status_code == 404
    assert cliente.post(reverse("core:usuario-desactivar", args=[tecnico.pk])).status_code == 404
    assert cliente.get(reverse("core:usuario-editar", args=[999999])).status_code == 404
    tecnico.refresh_from_db()
    assert tecnico.is_active


@pytest.mark.parametrize("persona", ["mesa_de_partes", "regidor", "prosecretario"])
def test_sin_permiso_403(request, cliente_de, persona, unidad_sg):
    otro = UsuarioFactory(username="otro", unidad=unidad_sg)
    cliente = cliente_de(request.getfixturevalue(persona))
    assert cliente.get(reverse("core:usuarios")).status_code == 403
    assert cliente.post(reverse("core:usuario-crear"), _datos(unidad_sg)).status_code == 403
    assert cliente.post(reverse("core:usuario-editar", args=[otro.pk]), _datos(unidad_sg)).status_code == 403
    assert cliente.post(reverse("core:usuario-desactivar", args=[otro.pk])).status_code == 403
    inactivo = UsuarioFactory(username="inactivo", unidad=unidad_sg, is_active=False)
    assert cliente.post(reverse("core:usuario-reactivar", args=[inactivo.pk])).status_code == 403
    inactivo.refresh_from_db()
    assert not inactivo.is_active
    otro.refresh_from_db()
    assert otro.is_active and not otro.groups.exists()
    assert not Usuario.objects.filter(username="lcastro").exists()


def test_unidad_desactivada_no_se_asigna(secretario):
    from django.core.exceptions import ValidationError

    from core.services.usuarios import crear_usuario

    cerrada = UnidadFactory(activa=False)
    with pytest.raises(ValidationError) as error:
        crear_usuario(username="x1", nombres="X", apellidos="Y", unidad=cerrada, clave=CLAVE, por=secretario)
    assert error.value.message_dict["unidad"] == ["La unidad está desactivada."]
    assert not Usuario.objects.filter(username="x1").exists()
