"""Señales del concejo: cada cambio de un miembro, de su estado o de su persona sube `Periodo.version_cuerpo`,
con la que el voto en vivo reconoce como vigente la situación del pleno que guardó en memoria
(`concejo.selectors.cuerpo.situacion_en_cache(entre_solicitudes=True)`). Van en señales (no en los servicios) para que también
las suban el admin de Django, las fábricas de las pruebas y la demostración."""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from concejo.models import EstadoMiembro, Miembro, Periodo
from core.models import Persona


def _subir(**filtro) -> None:
    Periodo.objects.filter(**filtro).update(version_cuerpo=F("version_cuerpo") + 1)


def _miembro_cambia(sender, instance: Miembro, **kwargs) -> None:
    _subir(pk=instance.periodo_id)


def _estado_cambia(sender, instance: EstadoMiembro, **kwargs) -> None:
    _subir(miembros__id=instance.miembro_id)


def _persona_cambia(sender, instance, created: bool = False, **kwargs) -> None:
    # Una persona recién creada aún no es miembro de nada (así el registro, que crea remitentes, no paga).
    if not created:
        _subir(miembros__persona_id=instance.pk)


def conectar() -> None:
    for modelo, receptor in ((Miembro, _miembro_cambia), (EstadoMiembro, _estado_cambia)):
        post_save.connect(receptor, sender=modelo, dispatch_uid=f"concejo_version_{modelo.__name__}_guarda")
        post_delete.connect(receptor, sender=modelo, dispatch_uid=f"concejo_version_{modelo.__name__}_borra")
    post_save.connect(_persona_cambia, sender=Persona, dispatch_uid="concejo_version_persona_guarda")
