"""Calendario de días hábiles: es_habil, el calendario local auditado y la página core:calendario."""

from datetime import date

import pytest
from django.urls import reverse

from core.models import DiaCalendario, Evento
from core.services.calendario import es_habil, feriados_nacionales
from core.services.plazos import calcular_plazo
from core.tests.factories import MunicipioFactory

D = date.fromisoformat


@pytest.mark.parametrize(
    "perfil,fecha,esperado",
    [
        ("PE", "2026-12-08", (False, "feriado nacional: Inmaculada Concepción")),
        ("PE", "2026-07-28", (False, "feriado nacional: Día de la Independencia")),
        ("PE", "2026-04-03", (False, "feriado nacional: Viernes Santo")),
        ("PE", "2026-11-29", (False, "domingo")),
        ("PE", "2026-11-28", (False, "sábado (la oficina no atiende)")),
        ("PE", "2026-11-23", (True, "día hábil")),
        ("EC", "2026-02-16", (False, "feriado nacional: Carnaval")),
        ("CO", "2026-07-20", (False, "feriado nacional: Día de la Independencia")),
        ("MX", "2026-09-16", (False, "feriado nacional: Día de la Independencia")),
        ("MX", "2026-12-08", (True, "día hábil")),
    ],
)
def test_es_habil_con_feriados_nacionales(perfil, fecha, esperado):
    assert es_habil(D(fecha), perfil=perfil) == esperado


def test_feriados_nacionales_en_espanol():
    feriados = feriados_nacionales("PE", 2026)
    assert feriados[D("2026-12-25")] == "Navidad del Señor"
    assert feriados[D("2026-07-29")] == "Día de la Gran Parada Militar"


@pytest.mark.django_db
def test_es_habil_con_el_calendario_local(municipio):
    for fecha, tipo in [
        ("2026-11-26", DiaCalendario.Tipo.FERIADO_LOCAL),
        ("2026-11-27", DiaCalendario.Tipo.NO_LABORABLE),
        ("2026-11-28", DiaCalendario.Tipo.LABORABLE),
        ("2026-12-08", DiaCalendario.Tipo.LABORABLE),
    ]:
        DiaCalendario.objects.create(
            municipio=municipio, fecha=D(fecha), tipo=tipo, descripcion=f"Día {fecha}"
        )
    assert es_habil(D("2026-11-26"), municipio=municipio) == (False, "feriado local: Día 2026-11-26")
    assert es_habil(D("2026-11-27"), municipio=municipio) == (
        False,
        "día no laborable decretado: Día 2026-11-27",
    )
    assert es_habil(D("2026-11-28"), municipio=municipio)[0] is True
    assert es_habil(D("2026-12-08"), municipio=municipio)[0] is True  # feriado recuperado
    assert es_habil(D("2026-11-26"), perfil="PE") == (True, "día hábil")  # sin municipio: solo nacionales


# --- Página core:calendario --------------------------------------------------------------------------


@pytest.mark.django_db
def test_vista_anual(cliente_de, secretario, municipio, django_assert_max_num_queries):
    DiaCalendario.objects.create(
        municipio=municipio,
        fecha=D("2026-10-15"),
        tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
        descripcion="Fundación de la villa",
        norma="Ordenanza 010-1990",
    )
    cliente = cliente_de(secretario)
    with django_assert_max_num_queries(12):
        respuesta = cliente.get(reverse("core:calendario"), {"anio": 2026})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'data-fecha="2026-12-08"' in html and "Inmaculada Concepción" in html
    assert (
        'data-fecha="2026-10-15"' in html and "Fundación de la villa" in html and "Ordenanza 010-1990" in html
    )
    assert reverse("core:calendario-dia-agregar") in html
    dia = DiaCalendario.objects.get()
    assert reverse("core:calendario-dia-quitar", args=[dia.pk]) in html
    # Otro año: el día local de 2026 no aparece.
    otro = cliente.get(reverse("core:calendario"), {"anio": 2027}).content.decode()
    assert "Fundación de la villa" not in otro and 'data-fecha="2027-12-08"' in otro


@pytest.mark.django_db
def test_anio_invalido_muestra_el_actual(cliente_de, secretario):
    assert cliente_de(secretario).get(reverse("core:calendario"), {"anio": "dos mil"}).status_code == 200


@pytest.mark.django_db
def test_quien_no_gestiona_lee_sin_formularios(cliente_de, regidor, municipio):
    dia = DiaCalendario.objects.create(
        municipio=municipio,
        fecha=D("2026-10-15"),
        tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
        descripcion="Aniversario",
    )
    html = cliente_de(regidor).get(reverse("core:calendario"), {"anio": 2026}).content.decode()
    assert "Aniversario" in html
    assert reverse("core:calendario-dia-agregar") not in html
    assert reverse("core:calendario-dia-quitar", args=[dia.pk]) not in html


