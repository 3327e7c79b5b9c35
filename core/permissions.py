"""Funciones de acceso del núcleo: 404 para lo que no existe y para lo ajeno (STYLE.md, Permisos)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404
from django.shortcuts import get_object_or_404

from core import roles
from core.models import (
    Archivo,
    Cargo,
    DiaCalendario,
    Encargo,
    Evento,
    Municipio,
    NumeroRegistro,
    Persona,
    ReglaLocal,
    Serie,
    UnidadOrganica,
    Usuario,
)


def es_funcionario(usuario) -> bool:
    """Personal de la municipalidad: activo y con unidad o algún rol (un ciudadano con cuenta no lo es).
    Es la regla de la API `EsFuncionario` y de la búsqueda global."""
    if not (usuario is not None and usuario.is_authenticated and usuario.is_active):
        return False
    return bool(usuario.is_superuser or usuario.unidad_id or usuario.groups.exists())


# Áreas que adjuntan archivos dicen quién más puede verlos: f(usuario, archivo) -> bool.
_ACCESOS_ARCHIVO: list[Callable] = []


def registrar_acceso_archivo(funcion: Callable) -> Callable:
    """Registra una regla `funcion(usuario, archivo) -> bool` que concede ver un archivo; las áreas la
    llaman en su `AppConfig.ready` (p. ej. «quien ve el documento ve sus adjuntos»). Sirve de decorador.
    """
    if funcion not in _ACCESOS_ARCHIVO:
        _ACCESOS_ARCHIVO.append(funcion)
    return funcion


def obtener_archivo(usuario, pk) -> Archivo:
    """Devuelve el archivo si `usuario` puede verlo: quien lo subió, quien tiene `core.ver_auditoria`
    o a quien lo concede alguna regla registrada con `registrar_acceso_archivo`. Si no existe o no
    puede verlo, lanza Http404 (el id no revela si existe).
    """
    if usuario is None or not usuario.is_authenticated:
        raise Http404
    archivo = Archivo.objects.filter(pk=pk).first()
    if archivo is None:
        raise Http404
    if archivo.subido_por_id == usuario.pk or usuario.has_perm(roles.VER_AUDITORIA):
        return archivo
    if any(regla(usuario, archivo) for regla in _ACCESOS_ARCHIVO):
        return archivo
    raise Http404


def obtener_unidad(usuario, pk) -> UnidadOrganica:
    """La unidad orgánica `pk` para configurar el organigrama (la vista exige el permiso); Http404 si no
    existe.
    """
    return get_object_or_404(UnidadOrganica.objects.select_related("padre", "jefe"), pk=pk)


def obtener_cargo(usuario, pk) -> Cargo:
    """El cargo `pk` con su unidad (la vista exige el permiso); Http404 si no existe."""
    return get_object_or_404(Cargo.objects.select_related("unidad"), pk=pk)


def obtener_persona(usuario, pk) -> Persona:
    """La persona `pk` para quien gestiona personas (la vista exige el permiso); Http404 si no existe."""
    return get_object_or_404(Persona, pk=pk)


def obtener_usuario(usuario, pk) -> Usuario:
    """El usuario `pk` para gestionarlo; Http404 si no existe o si es un superusuario técnico y quien
    pide no lo es: esas cuentas son de la operación técnica y el Secretario General no las ve ni cambia.
    """
    visibles = Usuario.objects.select_related("unidad", "cargo")
    if not usuario.is_superuser:
        visibles = visibles.filter(is_superuser=False)
    return get_object_or_404(visibles, pk=pk)


def obtener_encargo(usuario, pk) -> Encargo:
    """El encargo `pk` con titular y encargado; Http404 si no existe o si toca a un superusuario técnico
    y quien pide no lo es (la misma regla que `obtener_usuario`).
    """
    encargos = Encargo.objects.select_related("titular", "encargado", "cargo")
    if not usuario.is_superuser:
        encargos = encargos.filter(titular__is_superuser=False, encargado__is_superuser=False)
    return get_object_or_404(encargos, pk=pk)


def obtener_serie(usuario, pk) -> Serie:
    """La serie de registro `pk` con su unidad (la vista exige `core.gestionar_numeracion`); Http404 si no existe."""
    return get_object_or_404(Serie.objects.select_related("unidad"), pk=pk)


def obtener_numero(usuario, pk) -> NumeroRegistro:
    """El número de registro `pk` con su serie (la vista exige `core.gestionar_numeracion`); Http404 si no existe."""
    return get_object_or_404(NumeroRegistro.objects.select_related("serie"), pk=pk)


def obtener_evento(usuario, pk) -> Evento:
    """El evento de auditoría `pk` (la vista exige `core.ver_auditoria`); Http404 si no existe."""
    return get_object_or_404(Evento.objects.select_related("actor", "por_encargo_de", "objeto_tipo"), pk=pk)


def obtener_dia_calendario(usuario, pk) -> DiaCalendario:
    """El día `pk` del calendario local del municipio de la instalación (la vista exige el permiso);
    Http404 si no existe o si pertenece a otro municipio.
    """
    actual = Municipio.objects.actual()
    if actual is None:
        raise Http404
    return get_object_or_404(DiaCalendario, pk=pk, municipio=actual)


def obtener_regla_local(usuario, pk) -> ReglaLocal:
    """La regla local `pk` del municipio de la instalación (la vista exige el permiso); Http404 si no existe
    o si es de otro municipio.
    """
    actual = Municipio.objects.actual()
    if actual is None:
        raise Http404
    return get_object_or_404(ReglaLocal, pk=pk, municipio=actual)
