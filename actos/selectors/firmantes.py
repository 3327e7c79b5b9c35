"""Quién firma y quién refrenda (da fe) cada tipo de acto, según el perfil y la organización de un día.

El perfil dice, por tipo de acto, qué cargos firman y cuáles refrendan (`actos.firmantes`, p. ej.
`decreto = { firma = ["alcalde"], refrenda = ["secretario_general"] }`). Los cargos se nombran con códigos
estables, que se resuelven así en la organización de la fecha de firma:

- `alcalde`: quien ocupa ese día el asiento de alcalde (o presidente municipal) en el periodo del concejo
  (Concejo › Periodo y miembros, rol «alcalde»), con sus fechas `desde`/`hasta`; donde el alcalde no integra
  el concejo (Colombia), el jefe de la unidad raíz del organigrama (el Despacho del Alcalde o la Alcaldía);
- `secretario_general`: los usuarios activos con el rol «Secretario General» (grupo de `core.roles`);
- `presidente_concejo`: el presidente del concejo ese día, es decir el integrante con función «presidente»
  de la Mesa Directiva (órgano de tipo «Comisión de Mesa» activo del periodo en curso), con sus fechas
  `desde`/`hasta` (Colombia, Ley 136 de 1994 art. 28);
- `secretario_concejo`: el secretario del concejo. En Colombia lo elige el concejo y no es concejal (Ley 136
  art. 37): es quien lleva la Secretaría en el sistema, los usuarios con el rol «Secretario General»; se
  imprime con su cargo o, sin cargo registrado, como «Secretario del Concejo…».

Para todos, quien tiene ese día un encargo vigente del titular (`core.Encargo`) firma por él («por
encargo de»). Un código que no es ninguno de estos no tiene ocupantes (el perfil está mal escrito).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from concejo.models import IntegranteComision, Miembro, Organo
from core import roles
from core.models import Encargo, UnidadOrganica
from core.services.perfiles import ClaveDesconocida, valor

CODIGOS = ("alcalde", "secretario_general", "presidente_concejo", "secretario_concejo")
POR_DEFECTO = {"firma": ["alcalde"], "refrenda": ["secretario_general"]}


@dataclass(frozen=True)
class Candidato:
    """Una persona que puede firmar con un cargo del perfil en una fecha."""

    codigo: str
    nombre: str
    cargo_texto: str
    usuario: Any = None
    persona: Any = None
    cargo: Any = None
    por_encargo_de: Any = None

    @property
    def rotulo(self) -> str:
        texto = f"{self.nombre}, {self.cargo_texto}"
        if self.por_encargo_de is not None:
            titular = self.por_encargo_de.get_full_name() or self.por_encargo_de.username
            texto += f" (por encargo de {titular})"
        return texto


def nombre_de_cargo(codigo: str) -> str:
    """El nombre del cargo del perfil para los mensajes: «Alcalde», «Secretario General»."""
    if codigo == "alcalde":
        try:
            return str(valor("vocabulario.alcalde")).capitalize()
        except ClaveDesconocida:
            return "Alcalde"
    if codigo == "secretario_general":
        return roles.SECRETARIO
    if codigo in ("presidente_concejo", "secretario_concejo"):
        try:
            concejo = str(valor("vocabulario.concejo"))
        except ClaveDesconocida:
            concejo = "Concejo"
        return f"{'Presidente' if codigo == 'presidente_concejo' else 'Secretario'} del {concejo}"
    return codigo.replace("_", " ").capitalize()


def firmantes_del_tipo(tipo: str, fecha: date | None = None) -> dict[str, list[str]]:
    """Los códigos de cargo que firman y refrendan `tipo` según el perfil (por defecto: firma el alcalde y
    refrenda el Secretario General)."""
    try:
        tabla = valor("actos.firmantes", fecha=fecha)
    except ClaveDesconocida:
        tabla = {}
    fila = tabla.get(tipo) if isinstance(tabla, dict) else None
    if not isinstance(fila, dict):
        return {k: list(v) for k, v in POR_DEFECTO.items()}
    return {"firma": list(fila.get("firma", [])), "refrenda": list(fila.get("refrenda", []))}


def excepcion_admitida(que: str, fecha: date | None = None) -> bool:
    """Si el perfil (o una regla local) admite una excepción motivada: `firmantes` u `orden_de_firma`."""
    try:
        tabla = valor("actos.excepciones_motivadas", fecha=fecha)
    except ClaveDesconocida:
        return False
    return bool(tabla.get(que)) if isinstance(tabla, dict) else False


def _nombre_usuario(usuario) -> str:
    return usuario.get_full_name() or usuario.username


def _encargados(titulares: list, fecha: date, codigo: str, cargo_texto: str) -> list[Candidato]:
    ids = [t.pk for t in titulares if t is not None]
    if not ids:
        return []
    return [
        Candidato(
            codigo=codigo,
            nombre=_nombre_usuario(e.encargado),
            cargo_texto=cargo_texto,
            usuario=e.encargado,
            persona=e.encargado.persona,
            cargo=e.cargo or e.titular.cargo,
            por_encargo_de=e.titular,
        )
        for e in Encargo.objects.vigentes(fecha)
        .filter(titular_id__in=ids, encargado__is_active=True)
        .select_related("encargado", "encargado__persona", "titular", "titular__cargo", "cargo")
        .order_by("pk")
    ]


def ocupantes(codigo: str, fecha: date) -> list[Candidato]:
    """Quienes ocupan el cargo `codigo` el día `fecha`: los titulares y, después, quienes los subrogan."""
    cargo_texto = nombre_de_cargo(codigo)
    if codigo == "alcalde":
        miembros = list(
            Miembro.objects.filter(rol=Miembro.Rol.ALCALDE, desde__lte=fecha)
            .filter(Q(hasta__isnull=True) | Q(hasta__gte=fecha))
            .filter(periodo__inicio__lte=fecha, periodo__fin__gte=fecha)
            .select_related("persona", "usuario", "usuario__cargo")
            .order_by("-desde", "pk")
        )
        titulares = [
            Candidato(
                codigo=codigo,
                nombre=m.persona.nombre_completo,
                cargo_texto=cargo_texto,
                usuario=m.usuario,
                persona=m.persona,
                cargo=m.usuario.cargo if m.usuario is not None else None,
            )
            for m in miembros
        ]
        asientos = [m.usuario for m in miembros if m.usuario is not None]
        if not miembros:  # el alcalde no integra el concejo: el jefe de la raíz del organigrama
            raices = (
                UnidadOrganica.objects.filter(padre__isnull=True, activa=True, jefe__is_active=True)
                .select_related("jefe", "jefe__persona", "jefe__cargo")
                .order_by("pk")
            )
            asientos = [u.jefe for u in raices if u.jefe is not None]
            titulares = [
                Candidato(
                    codigo=codigo,
                    nombre=_nombre_usuario(u),
                    cargo_texto=cargo_texto,
                    usuario=u,
                    persona=u.persona,
                    cargo=u.cargo,
                )
                for u in asientos
            ]
        return titulares + _encargados(asientos, fecha, codigo, cargo_texto)
    if codigo == "presidente_concejo":
        return _presidentes_del_concejo(fecha, cargo_texto)
    if codigo in ("secretario_general", "secretario_concejo"):
        usuarios = list(
            get_user_model()
            .objects.filter(is_active=True, groups__name=roles.SECRETARIO)
            .select_related("cargo", "persona")
            .order_by("pk")
            .distinct()
        )
        titulares = [
            Candidato(
                codigo=codigo,
                nombre=_nombre_usuario(u),
                cargo_texto=u.cargo.nombre if u.cargo is not None else cargo_texto,
                usuario=u,
                persona=u.persona,
                cargo=u.cargo,
            )
            for u in usuarios
        ]
        return titulares + _encargados(usuarios, fecha, codigo, cargo_texto)
    return []


def _presidentes_del_concejo(fecha: date, cargo_texto: str) -> list[Candidato]:
    """El presidente de la Mesa Directiva ese día y, después, quien lo subroga por encargo."""
    integrantes = list(
        IntegranteComision.objects.filter(
            funcion=IntegranteComision.Funcion.PRESIDENTE,
            organo__tipo=Organo.Tipo.COMISION_MESA,
            organo__activo=True,
            organo__periodo__inicio__lte=fecha,
            organo__periodo__fin__gte=fecha,
            desde__lte=fecha,
        )
        .filter(Q(hasta__isnull=True) | Q(hasta__gte=fecha))
        .select_related("miembro__persona", "miembro__usuario", "miembro__usuario__cargo")
        .order_by("-desde", "pk")
    )
    titulares = [
        Candidato(
            codigo="presidente_concejo",
            nombre=i.miembro.persona.nombre_completo,
            cargo_texto=cargo_texto,
            usuario=i.miembro.usuario,
            persona=i.miembro.persona,
            cargo=i.miembro.usuario.cargo if i.miembro.usuario is not None else None,
        )
        for i in integrantes
    ]
    asientos = [i.miembro.usuario for i in integrantes if i.miembro.usuario is not None]
    return titulares + _encargados(asientos, fecha, "presidente_concejo", cargo_texto)


def propuesta(tipo: str, fecha: date) -> dict[str, list[tuple[str, list[Candidato]]]]:
    """Para la firma de un acto de `tipo` en `fecha`: por calidad (firma, refrenda), cada cargo del perfil
    con sus ocupantes ese día."""
    reglas = firmantes_del_tipo(tipo, fecha)
    return {
        calidad: [(codigo, ocupantes(codigo, fecha)) for codigo in reglas.get(calidad, [])]
        for calidad in ("firma", "refrenda")
    }
