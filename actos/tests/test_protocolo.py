"""El protocolo anual: libro con portada, índice numérico con folios, actos en orden y certificado de cierre;
SHA-256 guardado, registro del año sellado, avance en la página; permisos y entradas malas."""

import hashlib
import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actos.models import Acto, Protocolo
from actos.services import protocolo as servicio
from actos.services import protocolo_libro
from actos.services.ciclo import firmar
from actos.tests.factories import ActoFactory, acto_firmado
from core.models import Contador, Evento
from core.services.encargos import crear_encargo
from core.services.numeracion import anular_numero, serie_por_perfil, siguiente_numero

ANIO = timezone.localdate().year - 1


def _fecha(dia: int) -> date:
    return date(ANIO, 3, 1) + timedelta(days=dia)


@pytest.fixture
def actos_firmados(secretario):
    """Tres ordenanzas firmadas el año pasado por el servicio real (PDF firmado guardado) y el número 2
    anulado: 1 (acto), 2 (anulado, su acto no entra), 3 y 4 (actos)."""
    actos = [
        acto_firmado(por=secretario, fecha=_fecha(i), titulo=f"Ordenanza breve {i}", partes=3 + 6 * i)
        for i in range(4)
    ]
    anular_numero(numero=actos[1].registro, motivo="Error de digitación en el registro", por=secretario)
    return actos


def _generar(cliente, **datos):
    return cliente.post(reverse("actos:protocolo-generar"), {"tipo": "ordenanza", "anio": ANIO, **datos})


