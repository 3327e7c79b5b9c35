from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import Encargo, Evento, Persona
from core.services.auditoria import encargo_vigente
from core.services.encargos import crear_encargo
from core.services.personas import registrar_persona
from core.tests.factories import CargoFactory, UsuarioFactory

HOY = timezone.localdate


def _datos(titular, encargado, desde=None, hasta=None, **cambios):
    desde = desde or HOY()
    datos = {
        "titular": titular.pk,
        "encargado": encargado.pk,
        "cargo": "",
        "desde": desde.isoformat(),
        "hasta": (hasta or desde + timedelta(days=14)).isoformat(),
        "documento": "R.A. Nº 045-2026-MDVE",
        "motivo": "Vacaciones",
    }
    datos.update(cambios)
    return datos


def test_crear_encargo(cliente_de, secretario, prosecretario, unidad_sg):
    cargo = CargoFactory(unidad=unidad_sg, nombre="Secretaria General")
    r = cliente_de(secretario).post(
        reverse("core:encargo-crear"), _datos(secretario, prosecretario, cargo=cargo.pk)
    )
    assert r.status_code == 302
    e = Encargo.objects.get()
    assert (e.titular, e.encargado, e.cargo, e.desde) == (secretario, prosecretario, cargo, HOY())
    ev = Evento.objects.de_objeto(e).get()
    assert ev.accion == "core.encargo.crear" and ev.actor == secretario
    assert encargo_vigente(prosecretario) == e


@pytest.mark.parametrize(
    "caso,mensaje",
    [
        ("fechas_invertidas", "La fecha final no puede ser anterior a la inicial."),
        ("a_si_mismo", "Un usuario no puede actuar por encargo de sí mismo."),
        ("cruzado", "que se cruza con esas fechas"),
        ("fecha_mala", "Introduzca una fecha válida."),
    ],
)
def test_crear_encargo_con_entrada_mala(cliente_de, secretario, prosecretario, caso, mensaje):
    hoy = HOY()
    if caso == "cruzado":
        otro = UsuarioFactory(username="otro")
        crear_encargo(
            titular=secretario,
            encargado=otro,
            desde=hoy + timedelta(days=10),
            hasta=hoy + timedelta(days=20),
            por=secretario,
        )
    antes_encargos, antes_eventos = Encargo.objects.count(), Evento.objects.count()
    datos = {
        "fechas_invertidas": _datos(secretario, prosecretario, desde=hoy, hasta=hoy - timedelta(days=1)),
        "a_si_mismo": _datos(secretario, secretario),
        "cruzado": _datos(secretario, prosecretario, desde=hoy, hasta=hoy + timedelta(days=10)),
        "fecha_mala": {**_datos(secretario, prosecretario), "hasta": "2026-02-30"},
    }[caso]
    r = cliente_de(secretario).post(reverse("core:encargo-crear"), datos)
    assert r.status_code == 200
    assert mensaje in r.content.decode()
    assert Encargo.objects.count() == antes_encargos
    assert Evento.objects.count() == antes_eventos


def test_servicio_rechaza_lo_mismo_que_el_formulario(secretario, prosecretario):
    hoy = HOY()
    with pytest.raises(ValidationError) as error:
        crear_encargo(
            titular=secretario, encargado=secretario, desde=hoy, hasta=hoy - timedelta(days=1), por=secretario
        )
    assert set(error.value.message_dict) == {"hasta", "encargado"}
    assert not Encargo.objects.exists()


def test_encargos_contiguos_sin_cruce_se_aceptan(secretario, prosecretario):
    hoy = HOY()
    crear_encargo(
        titular=secretario, encargado=prosecretario, desde=hoy, hasta=hoy + timedelta(days=5), por=secretario
    )
    crear_encargo(
        titular=secretario,
        encargado=prosecretario,
        desde=hoy + timedelta(days=6),
        hasta=hoy + timedelta(days=9),
        por=secretario,
    )
    assert Encargo.objects.count() == 2


def test_revocar_encargo(cliente_de, secretario, prosecretario):
    hoy = HOY()
    e = crear_encargo(
        titular=secretario, encargado=prosecretario, desde=hoy, hasta=hoy + timedelta(days=5), por=secretario
    )
    cliente = cliente_de(secretario)
    assert cliente.get(reverse("core:encargo-revocar", args=[e.pk])).status_code == 405
    r = cliente.post(reverse("core:encargo-revocar", args=[e.pk]))
    assert r.status_code == 302
    e.refresh_from_db()
    assert e.revocado is True
    assert encargo_vigente(prosecretario) is None
    assert Evento.objects.de_objeto(e).latest("id").accion == "core.encargo.revocar"
    # Revocar otra vez: mensaje y nada nuevo.
    eventos = Evento.objects.count()
    r = cliente.post(reverse("core:encargo-revocar", args=[e.pk]), follow=True)
    assert "El encargo ya estaba revocado." in r.content.decode()
    assert Evento.objects.count() == eventos


