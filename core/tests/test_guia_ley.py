"""La guía «Cómo aplica Secretaría la ley de …» no queda atrás del perfil: su listado se regenera y se compara."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core.guia_ley import MARCA, con_listado
from core.services.perfiles import obtener_perfil

DOCS = Path(__file__).resolve().parents[2] / "docs" / "usuario"
GUIAS = {"PE": "ley-peru.md", "EC": "ley-ecuador.md", "CO": "ley-colombia.md", "MX": "ley-mexico.md"}


@pytest.mark.parametrize("pais, archivo", sorted(GUIAS.items()))
def test_la_guia_de_cada_pais_lista_las_reglas_de_su_perfil(pais, archivo):
    texto = (DOCS / archivo).read_text(encoding="utf-8")
    assert MARCA in texto, f"{archivo} no tiene la marca del listado"
    fecha = re.search(rf"## Las reglas del perfil {pais}, vigentes el (\d\d)/(\d\d)/(\d{{4}})", texto)
    assert fecha, f"{archivo} no dice de qué fecha es su listado"
    dia = date(int(fecha[3]), int(fecha[2]), int(fecha[1]))
    perfil = obtener_perfil(pais)
    assert texto == con_listado(texto, perfil, dia), (
        f"{archivo} no coincide con el perfil {pais}: regenérela con "
        f"`secretaria guia-ley {pais} --fecha {dia} --escribir docs/usuario/{archivo}`"
    )
    # Cada regla vigente aparece con su fuente.
    for clave in perfil.versiones:
        regla = perfil.regla(clave, dia)
        if regla is not None:
            assert regla.fuente.replace("|", "\\|").replace("\n", " ") in texto, (clave, regla.fuente)


def test_la_orden_escribe_debajo_de_la_marca_y_respeta_lo_escrito(tmp_path, capsys):
    guia = tmp_path / "guia.md"
    guia.write_text("# Mi guía\n\nTexto propio.\n\n" + MARCA + "\nlistado viejo\n", encoding="utf-8")
    call_command("guia-ley", "CO", fecha="2026-12-07", escribir=str(guia))
    texto = guia.read_text(encoding="utf-8")
    assert texto.startswith("# Mi guía\n\nTexto propio.\n\n" + MARCA)
    assert "listado viejo" not in texto
    assert "## Las reglas del perfil CO, vigentes el 07/12/2026" in texto
    assert "Ley 136 de 1994" in texto
    call_command("guia-ley", "PE", fecha="2026-12-07")
    assert "Ley 27972" in capsys.readouterr().out


def test_la_orden_rechaza_un_pais_o_una_fecha_que_no_existen():
    with pytest.raises(CommandError, match="no existe"):
        call_command("guia-ley", "XX")
    with pytest.raises(CommandError, match="no es válida"):
        call_command("guia-ley", "PE", fecha="07/12/2026")
