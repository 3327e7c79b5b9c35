"""Búsqueda: se corre igual en SQLite (FTS5) y en PostgreSQL (`spanish` + unaccent)."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from core.busqueda import buscar, desindexar, indexar, quitar_tipo, registrar_tipo
from core.models import EntradaBusqueda
from core.tests.factories import PersonaFactory, UnidadFactory


@pytest.fixture
def tipos():
    # Documentos: cada unidad ve los de su ámbito; "publico" lo ve todo el personal.
    registrar_tipo(
        "prueba.documento",
        etiqueta="Documento",
        ambitos=lambda u: (
            None if u.has_perm("core.ver_auditoria") else {"publico", getattr(u.unidad, "sigla", "")}
        ),
    )
    # Notas: regla fina por entrada (solo quien la escribió).
    registrar_tipo("prueba.nota", etiqueta="Nota", visible=lambda u, e: e.url == f"/notas/{u.username}/")
    yield
    quitar_tipo("prueba.documento")
    quitar_tipo("prueba.nota")


def documento(titulo, texto="", *, ambito="publico", tipo="prueba.documento", url="", fecha=None):
    # Cualquier modelo sirve de objeto indexado; se usan unidades orgánicas de la fábrica.
    obj = UnidadFactory()
    return indexar(
        obj, tipo=tipo, titulo=titulo, texto=texto, url=url or f"/doc/{obj.pk}/", fecha=fecha, ambito=ambito
    )


def titulos(pagina):
    return [r.titulo for r in pagina]


def test_tildes_y_mayusculas_dan_igual(tipos, secretario):
    documento("Licencia de CONSTRUCCIÓN para vivienda", "Expediente de obra en el jirón Unión.")
    for consulta in ("construccion", "CONSTRUCCIÓN", "Construcción", "union", "UNIÓN"):
        assert titulos(buscar(consulta, usuario=secretario)) == ["Licencia de CONSTRUCCIÓN para vivienda"], (
            consulta
        )
    # El fragmento resalta la palabra tal como está escrita, con su tilde.
    assert "<mark>Unión</mark>" in buscar("union", usuario=secretario)[0].fragmento


def test_raices_espanolas(tipos, secretario):
    documento("Otorgamiento de licencia", "Se concede la licencia solicitada por el vecino.")
    documento("Ordenanzas municipales vigentes", "Compendio de ordenanzas aprobadas por el concejo.")
    assert titulos(buscar("licencias", usuario=secretario)) == ["Otorgamiento de licencia"]
    assert titulos(buscar("ordenanza", usuario=secretario)) == ["Ordenanzas municipales vigentes"]
    assert titulos(buscar("aprobada", usuario=secretario)) == ["Ordenanzas municipales vigentes"]
    assert titulos(buscar("licencia ordenanza", usuario=secretario)) == []  # todas las palabras


def test_palabras_vacias_no_estorban(tipos, secretario):
    documento("Licencia construcción", "Trámite sin preposiciones.")
    assert titulos(buscar("licencia de construcción", usuario=secretario)) == ["Licencia construcción"]


def test_titulo_pesa_mas_que_el_texto(tipos, secretario):
    documento(
        "Informe mensual de gestión", "Se menciona de paso el mercado de abastos y otras cosas del distrito."
    )
    documento("Mercado de abastos: reordenamiento", "Propuesta de la gerencia para el comercio ambulatorio.")
    resultado = buscar("mercado", usuario=secretario)
    assert titulos(resultado) == ["Mercado de abastos: reordenamiento", "Informe mensual de gestión"]
    assert resultado[0].puntaje > resultado[1].puntaje


def test_paginacion(tipos, secretario):
    for i in range(25):
        documento(f"Resolución de alcaldía {i:02d}", "Resolución sobre presupuesto participativo.")
    primera = buscar("presupuesto", usuario=secretario, por_pagina=10)
    assert primera.paginator.count == 25
    assert primera.paginator.num_pages == 3
    assert len(primera) == 10 and primera.has_next()
    tercera = buscar("presupuesto", usuario=secretario, por_pagina=10, pagina=3)
    assert len(tercera) == 5 and not tercera.has_next()
    todas = set()
    for n in (1, 2, 3):
        todas |= set(titulos(buscar("presupuesto", usuario=secretario, por_pagina=10, pagina=n)))
    assert len(todas) == 25
    # Un número de página inválido no rompe: da una página válida.
    assert buscar("presupuesto", usuario=secretario, por_pagina=10, pagina="x").number == 1


def test_visibilidad_por_ambito_y_por_entrada(tipos, secretario, jefe_unidad, ajeno):
    documento("Presupuesto de la GDU", ambito="GDU")
    documento("Presupuesto de otra unidad", ambito="OTRA")
    documento("Presupuesto público", ambito="publico")
    documento("Presupuesto en nota del jefe", tipo="prueba.nota", url="/notas/jefe/")
    assert sorted(titulos(buscar("presupuesto", usuario=jefe_unidad))) == [
        "Presupuesto de la GDU",
        "Presupuesto en nota del jefe",
        "Presupuesto público",
    ]
    assert sorted(titulos(buscar("presupuesto", usuario=ajeno))) == [
        "Presupuesto de otra unidad",
        "Presupuesto público",
    ]
    assert len(buscar("presupuesto", usuario=secretario, tipos=["prueba.documento"])) == 3
    assert titulos(buscar("presupuesto", usuario=jefe_unidad, tipos=["prueba.nota"])) == [
        "Presupuesto en nota del jefe"
    ]


def test_tipo_no_registrado_no_aparece(tipos, secretario):
    documento("Presupuesto secreto", tipo="otra.cosa")
    assert titulos(buscar("presupuesto", usuario=secretario)) == []


def test_reindexar_y_desindexar(tipos, secretario):
    obj = PersonaFactory()
    indexar(
        obj,
        tipo="prueba.documento",
        titulo="Solicitud de acceso",
        texto="información pública",
        ambito="publico",
    )
    indexar(
        obj,
        tipo="prueba.documento",
        titulo="Solicitud de acceso",
        texto="copia certificada",
        ambito="publico",
    )
    assert EntradaBusqueda.objects.count() == 1
    assert titulos(buscar("información", usuario=secretario)) == []
    assert titulos(buscar("certificadas", usuario=secretario)) == ["Solicitud de acceso"]
    assert desindexar(obj) == 1
    assert titulos(buscar("certificada", usuario=secretario)) == []


def test_fragmento_resaltado_y_escapado(tipos, secretario):
    documento(
        "Oficio", "Texto previo <script>alert(1)</script> y luego la licencia de funcionamiento del local."
    )
    r = buscar("licencias", usuario=secretario)[0]
    assert "<mark>licencia</mark>" in r.fragmento
    assert "<script>" not in r.fragmento


def test_consulta_vacia_o_de_simbolos(tipos, secretario):
    documento("Licencia", "texto")
    for consulta in ("", "   ", '"*()', "de la"):
        assert buscar(consulta, usuario=secretario).paginator.count == 0


# --- Página /buscar/ --------------------------------------------------------------------------


def test_pagina_buscar_muestra_resultados_visibles(tipos, cliente_de, jefe_unidad):
    documento(
        "Licencia de edificación",
        "Expediente de la GDU.",
        ambito="GDU",
        fecha=datetime(2026, 3, 1, tzinfo=UTC),
    )
    documento("Licencia de otra unidad", ambito="OTRA")
    html = cliente_de(jefe_unidad).get(reverse("core:buscar"), {"q": "LICENCIAS"}).content.decode()
    assert "Licencia de edificación" in html
    assert "Licencia de otra unidad" not in html
    assert "Resultados 1 a 1 para «LICENCIAS»" in html
    assert "Expediente de la GDU." in html


def test_pagina_buscar_sin_consulta(tipos, cliente_de, jefe_unidad):
    r = cliente_de(jefe_unidad).get(reverse("core:buscar"))
    assert r.status_code == 200
    assert "Escriba una o más palabras para buscar" in r.content.decode()


def test_pagina_buscar_sin_resultados_y_paginada(tipos, cliente_de, secretario):
    for i in range(22):
        documento(f"Acuerdo de concejo {i:02d}", "acuerdo")
    cliente = cliente_de(secretario)
    assert (
        "No se encontraron resultados para «zzz»."
        in cliente.get(reverse("core:buscar"), {"q": "zzz"}).content.decode()
    )
    html = cliente.get(reverse("core:buscar"), {"q": "acuerdos", "pagina": 2}).content.decode()
    assert "Página 2" in html and "Siguiente" not in html
    assert html.count("data-resultado") == 2


def test_pagina_buscar_htmx_devuelve_fragmento(tipos, cliente_de, secretario):
    documento("Acuerdo de concejo", "acuerdo")
    r = cliente_de(secretario).get(reverse("core:buscar"), {"q": "acuerdo"}, headers={"HX-Request": "true"})
    html = r.content.decode()
    assert "Acuerdo de concejo" in html
    assert "<html" not in html


def test_pagina_buscar_pide_sesion(client, db):
    r = client.get(reverse("core:buscar"), {"q": "x"})
    assert r.status_code == 302 and reverse("login") in r["Location"]
