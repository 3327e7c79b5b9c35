"""Fedatarios y tarifas: páginas de configuración, con su evento; entrada mala; 403 para quien no configura."""

from datetime import timedelta

from django.utils import timezone

from certificaciones.models import Fedatario, Tarifa
from core.models import Evento
from core.tests.factories import UsuarioFactory


def test_designar_y_cesar_fedatario(cliente_de, secretario, municipio):
    u = UsuarioFactory(username="luis")
    cliente = cliente_de(secretario)
    hoy = timezone.localdate()
    r = cliente.post(
        "/certificaciones/fedatarios/",
        {
            "usuario": u.pk,
            "resolucion": "R.A. 12-2026",
            "desde": hoy,
            "hasta": hoy + timedelta(days=365),
            "alcance": ["copia", "acta"],
        },
    )
    f = Fedatario.objects.get()
    assert r.status_code == 302 and f.alcance == ["copia", "acta"] and f.usuario == u
    assert Evento.objects.filter(accion="certificaciones.fedatario.designar", objeto_id=str(f.pk)).exists()
    assert "R.A. 12-2026" in cliente.get("/certificaciones/fedatarios/").content.decode()
    # Superpuesta con la vigente: no.
    r = cliente.post(
        "/certificaciones/fedatarios/",
        {
            "usuario": u.pk,
            "resolucion": "R.A. 13-2026",
            "desde": hoy,
            "hasta": hoy + timedelta(days=5),
            "alcance": ["copia"],
        },
    )
    assert (
        r.status_code == 400 and "ya tiene una designación de fedatario en ese periodo" in r.content.decode()
    )
    r = cliente.post(f"/certificaciones/fedatarios/{f.pk}/cesar/", {"motivo": "Renuncia"}, follow=True)
    f.refresh_from_db()
    assert f.cesado and f.motivo_cese == "Renuncia" and "Se cesó la designación" in r.content.decode()


def test_designacion_mala(cliente_de, secretario, municipio):
    u = UsuarioFactory(username="luis")
    hoy = timezone.localdate()
    r = cliente_de(secretario).post(
        "/certificaciones/fedatarios/",
        {
            "usuario": u.pk,
            "resolucion": "R.A. 1",
            "desde": hoy,
            "hasta": hoy - timedelta(days=1),
            "alcance": ["copia"],
        },
    )
    assert r.status_code == 400 and "no puede terminar antes de empezar" in r.content.decode()
    assert not Fedatario.objects.exists()


def test_tarifas(cliente_de, secretario, municipio):
    cliente = cliente_de(secretario)
    r = cliente.post(
        "/certificaciones/tarifas/",
        {
            "concepto": "Constancia",
            "tipo": "constancia",
            "monto": "8.00",
            "base_legal": "TUPA 47",
            "activa": "on",
        },
    )
    t = Tarifa.objects.get()
    assert r.status_code == 302 and t.monto == 8 and t.municipio == municipio
    r = cliente.post("/certificaciones/tarifas/", {"concepto": "Mala", "monto": "-1", "base_legal": ""})
    assert r.status_code == 400 and Tarifa.objects.count() == 1
    r = cliente.post(
        f"/certificaciones/tarifas/{t.pk}/",
        {"concepto": "Constancia", "tipo": "constancia", "monto": "9.50", "base_legal": "TUPA 47"},
    )
    t.refresh_from_db()
    assert r.status_code == 302 and t.monto == 9.5 and not t.activa
    assert Evento.objects.get(accion="certificaciones.tarifa.actualizar").antes["monto"] == "8.00"


def test_solo_quien_configura(cliente_de, mesa_de_partes, prosecretario):
    for usuario in (mesa_de_partes, prosecretario):
        cliente = cliente_de(usuario)
        assert cliente.get("/certificaciones/fedatarios/").status_code == 403
        assert (
            cliente.post(
                "/certificaciones/tarifas/", {"concepto": "x", "monto": "1", "base_legal": "y"}
            ).status_code
            == 403
        )
    assert not Tarifa.objects.exists()


def test_menu(cliente_de, secretario, mesa_de_partes, regidor):
    html = cliente_de(secretario).get("/certificaciones/registro/").content.decode()
    for titulo in ("Solicitudes", "Registro de certificaciones", "Fedatarios", "Tarifas"):
        assert titulo in html
    html = cliente_de(regidor).get("/inicio/").content.decode()
    assert "Registro de certificaciones" not in html


def test_menu_sin_consultas_propias_y_fedatario_lo_ve(cliente_de, secretario, jefe_unidad, municipio):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cliente = cliente_de(jefe_unidad)
    cliente.get("/inicio/")
    with CaptureQueriesContext(connection) as consultas:
        html = cliente.get("/inicio/").content.decode()
    assert "Registro de certificaciones" not in html
    assert not [q for q in consultas.captured_queries if "certificaciones_" in q["sql"]]
    hoy = timezone.localdate()
    from certificaciones.services.configuracion import cesar_fedatario, designar_fedatario

    f = designar_fedatario(
        usuario=jefe_unidad, resolucion="R. 2", desde=hoy, hasta=hoy, alcance=["copia"], por=secretario
    )
    jefe = type(jefe_unidad).objects.get(pk=jefe_unidad.pk)
    assert "Registro de certificaciones" in cliente_de(jefe).get("/inicio/").content.decode()
    cesar_fedatario(fedatario=f, motivo="Fin", por=secretario)
    jefe = type(jefe_unidad).objects.get(pk=jefe_unidad.pk)
    assert not jefe.has_perm("certificaciones.es_fedatario")
