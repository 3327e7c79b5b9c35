import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from stdnum.co import nit as co_nit
from stdnum.pe import ruc as pe_ruc

from core.models import Evento, Persona
from core.selectors.personas import buscar_personas
from core.services.personas import actualizar_persona, registrar_persona, validar_documento
from core.tests.factories import PersonaFactory

TD = Persona.TipoDocumento


# Validadores de documentos (ejemplos reales y números con verificador calculado por stdnum) --------


@pytest.mark.parametrize(
    "tipo,numero,normalizado",
    [
        (TD.DNI, "45871236", "45871236"),
        (TD.DNI, " 4587 1236 ", "45871236"),
        (TD.RUC, "20100070970", "20100070970"),
        (TD.RUC, "20-10007097-0", "20100070970"),
        (TD.RUC, "1045871236" + pe_ruc.calc_check_digit("1045871236"), "10458712366"),
        (TD.RUC, "1790011674001", "1790011674001"),  # Ecuador, sociedad
        (TD.RUC, "0992397535001", "0992397535001"),
        (TD.CEDULA_EC, "1710034065", "1710034065"),
        (TD.CEDULA_EC, "171003406-5", "1710034065"),
        (TD.CEDULA_CO, "1.020.304.050", "1020304050"),
        (TD.CEDULA_CO, "123456", "123456"),
        (TD.NIT, "860.012.336-1", "8600123361"),
        (TD.NIT, "900123456" + co_nit.calc_check_digit("900123456"), "9001234568"),
        (TD.CURP, "boxw310820hnerxn09", "BOXW310820HNERXN09"),
        (TD.RFC, "GODE-561231-GR8", "GODE561231GR8"),
        (TD.RFC, "ABC680524P76", "ABC680524P76"),
        (TD.CE, "001234567", "001234567"),
        (TD.PASAPORTE, "pe 123456", "PE123456"),
    ],
)
def test_documento_valido_se_normaliza(tipo, numero, normalizado):
    assert validar_documento(tipo, numero) == normalizado


@pytest.mark.parametrize(
    "tipo,numero,mensaje",
    [
        (TD.DNI, "4587123", "El DNI debe tener exactamente 8 dígitos."),
        (TD.DNI, "4587123A", "El DNI debe tener exactamente 8 dígitos."),
        (TD.RUC, "20100070971", "El RUC no es válido"),
        (TD.RUC, "2010007097", "El RUC debe tener 11 dígitos (Perú) o 13 dígitos (Ecuador)."),
        (TD.RUC, "1790011675001", "El RUC de Ecuador no es válido"),
        (TD.CEDULA_EC, "1710034066", "La cédula de Ecuador no es válida"),
        (TD.CEDULA_CO, "12345", "La cédula de ciudadanía debe tener de 6 a 10 dígitos."),
        (TD.CEDULA_CO, "12345678901", "La cédula de ciudadanía debe tener de 6 a 10 dígitos."),
        (TD.NIT, "8600123362", "El NIT no es válido"),
        (TD.CURP, "BOXW310820HNERXN08", "La CURP no es válida"),
        (TD.CURP, "BOXW311320HNERXN09", "La CURP no es válida"),
        (TD.RFC, "GODE561331GR8", "El RFC no es válido"),
        (TD.CE, "12AB", "El carné de extranjería debe tener de 8 a 12 letras o dígitos."),
        (TD.PASAPORTE, "12", "El pasaporte debe tener de 5 a 20 letras o dígitos."),
        (TD.DNI, "", "Escriba el número de documento."),
    ],
)
def test_documento_invalido_da_mensaje(tipo, numero, mensaje):
    with pytest.raises(ValidationError) as error:
        validar_documento(tipo, numero)
    assert mensaje in error.value.message_dict["numero_documento"][0]


# Servicios ---------------------------------------------------------------------------------------


def test_registrar_persona_natural_y_juridica(secretario):
    natural = registrar_persona(
        tipo="natural",
        tipo_documento="DNI",
        numero_documento="45871236",
        nombres="Juan Carlos",
        apellidos="Ramírez Poma",
        por=secretario,
    )
    juridica = registrar_persona(
        tipo="juridica",
        tipo_documento="RUC",
        numero_documento="20100070970",
        razon_social="Constructora Los Andes S.A.C.",
        por=secretario,
    )
    assert natural.nombre_completo == "Juan Carlos Ramírez Poma"
    assert juridica.nombre_completo == "Constructora Los Andes S.A.C."
    assert Evento.objects.de_objeto(juridica).get().accion == "core.persona.registrar"


