"""Pasos de la sesión en vivo por su pantalla (HTMX), para las pruebas de la sesión y de sus votaciones."""

from django.urls import reverse

from concejo.models import Miembro


def htmx(client, url, datos=None):
    return client.post(url, datos or {}, HTTP_HX_REQUEST="true")


def miembros(sesion) -> list[Miembro]:
    return list(sesion.organo.periodo.miembros.order_by("orden", "id"))


def marcar(client, sesion, miembro, estado="presente", **extra):
    return htmx(
        client,
        reverse("concejo:sesion-asistencia", args=[sesion.pk]),
        {"miembro": miembro.pk, "estado": estado, **extra},
    )


def presentes(client, sesion, n):
    for m in miembros(sesion)[:n]:
        assert marcar(client, sesion, m).status_code == 200


def instalada(client, sesion, n=8):
    presentes(client, sesion, n)
    r = htmx(client, reverse("concejo:sesion-instalar", args=[sesion.pk]))
    assert r.status_code == 200, r.content.decode()
    sesion.refresh_from_db()
    return sesion
