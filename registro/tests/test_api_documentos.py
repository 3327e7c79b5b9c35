import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.models import Evento, NumeroRegistro, Persona
from core.tests.factories import PersonaFactory
from registro.models import Documento
from registro.tests.factories import DocumentoFactory, ProcedimientoFactory

URL = "/api/v1/registro/documentos/"
MINIMO = {
    "asunto": "Solicito copia certificada de la Ordenanza 005-2026",
    "folios": 3,
    "remitente": {
        "nombre": "Juan Carlos Ramírez Poma",
        "tipo_documento": "DNI",
        "numero_documento": "45871236",
    },
}


def _api(usuario):
    cliente = APIClient()
    token, _ = Token.objects.get_or_create(user=usuario)
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return cliente


def test_cuerpo_minimo_registra_y_crea_al_remitente(mesa_de_partes):
    respuesta = _api(mesa_de_partes).post(URL, MINIMO, format="json")
    assert respuesta.status_code == 201, respuesta.json()
    datos = respuesta.json()
    doc = Documento.objects.get()
    assert datos["id"] == doc.pk and datos["numero"] == doc.numero_texto
    assert datos["numero"].startswith("Reg. ") and datos["numero"].endswith("-000001")
    assert datos["codigo_seguimiento"] == doc.codigo_seguimiento
    assert datos["estado"] == "registrado" and datos["vence"] == doc.vence.isoformat()
    persona = Persona.objects.get()
    assert (persona.nombres, persona.apellidos) == ("Juan Carlos", "Ramírez Poma")
    assert Evento.objects.de_objeto(doc).get().accion == "registro.documento.registrar"


def test_remitente_existente_se_reutiliza(mesa_de_partes):
    persona = PersonaFactory(numero_documento="45871236")
    cuerpo = {**MINIMO, "remitente": {"tipo_documento": "DNI", "numero_documento": "4587-1236"}}
    respuesta = _api(mesa_de_partes).post(URL, cuerpo, format="json")
    assert respuesta.status_code == 201
    assert Documento.objects.get().remitente == persona and Persona.objects.count() == 1


def test_con_procedimiento_y_defectos(mesa_de_partes, unidad_gdu):
    ProcedimientoFactory(codigo="GDU-01", unidad_responsable=unidad_gdu)
    cuerpo = {**MINIMO, "procedimiento": "GDU-01", "defectos": "Falta el plano", "canal": "correo"}
    datos = _api(mesa_de_partes).post(URL, cuerpo, format="json").json()
    assert datos["estado"] == "observado" and datos["vence"] is None and datos["subsanar_hasta"]
    # Observado, se queda en la mesa (UTDA) hasta que se subsane; no hay hoja de ruta todavía.
    assert datos["procedimiento"] == "GDU-01" and datos["unidad_actual"] == "UTDA"
    assert not Documento.objects.get().derivaciones.exists()


def test_con_procedimiento_va_a_su_unidad_por_recibir(mesa_de_partes, unidad_gdu):
    ProcedimientoFactory(codigo="GDU-01", unidad_responsable=unidad_gdu)
    datos = _api(mesa_de_partes).post(URL, {**MINIMO, "procedimiento": "GDU-01"}, format="json").json()
    assert datos["unidad_actual"] == "GDU"
    linea = Documento.objects.get().derivaciones.get()
    assert (linea.de_unidad.sigla, linea.a_unidad, linea.estado) == ("UTDA", unidad_gdu, "pendiente")
    assert linea.vence == Documento.objects.get().vence


@pytest.mark.parametrize(
    "cambio,ruta,mensaje",
    [
        ({"asunto": None}, ("asunto",), "requerido"),
        ({"asunto": ""}, ("asunto",), "en blanco"),
        ({"folios": -2}, ("folios",), "mayor o igual a 1"),
        (
            {"remitente": {"nombre": "Ana Soto", "tipo_documento": "DNI", "numero_documento": "12AB"}},
            ("remitente", "numero_documento"),
            "El DNI debe tener exactamente 8 dígitos.",
        ),
        (
            {"remitente": {"nombre": "Ana Soto", "tipo_documento": "XYZ", "numero_documento": "45871236"}},
            ("remitente", "tipo_documento"),
            "no es una elección válida",
        ),
        ({"procedimiento": "NO-EXISTE"}, ("procedimiento",), "no existe"),
    ],
)
def test_entrada_mala_da_400_en_espanol_y_no_registra_nada(mesa_de_partes, cambio, ruta, mensaje):
    cuerpo = {**MINIMO, **cambio}
    if cambio.get("asunto", "x") is None:
        del cuerpo["asunto"]
    cliente = _api(mesa_de_partes)
    respuesta = cliente.post(URL, cuerpo, format="json")
    assert respuesta.status_code == 400
    datos = respuesta.json()
    assert datos["error"]
    # Los errores de un objeto anidado van con su ruta con puntos: `campos` es plano (core.api.errores).
    campo = datos["campos"][".".join(ruta)]
    assert mensaje in " ".join(campo)
    assert (
        not Documento.objects.exists()
        and not NumeroRegistro.objects.exists()
        and not Persona.objects.exists()
    )
    # El siguiente bueno toma el número siguiente exacto: el primero.
    bueno = cliente.post(URL, MINIMO, format="json").json()
    assert bueno["numero"].endswith("-000001")


