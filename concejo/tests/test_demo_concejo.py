"""La demostración del concejo completa (`core.demo.cargar_demo`): dos sesiones celebradas y una próxima.

La primera (hace un mes) con votaciones; la segunda (hace dos semanas) aprueba el acta de la primera, que
se firma y publica y se lee en las páginas públicas; el acta de la segunda queda en borrador; la próxima
está convocada con la aprobación del acta de la segunda en su agenda. Cargar dos veces no crea nada."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from concejo.models import Acta, Decision, Organo, PuntoAgenda, Sesion, Votacion
from core.demo import cargar_demo
from core.models import Evento

pytestmark = pytest.mark.django_db


def _conteos() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in ("core", "concejo", "actos", "registro", "certificaciones")
    }


@pytest.mark.django_db(transaction=True)
def test_la_demo_tiene_dos_sesiones_celebradas_un_acta_publicada_y_una_proxima(client, demo):
    hoy = timezone.localdate()
    pleno = Organo.objects.get(
        tipo=Organo.Tipo.PLENO, activo=True, periodo__inicio__lte=hoy, periodo__fin__gte=hoy
    )
    primera, segunda, proxima = Sesion.objects.filter(organo=pleno).order_by("fecha")
    ahora = timezone.now()
    assert primera.fecha < segunda.fecha < ahora < proxima.fecha
    assert all(
        pleno.periodo.inicio <= timezone.localdate(s.fecha) <= pleno.periodo.fin
        for s in (primera, segunda, proxima)
    )
    assert primera.estado == segunda.estado == Sesion.Estado.LEVANTADA

    # La primera, con sus votaciones confirmadas y decisiones.
    assert Votacion.objects.filter(sesion=primera, estado=Votacion.Estado.CONFIRMADA).count() >= 2
    assert Decision.objects.filter(sesion=primera, instrumento="ordenanza").exists()

    # La segunda aprobó el acta de la primera por la votación de su punto; el acta quedó firmada y publicada.
    punto_acta = PuntoAgenda.objects.get(sesion=segunda, seccion=PuntoAgenda.Seccion.ACTA)
    assert punto_acta.acta_de_id == primera.pk and punto_acta.estado == PuntoAgenda.Estado.APROBADO
    acta = Acta.objects.get(sesion=primera)
    assert acta.estado == Acta.Estado.PUBLICADA and acta.aprobada_en_id == segunda.pk
    assert acta.votacion_aprobacion.punto_id == punto_acta.pk
    assert acta.votacion_aprobacion.resultado == Votacion.Resultado.APROBADO
    # Aprobar un acta no es materia del registro de actos: no deja una decisión pendiente.
    assert not Decision.objects.filter(punto=punto_acta).exists()
    assert len(acta.sha256) == 64 and acta.archivo_id is not None
    # Por los servicios y en orden: el borrador existía antes de confirmar la votación que lo aprobó.
    eventos_acta = list(Evento.objects.de_objeto(acta).order_by("id").values_list("accion", "id"))
    assert [a for a, _ in eventos_acta] == [
        "concejo.acta.generar",
        "concejo.acta.aprobar",
        "concejo.acta.firmar",
        "concejo.acta.publicar",
    ]
    confirmacion = Evento.objects.de_objeto(acta.votacion_aprobacion).get(accion="concejo.votacion.confirmar")
    assert eventos_acta[0][1] < confirmacion.pk < eventos_acta[1][1]
    assert Acta.objects.get(sesion=segunda).estado == Acta.Estado.BORRADOR

    # La próxima: convocada, con la aprobación del acta de la segunda en su agenda.
    assert proxima.estado == Sesion.Estado.CONVOCADA and proxima.convocada_en is not None
    assert proxima.puntos.filter(
        seccion=PuntoAgenda.Seccion.ACTA, acta_de=segunda, estado=PuntoAgenda.Estado.PENDIENTE
    ).exists()
    assert not Acta.objects.filter(sesion=proxima).exists()

    # Las páginas públicas (sin ingreso) muestran el acta publicada de la primera, no la de la segunda.
    html = client.get(reverse("concejo:realizadas")).content.decode()
    assert reverse("concejo:realizada", args=[primera.pk]) in html
    assert reverse("concejo:realizada", args=[segunda.pk]) in html
    assert reverse("concejo:realizada", args=[proxima.pk]) not in html
    r = client.get(reverse("concejo:realizada", args=[primera.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "data-acta-publicada" in html and reverse("concejo:realizada-acta", args=[primera.pk]) in html
    r = client.get(reverse("concejo:realizada-acta", args=[primera.pk]))
    assert r.status_code == 200 and acta.sha256 in r.content.decode()
    assert client.get(reverse("concejo:realizada-acta-pdf", args=[primera.pk])).status_code == 200
    assert (
        "data-acta-publicada"
        not in client.get(reverse("concejo:realizada", args=[segunda.pk])).content.decode()
    )
    assert client.get(reverse("concejo:realizada-acta", args=[segunda.pk])).status_code == 404

    # `secretaria demo` otra vez: nada nuevo (ni filas ni eventos de auditoría).
    antes = _conteos()
    cargar_demo()
    assert _conteos() == antes
