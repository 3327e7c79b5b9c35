"""Fábricas de actos para las pruebas de las dos partes (núcleo y seguimiento/protocolo).

- `ActoFactory`: un acto con su texto (considerando, fórmula, artículos y una disposición final), en el
  estado que se pida (por defecto «proyecto»), sin número. Se crea directo en la base de datos.
- `acto_firmado` / `acto_publicado`: pasan por los servicios reales (`firmar`, `publicar`), así el número
  sale del registro del tipo y año, el PDF firmado se guarda con su SHA-256 y queda la auditoría.
"""

from __future__ import annotations

from datetime import date

import factory
from django.utils import timezone

from actos.models import Acto, Parte
from actos.services.ciclo import firmar, publicar
from concejo.models import IntegranteComision, Miembro, Organo, Periodo
from core.models import Persona
from core.tests.factories import UsuarioFactory

ORGANO_DE_TIPO = {"decreto": Acto.Organo.ALCALDE, "resolucion_alcaldia": Acto.Organo.ALCALDE}


class ActoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acto
        skip_postgeneration_save = True

    tipo = "ordenanza"
    organo = factory.LazyAttribute(lambda o: ORGANO_DE_TIPO.get(o.tipo, Acto.Organo.CONCEJO))
    titulo = factory.Sequence(lambda n: f"Ordenanza que regula el comercio ambulatorio en el sector {n}")
    temas = "comercio, espacios públicos"
    estado = Acto.Estado.PROYECTO
    creado_por = factory.SubFactory(UsuarioFactory)

    @factory.post_generation
    def partes(self, create, extracted, **kwargs):
        """`partes=N` artículos (2 por defecto); `partes=0` ninguno (ni considerandos)."""
        if not create:
            return
        articulos = 2 if extracted is None else extracted
        if articulos == 0:
            return
        filas = [
            Parte(
                acto=self,
                tipo=Parte.Tipo.CONSIDERANDO,
                orden=1,
                eid="cons_1",
                texto="Que, el artículo 194 de la Constitución Política reconoce la autonomía municipal;",
            ),
            Parte(
                acto=self,
                tipo=Parte.Tipo.FORMULA,
                orden=2,
                eid="form_1",
                texto="Ha dado la siguiente ORDENANZA:",
            ),
        ]
        for n in range(1, articulos + 1):
            filas.append(
                Parte(
                    acto=self,
                    tipo=Parte.Tipo.ARTICULO,
                    orden=2 + n,
                    numero=str(n),
                    eid=f"art_{n}",
                    epigrafe=f"Objeto {n}" if n == 1 else "",
                    texto=f"Texto del artículo {n} sobre el comercio en la vía pública.",
                )
            )
        filas.append(
            Parte(
                acto=self,
                tipo=Parte.Tipo.FINAL,
                orden=3 + articulos,
                numero="Primera",
                eid="dfin_1",
                texto="La presente norma rige desde el día siguiente de su publicación.",
            )
        )
        Parte.objects.bulk_create(filas)


def alcalde_en_funciones(
    nombre: str = "Pedro", apellidos: str = "Ramos Salas", *, desde: date = date(2000, 1, 1), hasta=None
) -> Miembro:
    """El alcalde que firma los actos en las pruebas: su asiento en un periodo del concejo (idempotente)."""
    periodo = Periodo.objects.filter(nombre="Pruebas de actos").first() or Periodo.objects.create(
        nombre="Pruebas de actos", inicio=date(2000, 1, 1), fin=date(2099, 12, 31), numero_legal=12
    )
    persona, _c = Persona.objects.get_or_create(
        tipo_documento=Persona.TipoDocumento.DNI,
        numero_documento=f"9{abs(hash((nombre, apellidos))) % 10**7:07d}",
        defaults={"nombres": nombre, "apellidos": apellidos},
    )
    miembro, _c = Miembro.objects.get_or_create(
        periodo=periodo,
        persona=persona,
        rol=Miembro.Rol.ALCALDE,
        defaults={"desde": desde, "hasta": hasta},
    )
    return miembro


def presidente_del_concejo(
    nombre: str = "Gustavo Adolfo",
    apellidos: str = "Henao Ruiz",
    *,
    desde: date = date(2000, 1, 1),
    hasta=None,
) -> IntegranteComision:
    """El presidente del concejo (Mesa Directiva) que firma los acuerdos de Colombia (idempotente)."""
    periodo = alcalde_en_funciones().periodo
    mesa, _c = Organo.objects.get_or_create(
        periodo=periodo, tipo=Organo.Tipo.COMISION_MESA, defaults={"nombre": "Mesa Directiva", "sigla": "MD"}
    )
    persona, _c = Persona.objects.get_or_create(
        tipo_documento=Persona.TipoDocumento.DNI,
        numero_documento=f"8{abs(hash((nombre, apellidos))) % 10**7:07d}",
        defaults={"nombres": nombre, "apellidos": apellidos},
    )
    miembro, _c = Miembro.objects.get_or_create(
        periodo=periodo, persona=persona, defaults={"desde": desde, "rol": Miembro.Rol.MIEMBRO}
    )
    integrante, _c = IntegranteComision.objects.get_or_create(
        organo=mesa,
        miembro=miembro,
        funcion=IntegranteComision.Funcion.PRESIDENTE,
        defaults={"desde": desde, "hasta": hasta},
    )
    return integrante


def acto_firmado(
    *,
    por,
    tipo: str = "ordenanza",
    fecha: date | None = None,
    firmante: str = "Pedro Ramos Salas",
    cargo_firmante: str = "Alcalde",
    **kwargs,
) -> Acto:
    """Un acto aprobado y firmado por los servicios (`por` necesita `actos.revisar_acto`: el secretario)."""
    acto = ActoFactory(tipo=tipo, estado=Acto.Estado.APROBADO, creado_por=por, **kwargs)
    alcalde_en_funciones()
    return firmar(acto=acto, por=por, firmante=firmante, cargo_firmante=cargo_firmante, fecha=fecha)


def acto_publicado(
    *,
    por,
    tipo: str = "ordenanza",
    fecha: date | None = None,
    medio: str = "Diario Oficial El Peruano",
    **kwargs,
) -> Acto:
    """Un acto firmado y publicado por los servicios; `fecha` es la de firma y publicación (hoy si falta)."""
    acto = acto_firmado(por=por, tipo=tipo, fecha=fecha, **kwargs)
    return publicar(acto=acto, por=por, fecha=fecha or timezone.localdate(), medio=medio)