def test_lista_muestra_vigente(cliente_de, secretario, prosecretario, django_assert_max_num_queries):
    hoy = HOY()
    crear_encargo(
        titular=secretario, encargado=prosecretario, desde=hoy, hasta=hoy + timedelta(days=5), por=secretario
    )
    cliente = cliente_de(secretario)
    with django_assert_max_num_queries(10):
        r = cliente.get(reverse("core:encargos"))
    assert "Vigente" in r.content.decode()


def test_evento_del_encargado_dice_por_encargo_de_solo_durante_el_periodo(secretario, prosecretario):
    hoy = HOY()
    e = crear_encargo(
        titular=secretario,
        encargado=prosecretario,
        desde=hoy - timedelta(days=2),
        hasta=hoy + timedelta(days=2),
        por=secretario,
    )
    p = registrar_persona(
        tipo="natural",
        tipo_documento="DNI",
        numero_documento="45871236",
        nombres="Juan",
        apellidos="Poma",
        por=prosecretario,
    )
    evento = Evento.objects.de_objeto(p).get()
    assert evento.actor == prosecretario and evento.por_encargo_de == secretario
    # Fuera del periodo (el encargo ya terminó) el evento no lo menciona.
    Encargo.objects.filter(pk=e.pk).update(desde=hoy - timedelta(days=10), hasta=hoy - timedelta(days=1))
    p2 = registrar_persona(
        tipo="natural",
        tipo_documento="DNI",
        numero_documento="10293847",
        nombres="María",
        apellidos="Salas",
        por=prosecretario,
    )
    assert Evento.objects.de_objeto(p2).get().por_encargo_de is None
    # Y el titular, que no actúa por nadie, tampoco.
    p3 = registrar_persona(
        tipo="natural",
        tipo_documento="DNI",
        numero_documento="20394857",
        nombres="Ana",
        apellidos="Ruiz",
        por=secretario,
    )
    assert Evento.objects.de_objeto(p3).get().por_encargo_de is None
    assert Persona.objects.count() == 3


def test_inicio_y_historia_dicen_por_encargo_de(cliente_de, secretario, prosecretario):
    hoy = HOY()
    crear_encargo(
        titular=secretario, encargado=prosecretario, desde=hoy, hasta=hoy + timedelta(days=3), por=secretario
    )
    cliente = cliente_de(prosecretario)
    html = cliente.get(reverse("core:inicio")).content.decode()
    assert f"Actúa por encargo de {secretario}" in html
    cliente.post(
        reverse("core:persona-crear"),
        {
            "tipo": "natural",
            "tipo_documento": "DNI",
            "numero_documento": "45871236",
            "nombres": "Juan",
            "apellidos": "Poma",
        },
    )
    p = Persona.objects.get()
    html = cliente.get(reverse("core:persona", args=[p.pk])).content.decode()
    assert f"por encargo de {secretario}" in html


def test_encargo_inexistente_o_de_superusuario_404(cliente_de, secretario):
    from core.models import Usuario

    tecnico = Usuario.objects.create_superuser("tecnico", "t@ve.gob.pe", "Clave-segura-2026")
    hoy = HOY()
    e = crear_encargo(titular=tecnico, encargado=secretario, desde=hoy, hasta=hoy, por=tecnico)
    cliente = cliente_de(secretario)
    assert cliente.post(reverse("core:encargo-revocar", args=[999999])).status_code == 404
    assert cliente.post(reverse("core:encargo-revocar", args=[e.pk])).status_code == 404
    e.refresh_from_db()
    assert not e.revocado


@pytest.mark.parametrize("persona", ["mesa_de_partes", "regidor", "prosecretario"])
def test_sin_permiso_403(request, cliente_de, secretario, prosecretario, persona):
    hoy = HOY()
    e = crear_encargo(titular=secretario, encargado=prosecretario, desde=hoy, hasta=hoy, por=secretario)
    cliente = cliente_de(request.getfixturevalue(persona))
    assert cliente.get(reverse("core:encargos")).status_code == 403
    assert (
        cliente.post(
            reverse("core:encargo-crear"), _datos(secretario, prosecretario, desde=hoy + timedelta(days=30))
        ).status_code
        == 403
    )
    assert cliente.post(reverse("core:encargo-revocar", args=[e.pk])).status_code == 403
    e.refresh_from_db()
    assert not e.revocado
    assert Encargo.objects.count() == 1


def test_demo_carga_el_encargo_vigente_y_es_idempotente(db):
    from core.demo import _cargar_nucleo
    from core.services.auditoria import verificar_cadena
    from core.services.personas import validar_documento

    _cargar_nucleo()
    eventos = Evento.objects.count()
    _cargar_nucleo()
    assert Evento.objects.count() == eventos
    from core.models import Usuario

    encargo = encargo_vigente(Usuario.objects.get(username="prosecretario"))
    assert encargo is not None and encargo.titular.username == "secretario"
    assert encargo.desde < HOY() < encargo.hasta
    for p in Persona.objects.all():
        assert validar_documento(p.tipo_documento, p.numero_documento) == p.numero_documento
    assert verificar_cadena().intacta
