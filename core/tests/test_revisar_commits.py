"""`scripts/revisar_commits.py`: la regla de los mensajes de commit (docs/desarrollo.md)."""

import importlib.util
from pathlib import Path

import pytest

_RUTA = Path(__file__).resolve().parents[2] / "scripts" / "revisar_commits.py"
_spec = importlib.util.spec_from_file_location("revisar_commits", _RUTA)
revisar = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(revisar)


def test_un_mensaje_bueno_pasa():
    assert revisar.problemas("Asunto corto y claro\n\nPorque antes fallaba así.\n") == []


@pytest.mark.parametrize(
    ("mensaje", "error"),
    [
        ("x" * 73 + "\n\nPor qué.", "73 caracteres"),
        ("Asunto con punto.\n\nPor qué.", "termina en punto"),
        ("Asunto\nPor qué pegado al asunto.", "línea en blanco"),
        ("Asunto sin cuerpo\n", "falta el cuerpo"),
        ("\n\nSolo cuerpo", "falta el asunto"),
    ],
)
def test_un_mensaje_malo_dice_por_que(mensaje, error):
    assert any(error in p for p in revisar.problemas(mensaje))


def test_los_comentarios_del_editor_no_cuentan():
    assert revisar.problemas("Asunto\n\nPor qué.\n# Please enter the commit message\n") == []
