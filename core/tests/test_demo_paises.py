"""La demostración de cada país (`secretaria demo --pais X`) en una base vacía: el municipio con el perfil
del país, su concejo del tamaño de su ley, una sesión pasada cuyas votaciones siguen las reglas del perfil
(leídas por los selectores, no tecleadas aquí), los actos con los instrumentos del perfil, un día local en
el calendario, los ingresos de siempre; repetirla no duplica nada y otro país encima se rechaza."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from actos.models import Acto
from archivo.models import Expediente
from certificaciones.models import Certificado
from concejo.demo_paises import CONCEJOS
from concejo.models import Organo, Periodo, PuntoAgenda, Sesion, Votacion, Voto
from concejo.reglas import DESEMPATES
from concejo.selectors.cuerpo import resultado_de
from concejo.selectors.votaciones import reglas_de_la_sesion
from core.demo import CLAVE_DEMO
from core.demo_paises import PAISES, usuarios_demo
from core.models import DiaCalendario, Evento, Municipio
from core.services.calendario import es_habil
from core.services.perfiles import valor
from registro.models import Documento

pytestmark = pytest.mark.django_db


def _conteos() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in ("core", "concejo", "actos", "registro", "certificaciones", "archivo")
    }


def _mayoria_calificada(pais: str, sesion: Sesion) -> str:
    """La mayoría que la demostración pide al punto calificado: la especial del perfil o la indicada."""
    punto = next(p for p in CONCEJOS[pais].primera if p.guion == "calificada")
    if punto.mayoria == "especial":
        return reglas_de_la_sesion(sesion).mayorias_especiales[0]["codigo"]
    return punto.mayoria


def _revisar_votaciones(pais: str, primera: Sesion, segunda: Sesion) -> None:
    reglas = reglas_de_la_sesion(primera)
    votaciones = list(
        Votacion.objects.filter(sesion__in=[primera, segunda]).order_by("sesion__fecha", "numero")
    )
    assert votaciones and all(v.estado == Votacion.Estado.CONFIRMADA for v in votaciones)
    # Lo guardado es lo que calculan las reglas del perfil (el resultado nunca se teclea).
    assert all(v.resultado == resultado_de(v).resultado for v in votaciones)
    # Una abstención con nombre y aprobada la norma que la tuvo.
    assert Voto.objects.filter(votacion__sesion=primera, sentido=Voto.Sentido.ABSTENCION).exists()
    guiones = {p.guion for p in CONCEJOS[pais].primera}
    if "empate" in guiones:
        empatadas = [v for v in votaciones if v.calculo.get("desempate")]
        assert empatadas, "la sesión debía tener un empate"
        metodo = DESEMPATES[reglas.desempate]
        if metodo == "voto_dirimente":
            # Lo dirime quien preside (el alcalde o presidente municipal), en el sentido de su voto.
            v = empatadas[0]
            assert v.voto_dirimente_id == primera.preside_id and v.resultado == Votacion.Resultado.APROBADO
            assert v.calculo["a_favor"] == v.calculo["en_contra"]
        else:
            # Se vota otra vez y, si persiste el empate, se niega.
            repetida = next(v for v in empatadas if v.repite_id)
            assert repetida.repite.resultado == Votacion.Resultado.EMPATE
            assert repetida.resultado == Votacion.Resultado.RECHAZADO
            assert repetida.punto.estado == PuntoAgenda.Estado.RECHAZADO
    if "calificada" in guiones:
        mayoria = _mayoria_calificada(pais, primera)
        calificada = next(v for v in votaciones if v.mayoria == mayoria)
        assert calificada.calculo["base"] == "legal"
        assert calificada.calculo["base_numero"] == primera.organo.periodo.numero_legal
    if reglas.debates_ordenanza == 2:
        segundo = PuntoAgenda.objects.get(sesion=segunda, debate=2)
        primero = segundo.primer_debate
        assert primera.fecha <= primero.sesion.fecha < segunda.fecha
        # En Colombia el primer debate es en la comisión permanente; en Ecuador, en el pleno.
        comision = CONCEJOS[pais].comision
        assert primero.sesion.organo.sigla == (comision[0] if comision else primera.organo.sigla)
        assert segundo.primer_debate.estado == segundo.estado == PuntoAgenda.Estado.APROBADO


@pytest.mark.parametrize("pais", ["PE", "EC", "CO", "MX"])
def test_demo_de_cada_pais(pais, client, claves_rapidas):
    datos = PAISES[pais]
    salida = StringIO()
    call_command("demo", pais=pais, stdout=salida)
    municipio = Municipio.objects.get()
    assert municipio.perfil == datos.perfil and municipio.nombre in salida.getvalue()

    # El concejo, del tamaño del número legal del país: cada titular un asiento.
    periodo = Periodo.objects.get()
    assert periodo.numero_legal == CONCEJOS[pais].periodo[3]
    assert periodo.miembros.filter(suplente_de__isnull=True).count() == periodo.numero_legal
    assert periodo.miembros.filter(usuario__username="regidor").exists()

    # Dos sesiones celebradas y una próxima; las votaciones de las pasadas, por las reglas del perfil.
    pleno = Organo.objects.get(periodo=periodo, tipo=Organo.Tipo.PLENO)
    primera, segunda, proxima = Sesion.objects.filter(organo=pleno).order_by("fecha")
    assert primera.estado == segunda.estado == Sesion.Estado.LEVANTADA
    assert proxima.estado == Sesion.Estado.CONVOCADA
    _revisar_votaciones(pais, primera, segunda)

    # Los actos son instrumentos del perfil del país; hay registro y certificados.
    instrumentos = {i["codigo"] for i in valor("instrumentos", municipio=municipio)}
    tipos = set(Acto.objects.values_list("tipo", flat=True))
    assert tipos and tipos <= instrumentos
    assert Acto.objects.filter(estado=Acto.Estado.PUBLICADO).count() >= 4
    assert Documento.objects.filter(clase=Documento.Clase.ENTRADA).count() >= 5
    assert Certificado.objects.exists()
    # El archivo: un cuadro con retención y expedientes con documentos y actos archivados.
    assert Expediente.objects.filter(piezas__documento__isnull=False).exists()
    assert Expediente.objects.filter(piezas__acto__isnull=False, estado="cerrado").exists()

    # El día local del país no es hábil.
    for dia in DiaCalendario.objects.filter(municipio=municipio):
        assert es_habil(dia.fecha, municipio=municipio)[0] is False
    assert DiaCalendario.objects.filter(municipio=municipio).count() == len(datos.dias_locales)

    # Los ingresos de siempre, con la misma contraseña.
    for usuario, _descripcion in usuarios_demo(datos):
        assert usuario in salida.getvalue()
        assert client.login(username=usuario, password=CLAVE_DEMO)
        assert client.get(reverse("core:inicio")).status_code == 200
        client.logout()

    # Repetir el mismo país no crea nada; otro país encima se rechaza sin tocar nada.
    antes = _conteos()
    call_command("demo", pais=pais, stdout=StringIO())
    assert _conteos() == antes
    eventos = Evento.objects.count()
    otro = "CO" if pais != "CO" else "MX"
    with pytest.raises(CommandError, match=f"ya tiene la demostración de {pais}.*no se carga la de {otro}"):
        call_command("demo", pais=otro, stdout=StringIO())
    assert Evento.objects.count() == eventos and Municipio.objects.get().perfil == datos.perfil


def test_demo_en_una_base_con_otro_municipio_se_rechaza(municipio, claves_rapidas):
    municipio.sigla, municipio.nombre = "MPX", "Municipalidad Provincial de Ejemplo"
    municipio.save()
    with pytest.raises(CommandError, match="ya tiene un municipio .*que no es la demostración de EC"):
        call_command("demo", pais="EC", stdout=StringIO())
    assert Municipio.objects.get().sigla == "MPX" and not Periodo.objects.exists()


def test_pais_desconocido(claves_rapidas):
    with pytest.raises(CommandError, match="AR"):
        call_command("demo", "--pais", "AR")
    with pytest.raises(CommandError, match="País desconocido: «AR»"):
        call_command("demo", pais="AR")
    assert not Municipio.objects.exists()
