"""La demostración de actos (orden 60): actos publicados de varios tipos, uno que modifica a otro y uno
derogado; un proyecto en revisión; se puede cargar dos veces."""

import pytest

from actos.models import Acto
from actos.services.relaciones import vigencias as vigencias_de
from core.demo import cargar_demo

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_la_demo_publica_actos_de_varios_tipos_con_relaciones(demo):
    publicados = Acto.objects.filter(estado="publicado")
    assert {"ordenanza", "acuerdo", "decreto", "resolucion_alcaldia"} <= set(
        publicados.values_list("tipo", flat=True)
    )
    vigencias = vigencias_de(publicados)
    assert any(vigencias[a.pk].codigo == "modificado" and a.tipo == "ordenanza" for a in publicados)
    assert any(vigencias[a.pk].codigo == "derogado" and a.tipo == "decreto" for a in publicados)
    assert all(len(a.sha256) == 64 for a in publicados)
    assert Acto.objects.filter(estado="en_revision", creado_por__username="jefe").exists()
    # Los actos que nacen de decisiones del concejo son de su instrumento (la aprobación de un acta no es acto).
    desde_decision = Acto.objects.filter(decision__isnull=False).select_related("decision")
    assert desde_decision.exists() and all(a.tipo == a.decision.instrumento for a in desde_decision)
    total = Acto.objects.count()
    cargar_demo()
    assert Acto.objects.count() == total
