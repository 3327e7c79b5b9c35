"""Fábricas (factory_boy) del registro. `DocumentoFactory` pasa por `registrar_documento`, así cada
documento de prueba tiene número, plazo, unidad y evento como uno real.
"""

import factory

from core.tests.factories import PersonaFactory, UnidadFactory, UsuarioFactory
from registro.models import Documento, Procedimiento, TipoDocumental


class ProcedimientoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedimiento
        django_get_or_create = ("codigo",)

    codigo = factory.Sequence(lambda n: f"PROC-{n:03d}")
    nombre = factory.Sequence(lambda n: f"Procedimiento de prueba {n}")
    unidad_responsable = factory.SubFactory(UnidadFactory)
    plazo_dias = 15
    tipo_plazo = "habiles"
    requisitos = "Solicitud dirigida al Alcalde\nCopia del DNI"


class TipoDocumentalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TipoDocumental
        django_get_or_create = ("nombre",)

    nombre = factory.Sequence(lambda n: f"Tipo {n}")


class DocumentoFactory(factory.Factory):
    """Un documento de entrada registrado por el servicio. `por` es quien lo recibe (un usuario de mesa
    de partes nuevo si no se da); cualquier otro argumento de `registrar_documento` se puede pasar.
    """

    class Meta:
        model = Documento

    asunto = factory.Sequence(lambda n: f"Solicitud de prueba {n}")
    folios = 3
    remitente = factory.SubFactory(PersonaFactory)
    por = factory.LazyFunction(
        lambda: UsuarioFactory(
            unidad=UnidadFactory(sigla="UTDA", nombre="Trámite Documentario"), roles=["Mesa de partes"]
        )
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from registro.services.recepcion import registrar_documento

        return registrar_documento(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("por", None)
        return model_class(**kwargs)
