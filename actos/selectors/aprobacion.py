"""Cómo aprobó el concejo un acto que viene de una decisión de sesión: la sesión, la votación y los enlaces
a la sesión y a su acta que quien mira puede abrir."""

from __future__ import annotations

from django.urls import reverse

from actos.models import Acto
from concejo.models import Acta, Decision
from concejo.permissions import VER_CONCEJO, actas_publicas, sesiones_publicas
from concejo.services.actas import ESTADOS_CON_ACTA


def aprobacion_en_sesion(acto: Acto, *, usuario=None) -> dict | None:
    """Cómo aprobó el concejo `acto` (si viene de una decisión de sesión): la sesión, su fecha, la votación
    (a favor, en contra, abstenciones, resultado) y los enlaces a la sesión y a su acta que `usuario` puede
    abrir: las páginas internas si ve el concejo; si no (o sin usuario: la página pública), las del portal
    cuando la sesión realizada y su acta publicada son públicas. None si el acto no viene de una sesión."""
    if not acto.decision_id:
        return None
    decision = Decision.objects.select_related("sesion", "sesion__organo", "votacion", "punto").get(
        pk=acto.decision_id
    )
    sesion, votacion = decision.sesion, decision.votacion
    interno = usuario is not None and usuario.is_authenticated and usuario.has_perm(VER_CONCEJO)
    url_sesion = url_acta = ""
    if interno:
        url_sesion = reverse("concejo:sesion", args=[sesion.pk])
        if Acta.objects.filter(sesion=sesion).exists():
            url_acta = reverse("concejo:acta", args=[sesion.pk])
    else:
        if sesiones_publicas().filter(pk=sesion.pk, estado__in=ESTADOS_CON_ACTA).exists():
            url_sesion = reverse("concejo:realizada", args=[sesion.pk])
            if actas_publicas().filter(sesion=sesion).exists():
                url_acta = reverse("concejo:realizada-acta", args=[sesion.pk])
    return {
        "sesion": sesion,
        "votacion": votacion,
        "resultado": votacion.get_resultado_display() if votacion is not None and votacion.resultado else "",
        "punto": decision.punto,
        "url_sesion": url_sesion,
        "url_acta": url_acta,
    }
