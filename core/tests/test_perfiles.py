"""Perfiles de jurisdicción: datos versionados, reglas locales auditadas y la página core:perfil."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Evento, ReglaLocal
from core.services import perfiles
from core.services.numeracion import validar_formato
from core.services.plazos import regla_de_plazo

SERIES = [
    "registro_entrada",
    "registro_salida",
    "ordenanza",
    "acuerdo",
    "resolucion_concejo",
    "decreto",
    "resolucion_alcaldia",
    "certificacion",
    "memorando",
    "oficio",
    "informe",
]
HOY = date(2026, 11, 23)


@pytest.mark.parametrize("codigo", ["PE", "EC", "CO", "MX", "MX-AGU", "MX-MEX", "MX-ZAC"])
def test_cada_perfil_tiene_las_claves_que_otras_areas_leen(codigo):
    for serie in SERIES:
        formato = perfiles.valor(f"numeracion.formato.{serie}", perfil=codigo, fecha=HOY)
        validar_formato(formato)
        if serie in {"memorando", "oficio", "informe"}:
            assert "{unidad}" in formato
    for clave in [
        "vocabulario.concejo",
        "vocabulario.miembro",
        "vocabulario.alcalde",
        "instrumentos",
        "plazos.subsanacion",
        "plazos.subsanacion_al_vencer",
        "plazos.automatizaciones",
        "plazos.computo_meses",
        "plazos.dia_faltante",
        "plazos.vencimiento_inhabil",
        "plazos.respuesta_peticion",
        "plazos.tipo_computo",
        "plazos.sabado_laborable",
        "concejo.tipos_sesion",
        "concejo.quorum",
        "concejo.mayoria",
        "concejo.desempate",
        "concejo.aviso_extraordinaria",
        "transparencia.plazo_dias",
        "transparencia.prorroga",
    ]:
        regla = perfiles.regla_vigente(clave, perfil=codigo, fecha=HOY)
        assert regla.fuente and regla.confianza in {"L", "S", "?"}


def test_formatos_de_numero_del_peru():
    formato = perfiles.valor("numeracion.formato.ordenanza", perfil="PE", fecha=HOY)
    assert formato.format(numero=12, anio=2026, sigla="MDVE") == "ORDENANZA MUNICIPAL Nº 012-2026-MDVE"
    assert perfiles.valor("numeracion.formato.registro_entrada", perfil="PE").format(
        numero=123, anio=2026
    ) == ("Reg. 2026-000123")


@pytest.mark.parametrize(
    "codigo,clave,valor,confianza",
    [
        # Las marcas de DOMAIN.md viajan con el dato.
        ("PE", "plazos.subsanacion", {"cantidad": 2, "unidad": "dias_habiles"}, "L"),
        ("CO", "plazos.subsanacion", {"cantidad": 1, "unidad": "meses"}, "L"),
        ("EC", "plazos.computo_meses", "fecha_a_fecha", "L"),
        ("PE", "plazos.respuesta_peticion", 30, "?"),
        ("PE", "concejo.aviso_extraordinaria", {"cantidad": 5, "unidad": "dias_habiles"}, "L"),
        ("EC", "plazos.respuesta_peticion", 30, "L"),
        ("EC", "concejo.debates_ordenanza", 2, "L"),
        ("CO", "plazos.respuesta_peticion", 15, "L"),
        ("CO", "plazos.respuesta_documentos", 10, "L"),
        ("MX", "transparencia.paginas_gratuitas", 20, "L"),
        ("MX", "concejo.desempate", "voto_de_calidad_presidente", "S"),
    ],
)
def test_valores_y_confianza_de_domain(codigo, clave, valor, confianza):
    regla = perfiles.regla_vigente(clave, perfil=codigo, fecha=HOY)
    assert (regla.valor, regla.confianza) == (valor, confianza)


def test_las_reglas_tienen_vigencia_porque_las_leyes_cambian():
    # PE: 7 días en el texto original de la Ley 27806; 10 desde el D. Leg. 1353 (2017-01-08).
    assert perfiles.valor("transparencia.plazo_dias", perfil="PE", fecha=date(2010, 5, 1)) == 7
    assert perfiles.valor("transparencia.plazo_dias", perfil="PE", fecha=date(2017, 1, 7)) == 7
    assert perfiles.valor("transparencia.plazo_dias", perfil="PE", fecha=date(2017, 1, 8)) == 10
    # MX: LGTAIP 2015 leída (L); la de 2025 sin verificar (?).
    assert (
        perfiles.regla_vigente("transparencia.plazo_dias", perfil="MX", fecha=date(2024, 1, 1)).confianza
        == "L"
    )
    assert perfiles.regla_vigente("transparencia.plazo_dias", perfil="MX", fecha=HOY).confianza == "?"
    with pytest.raises(perfiles.ClaveDesconocida, match="no tiene valor vigente"):
        perfiles.valor("transparencia.plazo_dias", perfil="PE", fecha=date(1990, 1, 1))


def test_estados_de_mexico_sustituyen_solo_lo_suyo():
    assert perfiles.valor("vocabulario.concejo", perfil="MX-MEX") == "Cabildo"
    assert perfiles.valor("concejo.frecuencia_ordinaria", perfil="MX-AGU") == "mensual"
    assert perfiles.valor("vocabulario.alcalde", perfil="MX-AGU") == "presidente municipal"
    # Un estado sin archivo propio usa el perfil MX.
    assert perfiles.valor("vocabulario.concejo", perfil="MX-JAL") == "Ayuntamiento"
    assert perfiles.obtener_perfil("mx-jal").pais == "MX"


@pytest.mark.parametrize("codigo", ["XX", "", "MX-", "PE-LIM", "../PE"])
def test_perfil_desconocido_en_espanol(codigo):
    with pytest.raises(
        perfiles.PerfilDesconocido, match="no existe. Use uno de: CO, EC, MX, MX-AGU, MX-MEX, MX-ZAC, PE"
    ):
        perfiles.obtener_perfil(codigo)


def test_clave_desconocida_en_espanol():
    with pytest.raises(
        perfiles.ClaveDesconocida, match="La clave «plazos.inventada» no existe en el perfil PE"
    ):
        perfiles.valor("plazos.inventada", perfil="PE")


def test_reglas_lista_todo_con_fuente_y_confianza():
    lista = perfiles.reglas("PE", HOY)
    claves = [r.clave for r in lista]
    assert claves == sorted(claves) and len(claves) == len(set(claves))
    assert "numeracion.formato.ordenanza" in claves
    assert all(r.fuente and r.confianza in {"L", "S", "?"} and not r.local for r in lista)


# --- Reglas locales --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_regla_local_gana_mientras_esta_vigente(municipio, secretario):
    regla = perfiles.fijar_regla_local(
        municipio=municipio,
        clave="plazos.respuesta_peticion",
        valor=20,
        vigente_desde=date(2026, 6, 1),
        fuente="Ordenanza 005-2026-MDVE",
        por=secretario,
    )
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio, fecha=date(2026, 5, 31)) == 30
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio, fecha=date(2026, 6, 1)) == 20
    # Sin municipio explícito se usa el de la instalación.
    assert perfiles.valor("plazos.respuesta_peticion", fecha=date(2026, 7, 1)) == 20
    # Una regla local posterior gana sin editar la anterior.
    perfiles.fijar_regla_local(
        municipio=municipio,
        clave="plazos.respuesta_peticion",
        valor=25,
        vigente_desde=date(2026, 9, 1),
        fuente="Ordenanza 009-2026-MDVE",
        por=secretario,
    )
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio, fecha=date(2026, 8, 31)) == 20
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio, fecha=date(2026, 9, 1)) == 25
    regla.refresh_from_db()
    assert regla.valor == 20 and regla.vigente_hasta is None
    local = [r for r in perfiles.reglas("PE", date(2026, 10, 1), municipio=municipio) if r.local]
    assert [(r.clave, r.valor, r.fuente) for r in local] == [
        ("plazos.respuesta_peticion", 25, "Ordenanza 009-2026-MDVE")
    ]
    evento = Evento.objects.filter(accion="core.regla_local.fijar").order_by("pk").first()
    assert evento.actor == secretario
    assert evento.antes == {"clave": "plazos.respuesta_peticion", "valor": 30}
    assert evento.despues["valor"] == 20 and evento.objeto_id == str(regla.pk)


@pytest.mark.django_db
def test_regla_local_vencida_deja_de_valer(municipio):
    ReglaLocal.objects.create(
        municipio=municipio,
        clave="plazos.subsanacion_dias",
        valor=5,
        vigente_desde=date(2026, 1, 1),
        vigente_hasta=date(2026, 3, 31),
        fuente="Ordenanza temporal",
    )
    # La forma antigua (un entero: días del tipo de cómputo del perfil) sigue valiendo mientras rige.
    antes = regla_de_plazo("subsanacion", municipio=municipio, fecha=date(2026, 3, 31))
    despues = regla_de_plazo("subsanacion", municipio=municipio, fecha=date(2026, 4, 1))
    assert (antes.cantidad, antes.unidad, antes.local) == (5, "dias_habiles", True)
    assert (despues.cantidad, despues.unidad, despues.local) == (2, "dias_habiles", False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "clave,valor,campo,mensaje",
    [
        ("plazos.inventada", 3, "clave", "no existe en el perfil PE"),
        ("plazos.respuesta_peticion", "veinte", "valor", "mismo tipo"),
        ("plazos.sabado_laborable", 1, "valor", "mismo tipo"),  # 1 no es un booleano
        ("numeracion.formato.ordenanza", "ORD {numero:03d}-{anyo}", "valor", "Marcador desconocido «{anyo}»"),
        ("numeracion.formato.ordenanza", "ORD {anio}", "valor", "debe incluir el marcador {numero}"),
        ("numeracion.formato.ordenanza", "ORD {numero:03d", "valor", "llaves sin cerrar"),
        ("numeracion.formato.ordenanza", "ORD {numero!r}", "valor", "No se admiten conversiones"),
        ("numeracion.formato.ordenanza", "X" * 200 + "{numero}", "valor", "no puede pasar de 200"),
    ],
)
def test_fijar_regla_local_rechaza_lo_invalido(municipio, secretario, clave, valor, campo, mensaje):
    with pytest.raises(ValidationError) as error:
        perfiles.fijar_regla_local(
            municipio=municipio,
            clave=clave,
            valor=valor,
            vigente_desde=HOY,
            fuente="Ordenanza",
            por=secretario,
        )
    assert any(mensaje in m for m in error.value.message_dict[campo])
    assert not ReglaLocal.objects.exists()
    assert not Evento.objects.filter(accion="core.regla_local.fijar").exists()


# --- Página core:perfil ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pagina_muestra_reglas_con_fuente_y_confianza(cliente_de, secretario, municipio):
    ReglaLocal.objects.create(
        municipio=municipio,
        clave="vocabulario.miembro",
        valor="regidora o regidor",
        vigente_desde=date(2020, 1, 1),
        fuente="RIC, art. 3",
    )
    respuesta = cliente_de(secretario).get(reverse("core:perfil"))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Perú" in html and "TUO Ley 27444, art. 136" in html
    assert 'data-clave="vocabulario.miembro"' in html and "regidora o regidor" in html
    assert '<span class="badge text-bg-primary">Regla local</span>' in html
    assert '<span class="badge text-bg-warning">Sin verificar</span>' in html
    assert "ORDENANZA MUNICIPAL Nº {numero:03d}-{anio}-{sigla}" in html
    assert reverse("core:perfil-regla-fijar") in html


@pytest.mark.django_db
def test_quien_no_configura_lee_sin_formulario(cliente_de, regidor):
    respuesta = cliente_de(regidor).get(reverse("core:perfil"))
    assert respuesta.status_code == 200
    assert reverse("core:perfil-regla-fijar") not in respuesta.content.decode()


@pytest.mark.django_db
def test_anonimo_va_al_login(client, municipio):
    respuesta = client.get(reverse("core:perfil"))
    assert respuesta.status_code == 302 and respuesta["Location"].startswith(reverse("login"))


def _datos(**cambios):
    datos = {
        "clave": "plazos.respuesta_peticion",
        "valor": "20",
        "vigente_desde": "2026-06-01",
        "fuente": "Ordenanza 005-2026-MDVE",
    }
    return datos | cambios


@pytest.mark.django_db
def test_fijar_regla_desde_la_pagina(cliente_de, secretario, municipio):
    respuesta = cliente_de(secretario).post(reverse("core:perfil-regla-fijar"), _datos(), follow=True)
    assert respuesta.redirect_chain[-1][0] == reverse("core:perfil")
    assert "Se fijó la regla local «plazos.respuesta_peticion»." in respuesta.content.decode()
    regla = ReglaLocal.objects.get()
    assert (regla.municipio, regla.valor, regla.vigente_desde) == (municipio, 20, date(2026, 6, 1))
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio, fecha=HOY) == 20
    evento = Evento.objects.get(accion="core.regla_local.fijar")
    assert evento.actor == secretario and evento.objeto_id == str(regla.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "clave,texto,esperado",
    [
        ("plazos.sabado_laborable", "sí", True),
        ("concejo.tipos_sesion", '["ordinaria", "extraordinaria"]', ["ordinaria", "extraordinaria"]),
        ("numeracion.formato.oficio", "OF. {numero:04d}-{anio}-{unidad}", "OF. {numero:04d}-{anio}-{unidad}"),
    ],
)
def test_fijar_regla_de_otros_tipos(cliente_de, secretario, municipio, clave, texto, esperado):
    respuesta = cliente_de(secretario).post(
        reverse("core:perfil-regla-fijar"), _datos(clave=clave, valor=texto)
    )
    assert respuesta.status_code == 302
    assert perfiles.valor(clave, municipio=municipio, fecha=HOY) == esperado


@pytest.mark.django_db
def test_fijar_regla_solo_por_post(cliente_de, secretario):
    assert cliente_de(secretario).get(reverse("core:perfil-regla-fijar")).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["regidor", "prosecretario", "ajeno"])
def test_fijar_regla_sin_permiso_es_403(cliente_de, request, persona):
    usuario = request.getfixturevalue(persona)
    assert cliente_de(usuario).post(reverse("core:perfil-regla-fijar"), _datos()).status_code == 403
    assert not ReglaLocal.objects.exists()
    assert not Evento.objects.filter(accion="core.regla_local.fijar").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cambios,mensaje",
    [
        ({"valor": "veinte"}, "Escriba un número entero."),
        ({"clave": "plazos.sabado_laborable", "valor": "quizá"}, "Escriba «sí» o «no»."),
        ({"clave": "concejo.tipos_sesion", "valor": "[ordinaria"}, "Escriba una lista en formato JSON"),
        ({"clave": "concejo.tipos_sesion", "valor": '{"a": 1}'}, "mismo tipo que el del perfil"),
        ({"clave": "numeracion.formato.ordenanza", "valor": "ORD {n}"}, "Marcador desconocido «{n}»"),
        ({"clave": "plazos.inventada"}, "Escoja una opción válida"),
        ({"vigente_desde": "31/02/2026"}, "Introduzca una fecha válida"),
        ({"fuente": ""}, "Este campo es requerido"),
    ],
)
def test_fijar_regla_con_datos_malos_no_cambia_nada(cliente_de, secretario, cambios, mensaje):
    respuesta = cliente_de(secretario).post(reverse("core:perfil-regla-fijar"), _datos(**cambios))
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    assert not ReglaLocal.objects.exists()
    assert not Evento.objects.filter(accion="core.regla_local.fijar").exists()


@pytest.mark.django_db
def test_fijar_dos_veces_la_misma_fecha_se_rechaza(cliente_de, secretario):
    cliente = cliente_de(secretario)
    assert cliente.post(reverse("core:perfil-regla-fijar"), _datos()).status_code == 302
    respuesta = cliente.post(reverse("core:perfil-regla-fijar"), _datos(valor="25"))
    assert respuesta.status_code == 400
    assert "Ya hay una regla local para esa clave desde esa fecha" in respuesta.content.decode()
    assert list(ReglaLocal.objects.values_list("valor", flat=True)) == [20]


# --- Quitar una regla local y claves que el perfil no define -------------------------------------------


@pytest.fixture
def hoy_23_11(monkeypatch):
    """Mediodía del 23/11/2026 en Lima (la zona del municipio de las pruebas)."""
    from datetime import UTC, datetime

    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 23, 17, 0, tzinfo=UTC))


@pytest.fixture
def regla_20(municipio, secretario):
    return perfiles.fijar_regla_local(
        municipio=municipio,
        clave="plazos.respuesta_peticion",
        valor=20,
        vigente_desde=date(2026, 6, 1),
        fuente="Ordenanza 005-2026-MDVE",
        por=secretario,
    )


def _quitar(cliente, regla, **kwargs):
    return cliente.post(reverse("core:perfil-regla-quitar", args=[regla.pk]), **kwargs)


@pytest.mark.django_db
def test_quitar_regla_local_vuelve_al_perfil_y_guarda_la_historia(
    cliente_de, secretario, municipio, regla_20, hoy_23_11
):
    cliente = cliente_de(secretario)
    assert (
        reverse("core:perfil-regla-quitar", args=[regla_20.pk])
        in cliente.get(reverse("core:perfil")).content.decode()
    )
    respuesta = _quitar(cliente, regla_20, follow=True)
    assert respuesta.redirect_chain[-1][0] == reverse("core:perfil")
    html = respuesta.content.decode()
    assert "Se quitó la regla local «plazos.respuesta_peticion»: desde hoy rige el valor del perfil." in html
    regla_20.refresh_from_db()
    assert regla_20.vigente_hasta == date(2026, 11, 22)  # rige hasta ayer; la fila no se borra
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio) == 30  # hoy: el perfil
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio, fecha=date(2026, 7, 1)) == 20
    evento = Evento.objects.get(accion="core.regla_local.terminar")
    assert evento.actor == secretario and evento.objeto_id == str(regla_20.pk)
    assert evento.antes["vigente_hasta"] is None and evento.despues["vigente_hasta"] == "2026-11-22"
    # La tabla de reglas locales la muestra terminada y sin botón.
    assert "Terminada" in html and reverse("core:perfil-regla-quitar", args=[regla_20.pk]) not in html


@pytest.mark.django_db
def test_quitar_una_regla_programada_la_deja_sin_efecto(cliente_de, secretario, municipio, hoy_23_11):
    cliente = cliente_de(secretario)
    futura = perfiles.fijar_regla_local(
        municipio=municipio,
        clave="plazos.respuesta_peticion",
        valor=25,
        vigente_desde=date(2027, 1, 1),
        fuente="Ordenanza 011-2026-MDVE",
        por=secretario,
    )
    assert _quitar(cliente, futura).status_code == 302
    futura.refresh_from_db()
    assert futura.vigente_hasta == date(2026, 11, 22)
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio, fecha=date(2027, 2, 1)) == 30
    assert "Sin efecto" in cliente.get(reverse("core:perfil")).content.decode()
    # La fecha que ocupaba queda libre para otra regla.
    assert (
        cliente.post(
            reverse("core:perfil-regla-fijar"), _datos(vigente_desde="2027-01-01", valor="22")
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_quitar_una_regla_ya_terminada_no_cambia_nada(cliente_de, secretario, municipio, regla_20, hoy_23_11):
    cliente = cliente_de(secretario)
    _quitar(cliente, regla_20)
    respuesta = _quitar(cliente, regla_20, follow=True)
    assert (
        "La regla local «plazos.respuesta_peticion» ya no rige desde el 23/11/2026."
        in respuesta.content.decode()
    )
    regla_20.refresh_from_db()
    assert regla_20.vigente_hasta == date(2026, 11, 22)
    assert Evento.objects.filter(accion="core.regla_local.terminar").count() == 1


@pytest.mark.django_db
def test_quitar_solo_por_post(cliente_de, secretario, regla_20):
    assert (
        cliente_de(secretario).get(reverse("core:perfil-regla-quitar", args=[regla_20.pk])).status_code == 405
    )
    regla_20.refresh_from_db()
    assert regla_20.vigente_hasta is None


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["regidor", "prosecretario", "ajeno"])
def test_quitar_sin_permiso_es_403(cliente_de, request, regla_20, persona):
    usuario = request.getfixturevalue(persona)
    assert _quitar(cliente_de(usuario), regla_20).status_code == 403
    regla_20.refresh_from_db()
    assert regla_20.vigente_hasta is None
    assert not Evento.objects.filter(accion="core.regla_local.terminar").exists()
    assert reverse("core:perfil-regla-quitar", args=[regla_20.pk]) not in (
        cliente_de(usuario).get(reverse("core:perfil")).content.decode()
    )


@pytest.mark.django_db
def test_quitar_regla_de_otro_municipio_o_inexistente_es_404(cliente_de, secretario, municipio):
    from core.tests.factories import MunicipioFactory

    otro = MunicipioFactory(sigla="OTRO", nombre="Otro municipio")
    ajena = ReglaLocal.objects.create(
        municipio=otro,
        clave="plazos.respuesta_peticion",
        valor=5,
        vigente_desde=date(2026, 1, 1),
        fuente="Ordenanza ajena",
    )
    cliente = cliente_de(secretario)
    assert _quitar(cliente, ajena).status_code == 404
    assert cliente.post(reverse("core:perfil-regla-quitar", args=[ajena.pk + 1000])).status_code == 404
    ajena.refresh_from_db()
    assert ajena.vigente_hasta is None
    assert not Evento.objects.filter(accion="core.regla_local.terminar").exists()


@pytest.mark.django_db
def test_fijar_regla_con_fecha_final(cliente_de, secretario, municipio):
    datos = _datos(vigente_hasta="2026-06-30")
    assert cliente_de(secretario).post(reverse("core:perfil-regla-fijar"), datos).status_code == 302
    regla = ReglaLocal.objects.get()
    assert regla.vigente_hasta == date(2026, 6, 30)
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio, fecha=date(2026, 6, 30)) == 20
    assert perfiles.valor("plazos.respuesta_peticion", municipio=municipio, fecha=date(2026, 7, 1)) == 30


@pytest.mark.django_db
def test_fijar_regla_con_fecha_final_anterior_no_cambia_nada(cliente_de, secretario):
    respuesta = cliente_de(secretario).post(
        reverse("core:perfil-regla-fijar"), _datos(vigente_hasta="2026-05-01")
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "La fecha final no puede ser anterior a la de inicio." in html
    assert 'aria-invalid="true"' in html
    assert not ReglaLocal.objects.exists()
    assert not Evento.objects.filter(accion="core.regla_local.fijar").exists()


@pytest.fixture
def municipio_co(municipio):
    """Colombia: su perfil no fija aviso para la sesión ordinaria ni días de reconsideración."""
    municipio.perfil = "CO"
    municipio.save()
    perfil = perfiles.obtener_perfil("CO")
    assert "concejo.aviso_ordinaria" not in perfil.versiones
    assert "concejo.reconsideracion_dias" not in perfil.versiones
    return municipio


@pytest.mark.django_db
def test_fijar_claves_que_el_concejo_lee_aunque_el_perfil_no_las_traiga(cliente_de, secretario, municipio_co):
    from concejo.selectors.cuerpo import reglas_del_concejo

    cliente = cliente_de(secretario)
    formulario = cliente.get(reverse("core:perfil")).content.decode()
    assert (
        'value="concejo.aviso_ordinaria"' in formulario
        and 'value="concejo.reconsideracion_dias"' in formulario
    )
    for clave, texto in [
        ("concejo.aviso_ordinaria", '{"cantidad": 3, "unidad": "dias_habiles"}'),
        ("concejo.reconsideracion_dias", "8"),
    ]:
        r = cliente.post(
            reverse("core:perfil-regla-fijar"), _datos(clave=clave, valor=texto, vigente_desde="2026-01-01")
        )
        assert r.status_code == 302, r.content.decode()
    reglas = reglas_del_concejo(HOY, municipio=municipio_co)
    assert reglas.aviso["ordinaria"] == {"cantidad": 3, "unidad": "dias_habiles"}
    assert reglas.reconsideracion_dias == 8
    html = cliente.get(reverse("core:perfil")).content.decode()
    assert 'data-clave="concejo.reconsideracion_dias"' in html  # también en la tabla de reglas vigentes
    evento = Evento.objects.filter(accion="core.regla_local.fijar").order_by("pk").first()
    assert evento.antes == {"clave": "concejo.aviso_ordinaria", "valor": None}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "clave,texto,mensaje",
    [
        ("concejo.aviso_ordinaria", '{"cantidad": 3, "unidad": "semanas"}', "la unidad es dias_habiles"),
        ("concejo.aviso_ordinaria", "3", "El valor debe ser del mismo tipo que el de la referencia."),
        ("concejo.reconsideracion_dias", "ocho", "Escriba un número entero."),
        (
            "concejo.aviso_secreta",
            '{"cantidad": 3, "unidad": "horas"}',
            "Escoja una opción válida",
        ),  # no es un tipo
    ],
)
def test_claves_del_concejo_con_datos_malos_no_cambia_nada(
    cliente_de, secretario, municipio_co, clave, texto, mensaje
):
    respuesta = cliente_de(secretario).post(
        reverse("core:perfil-regla-fijar"), _datos(clave=clave, valor=texto)
    )
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    assert not ReglaLocal.objects.exists()
    assert not Evento.objects.filter(accion="core.regla_local.fijar").exists()


@pytest.mark.django_db
def test_el_servicio_rechaza_una_clave_que_nadie_lee(municipio_co, secretario):
    with pytest.raises(ValidationError) as error:
        perfiles.fijar_regla_local(
            municipio=municipio_co,
            clave="concejo.aviso_secreta",
            valor={"cantidad": 1, "unidad": "horas"},
            vigente_desde=HOY,
            fuente="RIC",
            por=secretario,
        )
    assert "ni la lee el sistema" in error.value.message_dict["clave"][0]
    assert not ReglaLocal.objects.exists()