@pytest.mark.parametrize(
    "datos,campo,mensaje",
    [
        (
            {"tipo": "natural", "tipo_documento": "DNI", "numero_documento": "45871236", "apellidos": "Poma"},
            "nombres",
            "Una persona natural necesita sus nombres.",
        ),
        (
            {"tipo": "juridica", "tipo_documento": "RUC", "numero_documento": "20100070970"},
            "razon_social",
            "Una persona jurídica necesita su razón social.",
        ),
        (
            {
                "tipo": "juridica",
                "tipo_documento": "DNI",
                "numero_documento": "45871236",
                "razon_social": "X",
            },
            "tipo_documento",
            "Una persona jurídica se identifica con RUC, NIT o RFC.",
        ),
        (
            {
                "tipo": "natural",
                "tipo_documento": "RUC",
                "numero_documento": "20100070970",
                "nombres": "A",
                "apellidos": "B",
            },
            "tipo",
            "Un RUC que empieza con 20 es de persona jurídica.",
        ),
        (
            {
                "tipo": "natural",
                "tipo_documento": "RFC",
                "numero_documento": "ABC680524P76",
                "nombres": "A",
                "apellidos": "B",
            },
            "tipo",
            "Un RFC de 12 caracteres es de persona moral (jurídica).",
        ),
    ],
)
def test_registrar_persona_rechaza_datos_incoherentes(secretario, datos, campo, mensaje):
    with pytest.raises(ValidationError) as error:
        registrar_persona(por=secretario, **datos)
    assert error.value.message_dict[campo] == [mensaje]
    assert not Persona.objects.exists()
    assert not Evento.objects.exists()


def test_persona_natural_con_ruc_10_y_nit_juridica_se_aceptan(secretario):
    ruc10 = "1045871236" + pe_ruc.calc_check_digit("1045871236")
    p = registrar_persona(
        tipo="natural",
        tipo_documento="RUC",
        numero_documento=ruc10,
        nombres="Juan",
        apellidos="Ramírez",
        por=secretario,
    )
    assert p.numero_documento == ruc10
    nit = registrar_persona(
        tipo="juridica",
        tipo_documento="NIT",
        numero_documento="860012336-1",
        razon_social="Cooperativa del Valle",
        por=secretario,
    )
    assert nit.numero_documento == "8600123361"


def test_actualizar_persona_audita_antes_y_despues(secretario):
    p = PersonaFactory(numero_documento="45871236", nombres="Juan", apellidos="Poma")
    actualizar_persona(persona=p, por=secretario, correo="juan@ejemplo.pe", telefono="999 888 777")
    p.refresh_from_db()
    assert p.correo == "juan@ejemplo.pe"
    e = Evento.objects.de_objeto(p).get()
    assert e.accion == "core.persona.editar"
    assert e.antes["correo"] == "" and e.despues["correo"] == "juan@ejemplo.pe"


def test_buscar_personas_por_documento_y_nombre(db):
    a = PersonaFactory(numero_documento="45871236", nombres="Juan Carlos", apellidos="Ramírez Poma")
    b = PersonaFactory(numero_documento="10293847", nombres="María Isabel", apellidos="Gutiérrez Salas")
    c = PersonaFactory(
        tipo="juridica",
        tipo_documento="RUC",
        numero_documento="20100070970",
        nombres="",
        apellidos="",
        razon_social="Constructora Los Andes S.A.C.",
    )
    assert list(buscar_personas("4587")) == [a]
    assert list(buscar_personas("carlos ramírez")) == [a]
    assert list(buscar_personas("GUTIÉRREZ")) == [b]
    assert list(buscar_personas("los andes")) == [c]
    assert list(buscar_personas("20-100")) == [c]
    assert set(buscar_personas("")) == {a, b, c}
    assert not buscar_personas("Pérez").exists()


# Páginas -----------------------------------------------------------------------------------------


def _datos(**cambios):
    datos = {
        "tipo": "natural",
        "tipo_documento": "DNI",
        "numero_documento": "4587-1236",
        "nombres": "Juan Carlos",
        "apellidos": "Ramírez Poma",
        "correo": "",
        "telefono": "",
        "direccion": "",
    }
    datos.update(cambios)
    return datos


def test_mesa_de_partes_registra_persona(cliente_de, mesa_de_partes):
    r = cliente_de(mesa_de_partes).post(reverse("core:persona-crear"), _datos())
    p = Persona.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("core:persona", args=[p.pk])
    assert p.numero_documento == "45871236"
    e = Evento.objects.de_objeto(p).get()
    assert e.accion == "core.persona.registrar" and e.actor == mesa_de_partes