def test_los_numeros_salen_seguidos(mesa_de_partes):
    cliente = _api(mesa_de_partes)
    primero = cliente.post(URL, MINIMO, format="json").json()
    cliente.post(URL, {**MINIMO, "folios": -1}, format="json")
    segundo = cliente.post(URL, MINIMO, format="json").json()
    assert [primero["numero"][-6:], segundo["numero"][-6:]] == ["000001", "000002"]


def test_sin_permiso_403_y_sin_token_401(jefe_unidad):
    assert _api(jefe_unidad).post(URL, MINIMO, format="json").status_code == 403
    assert APIClient().post(URL, MINIMO, format="json").status_code == 401
    assert not Documento.objects.exists()


def test_ver_un_documento(mesa_de_partes, ajeno):
    doc = DocumentoFactory(por=mesa_de_partes)
    datos = _api(mesa_de_partes).get(f"{URL}{doc.pk}/").json()
    assert datos["numero"] == doc.numero_texto and datos["remitente"]["id"] == doc.remitente_id
    assert _api(ajeno).get(f"{URL}{doc.pk}/").status_code == 404
    assert _api(mesa_de_partes).get(f"{URL}999999/").status_code == 404


def test_aparece_en_el_esquema(client, db):
    esquema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/registro/documentos/" in esquema
    assert "/api/v1/registro/documentos/{id}/" in esquema


def test_la_salida_con_el_serializador_reutilizado_es_la_de_siempre(mesa_de_partes, unidad_gdu):
    # Las respuestas salen de `representar(DocumentoSalida, doc)` (la instancia del hilo, sin rearmar sus
    # campos): lo mismo que DocumentoSalida(doc).data, también con remitente, procedimiento y observaciones.
    from core.api.serializadores import representar
    from registro.api.documentos import DocumentoSalida

    ProcedimientoFactory(codigo="GDU-01", unidad_responsable=unidad_gdu)
    cliente = _api(mesa_de_partes)
    ids = [
        cliente.post(URL, MINIMO, format="json").json()["id"],
        cliente.post(
            URL, {**MINIMO, "procedimiento": "GDU-01", "defectos": "Falta el plano"}, format="json"
        ).json()["id"],
        DocumentoFactory(remitente=None, por=mesa_de_partes).pk,
    ]
    for doc in Documento.objects.filter(pk__in=ids):
        esperado = DocumentoSalida(doc).data
        assert representar(DocumentoSalida, doc) == {
            **esperado,
            "remitente": dict(esperado["remitente"]) if esperado["remitente"] else None,
        }


# El token va en el mismo viaje que la precarga (PostgreSQL): mismas respuestas que la autenticación de siempre.


def _sin_autenticacion_aparte(monkeypatch):
    """Falla si alguien autentica el token con su propia consulta (en PostgreSQL no debe hacer falta)."""
    from core.api.autenticacion import TokenConPermisos

    def aparte(self, key):
        raise AssertionError("el token se leyó en un viaje aparte")

    monkeypatch.setattr(TokenConPermisos, "authenticate_credentials", aparte)


