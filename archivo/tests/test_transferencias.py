"""Transferencias por sus páginas y su API: lo que la tabla propone, preparar el envío con su inventario
(XLSX y PDF), la revisión fila por fila (aceptado u observado), el cambio de etapa y de ubicación con su
historial; permisos y 404 para lo ajeno."""

from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from archivo.models import CambioDeEtapa, Expediente, ItemTransferencia, Transferencia
from archivo.tests.factories import cuadro_minimo, expediente, expediente_cerrado
from core import roles
from core.models import Evento, Notificacion
from core.tests.factories import UnidadFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

# Sin años en gestión: el expediente cerrado hoy ya cumplió su etapa y se transfiere.
SIN_ESPERA = {"gestion": 0, "periferico": 1, "central": 8}


@pytest.fixture
def serie(archivero, unidad_gdu):
    return cuadro_minimo(unidad=unidad_gdu, por=archivero, codigo_serie="GDU-01", plazos=SIN_ESPERA)


@pytest.fixture
def serie_con_espera(archivero, unidad_gdu, serie):
    return cuadro_minimo(unidad=unidad_gdu, por=archivero, codigo_serie="GDU-02")


def _api(usuario) -> APIClient:
    cliente = APIClient()
    cliente.force_authenticate(usuario)
    return cliente


