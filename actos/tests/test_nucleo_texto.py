"""El texto por partes: añadir, editar, reordenar y quitar mientras es editable (HTMX), eIds citables, y las
relaciones que dan el estado consolidado (vigente, modificado, derogado)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actos.models import Acto, Relacion
from actos.services.ciclo import firmar, publicar
from actos.services.relaciones import relacionar, vigencia_calculada
from actos.tests.factories import ActoFactory, acto_firmado, acto_publicado
from core.models import Evento

pytestmark = pytest.mark.django_db


def eids(acto):
    return list(acto.partes.order_by("orden").values_list("eid", flat=True))


def test_anadir_reordenar_editar_y_quitar_con_htmx(client, jefe_unidad):
    acto = ActoFactory(tipo="decreto", creado_por=jefe_unidad, partes=0)
    client.force_login(jefe_unidad)
    url = reverse("actos:parte-agregar", args=[acto.pk])
    for tipo, texto in [
        ("articulo", "Primero"),
        ("articulo", "Segundo"),
        ("considerando", "Que, ..."),
        ("final", "Rige mañana."),
    ]:
        r = client.post(url, {"tipo": tipo, "texto": texto}, HTTP_HX_REQUEST="true")
        assert r.status_code == 200 and "<html" not in r.content.decode()
    # El considerando se colocó antes de los artículos; la final al final.
    assert eids(acto) == ["cons_1", "art_1", "art_2", "dfin_1"]
    assert list(acto.partes.filter(tipo="final").values_list("numero", flat=True)) == ["Primera"]
    segundo = acto.partes.get(texto="Segundo")
    r = client.post(
        reverse("actos:parte-mover", args=[segundo.pk]), {"direccion": "arriba"}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200 and 'id="art_1"' in r.content.decode()
    segundo.refresh_from_db()
    assert (segundo.eid, segundo.numero) == ("art_1", "1")  # art_N es siempre el Artículo N
    assert Evento.objects.filter(accion="actos.parte.mover").count() == 1
    r = client.post(
        reverse("actos:parte-mover", args=[acto.partes.get(eid="cons_1").pk]),
        {"direccion": "arriba"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 400 and "extremo" in r.content.decode()
    r = client.post(
        reverse("actos:parte-editar", args=[segundo.pk]),
        {"texto": "Segundo, corregido", "epigrafe": "Objeto"},
        HTTP_HX_REQUEST="true",
    )
    segundo.refresh_from_db()
    assert segundo.texto == "Segundo, corregido" and segundo.epigrafe == "Objeto"
    r = client.post(reverse("actos:parte-editar", args=[segundo.pk]), {"texto": "  "}, HTTP_HX_REQUEST="true")
    assert r.status_code == 400
    segundo.refresh_from_db()
    assert segundo.texto == "Segundo, corregido"
    r = client.post(reverse("actos:parte-eliminar", args=[segundo.pk]), HTTP_HX_REQUEST="true")
    assert eids(acto) == ["cons_1", "art_1", "dfin_1"]
    assert acto.partes.get(eid="art_1").texto == "Primero"
    assert Evento.objects.filter(accion="actos.parte.eliminar").count() == 1


def test_otro_no_edita_el_texto(client, jefe_unidad, ajeno, secretario):
    acto = ActoFactory(tipo="decreto", creado_por=jefe_unidad, unidad_proponente=jefe_unidad.unidad)
    parte = acto.partes.get(eid="art_1")
    client.force_login(ajeno)
    assert client.post(reverse("actos:parte-editar", args=[parte.pk]), {"texto": "X"}).status_code == 404
    assert (
        client.post(
            reverse("actos:parte-agregar", args=[acto.pk]), {"tipo": "articulo", "texto": "X"}
        ).status_code
        == 404
    )
    publicado = acto_publicado(por=secretario)
    client.force_login(jefe_unidad)
    # Lo publicado lo ve, pero no lo edita.
    assert (
        client.post(reverse("actos:acto-datos", args=[publicado.pk]), {"titulo": "Otro"}).status_code == 403
    )
    parte.refresh_from_db()
    assert parte.texto.startswith("Texto del artículo 1")


def test_relaciones_y_estado_consolidado(client, secretario):
    hoy = timezone.localdate()
    manana = hoy + timedelta(days=1)  # PE: lo publicado hoy rige mañana
    original = acto_publicado(por=secretario, fecha=hoy - timedelta(days=30))
    modificadora = ActoFactory(creado_por=secretario, estado="aprobado")
    client.force_login(secretario)
    r = client.post(
        reverse("actos:relacion-agregar", args=[modificadora.pk]),
        {"tipo": "modifica", "destino": original.pk, "partes": "art_2"},
    )
    assert r.status_code == 302
    assert vigencia_calculada(original) == "vigente"  # la modificadora aún no se publica
    firmar(acto=modificadora, por=secretario, firmante="Pedro Ramos", cargo_firmante="Alcalde")
    acto_modificadora = publicar(
        acto=Acto.objects.get(pk=modificadora.pk), por=secretario, fecha=hoy, medio="Portal institucional"
    )
    assert vigencia_calculada(original) == "vigente"  # publicada, pero rige mañana
    assert vigencia_calculada(original, hoy=manana) == "modificado"
    r = client.get(reverse("actos:acto", args=[original.pk]))
    assert (
        f"Artículo 2 modificado por {acto_modificadora.numero_texto} (desde el {manana:%d/%m/%Y})"
        in r.content.decode()
    )
    r = client.get(reverse("normativa:acto", args=[original.pk]))
    assert f"Artículo 2 modificado por {acto_modificadora.numero_texto}" in r.content.decode()
    derogadora = acto_publicado(
        por=secretario, tipo="acuerdo", fecha=hoy - timedelta(days=2)
    )  # otro registro
    relacionar(origen=derogadora, destino=original, tipo="deroga", por=secretario)
    assert vigencia_calculada(original) == "derogado"
    assert (
        f"Derogado por {derogadora.numero_texto}"
        in client.get(reverse("normativa:acto", args=[original.pk])).content.decode()
    )
    # La vigencia no se guarda: ningún evento de vigencia, solo los de las relaciones.
    assert not Evento.objects.filter(accion="actos.acto.vigencia").exists()
    assert Evento.objects.filter(accion="actos.relacion.crear").count() == 2


def test_relaciones_mal_formadas_no_se_guardan(client, secretario):
    proyecto = ActoFactory(creado_por=secretario)
    otro = ActoFactory(creado_por=secretario)
    firmado = acto_firmado(por=secretario)
    client.force_login(secretario)
    r = client.post(
        reverse("actos:relacion-agregar", args=[proyecto.pk]),
        {"tipo": "deroga_parcial", "destino": firmado.pk, "partes": ""},
        follow=True,
    )
    assert "qué partes deroga" in r.content.decode()
    r = client.post(
        reverse("actos:relacion-agregar", args=[proyecto.pk]),
        {"tipo": "modifica", "destino": otro.pk},
        follow=True,
    )
    assert "Escoja una opción válida" in r.content.decode()  # un proyecto no se ofrece como destino
    assert not proyecto.relaciones_salientes.exists()


def test_quitar_relacion_y_vista_previa(client, secretario, jefe_unidad, ajeno):
    original = acto_firmado(por=secretario)
    proyecto = ActoFactory(tipo="decreto", creado_por=jefe_unidad, unidad_proponente=jefe_unidad.unidad)
    relacion = relacionar(origen=proyecto, destino=original, tipo="modifica", partes="art_2", por=secretario)
    quitar = reverse("actos:relacion-quitar", args=[relacion.pk])
    previa = reverse("actos:acto-vista-previa", args=[proyecto.pk])
    # Ajeno: ni la vista previa ni la relación existen para él; nada cambia.
    client.force_login(ajeno)
    assert client.get(previa).status_code == 404
    assert client.post(quitar).status_code == 404
    assert client.post(reverse("actos:relacion-quitar", args=[999999])).status_code == 404
    client.force_login(jefe_unidad)
    assert client.get(quitar).status_code == 405
    r = client.get(previa)
    assert r.status_code == 200 and "Texto del artículo 2" in r.content.decode()
    assert client.post(quitar).status_code == 302
    assert not Relacion.objects.filter(pk=relacion.pk).exists()
    assert Evento.objects.filter(accion="actos.relacion.quitar", objeto_id=str(relacion.pk)).count() == 1
    # La relación de un acto ya publicado no se quita.
    derogadora = acto_publicado(por=secretario)
    fija = relacionar(origen=derogadora, destino=original, tipo="deroga", por=secretario)
    client.force_login(secretario)
    r = client.post(reverse("actos:relacion-quitar", args=[fija.pk]), follow=True)
    assert "ya está publicado" in r.content.decode()
    assert Relacion.objects.filter(pk=fija.pk).exists()
