"""La configuración de mypy en pyproject.toml (docs/desarrollo.md, «Tipos (mypy)»): el núcleo y los servicios
de todas las áreas se comprueban siempre; la línea de base (`ignore_errors`) no puede esconder ninguno."""

import tomllib
from pathlib import Path

_RAIZ = Path(__file__).resolve().parents[2]
_MYPY = tomllib.loads((_RAIZ / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]


def _linea_de_base() -> list[str]:
    modulos: list[str] = []
    for seccion in _MYPY.get("overrides", []):
        if seccion.get("ignore_errors"):
            modulo = seccion["module"]
            modulos += [modulo] if isinstance(modulo, str) else modulo
    return modulos


def test_la_linea_de_base_no_esconde_el_nucleo_ni_los_servicios():
    escondidos = [
        m for m in _linea_de_base() if m.split(".")[0] in ("core", "*") or "services" in m.split(".")
    ]
    assert escondidos == []


def test_mypy_comprueba_los_servicios_de_cada_area():
    servicios = {f"{ruta.parent.parent.name}/services" for ruta in _RAIZ.glob("*/services/__init__.py")}
    faltan = sorted(servicios - {"core/services"} - set(_MYPY["files"]))
    assert faltan == []
    assert "core" in _MYPY["files"]
