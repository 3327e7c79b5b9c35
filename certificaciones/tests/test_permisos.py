"""Quién puede certificar qué: Secretario General siempre; Pro-secretario solo con encargo vigente (queda
«por encargo»); fedatarios dentro del periodo y alcance de su designación. Los rechazos dicen por qué y no
cambian nada; quien no tiene calidad alguna recibe 403; el ajeno, 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificaciones.models import Certificado
from certificaciones.services.configuracion import cesar_fedatario, designar_fedatario
from core import roles
from core.models import Evento, NumeroRegistro
from core.tests.factories import UsuarioFactory


def _emitir(cliente, solicitud):
    return cliente.post(f"/certificaciones/solicitudes/{solicitud.pk}/emitir/")


def _nada_cambio(solicitud):
    solicitud.refresh_from_db()
    assert solicitud.estado == "lista"
    assert not Certificado.objects.exists() and not NumeroRegistro.objects.exists()
    assert not Evento.objects.filter(accion="certificaciones.certificado.emitir").exists()


@pytest.fixture
def fedatario_usuario(municipio, unidad_gdu):
    return UsuarioFactory(username="fedatario", unidad=unidad_gdu, roles=[roles.FUNCIONARIO])


def _designar(usuario, secretario, *, desde=-10, hasta=10, alcance=("copia",)):
    hoy = timezone.localdate()
    return designar_fedatario(
        usuario=usuario,
        resolucion="R.A. Nº 7-2026",
        desde=hoy + timedelta(days=desde),
        hasta=hoy + timedelta(days=hasta),
        alcance=list(alcance),
        por=secretario,
    )


def test_prosecretario_sin_encargo_no_certifica(cliente_de, prosecretario, lista):
    solicitud = lista()
    r = _emitir(cliente_de(prosecretario), solicitud)
    assert r.status_code == 400
    assert "Sin un encargo vigente del Secretario General no puede certificar" in r.content.decode()
    _nada_cambio(solicitud)


def test_prosecretario_con_encargo_certifica_por_encargo(
    cliente_de, prosecretario, secretario, lista, encargo_vigente
):
    solicitud = lista()
    r = _emitir(cliente_de(prosecretario), solicitud)
    assert r.status_code == 302
    c = Certificado.objects.get()
    assert c.calidad == "encargo" and c.por_encargo_de == secretario and c.funcionario == prosecretario
    assert c.por_encargo_de_nombre == secretario.get_full_name()
    evento = Evento.objects.get(accion="certificaciones.certificado.emitir")
    assert evento.actor == prosecretario and evento.por_encargo_de == secretario
    pagina = cliente_de(prosecretario).get(r.url).content.decode()
    assert f"por encargo de {secretario.get_full_name()}" in pagina


def test_fedatario_certifica_dentro_de_su_alcance(cliente_de, fedatario_usuario, secretario, lista):
    designacion = _designar(fedatario_usuario, secretario)
    solicitud = lista("copia")
    assert _emitir(cliente_de(fedatario_usuario), solicitud).status_code == 302
    c = Certificado.objects.get()
    assert c.calidad == "fedatario" and c.fedatario == designacion and "R.A. Nº 7-2026" in c.cargo


def test_fedatario_fuera_de_su_alcance(cliente_de, fedatario_usuario, secretario, lista):
    _designar(fedatario_usuario, secretario, alcance=("copia",))
    solicitud = lista("ordenanza")
    # La solicitud de un tipo que no alcanza ni siquiera la ve: 404, sin revelar que existe.
    assert _emitir(cliente_de(fedatario_usuario), solicitud).status_code == 404
    _designar(UsuarioFactory(username="otro"), secretario, alcance=("ordenanza",))
    from django.core.exceptions import ValidationError

    from certificaciones.services.emision import autoridad_para

    with pytest.raises(ValidationError, match="no alcanza a «Certificación de ordenanza»"):
        autoridad_para(fedatario_usuario, "ordenanza")
    _nada_cambio(solicitud)


def test_fedatario_fuera_de_periodo_o_cesado(cliente_de, fedatario_usuario, secretario, lista):
    vencida = _designar(fedatario_usuario, secretario, desde=-30, hasta=-1)
    solicitud = lista("copia")
    # Sin designación vigente no ve las solicitudes (404) y el servicio dice por qué no puede certificar.
    assert _emitir(cliente_de(fedatario_usuario), solicitud).status_code == 404
    from django.core.exceptions import ValidationError

    from certificaciones.services.emision import emitir_certificado

    with pytest.raises(ValidationError, match="no está vigente"):
        emitir_certificado(solicitud=solicitud, por=fedatario_usuario)
    vigente = _designar(fedatario_usuario, secretario, desde=0, hasta=30)
    cesar_fedatario(fedatario=vigente, motivo="Renuncia", por=secretario)
    with pytest.raises(ValidationError, match="no está vigente"):
        emitir_certificado(solicitud=solicitud, por=fedatario_usuario)
    cesar_fedatario(fedatario=vencida, motivo="Registro", por=secretario)
    with pytest.raises(ValidationError, match="no tiene designación de fedatario"):
        emitir_certificado(solicitud=solicitud, por=fedatario_usuario)
    assert vencida.pk and Evento.objects.filter(accion="certificaciones.fedatario.cesar").count() == 2
    _nada_cambio(solicitud)


def test_fedatario_con_designacion_ve_pero_en_otro_tipo_se_le_explica(
    cliente_de, fedatario_usuario, secretario, lista
):
    _designar(fedatario_usuario, secretario, alcance=("copia", "acta"))
    from django.core.exceptions import ValidationError

    from certificaciones.services.emision import autoridad_para

    with pytest.raises(
        ValidationError, match="alcanza a: Copia certificada de documento, Certificación de acta"
    ):
        autoridad_para(fedatario_usuario, "constancia")


def test_mesa_de_partes_no_certifica_403(cliente_de, mesa_de_partes, lista):
    solicitud = lista()
    assert _emitir(cliente_de(mesa_de_partes), solicitud).status_code == 403
    _nada_cambio(solicitud)


def test_ajeno_recibe_404(cliente_de, ajeno, secretario, lista):
    solicitud = lista()
    _emitir(cliente_de(secretario), solicitud)
    c = Certificado.objects.get()
    cliente = cliente_de(ajeno)
    for url in [
        f"/certificaciones/solicitudes/{solicitud.pk}/",
        f"/certificaciones/certificados/{c.pk}/",
        f"/certificaciones/certificados/{c.pk}/pdf/",
        f"/api/v1/certificaciones/{c.codigo}/pdf/",
        f"/api/v1/certificaciones/{c.codigo}/",
        f"/archivos/{c.pdf_id}/descargar/",
    ]:
        assert cliente.get(url).status_code == 404, url
    assert cliente.post(f"/certificaciones/certificados/{c.pk}/revocar/", {"motivo": "x"}).status_code == 404
    assert cliente.get("/certificaciones/").status_code == 403
    assert cliente.get("/api/v1/certificaciones/").status_code == 403
    assert not Certificado.objects.get().revocado


def test_solo_post(cliente_de, secretario, lista):
    solicitud = lista()
    cliente = cliente_de(secretario)
    for accion in ("emitir", "pago", "exonerar"):
        assert cliente.get(f"/certificaciones/solicitudes/{solicitud.pk}/{accion}/").status_code == 405
    _nada_cambio(solicitud)


def test_sin_autenticar_api_401_y_pagina_al_ingreso(client, db):
    assert client.get("/api/v1/certificaciones/").status_code == 401
    r = client.get("/certificaciones/")
    assert r.status_code == 302 and "/ingresar/" in r.url