def _dia(**cambios):
    return {
        "fecha": "2026-11-26",
        "tipo": "feriado_local",
        "descripcion": "Aniversario del distrito",
        "norma": "Ordenanza 010-1990",
    } | cambios


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["secretario", "prosecretario"])
def test_agregar_dia(cliente_de, request, municipio, persona):
    usuario = request.getfixturevalue(persona)
    respuesta = cliente_de(usuario).post(reverse("core:calendario-dia-agregar"), _dia(), follow=True)
    assert respuesta.redirect_chain[-1][0] == reverse("core:calendario") + "?anio=2026"
    assert "Se añadió al calendario el 26/11/2026." in respuesta.content.decode()
    dia = DiaCalendario.objects.get()
    assert (dia.municipio, dia.fecha, dia.tipo, dia.norma) == (
        municipio,
        D("2026-11-26"),
        "feriado_local",
        "Ordenanza 010-1990",
    )
    evento = Evento.objects.get(accion="core.calendario.agregar")
    assert evento.actor == usuario and evento.objeto_id == str(dia.pk)
    assert evento.despues["fecha"] == "2026-11-26"
    # El plazo que pasaba por ese día ahora lo salta.
    assert calcular_plazo(desde=D("2026-11-23"), dias=10, municipio=municipio).vence == D("2026-12-10")


@pytest.mark.django_db
def test_agregar_solo_por_post(cliente_de, secretario):
    assert cliente_de(secretario).get(reverse("core:calendario-dia-agregar")).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["regidor", "mesa_de_partes", "ajeno"])
def test_agregar_sin_permiso_es_403(cliente_de, request, persona):
    usuario = request.getfixturevalue(persona)
    assert cliente_de(usuario).post(reverse("core:calendario-dia-agregar"), _dia()).status_code == 403
    assert not DiaCalendario.objects.exists()
    assert not Evento.objects.filter(accion="core.calendario.agregar").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cambios,mensaje",
    [
        ({"descripcion": ""}, "Este campo es requerido"),
        ({"descripcion": "   "}, "Este campo es requerido"),
        ({"fecha": "2026-02-30"}, "Introduzca una fecha válida"),
        ({"tipo": "vacaciones"}, "Escoja una opción válida"),
    ],
)
def test_agregar_con_datos_malos_no_cambia_nada(cliente_de, secretario, cambios, mensaje):
    respuesta = cliente_de(secretario).post(reverse("core:calendario-dia-agregar"), _dia(**cambios))
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    assert not DiaCalendario.objects.exists()
    assert not Evento.objects.filter(accion="core.calendario.agregar").exists()


@pytest.mark.django_db
def test_agregar_fecha_repetida_se_rechaza(cliente_de, secretario, municipio):
    DiaCalendario.objects.create(
        municipio=municipio,
        fecha=D("2026-11-26"),
        tipo=DiaCalendario.Tipo.NO_LABORABLE,
        descripcion="Decretado",
    )
    respuesta = cliente_de(secretario).post(reverse("core:calendario-dia-agregar"), _dia())
    assert respuesta.status_code == 400
    assert "El 26/11/2026 ya está en el calendario local; quítelo antes." in respuesta.content.decode()
    assert list(DiaCalendario.objects.values_list("descripcion", flat=True)) == ["Decretado"]
    assert not Evento.objects.filter(accion="core.calendario.agregar").exists()


@pytest.fixture
def dia(municipio):
    return DiaCalendario.objects.create(
        municipio=municipio,
        fecha=D("2026-11-26"),
        tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
        descripcion="Aniversario",
    )


@pytest.mark.django_db
def test_quitar_dia(cliente_de, secretario, municipio, dia):
    pk = dia.pk
    respuesta = cliente_de(secretario).post(reverse("core:calendario-dia-quitar", args=[pk]), follow=True)
    assert respuesta.redirect_chain[-1][0] == reverse("core:calendario") + "?anio=2026"
    assert "Se quitó del calendario el 26/11/2026." in respuesta.content.decode()
    assert not DiaCalendario.objects.filter(pk=pk).exists()
    evento = Evento.objects.get(accion="core.calendario.quitar")
    assert evento.actor == secretario and evento.objeto_id == str(pk)
    assert evento.antes["descripcion"] == "Aniversario" and evento.despues is None
    assert calcular_plazo(desde=D("2026-11-23"), dias=10, municipio=municipio).vence == D("2026-12-07")


@pytest.mark.django_db
def test_quitar_solo_por_post(cliente_de, secretario, dia):
    assert cliente_de(secretario).get(reverse("core:calendario-dia-quitar", args=[dia.pk])).status_code == 405
    assert DiaCalendario.objects.filter(pk=dia.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["regidor", "ajeno"])
def test_quitar_sin_permiso_es_403(cliente_de, request, dia, persona):
    usuario = request.getfixturevalue(persona)
    assert cliente_de(usuario).post(reverse("core:calendario-dia-quitar", args=[dia.pk])).status_code == 403
    assert DiaCalendario.objects.filter(pk=dia.pk).exists()
    assert not Evento.objects.filter(accion="core.calendario.quitar").exists()


@pytest.mark.django_db
def test_quitar_dia_de_otro_municipio_o_inexistente_es_404(cliente_de, secretario, municipio):
    otro = MunicipioFactory(sigla="OTRO", nombre="Otra municipalidad")
    ajeno = DiaCalendario.objects.create(
        municipio=otro, fecha=D("2026-11-26"), tipo=DiaCalendario.Tipo.FERIADO_LOCAL, descripcion="Ajeno"
    )
    cliente = cliente_de(secretario)
    assert cliente.post(reverse("core:calendario-dia-quitar", args=[ajeno.pk])).status_code == 404
    assert cliente.post(reverse("core:calendario-dia-quitar", args=[ajeno.pk + 1000])).status_code == 404
    assert DiaCalendario.objects.filter(pk=ajeno.pk).exists()
    assert not Evento.objects.filter(accion="core.calendario.quitar").exists()
