"""El contrato de los caminos rápidos (`core.rapido`, `registro.rapido`): registrar por ellos deja las mismas
filas y la misma cadena de auditoría que por el ORM (`DB_CAMINO_RAPIDO=0`). En PostgreSQL se registra lo
mismo por los dos caminos, uno tras otro, y se comparan el documento, su número y sus eventos sin lo que por
fuerza cambia (ids, número correlativo, código al azar, momentos y hashes); en SQLite no hay camino rápido y
la prueba comprueba que los dos «caminos» son el mismo."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from core import rapido
from core.models import DiaCalendario, Encargo, Evento, NumeroRegistro, Persona, ReglaLocal
from core.services.auditoria import instantanea, verificar_cadena
from core.services.tokens import obtener_o_crear_token
from core.tests.factories import PersonaFactory
from registro.models import Documento
from registro.services.recepcion import registrar_documento

VIERNES = datetime(2026, 3, 6, 10, 30, tzinfo=ZoneInfo("America/Lima"))
URL = "/api/v1/registro/documentos/"

# Lo que cambia de un registro a otro aunque el camino sea el mismo.
_DOCUMENTO_VARIA = {
    "id",
    "numero",
    "numero_texto",
    "correlativo",
    "codigo_seguimiento",
    "recibido_en",
    "creado",
}
_NUMERO_VARIA = {"id", "numero", "texto", "objeto_id", "asignado"}
_EVENTO_VARIA = {"id", "momento", "hash", "hash_anterior", "objeto_id", "objeto_repr"}


def _sin(datos: dict, claves: set) -> dict:
    return {k: v for k, v in datos.items() if k not in claves}


def _huella(doc: Documento) -> dict:
    """Las filas que deja un registro (documento, número y sus eventos), sin lo que varía por fuerza."""
    doc = Documento.objects.get(pk=doc.pk)
    numero = NumeroRegistro.objects.get(pk=doc.numero_id)
    eventos = []
    for objeto in (numero, doc):
        for evento in Evento.objects.de_objeto(objeto).order_by("id"):
            fila = _sin(instantanea(evento), _EVENTO_VARIA)
            fila["despues"] = _sin(fila["despues"] or {}, _DOCUMENTO_VARIA | _NUMERO_VARIA)
            eventos.append(fila)
    return {
        "documento": _sin(instantanea(doc), _DOCUMENTO_VARIA),
        "numero": _sin(instantanea(numero), _NUMERO_VARIA),
        "eventos": eventos,
    }


def _configurar(municipio, mesa, titular):
    # Lo que la precarga lee: una regla local de plazo, un feriado local y un encargo.
    ReglaLocal.objects.create(
        municipio=municipio,
        clave="plazos.respuesta_peticion",
        valor=5,
        vigente_desde=date(2020, 1, 1),
        fuente="Ordenanza de prueba",
    )
    DiaCalendario.objects.create(
        municipio=municipio,
        fecha=date(2026, 3, 9),
        tipo=DiaCalendario.Tipo.FERIADO_LOCAL,
        descripcion="Fiesta",
    )
    hoy = timezone.localdate()
    Encargo.objects.create(titular=titular, encargado=mesa, desde=hoy - timedelta(days=1), hasta=hoy)


def _por_los_dos_caminos(settings, registrar):
    """(huella por el camino rápido, huella por el ORM, consultas de cada uno); la cadena queda intacta. Antes,
    un registro de calentamiento crea lo que solo se crea la primera vez (la serie, el contador del año)."""
    registrar()
    huellas, consultas = [], []
    for encendido in (True, False):
        settings.DB_CAMINO_RAPIDO = encendido
        with CaptureQueriesContext(connection) as capturadas:
            doc = registrar()
        huellas.append(_huella(doc))
        consultas.append(len(capturadas))
    assert verificar_cadena().intacta
    return huellas, consultas


def test_el_servicio_deja_lo_mismo_por_los_dos_caminos(municipio, mesa_de_partes, secretario, settings):
    _configurar(municipio, mesa_de_partes, secretario)
    persona = PersonaFactory()

    def registrar():
        return registrar_documento(
            asunto="Solicito constancia", folios=2, remitente=persona, por=mesa_de_partes, recibido_en=VIERNES
        )

    (rapida, orm), (consultas_rapidas, consultas_orm) = _por_los_dos_caminos(settings, registrar)
    assert rapida == orm
    # La regla local (5 días), el feriado del lunes 9 y el encargo se aplicaron por los dos caminos.
    assert rapida["documento"]["vence"] == "2026-03-16"
    assert rapida["eventos"][1]["por_encargo_de"] == secretario.pk
    if connection.vendor == "postgresql":
        assert consultas_rapidas < consultas_orm  # el camino rápido va en menos viajes
    else:
        assert consultas_rapidas == consultas_orm  # en SQLite no hay camino rápido: es el mismo


def test_la_api_responde_y_deja_lo_mismo_por_los_dos_caminos(municipio, mesa_de_partes, settings):
    PersonaFactory(tipo_documento="DNI", numero_documento="45871236")
    cliente = APIClient()
    token, _ = obtener_o_crear_token(usuario=mesa_de_partes, por=mesa_de_partes)
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    cuerpo = {
        "asunto": "Solicito licencia",
        "folios": 3,
        "remitente": {"tipo_documento": "DNI", "numero_documento": "45871236"},
    }
    respuestas = []

    def registrar():
        respuesta = cliente.post(URL, cuerpo, format="json")
        assert respuesta.status_code == 201, respuesta.json()
        respuestas.append(
            _sin(
                respuesta.json(),
                {
                    "id",
                    "numero",
                    "correlativo",
                    "codigo_seguimiento",
                    "recibido_en",
                    "url",
                    "cargo_url",
                    "consulta_url",
                },
            )
        )
        return Documento.objects.get(pk=respuesta.json()["id"])

    (rapida, orm), _ = _por_los_dos_caminos(settings, registrar)
    assert rapida == orm
    assert respuestas[-2] == respuestas[-1]
    assert Persona.objects.count() == 1 and Documento.objects.count() == 3


def test_remitente_nuevo_por_los_dos_caminos(municipio, mesa_de_partes, settings):
    # El remitente que no existe se registra en la misma transacción (su evento va antes del número).
    token, _ = obtener_o_crear_token(usuario=mesa_de_partes, por=mesa_de_partes)
    cliente = APIClient()
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert cliente.post(URL, {"asunto": "Calentamiento", "folios": 1}, format="json").status_code == 201
    antes = Evento.objects.count()
    for encendido, dni in ((True, "45871236"), (False, "10293847")):
        settings.DB_CAMINO_RAPIDO = encendido
        cuerpo = {
            "asunto": "Solicito licencia",
            "folios": 1,
            "remitente": {
                "nombre": "Ana Rosa Quispe Mamani",
                "tipo_documento": "DNI",
                "numero_documento": dni,
            },
        }
        assert cliente.post(URL, cuerpo, format="json").status_code == 201
    acciones = list(Evento.objects.order_by("id").values_list("accion", flat=True)[antes:])
    assert acciones == ["core.persona.registrar", "core.numero.asignar", "registro.documento.registrar"] * 2
    assert verificar_cadena().intacta


@pytest.mark.parametrize("encendido", [True, False])
def test_disponible_segun_motor_y_ajuste(settings, encendido):
    settings.DB_CAMINO_RAPIDO = encendido
    assert rapido.disponible() is (encendido and connection.vendor == "postgresql")