def test_en_postgresql_el_token_va_con_la_precarga_y_el_remitente(mesa_de_partes, monkeypatch):
    from django.db import connection

    from registro import rapido

    if connection.vendor != "postgresql":
        pytest.skip("solo PostgreSQL lee el token junto con la precarga")
    persona = PersonaFactory(numero_documento="45871236")
    cliente = _api(mesa_de_partes)
    _sin_autenticacion_aparte(monkeypatch)
    precargas, original = [], rapido.precargar
    monkeypatch.setattr(rapido, "precargar", lambda **kw: precargas.append(kw) or original(**kw))
    monkeypatch.setattr("registro.services.recepcion.precargar", lambda **kw: pytest.fail("segunda precarga"))
    # El número con guion se normaliza antes de buscarlo: es la misma persona, sin consulta aparte.
    cuerpo = {**MINIMO, "remitente": {"tipo_documento": "DNI", "numero_documento": "4587-1236"}}
    respuesta = cliente.post(URL, cuerpo, format="json")
    assert respuesta.status_code == 201, respuesta.json()
    assert [(p["token"], p["remitente"]) for p in precargas] == [
        (cliente._credentials["HTTP_AUTHORIZATION"][6:], ("DNI", "45871236"))
    ]
    doc = Documento.objects.get()
    assert doc.remitente == persona and doc.recibido_por == mesa_de_partes and Persona.objects.count() == 1
    assert Evento.objects.de_objeto(doc).get().actor == mesa_de_partes


def test_token_con_encargo_registra_por_encargo(mesa_de_partes, secretario):
    from datetime import timedelta

    from django.utils import timezone

    from core.models import Encargo

    hoy = timezone.localdate()
    Encargo.objects.create(
        titular=secretario,
        encargado=mesa_de_partes,
        desde=hoy - timedelta(days=1),
        hasta=hoy + timedelta(days=1),
    )
    assert _api(mesa_de_partes).post(URL, MINIMO, format="json").status_code == 201
    assert Evento.objects.de_objeto(Documento.objects.get()).get().por_encargo_de == secretario


def test_token_malo_o_inactivo_401_como_siempre_y_nada_registrado(mesa_de_partes):
    malo = APIClient()
    malo.credentials(HTTP_AUTHORIZATION="Token " + "f" * 40)
    respuesta = malo.post(URL, MINIMO, format="json")
    assert respuesta.status_code == 401 and respuesta.headers["WWW-Authenticate"] == "Token"
    cliente = _api(mesa_de_partes)
    mesa_de_partes.is_active = False
    mesa_de_partes.save(update_fields=["is_active"])
    assert cliente.post(URL, MINIMO, format="json").status_code == 401
    # Encabezados mal formados: los rechaza DRF, como siempre.
    for encabezado in ("Token", "Token a b", "Token \xe9".encode("latin-1").decode("latin-1")):
        otro = APIClient()
        otro.credentials(HTTP_AUTHORIZATION=encabezado)
        assert otro.post(URL, MINIMO, format="json").status_code == 401, encabezado
    assert not Documento.objects.exists() and not Persona.objects.exists()


def test_json_roto_con_token_da_400_de_siempre(mesa_de_partes):
    respuesta = _api(mesa_de_partes).post(URL, '{"asunto": "x", ', content_type="application/json")
    assert respuesta.status_code == 400 and respuesta.json()["error"]
    assert not Documento.objects.exists()


def test_remitente_del_cuerpo_distinto_del_validado_se_busca_de_nuevo(mesa_de_partes):
    # Un documento que no se puede normalizar no se busca antes de tiempo: la validación de siempre da 400;
    # uno con espacios, que el serializador recorta, se busca de nuevo ya validado y encuentra a la persona.
    persona = PersonaFactory(numero_documento="45871236")
    cuerpo = {**MINIMO, "remitente": {"tipo_documento": "DNI", "numero_documento": " 45871236 "}}
    respuesta = _api(mesa_de_partes).post(URL, cuerpo, format="json")
    assert respuesta.status_code == 201, respuesta.json()
    assert Documento.objects.get().remitente == persona and Persona.objects.count() == 1


def test_en_postgresql_la_zona_sale_del_viaje_del_registro(mesa_de_partes, municipio, monkeypatch):
    # El registro por la API lee el municipio en su propio viaje (el middleware no lo lee aparte): si la zona
    # provisional del proceso era otra, la corrige antes de fechar el documento.
    from datetime import UTC, datetime

    from django.db import connection
    from django.utils import timezone

    from core.selectors import municipio as servicio_municipio

    if connection.vendor != "postgresql":
        pytest.skip("solo en PostgreSQL el municipio viaja con el registro")
    municipio.zona_horaria = "America/Mexico_City"
    municipio.save()
    monkeypatch.setattr(servicio_municipio, "_ultima_zona", "Asia/Tokyo")
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, 11, 5, 30, tzinfo=UTC))  # 10/03 en CDMX
    respuesta = _api(mesa_de_partes).post(URL, MINIMO, format="json")
    assert respuesta.status_code == 201, respuesta.json()
    assert respuesta.json()["recibido_en"].endswith("-06:00")
    assert Documento.objects.get().anio == 2026 and respuesta.json()["fecha_computo"] == "2026-03-10"
