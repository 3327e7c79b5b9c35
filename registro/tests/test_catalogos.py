from decimal import Decimal

import pytest

from core.models import Evento, UnidadOrganica
from core.tests.consultas import con_sesion
from registro.demo import PROCEDIMIENTOS, TIPOS, cargar_recepcion
from registro.models import Procedimiento, TipoDocumental
from registro.tests.factories import ProcedimientoFactory, TipoDocumentalFactory

DATOS = {
    "codigo": "gdu-02",
    "nombre": "Certificado de parámetros urbanísticos y edificatorios",
    "plazo_dias": "5",
    "tipo_plazo": "habiles",
    "requisitos": "Solicitud\n\n  Plano de ubicación  ",
    "derecho_tramite": "78.00",
    "silencio": "positivo",
    "activo": "on",
}


def test_lista_de_procedimientos_con_consultas_fijas(cliente_de, secretario, django_assert_num_queries):
    for _ in range(5):
        ProcedimientoFactory()
    cliente = cliente_de(secretario)
    cliente.get("/registro/procedimientos/")  # calienta la sesión y los permisos
    with django_assert_num_queries(con_sesion(8)):
        respuesta = cliente.get("/registro/procedimientos/")
    assert respuesta.status_code == 200 and respuesta.content.decode().count("data-procedimiento=") == 5


def test_crear_procedimiento(cliente_de, secretario, unidad_gdu):
    respuesta = cliente_de(secretario).post(
        "/registro/procedimientos/nuevo/", {**DATOS, "unidad_responsable": unidad_gdu.pk}
    )
    assert respuesta.status_code == 302
    p = Procedimiento.objects.get()
    assert p.codigo == "GDU-02" and p.requisitos == "Solicitud\nPlano de ubicación"
    assert p.derecho_tramite == Decimal("78.00") and p.unidad_responsable == unidad_gdu
    assert Evento.objects.de_objeto(p).get().accion == "registro.procedimiento.crear"


def test_codigo_repetido_y_datos_malos(cliente_de, secretario, unidad_gdu):
    ProcedimientoFactory(codigo="GDU-02")
    cliente = cliente_de(secretario)
    respuesta = cliente.post(
        "/registro/procedimientos/nuevo/", {**DATOS, "unidad_responsable": unidad_gdu.pk}
    )
    assert "Ya existe un procedimiento con el código «GDU-02»." in respuesta.content.decode()
    respuesta = cliente.post(
        "/registro/procedimientos/nuevo/",
        {**DATOS, "codigo": "X-1", "plazo_dias": "-1", "unidad_responsable": ""},
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200 and "mayor o igual a 0" in html and "Este campo es requerido." in html
    assert Procedimiento.objects.count() == 1


def test_editar_procedimiento(cliente_de, secretario, unidad_gdu, unidad_sg):
    p = ProcedimientoFactory(codigo="SG-01", unidad_responsable=unidad_sg, plazo_dias=10)
    cliente = cliente_de(secretario)
    assert "SG-01" in cliente.get(f"/registro/procedimientos/{p.pk}/").content.decode()
    datos = {**DATOS, "codigo": "SG-01", "plazo_dias": "7", "unidad_responsable": unidad_gdu.pk}
    assert cliente.post(f"/registro/procedimientos/{p.pk}/", datos).status_code == 302
    p.refresh_from_db()
    assert p.plazo_dias == 7 and p.unidad_responsable == unidad_gdu
    evento = Evento.objects.de_objeto(p).get(accion="registro.procedimiento.editar")
    assert evento.antes["plazo_dias"] == 10 and evento.despues["plazo_dias"] == 7


def test_catalogos_sin_permiso_403(cliente_de, mesa_de_partes, unidad_gdu):
    cliente = cliente_de(mesa_de_partes)
    p = ProcedimientoFactory()
    for url in (
        "/registro/procedimientos/",
        "/registro/procedimientos/nuevo/",
        f"/registro/procedimientos/{p.pk}/",
        "/registro/tipos-documentales/",
        "/registro/tipos-documentales/nuevo/",
    ):
        assert cliente.get(url).status_code == 403, url
    assert (
        cliente.post(
            "/registro/procedimientos/nuevo/", {**DATOS, "unidad_responsable": unidad_gdu.pk}
        ).status_code
        == 403
    )
    assert Procedimiento.objects.count() == 1


def test_procedimiento_inexistente_404(cliente_de, secretario):
    assert cliente_de(secretario).get("/registro/procedimientos/99999/").status_code == 404


def test_tipos_documentales(cliente_de, secretario):
    cliente = cliente_de(secretario)
    respuesta = cliente.post(
        "/registro/tipos-documentales/nuevo/", {"nombre": " Carta  notarial ", "activo": "on"}
    )
    assert respuesta.status_code == 302
    t = TipoDocumental.objects.get()
    assert t.nombre == "Carta notarial" and t.activo
    assert Evento.objects.de_objeto(t).get().accion == "registro.tipo_documental.crear"
    repetido = cliente.post("/registro/tipos-documentales/nuevo/", {"nombre": "carta notarial"})
    assert "Ya existe el tipo de documento «carta notarial»." in repetido.content.decode()
    cliente.post(
        f"/registro/tipos-documentales/{t.pk}/", {"nombre": "Carta notarial"}
    )  # sin «activo»: se desactiva
    t.refresh_from_db()
    assert not t.activo
    assert "Carta notarial" in cliente.get("/registro/tipos-documentales/").content.decode()
    malo = cliente.post(
        f"/registro/tipos-documentales/{t.pk}/", {"nombre": "Memo", "interno": "on", "codigo_serie": "Memo ñ"}
    )
    assert "La clave de numeración admite" in malo.content.decode()
    t.refresh_from_db()
    assert t.nombre == "Carta notarial"


def test_tipo_documental_inactivo_no_se_ofrece_en_la_mesa(cliente_de, mesa_de_partes):
    TipoDocumentalFactory(nombre="Telegrama", activo=False)
    TipoDocumentalFactory(nombre="Solicitud")
    html = cliente_de(mesa_de_partes).get("/registro/registrar/").content.decode()
    assert "Solicitud" in html and "Telegrama" not in html


@pytest.mark.django_db
def test_demo_carga_el_tupa_y_documentos_y_es_idempotente():
    from core.demo import _cargar_nucleo
    from registro.models import Documento

    def cargar_demo():  # el núcleo y solo la parte de la mesa de partes
        cargar_recepcion(_cargar_nucleo())

    cargar_demo()
    assert Procedimiento.objects.count() == len(PROCEDIMIENTOS)
    assert TipoDocumental.objects.filter(nombre__in=[t[0] for t in TIPOS]).count() == len(TIPOS)
    documentos = Documento.objects.filter(recibido_por__username="mesa", clase="entrada")
    assert documentos.count() >= 5
    assert documentos.filter(estado="observado").exists()
    assert UnidadOrganica.objects.get(sigla="GDU").documentos_en_bandeja.exists()
    cargar_demo()
    assert Procedimiento.objects.count() == len(PROCEDIMIENTOS)
    assert (
        Documento.objects.filter(recibido_por__username="mesa", clase="entrada").count() == documentos.count()
    )
