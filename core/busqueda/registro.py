"""Registro de tipos buscables: cada área dice qué indexa y quién puede ver cada entrada."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class TipoBusqueda:
    tipo: str
    etiqueta: str
    # visible(usuario, entrada) -> bool: regla fina, se aplica fila a fila tras la consulta.
    visible: Callable | None = None
    # ambitos(usuario) -> iterable de ámbitos visibles, o None si ve todos: se aplica en SQL.
    ambitos: Callable | None = None

    def filtro(self, usuario) -> Q | None:
        """Condición SQL para este tipo; None si el usuario no ve nada de él."""
        condicion = Q(tipo=self.tipo)
        if self.ambitos is None:
            return condicion
        permitidos = self.ambitos(usuario)
        if permitidos is None:
            return condicion
        permitidos = list(permitidos)
        if not permitidos:
            return None
        return condicion & Q(ambito__in=permitidos)


_TIPOS: dict[str, TipoBusqueda] = {}


def registrar_tipo(
    tipo: str,
    *,
    etiqueta: str,
    visible: Callable | None = None,
    ambitos: Callable[[object], Iterable[str] | None] | None = None,
) -> TipoBusqueda:
    """Registra un tipo buscable (en el `AppConfig.ready` del área). `ambitos(usuario)` da los ámbitos
    que el usuario ve (None = todos) y se aplica en la consulta; `visible(usuario, entrada)` es una
    regla fina por entrada. Sin ninguna de las dos, todo usuario con sesión ve las entradas del tipo.
    Un tipo no registrado no aparece en ninguna búsqueda.
    """
    definicion = TipoBusqueda(tipo=tipo, etiqueta=etiqueta, visible=visible, ambitos=ambitos)
    _TIPOS[tipo] = definicion
    return definicion


def tipos_registrados() -> dict[str, TipoBusqueda]:
    return dict(_TIPOS)


def obtener_tipo(tipo: str) -> TipoBusqueda | None:
    return _TIPOS.get(tipo)


def quitar_tipo(tipo: str) -> None:
    """Para pruebas: deja el registro como estaba."""
    _TIPOS.pop(tipo, None)
