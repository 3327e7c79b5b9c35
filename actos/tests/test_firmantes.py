"""Firman y refrendan quienes ocupan los cargos que el perfil pide (`actos.firmantes`) el día de la firma,
o quienes los subrogan por encargo; cualquier otra persona se rechaza (salvo la excepción motivada que una
regla local admita). Tabla por país: los cuatro perfiles piden alcalde y Secretario General, salvo los
acuerdos de Colombia, que firman el presidente del concejo y su secretario (Ley 136 de 1994 arts. 28 y 37)."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actos.models import Acto, FirmaActo
from actos.tests.factories import ActoFactory, alcalde_en_funciones
from core import roles
from core.models import Encargo, Evento, Municipio, ReglaLocal
from core.tests.factories import UsuarioFactory

TIPOS = {
    "PE": ["ordenanza", "acuerdo", "decreto"],
    "EC": ["ordenanza", "acuerdo", "resolucion_alcaldia"],
    "CO": ["acuerdo", "decreto", "resolucion_alcaldia"],
    "MX": ["acuerdo", "reglamento", "bando"],
}
CASOS = [(pais, tipo) for pais, tipos in TIPOS.items() for tipo in tipos]
ALCALDE = ("alcalde", "Pedro Ramos Salas")
FIRMAN = {("CO", "acuerdo"): (("presidente_concejo", "Gustavo Adolfo Henao Ruiz"), "secretario_concejo")}


def _perfil(pais: str) -> None:
    Municipio.objects.update(perfil=pais)


def _aprobado(secretario, tipo: str) -> Acto:
    organo = Acto.Organo.ALCALDE if tipo in ("decreto", "resolucion_alcaldia") else Acto.Organo.CONCEJO
    return ActoFactory(tipo=tipo, organo=organo, estado=Acto.Estado.APROBADO, creado_por=secretario)


@pytest.mark.parametrize(("pais", "tipo"), CASOS)
def test_firma_quien_ocupa_el_cargo_y_queda_registrado(pais, tipo, cliente_de, secretario):
    _perfil(pais)
    acto = _aprobado(secretario, tipo)
    r = cliente_de(secretario).post(
        reverse("api-actos-firmar", args=[acto.pk]), {"firmante": ""}, format="json"
    )
    assert r.status_code == 200, r.content
    (codigo, nombre), refrenda = FIRMAN.get((pais, tipo), (ALCALDE, "secretario_general"))
    firmas = list(FirmaActo.objects.filter(acto=acto).order_by("orden"))
    assert [(f.calidad, f.codigo_cargo) for f in firmas] == [("firma", codigo), ("refrenda", refrenda)]
    assert firmas[0].nombre == nombre and firmas[0].persona.nombre_completo == nombre
    assert firmas[1].usuario == secretario
    assert [f["calidad"] for f in r.json()["firmas"]] == ["firma", "refrenda"]
    evento = Evento.objects.get(accion="actos.acto.firmar", objeto_id=str(acto.pk))
    assert [f["nombre"] for f in evento.despues["firmas"]] == [nombre, firmas[1].nombre]


@pytest.mark.parametrize("pais", list(TIPOS))
def test_cualquier_persona_no_firma(pais, cliente_de, secretario):
    _perfil(pais)
    acto = _aprobado(secretario, TIPOS[pais][0])
    r = cliente_de(secretario).post(
        reverse("api-actos-firmar", args=[acto.pk]),
        {"firmante": "Cualquier persona", "cargo_firmante": "Gerente"},
        format="json",
    )
    assert r.status_code == 400
    assert "«Cualquier persona» no ocupa el cargo" in r.content.decode()
    acto.refresh_from_db()
    assert acto.estado == Acto.Estado.APROBADO and acto.numero is None
    assert not FirmaActo.objects.filter(acto=acto).exists()


def test_por_la_pagina_el_rechazo_es_un_mensaje_y_nada_cambia(cliente_de, secretario):
    acto = _aprobado(secretario, "decreto")
    cliente = cliente_de(secretario)
    pagina = cliente.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert "Pedro Ramos Salas, Alcalde" in pagina  # la propuesta de hoy
    r = cliente.post(
        reverse("actos:acto-firmar", args=[acto.pk]),
        {"firmante": "Cualquier persona", "cargo_firmante": "Gerente"},
        follow=True,
    )
    assert "no ocupa el cargo de Alcalde" in r.content.decode()
    assert Acto.objects.get(pk=acto.pk).estado == Acto.Estado.APROBADO


def test_el_alcalde_de_otra_fecha_no_firma(secretario, cliente_de):
    """Quien fue alcalde hasta ayer ya no firma hoy; el nuevo sí (el asiento tiene fechas)."""
    from concejo.models import Miembro  # noqa: PLC0415 - solo esta prueba

    hoy = timezone.localdate()
    Miembro.objects.filter(rol=Miembro.Rol.ALCALDE).update(hasta=hoy - timedelta(days=1))
    alcalde_en_funciones("Lucía", "Vargas Pinto", desde=hoy)
    acto = _aprobado(secretario, "decreto")
    cliente = cliente_de(secretario)
    r = cliente.post(reverse("api-actos-firmar", args=[acto.pk]), {"firmante": "Pedro Ramos"}, format="json")
    assert r.status_code == 400 and "firma Lucía Vargas Pinto, Alcalde" in r.content.decode()
    r = cliente.post(reverse("api-actos-firmar", args=[acto.pk]), {"firmante": "Lucia Vargas"}, format="json")
    assert r.status_code == 200
    assert Acto.objects.get(pk=acto.pk).firmante == "Lucía Vargas Pinto, Alcalde"


def test_sin_alcalde_registrado_no_se_firma(secretario, cliente_de):
    from concejo.models import Miembro  # noqa: PLC0415 - solo esta prueba

    Miembro.objects.filter(rol=Miembro.Rol.ALCALDE).delete()
    acto = _aprobado(secretario, "decreto")
    r = cliente_de(secretario).post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 400 and "Nadie ocupa el cargo de Alcalde" in r.content.decode()


def test_donde_el_alcalde_no_integra_el_concejo_firma_el_jefe_del_despacho(secretario, cliente_de):
    """Colombia: el alcalde no es miembro del concejo; lo encuentra el organigrama (jefe de la unidad raíz)."""
    from concejo.models import Miembro  # noqa: PLC0415 - solo esta prueba
    from core.models import UnidadOrganica  # noqa: PLC0415 - solo esta prueba

    _perfil("CO")
    Miembro.objects.filter(rol=Miembro.Rol.ALCALDE).delete()
    alcalde = UsuarioFactory(username="alcalde", first_name="Jhon Jairo", last_name="Restrepo Gallego")
    despacho = UnidadOrganica.objects.create(sigla="DA", nombre="Despacho del Alcalde", jefe=alcalde)
    UnidadOrganica.objects.exclude(pk=despacho.pk).filter(padre__isnull=True).update(padre=despacho)
    acto = _aprobado(secretario, "decreto")
    r = cliente_de(secretario).post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 200, r.content
    firma = FirmaActo.objects.get(acto=acto, calidad="firma")
    assert firma.usuario == alcalde and firma.nombre == "Jhon Jairo Restrepo Gallego"


def test_el_prosecretario_da_fe_solo_por_encargo(secretario, prosecretario, cliente_de):
    acto = _aprobado(secretario, "decreto")
    cliente = cliente_de(prosecretario)
    r = cliente.post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 400
    assert "Da fe de este acto quien ocupa el cargo de Secretario General" in r.content.decode()
    hoy = timezone.localdate()
    Encargo.objects.create(titular=secretario, encargado=prosecretario, desde=hoy, hasta=hoy)
    r = cliente.post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 200, r.content
    refrenda = FirmaActo.objects.get(acto=acto, calidad="refrenda")
    assert refrenda.usuario == prosecretario and refrenda.por_encargo_de == secretario
    assert Acto.objects.get(pk=acto.pk).por_encargo_de == secretario


def test_el_alcalde_encargado_firma_por_encargo(secretario, cliente_de):
    from concejo.models import Miembro  # noqa: PLC0415 - solo esta prueba

    titular = UsuarioFactory(username="alcalde", first_name="Pedro", last_name="Ramos Salas")
    Miembro.objects.filter(rol=Miembro.Rol.ALCALDE).update(usuario=titular)
    teniente = UsuarioFactory(username="teniente", first_name="Rosa", last_name="Díaz Luna")
    hoy = timezone.localdate()
    Encargo.objects.create(titular=titular, encargado=teniente, desde=hoy, hasta=hoy + timedelta(days=5))
    acto = _aprobado(secretario, "decreto")
    r = cliente_de(secretario).post(
        reverse("api-actos-firmar", args=[acto.pk]), {"firmante": "Rosa Díaz"}, format="json"
    )
    assert r.status_code == 200, r.content
    firma = FirmaActo.objects.get(acto=acto, calidad="firma")
    assert firma.usuario == teniente and firma.por_encargo_de == titular


def test_la_excepcion_motivada_solo_si_el_perfil_la_admite(secretario, cliente_de):
    acto = _aprobado(secretario, "decreto")
    cliente = cliente_de(secretario)
    datos = {
        "firmante": "Juan Pérez",
        "cargo_firmante": "Alcalde (e)",
        "motivo_excepcion": "Designación del JNE",
    }
    assert cliente.post(reverse("api-actos-firmar", args=[acto.pk]), datos, format="json").status_code == 400
    ReglaLocal.objects.create(
        municipio=Municipio.objects.get(),
        clave="actos.excepciones_motivadas",
        valor={"firmantes": True, "orden_de_firma": False},
        vigente_desde=date(2000, 1, 1),
        fuente="Reglamento interno, art. 5",
    )
    r = cliente.post(reverse("api-actos-firmar", args=[acto.pk]), datos, format="json")
    assert r.status_code == 200, r.content
    firma = FirmaActo.objects.get(acto=acto, calidad="firma")
    assert firma.nombre == "Juan Pérez" and firma.motivo_excepcion == "Designación del JNE"
    assert firma.persona is None


def test_un_ajeno_no_firma(ajeno, secretario, cliente_de):
    acto = _aprobado(secretario, "decreto")
    r = cliente_de(ajeno).post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 404


def test_el_jefe_que_redacta_no_firma(jefe_unidad, secretario, cliente_de):
    acto = _aprobado(secretario, "decreto")
    acto.creado_por = jefe_unidad
    acto.unidad_proponente = jefe_unidad.unidad
    acto.save()
    r = cliente_de(jefe_unidad).post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 403
    assert roles.SECRETARIO not in {g.name for g in jefe_unidad.groups.all()}


# --- Colombia: el acuerdo lo firman el presidente y el secretario del concejo ------------------------


def _texto_del_pdf(acto: Acto) -> str:
    acto.refresh_from_db()
    with acto.archivo.archivo.open("rb") as f:
        return " ".join(
            " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(f.read())).pages).split()
        )


def test_co_el_acuerdo_lo_firman_presidente_y_secretario_del_concejo_y_el_pdf_los_imprime(
    cliente_de, secretario
):
    """Ley 136 de 1994 arts. 28 y 37: la página propone al presidente de la Mesa Directiva y al secretario; el
    alcalde no firma el acuerdo (lo sanciona después); el PDF imprime las firmas registradas."""
    _perfil("CO")
    secretario.first_name, secretario.last_name = "Rosa", "Quispe Arango"
    secretario.save()
    acto = _aprobado(secretario, "acuerdo")
    cliente = cliente_de(secretario)
    pagina = cliente.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert "Gustavo Adolfo Henao Ruiz, Presidente del Concejo Municipal" in pagina
    r = cliente.post(
        reverse("api-actos-firmar", args=[acto.pk]), {"firmante": "Pedro Ramos Salas"}, format="json"
    )
    assert r.status_code == 400
    assert "no ocupa el cargo de Presidente del Concejo Municipal" in r.json()["campos"]["firmante"][0]
    assert Acto.objects.get(pk=acto.pk).numero is None
    r = cliente.post(
        reverse("api-actos-firmar", args=[acto.pk]), {"firmante": "Gustavo Henao"}, format="json"
    )
    assert r.status_code == 200, r.content
    assert [(f.codigo_cargo, f.nombre) for f in FirmaActo.objects.filter(acto=acto)] == [
        ("presidente_concejo", "Gustavo Adolfo Henao Ruiz"),
        ("secretario_concejo", "Rosa Quispe Arango"),
    ]
    texto = _texto_del_pdf(acto)
    assert "Gustavo Adolfo Henao Ruiz Presidente del Concejo Municipal" in texto
    assert "Rosa Quispe Arango" in texto and "(da fe)" in texto
    assert "Pedro Ramos" not in texto


def test_co_sin_presidente_del_concejo_no_se_firma_el_acuerdo(cliente_de, secretario):
    from concejo.models import IntegranteComision  # noqa: PLC0415 - solo esta prueba

    _perfil("CO")
    IntegranteComision.objects.all().delete()
    acto = _aprobado(secretario, "acuerdo")
    r = cliente_de(secretario).post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 400
    assert "Nadie ocupa el cargo de Presidente del Concejo Municipal" in r.content.decode()
    assert not FirmaActo.objects.filter(acto=acto).exists()


def test_el_pdf_imprime_quien_firma_por_encargo(secretario, prosecretario, cliente_de):
    hoy = timezone.localdate()
    Encargo.objects.create(titular=secretario, encargado=prosecretario, desde=hoy, hasta=hoy)
    acto = _aprobado(secretario, "decreto")
    r = cliente_de(prosecretario).post(reverse("api-actos-firmar", args=[acto.pk]), {}, format="json")
    assert r.status_code == 200, r.content
    texto = _texto_del_pdf(acto)
    refrenda = FirmaActo.objects.get(acto=acto, calidad="refrenda")
    assert "Pedro Ramos Salas Alcalde" in texto
    assert f"{refrenda.nombre} {refrenda.cargo_texto} (da fe)" in texto
    assert f"Por encargo de {secretario.get_full_name() or secretario.username}" in texto
