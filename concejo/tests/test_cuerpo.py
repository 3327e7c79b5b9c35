"""Configuración del cuerpo del concejo por sus páginas: periodos, miembros y su estado, comisiones, el
concejo en una fecha, la página pública y la API «en una fecha»; la demostración."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from concejo.models import EstadoMiembro, IntegranteComision, Miembro, Organo, Periodo
from concejo.selectors.cuerpo import estado_en, miembros_de, situacion_en
from concejo.services import cuerpo
from concejo.tests.factories import MiembroFactory, PeriodoFactory, PlenoFactory, concejo_completo
from core.models import Evento, Persona
from core.tests.factories import PersonaFactory

HOY = timezone.localdate


def _periodo_vigente(numero_legal=10):
    hoy = HOY()
    periodo = PeriodoFactory(
        nombre="Vigente",
        inicio=hoy - timedelta(days=400),
        fin=hoy + timedelta(days=400),
        numero_legal=numero_legal,
    )
    PlenoFactory(periodo=periodo)
    return periodo


# --- Periodos -------------------------------------------------------------------------------------


def test_crear_periodo_con_su_pleno_y_evento(cliente_de, secretario):
    r = cliente_de(secretario).post(
        "/concejo/cuerpo/periodos/nuevo/",
        {"nombre": "2027-2030", "inicio": "2027-01-01", "fin": "2030-12-31", "numero_legal": 10},
    )
    periodo = Periodo.objects.get(nombre="2027-2030")
    assert r.status_code == 302 and r["Location"] == f"/concejo/cuerpo/periodos/{periodo.pk}/"
    assert periodo.numero_legal == 10
    pleno = periodo.organos.get()
    assert pleno.es_pleno and pleno.nombre == "Concejo Municipal"  # vocabulario del perfil PE
    evento = Evento.objects.get(accion="concejo.periodo.crear")
    assert evento.actor == secretario and evento.despues["pleno"] == pleno.pk
    pagina = cliente_de(secretario).get(f"/concejo/cuerpo/periodos/{periodo.pk}/")
    assert pagina.status_code == 200 and "2027-2030" in pagina.content.decode()


@pytest.mark.parametrize(
    "datos,campo,mensaje",
    [
        (
            {"nombre": "X", "inicio": "2027-01-01", "fin": "2026-12-31", "numero_legal": 10},
            "fin",
            "posterior a su inicio",
        ),
        (
            {"nombre": "X", "inicio": "2025-01-01", "fin": "2028-12-31", "numero_legal": 10},
            "inicio",
            "superponen",
        ),
        ({"nombre": "X", "inicio": "2027-01-01", "fin": "2030-12-31", "numero_legal": 0}, "numero_legal", ""),
    ],
)
def test_periodo_con_datos_malos_no_cambia_nada(cliente_de, secretario, datos, campo, mensaje):
    PeriodoFactory()  # 2023-2026
    r = cliente_de(secretario).post("/concejo/cuerpo/periodos/nuevo/", datos)
    assert r.status_code == 200
    assert campo in r.context["form"].errors and mensaje in " ".join(r.context["form"].errors[campo])
    assert Periodo.objects.count() == 1 and not Evento.objects.filter(accion="concejo.periodo.crear").exists()


def test_editar_periodo_guarda_antes_y_despues(cliente_de, secretario):
    p = PeriodoFactory()
    r = cliente_de(secretario).post(
        f"/concejo/cuerpo/periodos/{p.pk}/editar/",
        {"nombre": p.nombre, "inicio": "2023-01-01", "fin": "2026-12-31", "numero_legal": 14},
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.numero_legal == 14
    e = Evento.objects.get(accion="concejo.periodo.editar")
    assert (e.antes["numero_legal"], e.despues["numero_legal"]) == (12, 14)


def test_paginas_de_configuracion_piden_permiso(client, cliente_de, prosecretario, regidor, ajeno, db):
    p = PeriodoFactory()
    m = MiembroFactory(periodo=p)
    c = Organo.objects.create(periodo=p, tipo="comision_ordinaria", nombre="Obras")
    urls = [
        "/concejo/cuerpo/",
        "/concejo/cuerpo/periodos/nuevo/",
        f"/concejo/cuerpo/periodos/{p.pk}/",
        f"/concejo/cuerpo/periodos/{p.pk}/miembros/nuevo/",
        f"/concejo/cuerpo/miembros/{m.pk}/",
        f"/concejo/cuerpo/comisiones/{c.pk}/",
    ]
    for usuario in (prosecretario, regidor, ajeno):
        cliente = cliente_de(usuario)
        for url in urls:
            assert cliente.get(url).status_code == 403, (usuario, url)
        assert (
            cliente.post(
                f"/concejo/cuerpo/miembros/{m.pk}/estado/",
                {"estado": "licencia", "desde": "2026-03-01", "documento": "X"},
            ).status_code
            == 403
        )
    client.logout()
    assert client.get("/concejo/cuerpo/").status_code == 302  # al ingreso
    assert not EstadoMiembro.objects.exists()


def test_cambios_del_cuerpo_por_post_piden_permiso(client, cliente_de, prosecretario, regidor, ajeno, db):
    p = PeriodoFactory()
    m = MiembroFactory(periodo=p, partido="Antes")
    c = Organo.objects.create(periodo=p, tipo="comision_ordinaria", nombre="Obras")
    integrante = IntegranteComision.objects.create(organo=c, miembro=m, desde=p.inicio)
    envios = [
        (
            f"/concejo/cuerpo/periodos/{p.pk}/editar/",
            {"nombre": "Otro", "inicio": p.inicio, "fin": p.fin, "numero_legal": 3},
        ),
        (
            f"/concejo/cuerpo/periodos/{p.pk}/comisiones/nueva/",
            {"tipo": "comision_ordinaria", "nombre": "Nueva"},
        ),
        (f"/concejo/cuerpo/miembros/{m.pk}/editar/", {"partido": "Después"}),
        (f"/concejo/cuerpo/comisiones/{c.pk}/integrantes/", {"miembro": m.pk, "funcion": "presidente"}),
        (f"/concejo/cuerpo/integrantes/{integrante.pk}/terminar/", {"hasta": p.fin}),
    ]
    for usuario in (prosecretario, regidor, ajeno):
        cliente = cliente_de(usuario)
        for url, datos in envios:
            assert cliente.post(url, datos).status_code == 403, (usuario, url)
    client.logout()
    for url, datos in envios:
        assert client.post(url, datos).status_code == 302  # al ingreso
    p.refresh_from_db()
    m.refresh_from_db()
    integrante.refresh_from_db()
    assert p.nombre != "Otro" and m.partido == "Antes" and integrante.hasta is None
    assert list(p.organos.values_list("nombre", flat=True)) == ["Obras"]
    assert c.integrantes.count() == 1 and not Evento.objects.filter(accion__startswith="concejo.").exists()


def test_terminar_integrante_con_fecha_mala_no_cambia_nada(cliente_de, secretario):
    pleno = concejo_completo(regidores=2)
    p = pleno.periodo
    m = p.miembros.order_by("orden").first()
    c = cuerpo.crear_comision(periodo=p, tipo="comision_ordinaria", nombre="Obras", por=secretario)
    integrante = cuerpo.agregar_integrante(comision=c, miembro=m, por=secretario)
    cliente = cliente_de(secretario)
    for datos in ({}, {"hasta": "no-es-fecha"}, {"hasta": "1990-01-01"}):
        r = cliente.post(f"/concejo/cuerpo/integrantes/{integrante.pk}/terminar/", datos, follow=True)
        assert r.redirect_chain[0] == (f"/concejo/cuerpo/comisiones/{c.pk}/", 302), datos
        assert list(r.context["messages"])[0].level_tag == "error", datos
    integrante.refresh_from_db()
    assert integrante.hasta is None
    assert not Evento.objects.filter(accion="concejo.comision.integrante.terminar").exists()
    assert (
        cliente.post("/concejo/cuerpo/integrantes/999/terminar/", {"hasta": "2025-06-30"}).status_code == 404
    )


def test_inexistentes_404(cliente_de, secretario):
    cliente = cliente_de(secretario)
    for url in [
        "/concejo/cuerpo/periodos/999/",
        "/concejo/cuerpo/miembros/999/",
        "/concejo/cuerpo/comisiones/999/",
        "/concejo/cuerpo/periodos/999/miembros/nuevo/",
    ]:
        assert cliente.get(url).status_code == 404, url
    # El pleno no es una comisión: su id no abre la página de comisiones.
    pleno = PlenoFactory()
    assert cliente.get(f"/concejo/cuerpo/comisiones/{pleno.pk}/").status_code == 404


# --- Miembros -------------------------------------------------------------------------------------


def test_agregar_miembro_registra_la_persona_si_no_existe(cliente_de, secretario, regidor):
    p = PeriodoFactory()
    PlenoFactory(periodo=p)
    r = cliente_de(secretario).post(
        f"/concejo/cuerpo/periodos/{p.pk}/miembros/nuevo/",
        {
            "tipo_documento": "DNI",
            "numero_documento": "4512-3456",
            "nombres": "Ana María",
            "apellidos": "Castillo Rojas",
            "rol": "miembro",
            "partido": "Fuerza Vecinal",
            "orden": 2,
            "correo": "ana@ejemplo.pe",
            "usuario": regidor.pk,
        },
    )
    assert r.status_code == 302
    m = Miembro.objects.get()
    assert (m.persona.numero_documento, m.partido, m.usuario, m.desde, m.correo) == (
        "45123456",
        "Fuerza Vecinal",
        regidor,
        p.inicio,
        "ana@ejemplo.pe",
    )
    assert Evento.objects.filter(accion="core.persona.registrar").count() == 1
    assert Evento.objects.get(accion="concejo.miembro.agregar").despues["persona"] == m.persona.pk
    # La misma persona existente se reutiliza, y no puede tener dos asientos en el periodo.
    r = cliente_de(secretario).post(
        f"/concejo/cuerpo/periodos/{p.pk}/miembros/nuevo/",
        {"tipo_documento": "DNI", "numero_documento": "45123456", "rol": "miembro"},
    )
    assert r.status_code == 200 and "ya es miembro" in r.content.decode()
    assert Persona.objects.count() == 1 and Miembro.objects.count() == 1


def test_miembro_con_datos_malos_no_deja_persona_suelta(cliente_de, secretario):
    p = PeriodoFactory()
    MiembroFactory(periodo=p, rol="alcalde")
    r = cliente_de(secretario).post(
        f"/concejo/cuerpo/periodos/{p.pk}/miembros/nuevo/",
        {
            "tipo_documento": "DNI",
            "numero_documento": "45123456",
            "nombres": "Otro",
            "apellidos": "Alcalde",
            "rol": "alcalde",
            "desde": "2030-01-01",
        },
    )
    assert r.status_code == 200
    errores = r.context["form"].errors
    assert "dentro del periodo" in " ".join(errores["desde"]) and "ya tiene alcalde" in " ".join(
        errores["rol"]
    )
    assert not Persona.objects.filter(numero_documento="45123456").exists()
    r = cliente_de(secretario).post(
        f"/concejo/cuerpo/periodos/{p.pk}/miembros/nuevo/",
        {"tipo_documento": "DNI", "numero_documento": "123", "rol": "miembro"},
    )
    assert "8 dígitos" in r.content.decode() and Miembro.objects.count() == 1


def test_editar_miembro_y_suplente_de_otro_periodo(cliente_de, secretario):
    m = MiembroFactory()
    ajeno = MiembroFactory(
        periodo=PeriodoFactory(nombre="Otro", inicio=date(2019, 1, 1), fin=date(2022, 12, 31))
    )
    cliente = cliente_de(secretario)
    r = cliente.post(
        f"/concejo/cuerpo/miembros/{m.pk}/editar/",
        {"rol": "miembro", "partido": "Nuevo Partido", "orden": 3, "suplente_de": ajeno.pk},
    )
    assert r.status_code == 200 and "Ese titular no existe" in r.content.decode()
    r = cliente.post(
        f"/concejo/cuerpo/miembros/{m.pk}/editar/", {"rol": "miembro", "partido": "Nuevo Partido", "orden": 3}
    )
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.partido == "Nuevo Partido" and m.orden == 3
    e = Evento.objects.get(accion="concejo.miembro.editar")
    assert e.antes["partido"] == "Alianza Vecinal" and e.despues["partido"] == "Nuevo Partido"


def test_licencia_con_suplente_se_ve_en_las_paginas(cliente_de, secretario):
    periodo = _periodo_vigente()
    titular = MiembroFactory(periodo=periodo, persona=PersonaFactory(nombres="Jorge", apellidos="Palomino"))
    for _ in range(9):
        MiembroFactory(periodo=periodo)
    hoy = HOY()
    cliente = cliente_de(secretario)
    r = cliente.post(
        f"/concejo/cuerpo/miembros/{titular.pk}/estado/",
        {
            "estado": "licencia",
            "desde": (hoy - timedelta(days=2)).isoformat(),
            "hasta": (hoy + timedelta(days=10)).isoformat(),
            "documento": "Acuerdo de Concejo Nº 031-2026",
            "motivo": "Salud",
        },
    )
    assert r.status_code == 302
    assert estado_en(titular, hoy) == "licencia"
    e = Evento.objects.get(accion="concejo.miembro.estado")
    assert (
        e.antes["estado"] == "activo" and e.despues["estado"] == "licencia" and e.objeto_id == str(titular.pk)
    )
    # Sin suplente: 9 hábiles.
    r = cliente.get("/concejo/cuerpo/en-una-fecha/")
    html = r.content.decode()
    assert r.context["situacion"].numero_habiles == 9 and "Nadie: el asiento no cuenta" in html
    cuerpo.agregar_miembro(
        periodo=periodo,
        persona=PersonaFactory(nombres="Elena", apellidos="Mamani"),
        suplente_de=titular,
        desde=hoy - timedelta(days=2),
        por=secretario,
    )
    r = cliente.get("/concejo/cuerpo/en-una-fecha/")
    html = r.content.decode()
    assert r.context["situacion"].numero_habiles == 10
    assert "Elena Mamani (suplente)" in html and "Acuerdo de Concejo Nº 031-2026" in html
    assert "Jorge Palomino" in html
    # En una fecha anterior a la licencia nadie está fuera.
    antes = (hoy - timedelta(days=5)).isoformat()
    r = cliente.get(f"/concejo/cuerpo/en-una-fecha/?fecha={antes}")
    assert r.context["situacion"].fuera == [] and "Todos los titulares están activos" in r.content.decode()
    # La página del periodo también lo muestra.
    html = cliente.get(f"/concejo/cuerpo/periodos/{periodo.pk}/").content.decode()
    assert "Con licencia" in html and "Elena Mamani" in html


@pytest.mark.parametrize(
    "datos,campo,mensaje",
    [
        ({"estado": "licencia", "desde": "2026-03-01"}, "documento", "documento que lo dispone"),
        ({"estado": "licencia", "desde": "2030-03-01", "documento": "X"}, "desde", "dentro del periodo"),
        (
            {"estado": "licencia", "desde": "2026-03-10", "hasta": "2026-03-01", "documento": "X"},
            "hasta",
            "anterior",
        ),
        (
            {"estado": "vacado", "desde": "2026-03-10", "hasta": "2026-04-01", "documento": "X"},
            "hasta",
            "no tiene fecha final",
        ),
        ({"estado": "jubilado", "desde": "2026-03-10"}, "estado", ""),
    ],
)
def test_estado_con_datos_malos_400_y_nada_cambia(cliente_de, secretario, datos, campo, mensaje):
    m = MiembroFactory()
    r = cliente_de(secretario).post(f"/concejo/cuerpo/miembros/{m.pk}/estado/", datos)
    assert r.status_code == 400
    assert mensaje in " ".join(r.context["form"].errors[campo])
    assert (
        not EstadoMiembro.objects.exists()
        and not Evento.objects.filter(accion="concejo.miembro.estado").exists()
    )


def test_estado_solo_por_post(cliente_de, secretario):
    m = MiembroFactory()
    assert cliente_de(secretario).get(f"/concejo/cuerpo/miembros/{m.pk}/estado/").status_code == 405


def test_pagina_del_miembro_muestra_su_historia(cliente_de, secretario):
    m = MiembroFactory()
    cuerpo.registrar_estado(
        miembro=m,
        estado="suspendido",
        desde=date(2024, 5, 1),
        hasta=date(2024, 6, 30),
        documento="Acuerdo 12-2024",
        por=secretario,
    )
    html = cliente_de(secretario).get(f"/concejo/cuerpo/miembros/{m.pk}/").content.decode()
    assert "Suspendido" in html and "Acuerdo 12-2024" in html and "<label" in html


# --- Comisiones -----------------------------------------------------------------------------------


def test_comision_con_integrantes(cliente_de, secretario):
    pleno = concejo_completo(regidores=4)
    p = pleno.periodo
    a, b, c, *_ = list(p.miembros.order_by("orden"))
    cliente = cliente_de(secretario)
    r = cliente.post(
        f"/concejo/cuerpo/periodos/{p.pk}/comisiones/nueva/",
        {"tipo": "comision_mesa", "nombre": "Comisión de Mesa", "sigla": "MESA"},
    )
    comision = Organo.objects.get(tipo="comision_mesa")
    assert r.status_code == 302 and Evento.objects.filter(accion="concejo.comision.crear").count() == 1
    # Solo una Comisión de Mesa por periodo.
    r = cliente.post(
        f"/concejo/cuerpo/periodos/{p.pk}/comisiones/nueva/", {"tipo": "comision_mesa", "nombre": "Otra Mesa"}
    )
    assert r.status_code == 200 and "ya tiene una Comisión de Mesa" in r.content.decode()
    r = cliente.post(
        f"/concejo/cuerpo/comisiones/{comision.pk}/integrantes/", {"miembro": b.pk, "funcion": "presidente"}
    )
    assert r.status_code == 302
    cliente.post(
        f"/concejo/cuerpo/comisiones/{comision.pk}/integrantes/", {"miembro": c.pk, "funcion": "miembro"}
    )
    # Dos presidentes a la vez, o el mismo miembro dos veces: 400, nada cambia.
    r = cliente.post(
        f"/concejo/cuerpo/comisiones/{comision.pk}/integrantes/", {"miembro": a.pk, "funcion": "presidente"}
    )
    assert r.status_code == 400 and "ya tiene presidente" in r.content.decode()
    r = cliente.post(
        f"/concejo/cuerpo/comisiones/{comision.pk}/integrantes/", {"miembro": c.pk, "funcion": "secretario"}
    )
    assert r.status_code == 400 and "ya integra la comisión" in r.content.decode()
    assert comision.integrantes.count() == 2
    assert [m.pk for m in miembros_de(comision, date(2024, 1, 1))] == [b.pk, c.pk]
    assert Evento.objects.filter(accion="concejo.comision.integrante.agregar").count() == 2
    # Sale un integrante.
    integrante = IntegranteComision.objects.get(miembro=c)
    r = cliente.post(f"/concejo/cuerpo/integrantes/{integrante.pk}/terminar/", {"hasta": "2025-06-30"})
    assert r.status_code == 302
    assert [m.pk for m in miembros_de(comision, date(2025, 7, 1))] == [b.pk]
    assert c.pk in [m.pk for m in miembros_de(comision, date(2025, 6, 30))]
    e = Evento.objects.get(accion="concejo.comision.integrante.terminar")
    assert e.antes["hasta"] is None and e.despues["hasta"] == "2025-06-30"
    r = cliente.post(f"/concejo/cuerpo/integrantes/{integrante.pk}/terminar/", {"hasta": "1990-01-01"})
    integrante.refresh_from_db()
    assert integrante.hasta == date(2025, 6, 30)
    html = cliente.get(f"/concejo/cuerpo/comisiones/{comision.pk}/").content.decode()
    assert "Presidente" in html and str(b.persona) in html


def test_integrante_de_otro_periodo_rechazado(secretario):
    comision = Organo.objects.create(periodo=PeriodoFactory(), tipo="comision_especial", nombre="Especial")
    otro = MiembroFactory(
        periodo=PeriodoFactory(nombre="Otro", inicio=date(2019, 1, 1), fin=date(2022, 12, 31))
    )
    with pytest.raises(ValidationError, match="mismo periodo"):
        cuerpo.agregar_integrante(comision=comision, miembro=otro, por=secretario)
    assert not IntegranteComision.objects.exists()


# --- El concejo en una fecha, página pública y API ------------------------------------------------


def test_concejo_en_una_fecha_para_quien_ve_el_concejo(cliente_de, regidor, ajeno, secretario):
    periodo = _periodo_vigente(numero_legal=10)
    for _ in range(10):
        MiembroFactory(periodo=periodo)
    r = cliente_de(regidor).get("/concejo/cuerpo/en-una-fecha/")
    assert r.status_code == 200
    html = r.content.decode()
    assert r.context["quorum"].requerido == 6 and "Mayoría simple de los presentes" in html
    assert "Vacancia de un miembro" in html and "Dos tercios del número legal" in html
    assert cliente_de(ajeno).get("/concejo/cuerpo/en-una-fecha/").status_code == 403
    r = cliente_de(secretario).get("/concejo/cuerpo/en-una-fecha/?fecha=1990-01-01")
    assert r.status_code == 200 and "No hay un periodo" in r.content.decode()


def test_api_en_una_fecha(client, cliente_de, secretario, ajeno):
    periodo = _periodo_vigente(numero_legal=10)
    miembros = [MiembroFactory(periodo=periodo) for _ in range(10)]
    cuerpo.registrar_estado(
        miembro=miembros[3],
        estado="suspendido",
        desde=HOY() - timedelta(days=1),
        documento="Acuerdo 40-2026",
        por=secretario,
    )
    r = cliente_de(secretario).get("/api/v1/concejo/en-una-fecha/")
    assert r.status_code == 200
    datos = r.json()
    assert (datos["numero_legal"], datos["miembros_habiles"], datos["quorum_requerido"]) == (10, 9, 5)
    suspendido = next(a for a in datos["asientos"] if a["titular_id"] == miembros[3].pk)
    assert suspendido["estado"] == "suspendido" and suspendido["ocupante"] is None
    assert cliente_de(secretario).get("/api/v1/concejo/en-una-fecha/?fecha=ayer").status_code == 400
    assert cliente_de(secretario).get("/api/v1/concejo/en-una-fecha/?fecha=1990-01-01").status_code == 404
    assert cliente_de(ajeno).get("/api/v1/concejo/en-una-fecha/").status_code == 403
    client.logout()
    assert client.get("/api/v1/concejo/en-una-fecha/").status_code == 401


def test_pagina_publica_sin_ingreso(client, secretario):
    periodo = _periodo_vigente()
    alcalde = MiembroFactory(
        periodo=periodo, rol="alcalde", persona=PersonaFactory(nombres="Víctor", apellidos="Salazar")
    )
    titular = MiembroFactory(periodo=periodo, persona=PersonaFactory(nombres="Jorge", apellidos="Palomino"))
    cuerpo.registrar_estado(
        miembro=titular,
        estado="licencia",
        desde=HOY() - timedelta(days=1),
        documento="Acuerdo",
        por=secretario,
    )
    cuerpo.agregar_miembro(
        periodo=periodo,
        persona=PersonaFactory(nombres="Elena", apellidos="Mamani"),
        suplente_de=titular,
        desde=HOY() - timedelta(days=1),
        por=secretario,
    )
    comision = cuerpo.crear_comision(
        periodo=periodo, tipo="comision_ordinaria", nombre="Comisión de Obras", por=secretario
    )
    cuerpo.agregar_integrante(comision=comision, miembro=alcalde, funcion="presidente", por=secretario)
    client.logout()
    r = client.get("/concejo/miembros/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Víctor Salazar" in html and "Comisión de Obras" in html and "Presidente" in html
    assert "en su lugar, Elena Mamani (suplente)" in html
    assert 'href="/api/v1/concejo/popolo/"' in html and "download=" in html
    assert "<main" in html and "<h1" in html
    # Sin documentos de identidad ni correos en la página pública.
    assert alcalde.persona.numero_documento not in html


def test_pagina_publica_sin_periodo(client, db):
    r = client.get("/concejo/miembros/")
    assert r.status_code == 200 and "No hay un periodo del concejo vigente" in r.content.decode()


def test_situacion_en_consultas_fijas(django_assert_num_queries, municipio):
    pleno = concejo_completo(regidores=11)
    for m in list(pleno.periodo.miembros.all())[:3]:
        EstadoMiembro.objects.create(miembro=m, estado="licencia", desde=date(2026, 1, 1), documento="X")
    with django_assert_num_queries(2):
        situacion = situacion_en(pleno.periodo, date(2026, 3, 1))
    assert situacion.numero_habiles == 9


# --- Demostración ---------------------------------------------------------------------------------


def test_demo_del_cuerpo_idempotente(db):
    # Solo el núcleo y esta parte: las demás partes tienen sus propias pruebas de demostración.
    from concejo.demo import cargar_demo_cuerpo
    from core.demo import _cargar_nucleo

    for _ in range(2):
        cargar_demo_cuerpo(_cargar_nucleo())
    periodo = Periodo.objects.get(nombre="2023-2026")
    assert periodo.numero_legal == 10 and periodo.miembros.filter(suplente_de__isnull=True).count() == 10
    regidora = Miembro.objects.get(usuario__username="regidor")
    assert str(regidora.persona) == "Ana María Castillo Rojas"
    suplente = Miembro.objects.get(suplente_de__isnull=False)
    assert estado_en(suplente.suplente_de, suplente.desde) == "licencia"
    assert set(periodo.organos.values_list("tipo", flat=True)) == {
        "pleno",
        "comision_mesa",
        "comision_ordinaria",
    }
    assert periodo.organos.filter(tipo="comision_ordinaria").count() == 2
    assert all(
        c.integrantes.filter(funcion="presidente").count() == 1 for c in periodo.organos.exclude(tipo="pleno")
    )
