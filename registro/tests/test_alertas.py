from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.models import Evento, Notificacion
from core.tests.factories import UnidadFactory, UsuarioFactory
from registro import tasks
from registro.models import Derivacion, Documento
from registro.services.alertas import avisar_derivacion, enviar_resumen_diario, titulo_resumen
from registro.tests.factories import DocumentoFactory

# Lunes hábil en Perú; los dos días hábiles siguientes son martes 17 y miércoles 18.
LUNES = date(2026, 3, 16)


def _doc(unidad, vence, **kw):
    doc = DocumentoFactory(unidad_destino=unidad, **kw)
    Documento.objects.filter(pk=doc.pk).update(vence=vence)
    doc.refresh_from_db()
    return doc


@pytest.fixture
def documentos(jefe_unidad, unidad_gdu):
    return {
        "vencido": _doc(unidad_gdu, LUNES - timedelta(days=3), asunto="Reclamo vencido"),
        "hoy": _doc(unidad_gdu, LUNES, asunto="Vence hoy mismo"),
        "miercoles": _doc(unidad_gdu, LUNES + timedelta(days=2), asunto="Vence el miércoles"),
        "jueves": _doc(unidad_gdu, LUNES + timedelta(days=3), asunto="Vence el jueves"),
    }


def test_resumen_diario_al_jefe(documentos, jefe_unidad, mailoutbox, django_capture_on_commit_callbacks):
    cerrado = _doc(jefe_unidad.unidad, LUNES - timedelta(days=1), asunto="Ya atendido")
    Documento.objects.filter(pk=cerrado.pk).update(estado=Documento.Estado.ATENDIDO)
    with django_capture_on_commit_callbacks(execute=True):
        assert enviar_resumen_diario(fecha=LUNES) == 1
    aviso = Notificacion.objects.get(usuario=jefe_unidad, titulo=titulo_resumen(LUNES))
    assert aviso.titulo == titulo_resumen(LUNES) == "Resumen de plazos del 16/03/2026"
    for clave in ("vencido", "hoy", "miercoles"):
        assert documentos[clave].numero_texto in aviso.mensaje
    assert "Vencidos: 1" in aviso.mensaje and "Vencen hoy: 1" in aviso.mensaje
    assert documentos["jueves"].numero_texto not in aviso.mensaje
    assert "Ya atendido" not in aviso.mensaje
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [jefe_unidad.email]
    assert Evento.objects.filter(accion="registro.alertas.resumen_diario").count() == 1


