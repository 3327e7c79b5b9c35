"""En Chromium, una norma del concejo de Perú, Ecuador y México de la propuesta a la publicación por las etapas
de su ley, como la lleva el Secretario General: proyecto → revisión → aprobado desde la decisión de la sesión
que lo votó → firmado por quienes la página propone (alcalde o presidente municipal, y el Secretario General
que refrenda) → la etapa del país → publicado en un medio del perfil, con el PDF firmado digitalmente.

- PE (Ley 27972, art. 20.5) y MX (leyes orgánicas municipales): la firma es la promulgación; no hay etapa
  aparte (`actos.sancion = {}`) y se publica enseguida.
- EC (COOTAD, arts. 322-323): el alcalde observa; el concejo insiste con ⅔ del número legal (se enlaza la
  votación confirmada) y el alcalde sanciona; solo entonces se publica.

La de Colombia está en test_ciclo_co_navegador.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actos.models import Acto, FirmaActo, Sancion
from concejo.models import Decision, Periodo, Votacion
from concejo.tests.factories import PlenoFactory, PuntoFactory, SesionFactory
from core import roles
from core.models import Evento
from core.tests.factories import CLAVE, MunicipioFactory, UnidadFactory, UsuarioFactory
from core.tests.navegador import ingresar

pytestmark = pytest.mark.browser

# País → (tipo de acto, cargo de quien firma según el perfil, medio de publicación del perfil).
CASOS = {
    "PE": ("ordenanza", "Alcalde", "Diario Oficial El Peruano"),
    "EC": ("ordenanza", "Alcalde", "Gaceta oficial municipal"),
    "MX": ("reglamento", "Presidente municipal", "Gaceta Municipal"),
}


def _votacion(*, numero: int, mocion: str, mayoria: str, a_favor: int, hace_dias: int = 0) -> Votacion:
    """Una votación confirmada y aprobada del concejo en el periodo del alcalde de las pruebas (fábricas:
    la sesión no es el objeto de esta prueba)."""
    periodo = Periodo.objects.get(nombre="Pruebas de actos")
    sesion = SesionFactory(
        organo=PlenoFactory(periodo=periodo),
        estado="levantada",
        fecha=timezone.now() - timedelta(days=hace_dias),
    )
    return Votacion.objects.create(
        sesion=sesion,
        punto=PuntoFactory(sesion=sesion, titulo=mocion),
        numero=numero,
        mocion=mocion,
        mayoria=mayoria,
        estado="confirmada",
        resultado="aprobado",
        a_favor=a_favor,
        # Con dispensa del trámite de aprobación de actas: la decisión está firme desde la votación.
        dispensa_actas=True,
    )


def _decision_de_la_sesion(tipo: str, titulo: str) -> Decision:
    votacion = _votacion(numero=1, mocion=titulo, mayoria="simple_presentes", a_favor=9, hace_dias=1)
    return Decision.objects.create(
        sesion=votacion.sesion, punto=votacion.punto, votacion=votacion, instrumento=tipo, resumen=titulo
    )


def _enviar(pagina, boton: str, **kwargs) -> None:
    with pagina.expect_navigation(**kwargs):
        pagina.get_by_role("button", name=boton, exact=True).click()


def _estado(pagina) -> str | None:
    return pagina.locator("[data-estado]").get_attribute("data-estado")


def _sancion_ec(pagina, acto: Acto) -> None:
    """EC: el alcalde observa, el concejo insiste con ⅔ del número legal y el alcalde sanciona."""
    etapa = Sancion.objects.get(acto=acto)
    assert etapa.estado == Sancion.Estado.PENDIENTE and etapa.puede == ["sancionar", "observar"]
    assert pagina.locator("[data-etapa-sancion]").get_attribute("data-etapa-sancion") == "pendiente"
    assert pagina.locator("[data-vence]").inner_text() == f"{etapa.vence:%d/%m/%Y}"
    _enviar(pagina, "Publicar")
    assert "No se publica antes de terminar la etapa de sanción" in pagina.content()

    pagina.get_by_label("Decisión").select_option("observar")
    pagina.get_by_label("Motivos (si observa u objeta)").fill(
        "El artículo 1 invade competencias del GAD provincial."
    )
    _enviar(pagina, "Registrar")
    assert pagina.locator("[data-etapa-sancion]").get_attribute("data-etapa-sancion") == "objetado"
    etapa.refresh_from_db()
    assert etapa.decision == "observar" and etapa.motivo.startswith("El artículo 1")

    # Una votación que no llega a ⅔ del número legal (12 → 8) no sirve para insistir.
    corta = _votacion(numero=2, mocion="Insistir en la ordenanza", mayoria="simple_presentes", a_favor=7)
    pagina.get_by_label("Votación de insistencia (número interno)").fill(str(corta.pk))
    _enviar(pagina, "Enlazar la votación")
    assert "esa votación no la alcanzó" in pagina.content()
    etapa.refresh_from_db()
    assert etapa.estado == Sancion.Estado.OBJETADO and etapa.votacion_insistencia_id is None

    insistencia = _votacion(
        numero=3, mocion="Insistir en la ordenanza", mayoria="dos_tercios_legal", a_favor=9
    )
    pagina.get_by_label("Votación de insistencia (número interno)").fill(str(insistencia.pk))
    _enviar(pagina, "Enlazar la votación")
    assert pagina.locator("[data-etapa-sancion]").get_attribute("data-etapa-sancion") == "insistido"
    assert f"Insistencia: votación {insistencia.pk}" in pagina.locator("[data-etapa-sancion]").inner_text()
    etapa.refresh_from_db()
    assert etapa.votacion_insistencia_id == insistencia.pk
    assert Evento.objects.filter(accion="actos.sancion.insistencia", objeto_id=str(acto.pk)).exists()

    pagina.get_by_label("Decisión").select_option("sancionar")
    _enviar(pagina, "Registrar")
    assert pagina.locator("[data-etapa-sancion]").get_attribute("data-etapa-sancion") == "sancionado"
    etapa.refresh_from_db()
    assert etapa.completa and etapa.decision == "sancionar"


@pytest.mark.parametrize("pais", list(CASOS))
@pytest.mark.django_db(transaction=True)
def test_norma_del_concejo_de_la_propuesta_a_la_publicacion(pais, pagina, claves_rapidas):
    tipo, cargo, medio = CASOS[pais]
    MunicipioFactory(perfil=pais)
    UsuarioFactory(
        username="secretario",
        first_name="Rosa",
        last_name="Quispe",
        unidad=UnidadFactory(sigla="SG", nombre="Secretaría General"),
        roles=[roles.SECRETARIO],
    )
    titulo = "Ordenanza que regula el comercio en la vía pública"
    decision = _decision_de_la_sesion(tipo, titulo)

    # El proyecto, con su texto, pasa a revisión.
    ingresar(pagina, "secretario", CLAVE)
    pagina.goto("/actos/nuevo/")
    pagina.get_by_label("Tipo de acto").select_option(tipo)
    pagina.get_by_label("Título o sumilla").fill(titulo)
    _enviar(pagina, "Crear proyecto")
    acto = Acto.objects.get()
    assert acto.estado == Acto.Estado.PROYECTO and acto.organo == Acto.Organo.CONCEJO
    pagina.get_by_label("Tipo de parte").select_option("articulo")
    pagina.get_by_label("Texto de la parte").fill("Regúlase el comercio ambulatorio en la vía pública.")
    pagina.get_by_role("button", name="Añadir").click()
    pagina.locator("[data-parte='art_1']").wait_for()
    _enviar(pagina, "Enviar a revisión")
    assert _estado(pagina) == "en_revision"

    # Se aprueba desde la decisión de la sesión que lo votó.
    pagina.get_by_label("Decisión del concejo que lo aprobó").select_option(str(decision.pk))
    _enviar(pagina, "Aprobar")
    assert _estado(pagina) == "aprobado"
    assert pagina.locator("[data-aprobacion] [data-a-favor]").inner_text() == "9"
    acto.refresh_from_db()
    decision.refresh_from_db()
    assert acto.decision_id == decision.pk and decision.estado == Decision.Estado.REGISTRADA

    # Firman quienes la página propone: el alcalde (o presidente municipal) y el Secretario General.
    propuesta = pagina.locator("[data-propuesta-firmas]").inner_text()
    assert f"Pedro Ramos Salas, {cargo}" in propuesta and "Rosa Quispe" in propuesta
    _enviar(pagina, "Firmar y numerar", timeout=60_000)
    assert _estado(pagina) == "firmado"
    assert pagina.locator("[data-firma-acto='firma']").inner_text().startswith(f"Pedro Ramos Salas, {cargo}")
    assert pagina.locator("[data-firma-acto='refrenda']").inner_text().startswith("Rosa Quispe")
    acto.refresh_from_db()
    assert acto.estado == Acto.Estado.FIRMADO and acto.numero
    assert pagina.locator("[data-numero]").inner_text() == acto.numero_texto
    assert sorted(FirmaActo.objects.filter(acto=acto).values_list("calidad", flat=True)) == [
        "firma",
        "refrenda",
    ]

    # La etapa del país entre la firma y la publicación.
    if pais == "EC":
        _sancion_ec(pagina, acto)
    else:  # la firma es la promulgación: no hay etapa aparte
        assert not Sancion.objects.filter(acto=acto).exists()
        assert pagina.locator("[data-etapa-sancion]").count() == 0

    # Se publica en un medio que el perfil propone.
    assert pagina.locator(f"#medios-publicacion option[value='{medio}']").count() == 1
    pagina.get_by_label("Medio de publicación").fill(medio)
    _enviar(pagina, "Publicar")
    assert _estado(pagina) == "publicado"
    acto.refresh_from_db()
    assert acto.estado == Acto.Estado.PUBLICADO and acto.medio_publicacion == medio
    assert acto.publicado_en == timezone.localdate() and acto.pdf_pades
    assert Evento.objects.filter(accion="actos.acto.publicar", objeto_id=str(acto.pk)).exists()

    # El público la ve publicada (vigente, o con la fecha en que entra en vigor) y con el PDF firmado.
    pagina.context.clear_cookies()
    pagina.goto(f"/normativa/{acto.pk}/")
    vigencia = pagina.locator("section[data-vigencia]")
    if acto.vigente_desde <= timezone.localdate():
        assert vigencia.get_attribute("data-vigencia") == "vigente"
    else:
        assert vigencia.get_attribute("data-vigencia") == "no_vigente"
        assert (
            vigencia.locator("[data-vigente-desde]").inner_text()
            == f"vigente desde {acto.vigente_desde:%d/%m/%Y}"
        )
    assert f"{acto.publicado_en:%d/%m/%Y}, {medio}" in pagina.content()
    assert "PDF firmado digitalmente" in pagina.content()
