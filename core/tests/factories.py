"""Fábricas (factory_boy) del núcleo, para las pruebas de todas las áreas."""

import factory
from django.contrib.auth.models import Group

from core.models import Cargo, Municipio, Persona, UnidadOrganica, Usuario

CLAVE = "clave-de-prueba-123"


class MunicipioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipio
        django_get_or_create = ("sigla",)

    nombre = "Municipalidad Distrital de Villa Esperanza"
    sigla = "MDVE"
    perfil = "PE"
    zona_horaria = "America/Lima"


class UnidadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnidadOrganica
        django_get_or_create = ("sigla",)

    nombre = factory.Sequence(lambda n: f"Unidad {n}")
    sigla = factory.Sequence(lambda n: f"U{n}")


class CargoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cargo

    nombre = factory.Sequence(lambda n: f"Cargo {n}")
    unidad = factory.SubFactory(UnidadFactory)


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    tipo_documento = "DNI"
    numero_documento = factory.Sequence(lambda n: f"{40000000 + n:08d}")
    nombres = factory.Faker("first_name", locale="es")
    apellidos = factory.Faker("last_name", locale="es")


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Usuario
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    first_name = factory.Faker("first_name", locale="es")
    last_name = factory.Faker("last_name", locale="es")
    email = factory.LazyAttribute(lambda o: f"{o.username}@ejemplo.gob.pe")
    password = factory.PostGenerationMethodCall("set_password", CLAVE)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for nombre in extracted:
                self.groups.add(Group.objects.get(name=nombre))
        if create:
            self.save()
