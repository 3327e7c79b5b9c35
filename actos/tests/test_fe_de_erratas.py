"""Fe de erratas de un acto firmado o publicado, por su página: la Secretaría la registra (dónde, dice, debe
decir, motivo), sale numerada sin saltos en su serie del año y firmada por el Secretario («por encargo» si
subroga); el acto firmado no cambia; se ve en la página interna, en la pública y en su historia; auditada."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from actos.models import Acto, FeErratas
from actos.services.ciclo import firmar
from actos.services.erratas import registrar_fe_de_erratas
from actos.tests.factories import ActoFactory, acto_firmado, acto_publicado
from core import roles
from core.models import Evento, NumeroRegistro
from core.services.auditoria import verificar_cadena
from core.services.encargos import crear_encargo
from core.tests.concurrencia import a_la_vez
from core.tests.factories import MunicipioFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

ANIO = timezone.localdate().year


def _datos(acto, **cambios):
    datos = {
        "parte": acto.partes.get(eid="art_1").pk,
        "dice": "comercio en la vía pública",
        "debe_decir": "comercio ambulatorio en la vía pública",
        "motivo": "Error material en la transcripción del texto aprobado.",
    }
    datos.update(cambios)
    return datos


def test_la_secretaria_registra_la_fe_de_erratas_desde_la_pagina_del_acto(client, secretario):
    acto = acto_publicado(por=secretario)
    texto_antes = acto.partes.get(eid="art_1").texto
    client.force_login(secretario)
    pagina = client.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert f'action="{reverse("actos:acto-fe-erratas", args=[acto.pk])}"' in pagina
    r = client.post(reverse("actos:acto-fe-erratas", args=[acto.pk]), _datos(acto))
    assert r.status_code == 302 and r.url == reverse("actos:acto", args=[acto.pk])
    errata = FeErratas.objects.get()
    assert errata.numero == 1 and errata.anio == ANIO
    assert (
        errata.numero_texto == f"FE DE ERRATAS Nº 001-{ANIO}-MDVE"
        and errata.registro.texto == errata.numero_texto
    )
    assert errata.firmada_por == secretario and errata.por_encargo_de is None
    assert errata.parte.eid == "art_1" and errata.dice == "comercio en la vía pública"
    # El acto firmado no cambia: ni su texto ni su PDF.
    acto_despues = Acto.objects.get(pk=acto.pk)
    assert acto_despues.partes.get(eid="art_1").texto == texto_antes and acto_despues.sha256 == acto.sha256
    evento = Evento.objects.get(accion="actos.acto.fe_de_erratas")
    assert evento.objeto_id == str(acto.pk) and evento.actor == secretario
    assert evento.despues["numero_texto"] == errata.numero_texto and evento.despues["debe_decir"]
    assert Evento.objects.filter(accion="core.numero.asignar", objeto_id=str(errata.registro.pk)).exists()
    # Se ve en la página interna (con el artículo anotado y en el historial) y en la pública (y su historia).
    pagina = client.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert (
        f'data-errata="{errata.numero_texto}"' in pagina
        and "«comercio ambulatorio en la vía pública»" in pagina
    )
    assert f"Corregido por {errata.numero_texto}" in pagina and "actos.acto.fe_de_erratas" in pagina
    client.logout()
    publica = client.get(reverse("normativa:acto", args=[acto.pk])).content.decode()
    assert (
        f'data-errata="{errata.numero_texto}"' in publica and "Error material en la transcripción" in publica
    )
    assert f"{errata.numero_texto}: corrige Artículo 1" in publica
    # También en la API abierta del acto.
    api = client.get(reverse("api-actos-acto", args=[acto.pk])).json()
    assert api["erratas"] == [
        {
            "numero_texto": errata.numero_texto,
            "lugar": "Artículo 1",
            "eid": "art_1",
            "dice": errata.dice,
            "debe_decir": errata.debe_decir,
            "motivo": errata.motivo,
            "firmada_en": api["erratas"][0]["firmada_en"],
        }
    ]
    # La siguiente sigue el número, sin saltos.
    client.force_login(secretario)
    client.post(
        reverse("actos:acto-fe-erratas", args=[acto.pk]),
        _datos(acto, parte="", ubicacion="Título", dice="sector", debe_decir="sector comercial"),
    )
    assert list(FeErratas.objects.values_list("numero", flat=True)) == [1, 2]


def test_la_fe_de_erratas_firmada_por_encargo(client, secretario, prosecretario):
    hoy = timezone.localdate()
    crear_encargo(titular=secretario, encargado=prosecretario, desde=hoy, hasta=hoy, por=secretario)
    acto = acto_firmado(por=secretario)
    client.force_login(prosecretario)
    client.post(reverse("actos:acto-fe-erratas", args=[acto.pk]), _datos(acto))
    errata = FeErratas.objects.get()
    assert errata.firmada_por == prosecretario and errata.por_encargo_de == secretario
    assert "por encargo de" in client.get(reverse("actos:acto", args=[acto.pk])).content.decode()


def test_permisos_de_la_fe_de_erratas(client, secretario, jefe_unidad, ajeno):
    publicado = acto_publicado(por=secretario)
    url = reverse("actos:acto-fe-erratas", args=[publicado.pk])
    client.force_login(secretario)
    assert client.get(url).status_code == 405
    # El jefe ve el acto publicado pero no registra fe de erratas (403) ni ve el formulario.
    client.force_login(jefe_unidad)
    assert client.post(url, _datos(publicado)).status_code == 403
    assert "data-fe-erratas" not in client.get(reverse("actos:acto", args=[publicado.pk])).content.decode()
    # Un acto firmado (no publicado) es ajeno para otra unidad: 404.
    firmado = acto_firmado(por=secretario)
    client.force_login(ajeno)
    assert (
        client.post(reverse("actos:acto-fe-erratas", args=[firmado.pk]), _datos(firmado)).status_code == 404
    )
    assert (
        not FeErratas.objects.exists()
        and not Evento.objects.filter(accion="actos.acto.fe_de_erratas").exists()
    )


@pytest.mark.parametrize(
    "cambios, mensaje",
    [
        ({"dice": ""}, "Dice: Este campo es requerido"),
        ({"dice": "texto que no está"}, "El texto erróneo no aparece en Artículo 1"),
        ({"debe_decir": "comercio en la vía pública"}, "igual al erróneo"),
        ({"motivo": ""}, "Motivo: Este campo es requerido"),
        ({"parte": ""}, "Indique la parte que se corrige"),
        ({"parte": "", "ubicacion": "Título", "dice": "no figura"}, "no aparece en el título"),
    ],
)
def test_entrada_mala_no_registra_nada(client, secretario, cambios, mensaje):
    acto = acto_publicado(por=secretario)
    numeros = NumeroRegistro.objects.count()
    client.force_login(secretario)
    r = client.post(reverse("actos:acto-fe-erratas", args=[acto.pk]), _datos(acto, **cambios), follow=True)
    assert "No se registró la fe de erratas" in r.content.decode() and mensaje in r.content.decode()
    assert not FeErratas.objects.exists() and NumeroRegistro.objects.count() == numeros
    assert not Evento.objects.filter(accion="actos.acto.fe_de_erratas").exists()


def test_un_proyecto_no_lleva_fe_de_erratas(client, secretario):
    proyecto = ActoFactory(creado_por=secretario)
    client.force_login(secretario)
    assert "data-fe-erratas" not in client.get(reverse("actos:acto", args=[proyecto.pk])).content.decode()
    r = client.post(reverse("actos:acto-fe-erratas", args=[proyecto.pk]), _datos(proyecto), follow=True)
    assert "Solo un acto firmado o publicado lleva fe de erratas" in r.content.decode()
    assert not FeErratas.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_fe_de_erratas_simultaneas_dan_numeros_seguidos_junto_a_firmas():
    """Hilos que registran fe de erratas mientras otros firman actos: números 1..n sin saltos en la serie
    de erratas y en la del tipo, sin interbloqueos, y la cadena de auditoría intacta."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "Use SECRETARIA_TEST_SQLITE=/ruta/archivo para correrla en SQLite; en PostgreSQL corre siempre."
        )
    MunicipioFactory()
    secretario = UsuarioFactory(username="secretario-erratas", roles=[roles.SECRETARIO])
    firmados = [acto_firmado(por=secretario) for _ in range(3)]
    por_firmar = [ActoFactory(tipo="decreto", estado="aprobado", creado_por=secretario) for _ in range(3)]
    trabajos = [("errata", a) for a in firmados for _ in range(2)] + [("firma", a) for a in por_firmar]

    def trabajo(clase, acto):
        if clase == "errata":
            return lambda: registrar_fe_de_erratas(
                acto=acto,
                por=secretario,
                parte=acto.partes.get(eid="art_1"),
                dice="vía pública",
                debe_decir="vía pública urbana",
                motivo="Error material",
            )
        return lambda: firmar(acto=acto, por=secretario, firmante="Pedro Ramos", cargo_firmante="Alcalde")

    errores = a_la_vez(trabajo(clase, acto) for clase, acto in trabajos)
    assert not errores, errores[:3]
    assert sorted(FeErratas.objects.values_list("numero", flat=True)) == list(range(1, 7))
    assert sorted(Acto.objects.filter(tipo="decreto").values_list("numero", flat=True)) == [1, 2, 3]
    assert verificar_cadena().intacta
