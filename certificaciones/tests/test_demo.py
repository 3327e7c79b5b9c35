"""La demostración de certificaciones (`core.demo.cargar_demo`, orden 62, después del concejo y de actos):
un derecho por tipo certificable, certificados de un acta y de un acuerdo y una ordenanza reales de la
demo, todos pagados (o exonerados con motivo); cargar dos veces no crea nada."""

from decimal import Decimal

import pytest
from django.apps import apps

from certificaciones.models import Certificado, Solicitud, Tarifa, TipoCertificacion
from certificaciones.services.solicitudes import crear_solicitud
from core.demo import cargar_demo
from core.models import Evento, Persona, Usuario

pytestmark = pytest.mark.django_db


def _conteos() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in ("core", "certificaciones")
    }


def test_demo_cobra_cada_tipo_y_certifica_acta_acuerdo_y_ordenanza_reales(claves_rapidas, client):
    from actos.models import Acto
    from concejo.models import Acta

    municipio = cargar_demo()
    # Cada tipo tiene su derecho: ninguna solicitud de la demo sale gratis por no tener tarifa.
    por_tipo = {t.tipo: t for t in Tarifa.objects.filter(municipio=municipio, activa=True)}
    assert set(por_tipo) == set(TipoCertificacion.values)
    assert all(t.monto > 0 and t.base_legal for t in por_tipo.values())
    secretario = Usuario.objects.get(username="secretario")
    for tipo in ("acta", "acuerdo", "extracto"):
        # Pedirla sin elegir el derecho no se puede (y nada se guarda).
        antes = Solicitud.objects.count()
        with pytest.raises(Exception, match="Elija el derecho"):
            crear_solicitud(
                tipo=tipo,
                solicitante=Persona.objects.first(),
                asunto="x",
                por=secretario,
                fuente=f"archivo:{Certificado.objects.first().pdf_id}",
                texto="t",
            )
        assert Solicitud.objects.count() == antes

    # Certificados de los originales reales del concejo y de actos, con su huella y pagados.
    acta = Acta.objects.get(pk=Certificado.objects.get(tipo="acta").fuente_id)
    c_acta = Certificado.objects.get(tipo="acta")
    assert c_acta.fuente_clave == "concejo.acta" and acta.estado == Acta.Estado.PUBLICADA
    assert c_acta.fuente_sha256 == acta.sha256
    for tipo in ("acuerdo", "ordenanza"):
        c = Certificado.objects.get(tipo=tipo, fuente_clave="actos.acto")
        acto = Acto.objects.get(pk=c.fuente_id)
        assert acto.tipo == tipo and acto.estado == Acto.Estado.PUBLICADO and c.fuente_sha256 == acto.sha256
    for c in Certificado.objects.select_related("solicitud"):
        s = c.solicitud
        assert (
            s.exonerado and s.motivo_exoneracion or (s.monto > Decimal("0") and s.recibo_monto == s.monto)
        ), c
    assert (
        Evento.objects.filter(accion="certificaciones.certificado.emitir").count()
        == Certificado.objects.count()
    )
    # Los públicos se comprueban en la verificación pública.
    r = client.get(f"/verificar/{c_acta.codigo}/")
    assert r.status_code == 200 and c_acta.numero_texto in r.content.decode()

    # `secretaria demo` otra vez: nada nuevo (ni filas ni eventos).
    antes = _conteos()
    cargar_demo()
    assert _conteos() == antes


def test_demo_anterior_con_derecho_de_acuerdo_u_ordenanza_se_corrige(claves_rapidas):
    from certificaciones.services.configuracion import actualizar_tarifa

    cargar_demo()
    # Una demo cargada con el tarifario de antes: un solo derecho «de acuerdo u ordenanza».
    secretario = Usuario.objects.get(username="secretario")
    ordenanza = Tarifa.objects.get(tipo="ordenanza")
    actualizar_tarifa(
        tarifa=ordenanza,
        concepto="Certificación de acuerdo u ordenanza",
        tipo="ordenanza",
        monto=ordenanza.monto,
        base_legal=ordenanza.base_legal,
        activa=True,
        por=secretario,
    )
    Tarifa.objects.filter(tipo__in=["acta", "acuerdo", "extracto"], solicitudes__isnull=True).delete()
    cargar_demo()
    assert Tarifa.objects.get(tipo="ordenanza").concepto == "Certificación de ordenanza"
    assert set(Tarifa.objects.values_list("tipo", flat=True)) == set(TipoCertificacion.values)