def test_documento_duplicado_muestra_mensaje(cliente_de, mesa_de_partes):
    PersonaFactory(numero_documento="45871236")
    r = cliente_de(mesa_de_partes).post(reverse("core:persona-crear"), _datos())
    assert r.status_code == 200
    assert "Ya hay una persona registrada con DNI (Perú) 45871236." in r.content.decode()
    assert Persona.objects.count() == 1
    assert not Evento.objects.exists()


@pytest.mark.parametrize(
    "cambios,mensaje",
    [
        ({"numero_documento": "1234"}, "El DNI debe tener exactamente 8 dígitos."),
        ({"tipo_documento": "RUC", "numero_documento": "20100070971"}, "El RUC no es válido"),
        ({"nombres": ""}, "Una persona natural necesita sus nombres."),
        ({"tipo": "juridica"}, "Una persona jurídica se identifica con RUC, NIT o RFC."),
        ({"correo": "juan@"}, "Introduzca una dirección de correo electrónico válida."),
    ],
)
def test_registro_con_entrada_mala(cliente_de, mesa_de_partes, cambios, mensaje):
    r = cliente_de(mesa_de_partes).post(reverse("core:persona-crear"), _datos(**cambios))
    assert r.status_code == 200
    assert mensaje in r.content.decode()
    assert not Persona.objects.exists()
    assert not Evento.objects.exists()


def test_editar_persona_y_ver_su_historia(cliente_de, secretario):
    p = PersonaFactory(numero_documento="45871236", nombres="Juan Carlos", apellidos="Ramírez Poma")
    cliente = cliente_de(secretario)
    r = cliente.post(reverse("core:persona-editar", args=[p.pk]), _datos(direccion="Jr. Lima 123"))
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.direccion == "Jr. Lima 123"
    assert Evento.objects.de_objeto(p).get().accion == "core.persona.editar"
    html = cliente.get(reverse("core:persona", args=[p.pk])).content.decode()
    assert "Historia de cambios" in html
    assert "core.persona.editar" in html
    assert "«Jr. Lima 123»" in html


def test_editar_persona_a_documento_de_otra(cliente_de, secretario):
    PersonaFactory(numero_documento="10293847")
    p = PersonaFactory(numero_documento="45871236", nombres="Juan Carlos", apellidos="Ramírez Poma")
    r = cliente_de(secretario).post(
        reverse("core:persona-editar", args=[p.pk]), _datos(numero_documento="10293847")
    )
    assert r.status_code == 200
    assert "Ya hay una persona registrada" in r.content.decode()
    p.refresh_from_db()
    assert p.numero_documento == "45871236"
    assert not Evento.objects.exists()


def test_lista_y_busqueda(cliente_de, mesa_de_partes, django_assert_max_num_queries):
    for _ in range(30):
        PersonaFactory()
    PersonaFactory(numero_documento="45871236", nombres="Juan Carlos", apellidos="Ramírez Poma")
    cliente = cliente_de(mesa_de_partes)
    with django_assert_max_num_queries(10):
        r = cliente.get(reverse("core:personas"))
    assert r.content.decode().count("data-persona=") == 31
    r = cliente.get(reverse("core:personas"), {"q": "ramírez poma"})
    html = r.content.decode()
    assert html.count("data-persona=") == 1 and "Juan Carlos Ramírez Poma" in html


def test_persona_inexistente_404(cliente_de, secretario):
    cliente = cliente_de(secretario)
    assert cliente.get(reverse("core:persona", args=[999999])).status_code == 404
    assert cliente.post(reverse("core:persona-editar", args=[999999]), _datos()).status_code == 404


@pytest.mark.parametrize("persona", ["regidor", "jefe_unidad", "ajeno"])
def test_sin_permiso_403(request, db, cliente_de, persona):
    p = PersonaFactory(numero_documento="10293847")
    cliente = cliente_de(request.getfixturevalue(persona))
    assert cliente.get(reverse("core:personas")).status_code == 403
    assert cliente.get(reverse("core:persona", args=[p.pk])).status_code == 403
    assert cliente.post(reverse("core:persona-crear"), _datos()).status_code == 403
    assert (
        cliente.post(reverse("core:persona-editar", args=[p.pk]), _datos(nombres="Cambiado")).status_code
        == 403
    )
    assert Persona.objects.count() == 1
    p.refresh_from_db()
    assert p.nombres != "Cambiado"


def test_metodo_no_permitido(cliente_de, secretario):
    p = PersonaFactory()
    assert cliente_de(secretario).delete(reverse("core:persona-editar", args=[p.pk])).status_code == 405
    assert Persona.objects.filter(pk=p.pk).exists()
