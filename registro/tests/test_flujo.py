"""Hoja de ruta: servicios de derivación y sus páginas (acciones sobre el documento, PDF)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Evento, Notificacion
from core.tests.factories import UnidadFactory, UsuarioFactory
from registro.models import Derivacion, Documento
from registro.services.flujo import (
    aceptar,
    atender,
    concluir,
    derivar,
    derivar_en_lote,
    devolver,
    marcar_copia_leida,
)
from registro.tests.factories import DocumentoFactory

E = Derivacion.Estado


@pytest.fixture
def documento(mesa_de_partes):
    return DocumentoFactory(por=mesa_de_partes, asunto="Solicitud de licencia de edificación")


def eventos(accion):
    return Evento.objects.filter(accion=accion)


# Servicios -------------------------------------------------------------------------------------


def test_derivar_abre_linea_pendiente_y_copias(documento, mesa_de_partes, jefe_unidad, unidad_sg):
    linea = derivar(
        documento=documento,
        a_unidad=jefe_unidad.unidad,
        por=mesa_de_partes,
        instrucciones="Evaluar y responder",
        plazo_dias=5,
        copias=[unidad_sg],
    )
    documento.refresh_from_db()
    assert linea.estado == E.PENDIENTE and linea.tipo == "accion" and linea.secuencia == 1
    assert linea.de_unidad == mesa_de_partes.unidad and linea.a_unidad == jefe_unidad.unidad
    assert linea.vence is not None and linea.vence > documento.recibido_en.date()
    assert documento.unidad_actual == jefe_unidad.unidad and documento.estado == Documento.Estado.REGISTRADO
    copia = Derivacion.objects.get(documento=documento, tipo="copia")
    assert copia.a_unidad == unidad_sg and copia.estado == E.PENDIENTE
    evento = eventos("registro.documento.derivar").get()
    assert evento.despues["copias"] == ["SG"] and evento.antes["unidad_actual"] == mesa_de_partes.unidad_id
    # El jefe de la unidad destino recibe el aviso.
    assert Notificacion.objects.filter(usuario=jefe_unidad).exists()


def test_sin_plazo_la_linea_vence_con_el_documento(documento, mesa_de_partes, unidad_gdu):
    linea = derivar(documento=documento, a_unidad=unidad_gdu, por=mesa_de_partes)
    assert linea.vence == documento.vence and linea.plazo_dias is None


def test_recorrido_completo(documento, mesa_de_partes, jefe_unidad):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    aceptar(derivacion=linea, por=jefe_unidad)
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.EN_TRAMITE and documento.responsable_actual == jefe_unidad
    atender(derivacion=linea, por=jefe_unidad, respuesta="Se otorgó la licencia")
    linea.refresh_from_db()
    documento.refresh_from_db()
    assert linea.estado == E.ATENDIDA and linea.motivo == "Se otorgó la licencia"
    assert documento.estado == Documento.Estado.ATENDIDO and documento.cerrado and documento.cerrado_en
    assert eventos("registro.derivacion.aceptar").count() == 1
    assert eventos("registro.derivacion.atender").get().despues["documento"]["estado"] == "atendido"


def test_derivar_onward_cierra_la_linea_anterior(documento, mesa_de_partes, jefe_unidad, unidad_sg):
    primera = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    aceptar(derivacion=primera, por=jefe_unidad)
    segunda = derivar(
        documento=documento, a_unidad=unidad_sg, por=jefe_unidad, instrucciones="Para opinión legal"
    )
    primera.refresh_from_db()
    assert primera.estado == E.DERIVADA and primera.cerrado_por == jefe_unidad
    assert segunda.anterior == primera and segunda.secuencia == 2 and segunda.de_unidad == jefe_unidad.unidad
    assert Documento.objects.get(pk=documento.pk).unidad_actual == unidad_sg


def test_solo_quien_lo_tiene_deriva(documento, mesa_de_partes, jefe_unidad, ajeno, unidad_sg):
    with pytest.raises(ValidationError, match="no está en la bandeja"):
        derivar(documento=documento, a_unidad=unidad_sg, por=ajeno)
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    # Ya derivado, la mesa de partes no lo vuelve a mover.
    with pytest.raises(ValidationError):
        derivar(documento=documento, a_unidad=unidad_sg, por=mesa_de_partes)
    assert Derivacion.objects.filter(documento=documento).get() == linea


def test_devolver_exige_motivo_y_vuelve_al_origen(documento, mesa_de_partes, jefe_unidad):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    with pytest.raises(ValidationError) as error:
        devolver(derivacion=linea, motivo="  ", por=jefe_unidad)
    assert "motivo" in error.value.message_dict
    nueva = devolver(derivacion=linea, motivo="No es de nuestra competencia", por=jefe_unidad)
    linea.refresh_from_db()
    documento.refresh_from_db()
    assert linea.estado == E.DEVUELTA and linea.motivo == "No es de nuestra competencia"
    assert nueva.a_unidad == mesa_de_partes.unidad and nueva.estado == E.PENDIENTE
    assert documento.unidad_actual == mesa_de_partes.unidad
    assert eventos("registro.derivacion.devolver").count() == 1


def test_concluir_exige_motivo(documento, mesa_de_partes):
    with pytest.raises(ValidationError):
        concluir(documento=documento, por=mesa_de_partes, motivo="")
    concluir(documento=documento, por=mesa_de_partes, motivo="Duplicado del registro anterior")
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.CONCLUIDO
    assert eventos("registro.documento.concluir").get().despues["motivo"] == "Duplicado del registro anterior"
    with pytest.raises(ValidationError, match="ya está cerrado"):
        concluir(documento=documento, por=mesa_de_partes, motivo="otra vez")


def test_copia_se_marca_leida_y_no_se_acepta(documento, mesa_de_partes, jefe_unidad, unidad_sg, secretario):
    derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes, copias=[unidad_sg])
    copia = Derivacion.objects.get(tipo="copia")
    with pytest.raises(ValidationError, match="copias"):
        aceptar(derivacion=copia, por=secretario)
    marcar_copia_leida(derivacion=copia, por=secretario)
    copia.refresh_from_db()
    assert copia.estado == E.ARCHIVADA
    assert Documento.objects.get(pk=documento.pk).unidad_actual == jefe_unidad.unidad


def test_otra_unidad_no_acepta(documento, mesa_de_partes, jefe_unidad, ajeno):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    with pytest.raises(ValidationError, match="no es de su unidad"):
        aceptar(derivacion=linea, por=ajeno)
    linea.refresh_from_db()
    assert linea.estado == E.PENDIENTE


def test_plazo_invalido(documento, mesa_de_partes, unidad_gdu):
    with pytest.raises(ValidationError) as error:
        derivar(documento=documento, a_unidad=unidad_gdu, por=mesa_de_partes, plazo_dias=0)
    assert "plazo_dias" in error.value.message_dict
    assert not Derivacion.objects.exists()


def test_derivar_en_lote_todo_o_nada(mesa_de_partes, unidad_gdu, ajeno):
    propios = [DocumentoFactory(por=mesa_de_partes) for _ in range(2)]
    otro = DocumentoFactory(por=UsuarioFactory(unidad=UnidadFactory(sigla="OTRA"), roles=["Mesa de partes"]))
    with pytest.raises(ValidationError) as error:
        derivar_en_lote(documentos=[*propios, otro], a_unidad=unidad_gdu, por=mesa_de_partes)
    assert otro.numero_texto in error.value.messages[0]
    assert not Derivacion.objects.exists()
    assert not eventos("registro.documento.derivar").exists()
    lineas = derivar_en_lote(documentos=propios, a_unidad=unidad_gdu, por=mesa_de_partes, plazo_dias=3)
    assert len(lineas) == 2 and all(linea.plazo_dias == 3 for linea in lineas)


# Páginas: acciones sobre el documento ------------------------------------------------------------


def _post(cliente, nombre, pk, datos=None, **extra):
    return cliente.post(reverse(nombre, args=[pk]), datos or {}, **extra)


def test_pagina_derivar(documento, mesa_de_partes, unidad_gdu, unidad_sg, cliente_de):
    cliente = cliente_de(mesa_de_partes)
    r = _post(
        cliente,
        "registro:documento-derivar",
        documento.pk,
        {"a_unidad": unidad_gdu.pk, "copias": [unidad_sg.pk], "instrucciones": "Atender", "plazo_dias": "3"},
    )
    assert r.status_code == 302 and r.url == reverse("registro:documento", args=[documento.pk])
    linea = Derivacion.objects.get(documento=documento, tipo="accion")
    assert linea.a_unidad == unidad_gdu and linea.plazo_dias == 3
    assert eventos("registro.documento.derivar").count() == 1


def test_pagina_derivar_mala_entrada(documento, mesa_de_partes, cliente_de):
    cliente = cliente_de(mesa_de_partes)
    r = _post(
        cliente, "registro:documento-derivar", documento.pk, {"a_unidad": "", "plazo_dias": "-2"}, follow=True
    )
    assert "Elija la unidad a la que deriva el documento." in r.content.decode()
    assert not Derivacion.objects.exists()


def test_pagina_derivar_get_405_sin_unidad_403_ajeno_404(documento, unidad_gdu, regidor, ajeno, cliente_de):
    url = reverse("registro:documento-derivar", args=[documento.pk])
    assert cliente_de(ajeno).get(url).status_code == 405
    assert cliente_de(regidor).post(url, {"a_unidad": unidad_gdu.pk}).status_code == 403
    assert cliente_de(ajeno).post(url, {"a_unidad": unidad_gdu.pk}).status_code == 404
    assert not Derivacion.objects.exists()


def test_paginas_aceptar_y_atender(documento, mesa_de_partes, jefe_unidad, cliente_de):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    cliente = cliente_de(jefe_unidad)
    assert cliente.get(reverse("registro:derivacion-aceptar", args=[linea.pk])).status_code == 405
    r = _post(cliente, "registro:derivacion-aceptar", linea.pk, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "Recibida" in r.content.decode()
    linea.refresh_from_db()
    assert linea.estado == E.ACEPTADA
    r = _post(cliente, "registro:derivacion-atender", linea.pk, {"respuesta": "Licencia otorgada"})
    assert r.status_code == 302
    documento.refresh_from_db()
    assert documento.estado == Documento.Estado.ATENDIDO
    assert eventos("registro.derivacion.atender").get().actor == jefe_unidad


def test_aceptar_ajeno_404_y_ya_recibida(documento, mesa_de_partes, jefe_unidad, ajeno, cliente_de):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    assert _post(cliente_de(ajeno), "registro:derivacion-aceptar", linea.pk).status_code == 404
    aceptar(derivacion=linea, por=jefe_unidad)
    r = _post(cliente_de(jefe_unidad), "registro:derivacion-aceptar", linea.pk, follow=True)
    assert "ya fue recibida" in r.content.decode()


def test_pagina_devolver_exige_motivo(documento, mesa_de_partes, jefe_unidad, cliente_de):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    cliente = cliente_de(jefe_unidad)
    r = _post(cliente, "registro:derivacion-devolver", linea.pk, {"motivo": ""}, follow=True)
    assert "escriba el motivo" in r.content.decode()
    linea.refresh_from_db()
    assert linea.estado == E.PENDIENTE
    _post(cliente, "registro:derivacion-devolver", linea.pk, {"motivo": "Falta el plano"})
    linea.refresh_from_db()
    assert linea.estado == E.DEVUELTA


def test_pagina_concluir(documento, mesa_de_partes, ajeno, cliente_de):
    url = reverse("registro:documento-concluir", args=[documento.pk])
    assert cliente_de(ajeno).post(url, {"motivo": "x"}).status_code == 404
    cliente = cliente_de(mesa_de_partes)
    cliente.post(url, {"motivo": ""})
    assert Documento.objects.get(pk=documento.pk).estado == Documento.Estado.REGISTRADO
    cliente.post(url, {"motivo": "El administrado desistió"})
    assert Documento.objects.get(pk=documento.pk).estado == Documento.Estado.CONCLUIDO


def test_panel_de_acciones(documento, mesa_de_partes, jefe_unidad, cliente_de):
    r = cliente_de(mesa_de_partes).get(reverse("registro:documento-acciones", args=[documento.pk]))
    assert r.status_code == 200 and "data-form-derivar" in r.content.decode()
    derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    r = cliente_de(jefe_unidad).get(reverse("registro:documento-acciones", args=[documento.pk]))
    html = r.content.decode()
    assert "Recibir documento" in html and "data-form-atender" in html


def test_hoja_de_ruta_pdf(documento, mesa_de_partes, jefe_unidad, ajeno, cliente_de):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes, instrucciones="Ver")
    atender(derivacion=linea, por=jefe_unidad, respuesta="Hecho")
    url = reverse("registro:documento-hoja-ruta", args=[documento.pk])
    r = cliente_de(jefe_unidad).get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    texto = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "HOJA DE RUTA" in texto and "Atendida" in texto and "Hecho" in texto
    assert cliente_de(ajeno).get(url).status_code == 404


def test_pagina_copia_leida(documento, mesa_de_partes, jefe_unidad, unidad_sg, secretario, ajeno, cliente_de):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes, copias=[unidad_sg])
    copia = Derivacion.objects.get(tipo="copia")
    cliente = cliente_de(secretario)
    assert cliente.get(reverse("registro:derivacion-copia-leida", args=[copia.pk])).status_code == 405
    # La línea para acción no es una copia: mensaje y nada cambia.
    r = _post(cliente_de(jefe_unidad), "registro:derivacion-copia-leida", linea.pk, follow=True)
    linea.refresh_from_db()
    assert linea.estado == E.PENDIENTE and not eventos("registro.derivacion.leer_copia").exists()
    assert r.status_code == 200 and "es para acción, no una copia" in r.content.decode()
    assert _post(cliente_de(ajeno), "registro:derivacion-copia-leida", copia.pk).status_code == 404
    copia.refresh_from_db()
    assert copia.estado == E.PENDIENTE
    assert _post(cliente_de(secretario), "registro:derivacion-copia-leida", copia.pk).status_code == 302
    copia.refresh_from_db()
    assert copia.estado == E.ARCHIVADA
    assert eventos("registro.derivacion.leer_copia").get().actor == secretario


def test_atender_sin_respuesta_no_cierra(documento, mesa_de_partes, jefe_unidad, cliente_de):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    cliente = cliente_de(jefe_unidad)
    r = _post(cliente, "registro:derivacion-atender", linea.pk, {"respuesta": "   "}, follow=True)
    assert "Escriba la respuesta o la acción realizada" in r.content.decode()
    documento.refresh_from_db()
    linea.refresh_from_db()
    assert documento.estado != Documento.Estado.ATENDIDO and documento.cerrado_en is None
    assert linea.estado == E.PENDIENTE and not eventos("registro.derivacion.atender").exists()
    with pytest.raises(ValidationError, match="sin ella el documento no se cierra"):
        atender(derivacion=linea, por=jefe_unidad, respuesta="")
