"""Páginas públicas de la normativa (sin ingreso): búsqueda por tipo, número, año, tema y texto; cada acto
con su PDF, su historia y sus relaciones; el feed Atom; lo no publicado da 404."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from actos.tests.factories import ActoFactory, acto_firmado, acto_publicado

pytestmark = pytest.mark.django_db


@pytest.fixture
def normativa(secretario):
    ruidos = acto_publicado(
        por=secretario,
        tipo="ordenanza",
        titulo="Ordenanza de ruidos molestos",
        temas="ruido, medio ambiente",
        fecha=date(2026, 1, 10),
    )
    licencias = acto_publicado(
        por=secretario,
        tipo="decreto",
        titulo="Decreto sobre licencias de funcionamiento",
        temas="licencias",
        fecha=date(2026, 1, 12),
    )
    firmado = acto_firmado(por=secretario, tipo="ordenanza", titulo="Ordenanza de ruidos no publicada")
    return ruidos, licencias, firmado


def test_busqueda_publica(client, normativa):
    ruidos, licencias, firmado = normativa
    r = client.get(reverse("normativa:normativa"))
    html = r.content.decode()
    assert r.status_code == 200 and ruidos.numero_texto in html and licencias.numero_texto in html
    assert firmado.titulo not in html
    # Texto completo con raíces y sin tildes: «licencia» encuentra «licencias».
    html = client.get(reverse("normativa:normativa"), {"q": "licencia funcionamiento"}).content.decode()
    assert licencias.numero_texto in html and ruidos.numero_texto not in html
    html = client.get(reverse("normativa:normativa"), {"q": "ruidos"}).content.decode()
    assert ruidos.numero_texto in html and "no publicada" not in html
    html = client.get(reverse("normativa:normativa"), {"tipo": "decreto"}).content.decode()
    assert licencias.numero_texto in html and ruidos.numero_texto not in html
    html = client.get(
        reverse("normativa:normativa"), {"numero": 1, "anio": 2026, "tipo": "ordenanza"}
    ).content.decode()
    assert ruidos.numero_texto in html and licencias.numero_texto not in html
    html = client.get(reverse("normativa:normativa"), {"tema": "medio ambiente"}).content.decode()
    assert ruidos.numero_texto in html and licencias.numero_texto not in html
    html = client.get(reverse("normativa:normativa"), {"q": "inexistentísimo"}).content.decode()
    assert "No se encontraron" in html
    r = client.get(reverse("normativa:normativa"), {"anio": "mil"})
    assert r.status_code == 200 and "Introduzca un número" in r.content.decode()


def test_pagina_publica_del_acto(client, normativa):
    ruidos, _licencias, firmado = normativa
    r = client.get(reverse("normativa:acto", args=[ruidos.pk]))
    html = r.content.decode()
    assert r.status_code == 200
    assert 'id="art_2"' in html and ruidos.sha256 in html
    assert "Publicado en Diario Oficial El Peruano" in html and "Entra en vigor" in html
    assert "<main" in html and 'aria-label="Datos del acto"' in html
    r = client.get(reverse("normativa:acto-pdf", args=[ruidos.pk]))
    assert r.status_code == 200 and r["X-SHA256"] == ruidos.sha256
    assert b"".join(r.streaming_content)[:5] == b"%PDF-"
    assert client.get(reverse("normativa:acto-docx", args=[ruidos.pk])).content[:2] == b"PK"
    assert client.get(reverse("normativa:acto-akn", args=[ruidos.pk])).status_code == 200
    for nombre in ["normativa:acto", "normativa:acto-pdf", "normativa:acto-docx", "normativa:acto-akn"]:
        assert client.get(reverse(nombre, args=[firmado.pk])).status_code == 404
        assert client.get(reverse(nombre, args=[ActoFactory().pk])).status_code == 404
        assert client.get(reverse(nombre, args=[999999])).status_code == 404


def test_feed_atom(client, normativa):
    ruidos, licencias, firmado = normativa
    r = client.get(reverse("normativa:feed"))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/atom+xml")
    raiz = etree.fromstring(r.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titulos = [e.findtext("a:title", namespaces=ns) for e in raiz.findall("a:entry", ns)]
    assert titulos == [
        f"{licencias.numero_texto}: {licencias.titulo}",
        f"{ruidos.numero_texto}: {ruidos.titulo}",
    ]
    enlace = raiz.find("a:entry/a:link", ns).get("href")
    assert enlace.endswith(reverse("normativa:acto", args=[licencias.pk]))
    assert firmado.titulo not in r.content.decode()


def test_la_busqueda_publica_no_hace_consultas_por_fila(client, secretario, django_assert_max_num_queries):
    for i in range(8):
        acto_publicado(por=secretario, tipo="decreto", titulo=f"Decreto de prueba {i}")
    with django_assert_max_num_queries(12):
        r = client.get(reverse("normativa:normativa"), {"q": "decreto prueba"})
    assert r.content.decode().count('class="list-group-item"') == 8
    assert timezone.localdate()
