"""Bandejas de la unidad y personal: pestañas, filtros, vencidos, paginación, lote y número de consultas."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tests.consultas import con_sesion
from registro.models import Derivacion, Documento
from registro.services.flujo import aceptar, derivar
from registro.tests.factories import DocumentoFactory


@pytest.fixture
def derivados(mesa_de_partes, unidad_gdu):
    docs = [DocumentoFactory(por=mesa_de_partes, asunto=f"Licencia de funcionamiento {i}") for i in range(3)]
    docs.append(DocumentoFactory(por=mesa_de_partes, asunto="Queja por ruidos molestos", prioridad="urgente"))
    for d in docs:
        derivar(documento=d, a_unidad=unidad_gdu, por=mesa_de_partes)
    return docs


def _filas(r):
    return [f.documento.pk for f in r.context["filas"]]


def test_por_recibir_y_en_tramite(derivados, jefe_unidad, cliente_de):
    cliente = cliente_de(jefe_unidad)
    r = cliente.get(reverse("registro:bandeja"))
    assert r.status_code == 200 and set(_filas(r)) == {d.pk for d in derivados}
    assert r.context["pagina"].paginator.count == r.context["contadores"]["por_recibir"] == 4
    aceptar(derivacion=Derivacion.objects.get(documento=derivados[0]), por=jefe_unidad)
    r = cliente.get(reverse("registro:bandeja"), {"pestana": "en_tramite"})
    assert _filas(r) == [derivados[0].pk]
    # El total de la pestaña sale de los contadores (una consulta agregada), no de otro COUNT.
    assert r.context["pagina"].paginator.count == r.context["contadores"]["en_tramite"] == 1
    assert "1 documento<" in r.content.decode()
    r = cliente.get(reverse("registro:bandeja"))
    assert derivados[0].pk not in _filas(r)
    assert r.context["pagina"].paginator.count == r.context["contadores"]["por_recibir"] == 3
    # Con un filtro, el total es el de las filas filtradas.
    r = cliente.get(reverse("registro:bandeja"), {"q": "ruidos"})
    assert r.context["pagina"].paginator.count == 1 and r.context["contadores"]["por_recibir"] == 3


def test_filtros_texto_prioridad_y_fechas(derivados, jefe_unidad, cliente_de):
    cliente = cliente_de(jefe_unidad)
    assert _filas(cliente.get(reverse("registro:bandeja"), {"q": "ruido"})) == [derivados[3].pk]
    assert _filas(cliente.get(reverse("registro:bandeja"), {"prioridad": "urgente"})) == [derivados[3].pk]
    manana = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert _filas(cliente.get(reverse("registro:bandeja"), {"desde": manana})) == []
    r = cliente.get(reverse("registro:bandeja"), {"desde": manana, "hasta": "2020-01-01"})
    assert "no puede ser anterior" in r.content.decode()


def test_vencidos_resaltados_con_icono_y_texto(derivados, jefe_unidad, cliente_de):
    Derivacion.objects.filter(documento=derivados[1]).update(vence=timezone.localdate() - timedelta(days=2))
    cliente = cliente_de(jefe_unidad)
    r = cliente.get(reverse("registro:bandeja"), {"pestana": "vencidos"})
    assert _filas(r) == [derivados[1].pk]
    html = r.content.decode()
    assert "table-vencido" in html and "bi-exclamation-triangle-fill" in html and "Vencido" in html
    # El vencido va primero en la bandeja (orden por vencimiento).
    assert _filas(cliente.get(reverse("registro:bandeja")))[0] == derivados[1].pk


def test_sin_derivar_marca_lo_de_dias_anteriores(mesa_de_partes, cliente_de):
    hoy = DocumentoFactory(por=mesa_de_partes)
    ayer = DocumentoFactory(por=mesa_de_partes, recibido_en=timezone.now() - timedelta(days=1))
    r = cliente_de(mesa_de_partes).get(reverse("registro:bandeja"), {"pestana": "sin_derivar"})
    filas = {f.documento.pk: f for f in r.context["filas"]}
    assert set(filas) == {hoy.pk, ayer.pk}
    assert filas[ayer.pk].debio_derivarse and not filas[hoy.pk].debio_derivarse
    assert "Sin derivar desde" in r.content.decode()
    assert r.context["contadores"]["sin_derivar"] == 2


def test_la_unidad_solo_ve_lo_suyo(derivados, ajeno, cliente_de):
    r = cliente_de(ajeno).get(reverse("registro:bandeja"))
    assert _filas(r) == []


def test_sin_unidad_403(regidor, cliente_de):
    assert cliente_de(regidor).get(reverse("registro:bandeja")).status_code == 403
    assert cliente_de(regidor).get(reverse("registro:bandeja-personal")).status_code == 403


def test_bandeja_personal(mesa_de_partes, jefe_unidad, cliente_de):
    doc = DocumentoFactory(por=mesa_de_partes)
    derivar(documento=doc, a_unidad=jefe_unidad.unidad, a_usuario=jefe_unidad, por=mesa_de_partes)
    DocumentoFactory(por=mesa_de_partes)
    r = cliente_de(jefe_unidad).get(reverse("registro:bandeja-personal"))
    assert _filas(r) == [doc.pk]


def test_htmx_devuelve_solo_la_tabla(derivados, jefe_unidad, cliente_de):
    r = cliente_de(jefe_unidad).get(reverse("registro:bandeja"), HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert 'id="bandeja-tabla"' in html and "<html" not in html


def test_paginacion(mesa_de_partes, unidad_gdu, jefe_unidad, cliente_de, settings):
    from registro.views import bandejas

    docs = [DocumentoFactory(por=mesa_de_partes) for _ in range(5)]
    for d in docs:
        derivar(documento=d, a_unidad=unidad_gdu, por=mesa_de_partes)
    original, bandejas.POR_PAGINA = bandejas.POR_PAGINA, 2
    try:
        cliente = cliente_de(jefe_unidad)
        vistos = []
        for pagina in (1, 2, 3):
            vistos += _filas(cliente.get(reverse("registro:bandeja"), {"pagina": pagina}))
    finally:
        bandejas.POR_PAGINA = original
    assert sorted(vistos) == sorted(d.pk for d in docs)


def test_numero_de_consultas_fijo(
    mesa_de_partes, unidad_gdu, jefe_unidad, cliente_de, django_assert_num_queries
):
    cliente = cliente_de(jefe_unidad)

    def cargar(n):
        for _ in range(n):
            derivar(documento=DocumentoFactory(por=mesa_de_partes), a_unidad=unidad_gdu, por=mesa_de_partes)

    cargar(2)
    cliente.get(reverse("registro:bandeja"))  # calienta cachés (sesión, municipio)
    # Sesión, usuario, permisos, los contadores (derivaciones en una consulta agregada, sin derivar en
    # otra; el de la pestaña es también el total de la página), las filas de la página, el filtro de
    # procedimientos, las unidades del lote y el contexto base: fijo, no crece con las filas.
    with django_assert_num_queries(con_sesion(12, lee_unidad=True)) as contexto:
        cliente.get(reverse("registro:bandeja"))
    antes = len(contexto.captured_queries)
    cargar(8)
    with django_assert_num_queries(antes):
        r = cliente.get(reverse("registro:bandeja"))
    assert len(r.context["filas"]) == 10


def test_derivar_seleccionados(mesa_de_partes, unidad_gdu, cliente_de):
    docs = [DocumentoFactory(por=mesa_de_partes) for _ in range(3)]
    cliente = cliente_de(mesa_de_partes)
    r = cliente.post(
        reverse("registro:bandeja-derivar"),
        {"documentos": [d.pk for d in docs[:2]], "a_unidad": unidad_gdu.pk, "plazo_dias": "2"},
        follow=True,
    )
    assert "Se derivaron 2 documentos a GDU." in r.content.decode()
    assert Derivacion.objects.filter(a_unidad=unidad_gdu).count() == 2
    assert Documento.objects.get(pk=docs[2].pk).unidad_actual == mesa_de_partes.unidad


def test_derivar_seleccionados_todo_o_nada(mesa_de_partes, unidad_gdu, ajeno, cliente_de):
    propio = DocumentoFactory(por=mesa_de_partes)
    ya = DocumentoFactory(por=mesa_de_partes)
    derivar(documento=ya, a_unidad=unidad_gdu, por=mesa_de_partes)
    cliente = cliente_de(mesa_de_partes)
    r = cliente.post(
        reverse("registro:bandeja-derivar"),
        {"documentos": [propio.pk, ya.pk], "a_unidad": unidad_gdu.pk},
        follow=True,
    )
    html = r.content.decode()
    assert "No se derivó ningún documento" in html and ya.numero_texto in html
    assert not Derivacion.objects.filter(documento=propio).exists()
    # Sin selección, o con un documento ajeno: nada.
    r = cliente.post(reverse("registro:bandeja-derivar"), {"a_unidad": unidad_gdu.pk}, follow=True)
    assert "Seleccione al menos un documento" in r.content.decode()
    otro = DocumentoFactory(por=ajeno)
    r = cliente.post(
        reverse("registro:bandeja-derivar"), {"documentos": [otro.pk], "a_unidad": unidad_gdu.pk}, follow=True
    )
    assert "no existe o no es de su unidad" in r.content.decode()
    assert cliente.get(reverse("registro:bandeja-derivar")).status_code == 405
