"""Fábricas del concejo para las pruebas de todas sus partes."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from concejo.models import Asistencia, Miembro, Organo, Periodo, PuntoAgenda, Sesion
from core.tests.factories import PersonaFactory


class PeriodoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Periodo

    nombre = "2023-2026"
    inicio = date(2023, 1, 1)
    fin = date(2026, 12, 31)
    numero_legal = 12


class PlenoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organo
        django_get_or_create = ("periodo", "tipo")

    periodo = factory.SubFactory(PeriodoFactory)
    tipo = Organo.Tipo.PLENO
    nombre = "Concejo Municipal"
    sigla = "CM"


class MiembroFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Miembro

    periodo = factory.SubFactory(PeriodoFactory)
    persona = factory.SubFactory(PersonaFactory)
    rol = Miembro.Rol.MIEMBRO
    partido = "Alianza Vecinal"
    desde = factory.LazyAttribute(lambda o: o.periodo.inicio)
    orden = factory.Sequence(lambda n: n + 1)


class SesionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sesion

    organo = factory.SubFactory(PlenoFactory)
    tipo = "ordinaria"
    numero = factory.Sequence(lambda n: n + 1)
    anio = 2026
    fecha = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    lugar = "Salón de sesiones"


class PuntoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PuntoAgenda

    sesion = factory.SubFactory(SesionFactory)
    orden = factory.Sequence(lambda n: n + 1)
    titulo = factory.Sequence(lambda n: f"Asunto {n}")


def concejo_completo(*, regidores: int = 11, numero_legal: int | None = None) -> Organo:
    """Un pleno con alcalde y `regidores` miembros activos; número legal = todos (alcalde incluido)."""
    periodo = PeriodoFactory(numero_legal=numero_legal or regidores + 1)
    pleno = PlenoFactory(periodo=periodo)
    MiembroFactory(periodo=periodo, rol=Miembro.Rol.ALCALDE, orden=0)
    for _ in range(regidores):
        MiembroFactory(periodo=periodo)
    return pleno


def con_asistencia(sesion: Sesion, presentes: int) -> list[Asistencia]:
    """Marca presentes a los primeros `presentes` miembros (por precedencia) y ausentes al resto."""
    filas = []
    for i, miembro in enumerate(sesion.organo.periodo.miembros.order_by("orden", "id")):
        estado = Asistencia.Estado.PRESENTE if i < presentes else Asistencia.Estado.AUSENTE
        filas.append(Asistencia.objects.create(sesion=sesion, miembro=miembro, estado=estado))
    return filas
