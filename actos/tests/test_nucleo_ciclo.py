"""Ciclo de vida por las páginas: proyecto → revisión → aprobado → firmado (número) → publicado; la
decisión del concejo registrada como acto; permisos (403), ajenos (404) y entrada mala (nada cambia)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actos.models import Acto
from actos.services.relaciones import vigencia_calculada
from actos.tests.factories import ActoFactory, acto_firmado
from concejo.models import Decision, Votacion
from concejo.tests.factories import PuntoFactory
from core import roles
from core.models import Evento
from core.services.encargos import crear_encargo
from core.tests.factories import UsuarioFactory

pytestmark = pytest.mark.django_db


def eventos(accion: str, acto: Acto) -> int:
    return Evento.objects.filter(accion=accion, objeto_id=str(acto.pk)).count()


def test_la_unidad_redacta_y_envia_la_secretaria_aprueba_firma_y_publica(client, jefe_unidad, secretario):
    client.force_login(jefe_unidad)
    r = client.post(
        reverse("actos:nuevo"),
        {"tipo": "decreto", "titulo": "Decreto que fija el horario", "temas": "horario"},
    )
    acto = Acto.objects.get()
    assert r.status_code == 302 and r.url == reverse("actos:acto", args=[acto.pk])
    assert (
        acto.estado == "proyecto"
        and acto.organo == "alcalde"
        and acto.unidad_proponente == jefe_unidad.unidad
    )
    assert eventos("actos.acto.crear", acto) == 1
    client.post(
        reverse("actos:parte-agregar", args=[acto.pk]), {"tipo": "articulo", "texto": "Fíjese el horario."}
    )
    client.post(
        reverse("actos:parte-agregar", args=[acto.pk]),
        {"tipo": "considerando", "texto": "Que, es necesario;"},
    )
    assert list(acto.partes.values_list("eid", flat=True)) == ["cons_1", "art_1"]
    r = client.post(reverse("actos:acto-enviar", args=[acto.pk]))
    acto.refresh_from_db()
    assert acto.estado == "en_revision" and eventos("actos.acto.enviar_a_revision", acto) == 1
    # El jefe no aprueba ni firma: 403 y nada cambia.
    assert client.post(reverse("actos:acto-aprobar", args=[acto.pk])).status_code == 403
    acto.refresh_from_db()
    assert acto.estado == "en_revision"

    client.force_login(secretario)
    client.post(reverse("actos:acto-aprobar", args=[acto.pk]))
    acto.refresh_from_db()
    assert acto.estado == "aprobado"
    r = client.post(
        reverse("actos:acto-firmar", args=[acto.pk]),
        {"firmante": "Pedro Ramos Salas", "cargo_firmante": "Alcalde"},
    )
    acto.refresh_from_db()
    anio = timezone.localdate().year
    assert acto.estado == "firmado" and acto.numero == 1 and acto.anio == anio
    assert acto.numero_texto == f"DECRETO DE ALCALDÍA Nº 001-{anio}-MDVE"
    assert acto.firmante == "Pedro Ramos Salas, Alcalde" and acto.refrendado_por == secretario
    assert acto.por_encargo_de is None
    assert acto.registro.texto == acto.numero_texto
    # El PDF firmado queda guardado con su SHA-256 y dice el número.
    assert len(acto.sha256) == 64 and acto.archivo.sha256 == acto.sha256
    with acto.archivo.archivo.open("rb") as f:
        texto_pdf = "".join(p.extract_text() for p in PdfReader(f).pages)
    assert acto.numero_texto in texto_pdf and "Fíjese el horario." in texto_pdf
    assert eventos("actos.acto.firmar", acto) == 1 and eventos("actos.acto.guardar_pdf", acto) == 1

    hoy = timezone.localdate()
    client.post(
        reverse("actos:acto-publicar", args=[acto.pk]),
        {"fecha": hoy.isoformat(), "medio": "Diario Oficial El Peruano"},
    )
    acto.refresh_from_db()
    assert acto.estado == "publicado" and acto.publicado_en == hoy
    assert acto.vigente_desde == hoy + timedelta(days=1)  # PE: el día siguiente (Ley 27972, art. 44)
    assert "Ley 27972, art. 44" in acto.regla_publicacion
    # Publicado hoy, rige mañana: hoy aún no está vigente (se calcula con la fecha, no se guarda).
    assert vigencia_calculada(acto) == "no_vigente"
    assert vigencia_calculada(acto, hoy=hoy + timedelta(days=1)) == "vigente"
    pagina = client.get(reverse("actos:acto", args=[acto.pk])).content.decode()
    assert "Aún no vigente" in pagina and f"vigente desde {hoy + timedelta(days=1):%d/%m/%Y}" in pagina
    assert eventos("actos.acto.publicar", acto) == 1


def test_el_acto_firmado_no_se_edita(client, secretario):
    acto = acto_firmado(por=secretario)
    parte = acto.partes.get(eid="art_1")
    client.force_login(secretario)
    r = client.post(reverse("actos:parte-editar", args=[parte.pk]), {"texto": "Otro texto"})
    assert r.status_code == 302
    parte.refresh_from_db()
    assert parte.texto.startswith("Texto del artículo 1")
    r = client.get(reverse("actos:acto", args=[acto.pk]))
    assert "fe de erratas" in r.content.decode()
    r = client.post(
        reverse("actos:parte-agregar", args=[acto.pk]),
        {"tipo": "articulo", "texto": "Nuevo"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 400 and "fe de erratas" in r.content.decode()
    assert acto.partes.count() == 5


def test_la_firma_por_encargo_queda_anotada(client, secretario, prosecretario):
    hoy = timezone.localdate()
    crear_encargo(titular=secretario, encargado=prosecretario, desde=hoy, hasta=hoy, por=secretario)
    acto = ActoFactory(tipo="resolucion_alcaldia", estado="aprobado", creado_por=secretario)
    client.force_login(prosecretario)
    client.post(
        reverse("actos:acto-firmar", args=[acto.pk]), {"firmante": "Pedro Ramos", "cargo_firmante": "Alcalde"}
    )
    acto.refresh_from_db()
    assert (
        acto.estado == "firmado"
        and acto.refrendado_por == prosecretario
        and acto.por_encargo_de == secretario
    )
    r = client.get(reverse("actos:acto", args=[acto.pk]))
    assert "por encargo de" in r.content.decode()


def test_la_decision_en_reconsideracion_o_sin_efecto_no_se_registra(client, secretario, municipio):
    punto = PuntoFactory(titulo="Acuerdo de hermanamiento", instrumento="acuerdo")
    votacion = Votacion.objects.create(
        sesion=punto.sesion,
        punto=punto,
        numero=1,
        mocion="Aprobar el hermanamiento",
        mayoria="simple_presentes",
        estado="confirmada",
        resultado="aprobado",
    )
    decision = Decision.objects.create(
        sesion=punto.sesion,
        punto=punto,
        votacion=votacion,
        instrumento="acuerdo",
        resumen="Aprobar el hermanamiento",
    )
    Votacion.objects.create(
        sesion=punto.sesion,
        punto=punto,
        numero=2,
        mocion="Reconsiderar",
        mayoria="simple_presentes",
        reconsideracion_de=votacion,
    )
    client.force_login(secretario)
    r = client.post(reverse("actos:decision-registrar", args=[decision.pk]), follow=True)
    assert "se está reconsiderando" in r.content.decode()
    decision.refresh_from_db()
    assert decision.estado == "pendiente" and not Acto.objects.exists()
    assert not Evento.objects.filter(accion="concejo.decision.registrar").exists()
    Decision.objects.filter(pk=decision.pk).update(estado="sin_efecto")
    r = client.post(reverse("actos:decision-registrar", args=[decision.pk]), follow=True)
    assert "quedó sin efecto por reconsideración" in r.content.decode() and not Acto.objects.exists()


def test_la_decision_del_concejo_se_registra_como_acto_aprobado(client, secretario, municipio):
    punto = PuntoFactory(titulo="Ordenanza de ruidos molestos", instrumento="ordenanza")
    decision = Decision.objects.create(
        sesion=punto.sesion,
        punto=punto,
        instrumento="ordenanza",
        resumen="Aprobar la ordenanza que regula los ruidos molestos",
    )
    client.force_login(secretario)
    r = client.get(reverse("actos:decisiones"))
    assert "Aprobar la ordenanza que regula los ruidos molestos" in r.content.decode()
    r = client.post(reverse("actos:decision-registrar", args=[decision.pk]))
    acto = Acto.objects.get()
    assert r.url == reverse("actos:acto", args=[acto.pk])
    decision.refresh_from_db()
    assert decision.estado == "registrada" and acto.decision == decision
    assert acto.tipo == "ordenanza" and acto.organo == "concejo" and acto.estado == "aprobado"
    assert acto.titulo == "Aprobar la ordenanza que regula los ruidos molestos"
    assert eventos("actos.acto.crear_desde_decision", acto) == 1
    assert Evento.objects.filter(accion="concejo.decision.registrar", objeto_id=str(decision.pk)).exists()
    # Dos veces no: mensaje y nada nuevo.
    r = client.post(reverse("actos:decision-registrar", args=[decision.pk]), follow=True)
    assert "ya está registrada" in r.content.decode() and Acto.objects.count() == 1
    assert "Aprobar la ordenanza" not in client.get(reverse("actos:decisiones")).content.decode()


def test_un_acto_del_concejo_se_aprueba_solo_con_su_decision(client, secretario):
    acto = ActoFactory(tipo="ordenanza", estado="en_revision", creado_por=secretario)
    client.force_login(secretario)
    r = client.post(reverse("actos:acto-aprobar", args=[acto.pk]), follow=True)
    assert "se aprueba por votación" in r.content.decode()
    acto.refresh_from_db()
    assert acto.estado == "en_revision"
    client.post(
        reverse("actos:acto-aprobar", args=[acto.pk]),
        {"aprobacion_externa": "Sesión ordinaria del 12/01/2025, unanimidad"},
    )
    acto.refresh_from_db()
    assert acto.estado == "aprobado" and acto.aprobacion_externa.startswith("Sesión ordinaria")


def test_sin_articulos_no_se_envia_a_revision(client, jefe_unidad):
    acto = ActoFactory(tipo="decreto", creado_por=jefe_unidad, partes=0)
    client.force_login(jefe_unidad)
    r = client.post(reverse("actos:acto-enviar", args=[acto.pk]), follow=True)
    assert "no tiene artículos" in r.content.decode()
    acto.refresh_from_db()
    assert acto.estado == "proyecto" and eventos("actos.acto.enviar_a_revision", acto) == 0


def test_entrada_mala_da_mensaje_y_nada_cambia(client, secretario, jefe_unidad):
    client.force_login(jefe_unidad)
    r = client.post(reverse("actos:nuevo"), {"tipo": "bando", "titulo": ""})
    assert r.status_code == 400 and Acto.objects.count() == 0
    assert "Escoja una opción válida" in r.content.decode() or "Elija un tipo" in r.content.decode()
    firmado = acto_firmado(por=secretario)
    client.force_login(secretario)
    manana = timezone.localdate() + timedelta(days=1)
    r = client.post(
        reverse("actos:acto-publicar", args=[firmado.pk]),
        {"fecha": manana.isoformat(), "medio": "X"},
        follow=True,
    )
    assert "no puede ser futura" in r.content.decode()
    r = client.post(
        reverse("actos:acto-publicar", args=[firmado.pk]),
        {"fecha": timezone.localdate().isoformat(), "medio": ""},
        follow=True,
    )
    firmado.refresh_from_db()
    assert firmado.estado == "firmado" and firmado.publicado_en is None
    r = client.post(reverse("actos:acto-firmar", args=[firmado.pk]), {"firmante": "X"}, follow=True)
    assert "debe estar aprobado" in r.content.decode()
    assert Acto.objects.get(pk=firmado.pk).numero == 1


def test_la_devolucion_pide_motivo_y_vuelve_a_proyecto(client, secretario, jefe_unidad):
    acto = ActoFactory(tipo="decreto", estado="en_revision", creado_por=jefe_unidad)
    client.force_login(secretario)
    client.post(reverse("actos:acto-devolver", args=[acto.pk]), {"motivo": ""})
    acto.refresh_from_db()
    assert acto.estado == "en_revision"
    client.post(reverse("actos:acto-devolver", args=[acto.pk]), {"motivo": "Falta el informe legal."})
    acto.refresh_from_db()
    assert acto.estado == "proyecto"
    assert Evento.objects.get(accion="actos.acto.devolver").despues["motivo"] == "Falta el informe legal."


def test_archivar_no_consume_numero(client, secretario):
    archivado = ActoFactory(tipo="decreto", estado="aprobado", creado_por=secretario)
    client.force_login(secretario)
    client.post(reverse("actos:acto-archivar", args=[archivado.pk]), {"motivo": "No prosperó."})
    archivado.refresh_from_db()
    assert archivado.estado == "archivado" and archivado.numero is None
    assert acto_firmado(por=secretario, tipo="decreto").numero == 1


def test_ajeno_recibe_404_y_quien_solo_lee_403(client, secretario, jefe_unidad, ajeno, regidor):
    proyecto = ActoFactory(tipo="decreto", creado_por=jefe_unidad, unidad_proponente=jefe_unidad.unidad)
    client.force_login(ajeno)
    for nombre in ["actos:acto", "actos:acto-pdf", "actos:acto-docx", "actos:acto-akn"]:
        assert client.get(reverse(nombre, args=[proyecto.pk])).status_code == 404
    assert client.post(reverse("actos:acto-enviar", args=[proyecto.pk])).status_code == 404
    assert client.get(reverse("actos:lista")).status_code == 403
    assert client.get(reverse("actos:nuevo")).status_code == 403
    # Otro jefe con permiso de redactar, de otra unidad: tampoco ve el proyecto ajeno.
    otro = UsuarioFactory(username="otro-jefe", unidad=ajeno.unidad, roles=[roles.JEFE])
    client.force_login(otro)
    assert client.get(reverse("actos:acto", args=[proyecto.pk])).status_code == 404
    # Lo publicado lo ve cualquiera con sesión, pero no lo cambia.
    publicado = acto_firmado(por=secretario)
    client.force_login(regidor)
    assert client.post(reverse("actos:decision-registrar", args=[1])).status_code == 403
    assert client.get(reverse("actos:decisiones")).status_code == 403
    client.force_login(jefe_unidad)
    assert client.post(reverse("actos:acto-firmar", args=[proyecto.pk]), {"firmante": "X"}).status_code == 403
    assert client.post(reverse("actos:acto-publicar", args=[publicado.pk])).status_code == 404


def test_las_acciones_rechazan_get(client, secretario):
    acto = ActoFactory(creado_por=secretario)
    client.force_login(secretario)
    for nombre in [
        "actos:acto-enviar",
        "actos:acto-aprobar",
        "actos:acto-firmar",
        "actos:acto-publicar",
        "actos:acto-archivar",
        "actos:parte-agregar",
        "actos:relacion-agregar",
    ]:
        assert client.get(reverse(nombre, args=[acto.pk])).status_code == 405


def test_la_pagina_del_acto_y_la_lista(client, secretario, django_assert_max_num_queries):
    acto = acto_firmado(por=secretario, fecha=date(2026, 1, 15))
    for _ in range(5):
        ActoFactory(creado_por=secretario)
    client.force_login(secretario)
    r = client.get(reverse("actos:acto", args=[acto.pk]))
    html = r.content.decode()
    assert acto.numero_texto in html and 'id="art_2"' in html and acto.sha256 in html
    with django_assert_max_num_queries(15):
        r = client.get(reverse("actos:lista"))
    assert r.status_code == 200 and acto.numero_texto in r.content.decode()
    r = client.get(reverse("actos:lista") + "?estado=firmado")
    assert r.content.decode().count("(sin número)") == 0
    r = client.get(reverse("actos:acto-docx", args=[acto.pk]))
    assert r.status_code == 200 and r.content[:2] == b"PK"
    r = client.get(reverse("actos:acto-pdf", args=[acto.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content)[:5] == b"%PDF-"