def test_resumen_no_se_repite_el_mismo_dia(
    documentos, jefe_unidad, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert enviar_resumen_diario(fecha=LUNES) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert enviar_resumen_diario(fecha=LUNES) == 0
    assert Notificacion.objects.filter(usuario=jefe_unidad, titulo=titulo_resumen(LUNES)).count() == 1
    assert len(mailoutbox) == 1
    assert Evento.objects.filter(accion="registro.alertas.resumen_diario").count() == 1
    # Al día siguiente sí (el vencido sigue vencido).
    assert enviar_resumen_diario(fecha=LUNES + timedelta(days=1)) == 1


def test_sin_nada_que_decir_no_avisa(jefe_unidad, unidad_gdu, mailoutbox):
    _doc(unidad_gdu, LUNES + timedelta(days=30))
    sin_jefe = UnidadFactory(sigla="SINJ", nombre="Unidad sin jefe")
    _doc(sin_jefe, LUNES - timedelta(days=5))
    assert enviar_resumen_diario(fecha=LUNES) == 0
    assert (
        not Notificacion.objects.filter(titulo__startswith="Resumen de plazos").exists() and mailoutbox == []
    )
    assert not Evento.objects.filter(accion="registro.alertas.resumen_diario").exists()


def test_jefe_de_dos_unidades_recibe_un_solo_resumen(documentos, jefe_unidad):
    otra = UnidadFactory(sigla="OTRA2", nombre="Otra unidad a cargo", jefe=jefe_unidad)
    extra = _doc(otra, LUNES)
    assert enviar_resumen_diario(fecha=LUNES) == 1
    aviso = Notificacion.objects.get(usuario=jefe_unidad, titulo=titulo_resumen(LUNES))
    assert extra.numero_texto in aviso.mensaje and "Vencen hoy: 2" in aviso.mensaje


def test_resumen_en_pocas_consultas(documentos, jefe_unidad, django_assert_max_num_queries):
    # Una para los documentos (con unidad y jefe), una para la marca del día; el resto son escrituras.
    for i in range(10):
        _doc(jefe_unidad.unidad, LUNES - timedelta(days=i + 1))
    with django_assert_max_num_queries(20):
        assert enviar_resumen_diario(fecha=LUNES) == 1


def test_comando_resumen_diario(documentos, jefe_unidad, capsys):
    call_command("resumen-diario", "--fecha", "2026-03-16")
    assert "Resumen enviado a 1 jefe(s)" in capsys.readouterr().out
    call_command("resumen-diario", "--fecha", "2026-03-16")
    assert "Nada que avisar" in capsys.readouterr().out
    assert Notificacion.objects.filter(usuario=jefe_unidad, titulo=titulo_resumen(LUNES)).count() == 1


def test_comando_fecha_mala(db):
    with pytest.raises(CommandError, match="Use el formato AAAA-MM-DD"):
        call_command("resumen-diario", "--fecha", "16/03/2026")


def test_tarea_resumen_diario(documentos, jefe_unidad):
    resultado = tasks.enviar_resumen_diario.enqueue("2026-03-16")
    assert resultado.return_value == 1
    assert Notificacion.objects.filter(usuario=jefe_unidad, titulo=titulo_resumen(LUNES)).exists()


def _derivacion(documento, a_unidad, *, de_usuario=None, a_usuario=None, tipo=Derivacion.Tipo.ACCION):
    return Derivacion.objects.create(
        documento=documento,
        secuencia=documento.derivaciones.count() + 1,
        tipo=tipo,
        a_unidad=a_unidad,
        a_usuario=a_usuario,
        de_usuario=de_usuario,
        instrucciones="Atender en el día",
        vence=LUNES,
        enviado_en=timezone.now(),
    )


def test_avisar_derivacion_al_jefe_y_al_destinatario(jefe_unidad, unidad_gdu, mesa_de_partes):
    doc = DocumentoFactory(por=mesa_de_partes)
    tecnico = UsuarioFactory(username="tecnico", unidad=unidad_gdu)
    assert avisar_derivacion(_derivacion(doc, unidad_gdu, de_usuario=mesa_de_partes, a_usuario=tecnico)) == 2
    for usuario in (jefe_unidad, tecnico):
        aviso = Notificacion.objects.get(usuario=usuario)
        assert aviso.titulo.startswith("Documento derivado: ") and doc.numero_texto in aviso.titulo
        assert "Atender en el día" in aviso.mensaje and "16/03/2026" in aviso.mensaje
    assert not Notificacion.objects.filter(usuario=mesa_de_partes).exists()


def test_avisar_derivacion_sin_repetir_ni_avisar_a_quien_deriva(jefe_unidad, unidad_gdu):
    doc = DocumentoFactory()
    assert avisar_derivacion(_derivacion(doc, unidad_gdu, a_usuario=jefe_unidad)) == 1
    assert Notificacion.objects.filter(usuario=jefe_unidad).count() == 1
    assert avisar_derivacion(_derivacion(doc, unidad_gdu, de_usuario=jefe_unidad)) == 0
    copia = _derivacion(doc, unidad_gdu, tipo=Derivacion.Tipo.COPIA)
    assert avisar_derivacion(copia) == 1
    copias = Notificacion.objects.filter(usuario=jefe_unidad, titulo__startswith="Copia para conocimiento")
    assert copias.exists()


def test_avisar_derivacion_a_unidad_sin_jefe(db, municipio):
    doc = DocumentoFactory()
    assert avisar_derivacion(_derivacion(doc, UnidadFactory(sigla="SJ2", nombre="Sin jefe"))) == 0


def test_derivar_avisa_al_jefe_y_al_destinatario(jefe_unidad, unidad_gdu, mesa_de_partes):
    from registro.services.flujo import derivar

    doc = DocumentoFactory(por=mesa_de_partes)
    tecnico = UsuarioFactory(username="tecnico2", unidad=unidad_gdu)
    derivar(
        documento=doc,
        a_unidad=unidad_gdu,
        a_usuario=tecnico,
        por=mesa_de_partes,
        instrucciones="Informe técnico",
        plazo_dias=3,
    )
    for usuario in (jefe_unidad, tecnico):
        aviso = Notificacion.objects.get(usuario=usuario)
        assert aviso.titulo.startswith("Documento derivado: ") and "Informe técnico" in aviso.mensaje
    assert not Notificacion.objects.filter(usuario=mesa_de_partes).exists()