def test_la_unidad_transfiere_y_el_archivo_revisa_item_por_item(
    jefe_unidad, archivero, unidad_gdu, serie, serie_con_espera, cliente_de
):
    e1 = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad, caja="C-1", carpeta="3")
    e2 = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad, folios=5)
    abierto = expediente(serie=serie, unidad=unidad_gdu, por=jefe_unidad, titulo="Aún abierto")
    esperando = expediente_cerrado(serie=serie_con_espera, unidad=unidad_gdu, por=jefe_unidad)

    cliente = cliente_de(jefe_unidad)
    pagina = cliente.get(reverse("archivo:por-transferir")).content.decode()
    assert e1.codigo in pagina and e2.codigo in pagina
    assert abierto.codigo not in pagina
    # Lo que cumple sus años dentro de dos años aparece en la propuesta de ese año, sin casilla.
    anio = timezone.localdate().year
    assert esperando.codigo not in pagina
    futuro = cliente.get(reverse("archivo:por-transferir"), {"anio": anio + 2}).content.decode()
    assert esperando.codigo in futuro and "(aún no)" in futuro

    r = cliente.post(
        reverse("archivo:por-transferir"),
        {
            "unidad": unidad_gdu.pk,
            "expedientes": [e1.pk, e2.pk],
            "frecuencia_consulta": "media",
            "notas": "Lote 1",
        },
    )
    assert r.status_code == 302
    t = Transferencia.objects.get()
    assert t.numero == f"TR-{anio}-0001"
    assert (t.etapa_origen, t.etapa_destino, t.estado) == ("gestion", "periferico", "enviada")
    i1, i2 = t.items.order_by("orden")
    assert (i1.expediente, i1.unidad_conservacion, i1.folios, i1.frecuencia_consulta) == (
        e1,
        "Caja C-1, Carpeta 3",
        3,
        "media",
    )
    assert (i2.expediente, i2.folios) == (e2, 5)
    assert Evento.objects.filter(accion="archivo.transferencia.preparar", objeto_id=str(t.pk)).exists()
    # Ya no se propone lo que está en revisión.
    assert e1.codigo not in cliente.get(reverse("archivo:por-transferir")).content.decode()

    # Inventario en XLSX y PDF.
    xlsx = cliente.get(reverse("archivo:transferencia-xlsx", args=[t.pk]))
    hoja = load_workbook(BytesIO(xlsx.content))["Inventario"]
    valores = [list(fila) for fila in hoja.iter_rows(values_only=True)]
    assert ["N.º de orden", "Código"] == list(valores[7][:2])
    assert valores[8][1] == e1.codigo and valores[8][7] == 3
    pdf = cliente.get(reverse("archivo:transferencia-pdf", args=[t.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # La unidad no revisa lo que envía.
    revisar = reverse("archivo:transferencia-revisar", args=[t.pk, i1.pk])
    assert cliente.post(revisar, {"decision": "aceptado", "edificio": "Depósito"}).status_code == 403

    archivo = cliente_de(archivero)
    # Aceptar un expediente de papel sin decir dónde queda: no cambia nada.
    r = archivo.post(revisar, {"decision": "aceptado"}, follow=True)
    assert "Indique dónde queda el expediente" in r.content.decode()
    i1.refresh_from_db()
    assert i1.revision == "pendiente"
    # Observar sin motivo tampoco.
    r = archivo.post(
        reverse("archivo:transferencia-revisar", args=[t.pk, i2.pk]), {"decision": "observado"}, follow=True
    )
    assert "Diga por qué observa este expediente." in r.content.decode()

    r = archivo.post(
        revisar, {"decision": "aceptado", "sala": "Depósito 2", "estante": "E-4", "caja": "P-17"}
    )
    assert r.status_code == 302
    e1.refresh_from_db()
    assert e1.etapa == "periferico" and (e1.sala, e1.estante, e1.caja, e1.carpeta) == (
        "Depósito 2",
        "E-4",
        "P-17",
        "3",
    )
    cambio = CambioDeEtapa.objects.get(expediente=e1)
    assert (cambio.etapa_anterior, cambio.etapa, cambio.transferencia, cambio.ubicacion_anterior) == (
        "gestion",
        "periferico",
        t,
        "Caja C-1, Carpeta 3",
    )
    evento = Evento.objects.get(accion="archivo.transferencia.revisar", objeto_id=str(i1.pk))
    assert evento.despues["expediente_despues"]["etapa"] == "periferico"

    r = archivo.post(
        reverse("archivo:transferencia-revisar", args=[t.pk, i2.pk]),
        {"decision": "observado", "motivo": "Faltan los folios 4 y 5"},
    )
    e2.refresh_from_db()
    t.refresh_from_db()
    assert e2.etapa == "gestion" and t.estado == "recibida" and t.recibida_en is not None
    assert Evento.objects.filter(accion="archivo.transferencia.recibir", objeto_id=str(t.pk)).exists()
    # Lo revisado no se vuelve a revisar.
    r = archivo.post(revisar, {"decision": "observado", "motivo": "x"}, follow=True)
    assert "ya se revisó" in r.content.decode()

    detalle = archivo.get(reverse("archivo:expediente", args=[e1.pk])).content.decode()
    assert "Historial de etapas" in detalle and t.numero in detalle
    # El observado vuelve a proponerse.
    assert e2.codigo in cliente.get(reverse("archivo:por-transferir")).content.decode()


def test_no_se_transfiere_lo_que_no_cumple_ni_lo_ajeno(
    jefe_unidad, unidad_gdu, serie, serie_con_espera, cliente_de
):
    esperando = expediente_cerrado(serie=serie_con_espera, unidad=unidad_gdu, por=jefe_unidad)
    abierto = expediente(serie=serie, unidad=unidad_gdu, por=jefe_unidad)
    cliente = cliente_de(jefe_unidad)
    r = cliente.post(
        reverse("archivo:por-transferir"),
        {"unidad": unidad_gdu.pk, "expedientes": [esperando.pk]},
        follow=True,
    )
    assert "aún no cumple sus años en Archivo de gestión" in r.content.decode()
    r = cliente.post(
        reverse("archivo:por-transferir"), {"unidad": unidad_gdu.pk, "expedientes": [abierto.pk]}, follow=True
    )
    assert "no se puede transferir" in r.content.decode()
    r = cliente.post(reverse("archivo:por-transferir"), {"unidad": unidad_gdu.pk}, follow=True)
    assert "Elija al menos un expediente para transferir." in r.content.decode()
    assert not Transferencia.objects.exists()

    # Otra unidad no transfiere los expedientes de GDU ni ve su transferencia.
    cerrado = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad)
    otra = UnidadFactory(sigla="GAF", nombre="Administración")
    ajeno = UsuarioFactory(username="ajeno", unidad=otra, roles=[roles.JEFE])
    r = _api(ajeno).post(
        reverse("api-archivo-transferencias"), {"unidad": "GDU", "expedientes": [cerrado.pk]}, format="json"
    )
    assert r.status_code == 403
    r = _api(ajeno).post(
        reverse("api-archivo-transferencias"), {"unidad": "GAF", "expedientes": [cerrado.pk]}, format="json"
    )
    assert r.status_code == 400
    r = _api(jefe_unidad).post(
        reverse("api-archivo-transferencias"), {"unidad": "GDU", "expedientes": [cerrado.pk]}, format="json"
    )
    assert r.status_code == 201
    t = Transferencia.objects.get()
    assert r.json()["inventario"][0]["codigo"] == cerrado.codigo
    assert _api(ajeno).get(reverse("api-archivo-transferencia", args=[t.pk])).status_code == 404
    assert cliente_de(ajeno).get(reverse("archivo:transferencia-pdf", args=[t.pk])).status_code == 404
    # Dos veces el mismo expediente: ya está en revisión.
    r = _api(jefe_unidad).post(
        reverse("api-archivo-transferencias"), {"unidad": "GDU", "expedientes": [cerrado.pk]}, format="json"
    )
    assert r.status_code == 400 and Transferencia.objects.count() == 1


def test_api_revisa_y_a_historico_solo_lo_que_se_conserva(archivero, jefe_unidad, unidad_gdu, serie):
    exp = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad, soporte="electronico")
    t = (
        _api(jefe_unidad)
        .post(
            reverse("api-archivo-transferencias"), {"unidad": "GDU", "expedientes": [exp.pk]}, format="json"
        )
        .json()
    )
    item = t["inventario"][0]["id"]
    url = reverse("api-archivo-transferencia-revisar", args=[t["id"], item])
    assert _api(jefe_unidad).post(url, {"decision": "aceptado"}, format="json").status_code == 403
    r = _api(archivero).post(url, {"decision": "quemar"}, format="json")
    assert r.status_code == 400
    # Electrónico: se acepta sin ubicación física.
    r = _api(archivero).post(url, {"decision": "aceptado"}, format="json")
    assert r.status_code == 200 and r.json()["estado"] == "recibida"
    exp.refresh_from_db()
    assert exp.etapa == "periferico"
    assert ItemTransferencia.objects.get(pk=item).revision == "aceptado"
    propuestas = _api(jefe_unidad).get(reverse("api-archivo-por-transferir")).json()["propuestas"]
    assert propuestas == []  # un año en el periférico
    assert Expediente.objects.get(pk=exp.pk).cambios_de_etapa.count() == 1


def test_un_regidor_no_prepara_transferencias(regidor, jefe_unidad, unidad_gdu, serie, cliente_de):
    exp = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad)
    r = cliente_de(regidor).post(
        reverse("archivo:por-transferir"), {"unidad": unidad_gdu.pk, "expedientes": [exp.pk]}
    )
    assert r.status_code == 403
    assert not Transferencia.objects.exists()


def test_el_jefe_recibe_el_aviso_de_lo_que_debe_transferir(
    jefe_unidad, unidad_gdu, serie, django_capture_on_commit_callbacks
):
    exp = expediente_cerrado(serie=serie, unidad=unidad_gdu, por=jefe_unidad)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("avisos-transferencias")
        call_command("avisos-transferencias")
    aviso = Notificacion.objects.get(usuario=jefe_unidad, titulo__startswith="Transferencias documentales")
    assert "1 expediente(s), 1 ya cumplieron" in aviso.mensaje and "periférico" in aviso.mensaje
    assert Evento.objects.filter(accion="archivo.transferencia.avisos").count() == 1
    with pytest.raises(CommandError):
        call_command("avisos-transferencias", anio=1000)
    assert exp.codigo and exp.etapa == "gestion"