def _textos(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def _folios_del_indice(paginas: list[str], textos_de_actos: list[str]) -> dict[str, int]:
    """Del índice (primeras páginas), el folio anotado para cada acto: la columna que sigue a su número."""
    indice = " ".join(" ".join(paginas[:4]).split())
    folios = {}
    for texto in textos_de_actos:
        hallado = re.search(re.escape(texto) + r" (\d+) ", indice)
        assert hallado, f"{texto!r} no está en el índice: {indice}"
        folios[texto] = int(hallado.group(1))
    return folios


def _pagina_de_inicio(paginas: list[str], texto: str, desde: int) -> int:
    return next(n for n, p in enumerate(paginas, start=1) if n > desde and texto in p)


def _leer_pdf(protocolo) -> bytes:
    with protocolo.archivo.archivo.open("rb") as f:
        return f.read()


def test_el_secretario_genera_el_protocolo_y_el_indice_apunta_a_la_pagina_de_cada_acto(
    cliente_de, secretario, actos_firmados, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = _generar(cliente_de(secretario))
    protocolo = Protocolo.objects.get()
    assert respuesta.status_code == 302 and respuesta.url == reverse("actos:protocolo", args=[protocolo.pk])
    assert protocolo.estado == Protocolo.Estado.LISTO and protocolo.progreso == 100, protocolo.mensaje
    assert protocolo.actos == 3
    pdf = _leer_pdf(protocolo)
    assert hashlib.sha256(pdf).hexdigest() == protocolo.sha256 == protocolo.archivo.sha256
    paginas = _textos(pdf)
    assert len(paginas) == protocolo.paginas
    # Cada página lleva su folio del libro.
    assert all(f"Folio {n}" in texto for n, texto in enumerate(paginas, start=1))
    incluidos = [actos_firmados[i] for i in (0, 2, 3)]
    folios = _folios_del_indice(paginas, [a.numero_texto for a in incluidos])
    desde = 1
    for acto in incluidos:
        inicio = _pagina_de_inicio(paginas, acto.numero_texto, desde=2)
        assert folios[acto.numero_texto] == inicio, acto.numero_texto
        assert inicio > desde
        desde = inicio
    # Actos de varias páginas: los folios no son consecutivos.
    assert folios[incluidos[2].numero_texto] - folios[incluidos[1].numero_texto] > 1
    # El número anulado figura en el índice como tal y su acto no entra al libro.
    indice = " ".join(" ".join(paginas[:2]).split())
    assert "ANULADO" in indice and "Error de digitación" in indice
    assert not any("Ordenanza breve 1" in p for p in paginas[3:])
    # Certificado de cierre al final, con actos y folios.
    assert "CERTIFICADO DE CIERRE" in paginas[-1]
    assert f"consta de {protocolo.paginas} folios" in paginas[-1].replace("\n", " ")
    assert "contiene 3 actos" in paginas[-1].replace("\n", " ")
    # Registro sellado y eventos.
    serie = serie_por_perfil("ordenanza")
    assert Contador.objects.get(serie=serie, anio=ANIO).cerrado
    evento = Evento.objects.get(accion="actos.protocolo.sellar")
    assert evento.despues["sha256"] == protocolo.sha256 and evento.despues["anulados"] == [2]
    assert Evento.objects.filter(accion="actos.protocolo.solicitar").count() == 1
    assert Evento.objects.filter(accion="core.serie.cerrar_anio").count() == 1


def test_el_anio_sellado_no_admite_nuevos_actos_de_ese_tipo(
    cliente_de, secretario, actos_firmados, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _generar(cliente_de(secretario))
    assert Protocolo.objects.get().estado == Protocolo.Estado.LISTO
    with pytest.raises(ValidationError, match="cerrado"):
        siguiente_numero(serie_por_perfil("ordenanza"), ANIO, por=secretario)
    # El camino de la firma (actos.services.ciclo.firmar) respeta el sello.
    nuevo = ActoFactory(tipo="ordenanza", estado=Acto.Estado.APROBADO, creado_por=secretario)
    with pytest.raises(ValidationError, match="cerrado"):
        firmar(acto=nuevo, por=secretario, firmante="Pedro Ramos", fecha=_fecha(200))
    nuevo.refresh_from_db()
    assert nuevo.estado == Acto.Estado.APROBADO and nuevo.numero is None
    # Otro tipo del mismo año sigue abierto.
    assert acto_firmado(por=secretario, tipo="acuerdo", fecha=_fecha(200)).numero == 1
    # Y no se pide dos veces.
    respuesta = _generar(cliente_de(secretario))
    assert respuesta.status_code == 400 and "ya está sellado" in respuesta.content.decode()


def _acto_sin_pdf(por, numero_de_partes):
    """Firmado sin PDF guardado (actos cargados de otro sistema): el protocolo lo renderiza."""
    acto = ActoFactory(
        tipo="ordenanza",
        estado=Acto.Estado.FIRMADO,
        creado_por=por,
        partes=numero_de_partes,
        titulo=f"Ordenanza cargada {numero_de_partes}",
    )
    numero = siguiente_numero(serie_por_perfil("ordenanza"), ANIO, por=por, objeto=acto)
    Acto.objects.filter(pk=acto.pk).update(
        anio=ANIO, numero=numero.numero, numero_texto=numero.texto, registro=numero
    )
    acto.refresh_from_db()
    return acto


def test_actos_sin_pdf_se_renderizan_por_lotes_en_paralelo(
    secretario, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(protocolo_libro, "TAMANO_LOTE", 2)
    monkeypatch.setattr(protocolo_libro, "PROCESOS", 2)
    actos = [_acto_sin_pdf(secretario, n) for n in (2, 40, 3, 25, 1)]
    with django_capture_on_commit_callbacks(execute=True):
        protocolo = servicio.solicitar_protocolo(tipo="ordenanza", anio=ANIO, por=secretario)
    protocolo.refresh_from_db()
    assert protocolo.estado == Protocolo.Estado.LISTO, protocolo.mensaje
    paginas = _textos(_leer_pdf(protocolo))
    folios = _folios_del_indice(paginas, [a.numero_texto for a in actos])
    for acto in actos:
        assert folios[acto.numero_texto] == _pagina_de_inicio(paginas, acto.numero_texto, desde=2)
    assert len(set(folios.values())) == 5


def test_la_pagina_muestra_el_avance_y_el_fragmento_htmx(cliente_de, secretario, actos_firmados):
    # Sin ejecutar la tarea (queda en cola): la página sondea el avance.
    protocolo = servicio.solicitar_protocolo(tipo="ordenanza", anio=ANIO, por=secretario)
    cliente = cliente_de(secretario)
    pagina = cliente.get(reverse("actos:protocolo", args=[protocolo.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in pagina and "<main" in pagina
    Protocolo.objects.filter(pk=protocolo.pk).update(
        estado=Protocolo.Estado.GENERANDO, progreso=42, mensaje="Actos renderizados: 1 de 3."
    )
    fragmento = cliente.get(
        reverse("actos:protocolo", args=[protocolo.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'aria-valuenow="42"' in fragmento and "1 de 3" in fragmento and "<main" not in fragmento
    # El PDF aún no existe.
    assert cliente.get(reverse("actos:protocolo-pdf", args=[protocolo.pk])).status_code == 404
    # Ni se pide otro mientras tanto.
    assert _generar(cliente).status_code == 400


@pytest.mark.parametrize(
    "datos, mensaje",
    [
        ({"anio": ANIO + 1}, "año terminado"),
        ({"tipo": "bando"}, "Escoja una opción válida"),
        ({"anio": "dos mil"}, "número entero"),
    ],
)
def test_entrada_mala_no_crea_nada(cliente_de, secretario, actos_firmados, datos, mensaje):
    respuesta = _generar(cliente_de(secretario), **datos)
    assert respuesta.status_code == 400 and mensaje in respuesta.content.decode()
    assert not Protocolo.objects.exists()
    assert not Contador.objects.filter(anio=ANIO, cerrado=True).exists()


def test_un_anio_sin_actos_no_se_protocoliza(cliente_de, secretario):
    respuesta = _generar(cliente_de(secretario), anio=ANIO - 5)
    assert respuesta.status_code == 400 and "No hay actos firmados" in respuesta.content.decode()
    assert not Protocolo.objects.exists()


def test_permisos(
    cliente_de,
    secretario,
    prosecretario,
    jefe_unidad,
    ajeno,
    actos_firmados,
    django_capture_on_commit_callbacks,
):
    # El pro-secretario revisa actos pero no genera el protocolo: 403; ve la lista.
    assert _generar(cliente_de(prosecretario)).status_code == 403
    assert cliente_de(prosecretario).get(reverse("actos:protocolos")).status_code == 200
    assert not Protocolo.objects.exists()
    # Un jefe de unidad no ve la lista (403) ni un protocolo (404), ni el ajeno.
    protocolo = servicio.solicitar_protocolo(tipo="ordenanza", anio=ANIO, por=secretario)
    assert cliente_de(jefe_unidad).get(reverse("actos:protocolos")).status_code == 403
    for usuario in (jefe_unidad, ajeno):
        cliente = cliente_de(usuario)
        assert cliente.get(reverse("actos:protocolo", args=[protocolo.pk])).status_code == 404
        assert cliente.get(reverse("actos:protocolo-pdf", args=[protocolo.pk])).status_code == 404
    assert cliente_de(secretario).get(reverse("actos:protocolo-generar")).status_code == 405


def test_por_encargo_el_prosecretario_genera_y_el_cierre_lo_dice(
    cliente_de, secretario, prosecretario, actos_firmados, django_capture_on_commit_callbacks
):
    hoy = timezone.localdate()
    crear_encargo(
        titular=secretario,
        encargado=prosecretario,
        desde=hoy,
        hasta=hoy + timedelta(days=5),
        documento="Resolución de Alcaldía Nº 010",
        por=secretario,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert _generar(cliente_de(prosecretario)).status_code == 302
    protocolo = Protocolo.objects.get()
    assert protocolo.estado == Protocolo.Estado.LISTO and protocolo.pedido_por == prosecretario
    cierre = _textos(_leer_pdf(protocolo))[-1].replace("\n", " ")
    assert "por encargo de" in cierre.lower() and secretario.get_full_name() in cierre
    assert Evento.objects.get(accion="actos.protocolo.sellar").por_encargo_de == secretario


def test_api_pide_y_consulta_el_protocolo(
    client, secretario, jefe_unidad, actos_firmados, django_capture_on_commit_callbacks
):
    client.force_login(secretario)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            reverse("api-actos-protocolos"),
            {"tipo": "ordenanza", "anio": ANIO},
            content_type="application/json",
        )
    assert respuesta.status_code == 202, respuesta.content
    pk = respuesta.json()["id"]
    datos = client.get(reverse("api-actos-protocolo", args=[pk])).json()
    assert datos["estado"] == "listo" and datos["sha256"] == Protocolo.objects.get().sha256
    assert (
        client.post(
            reverse("api-actos-protocolos"),
            {"tipo": "ordenanza", "anio": ANIO},
            content_type="application/json",
        ).status_code
        == 400
    )
    client.force_login(jefe_unidad)
    assert (
        client.post(
            reverse("api-actos-protocolos"),
            {"tipo": "ordenanza", "anio": ANIO},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert client.get(reverse("api-actos-protocolo", args=[pk])).status_code == 404
