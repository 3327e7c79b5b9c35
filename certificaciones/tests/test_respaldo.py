"""`secretaria respaldo` y `secretaria restaurar` (issue 20): ida y vuelta en el motor de la prueba con documentos
con adjuntos, un acto firmado y un certificado; respaldo alterado rechazado; instalación con datos rechazada sin
--forzar. Vive en certificaciones porque es el área más alta que llena."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from actos.tests.factories import acto_firmado
from certificaciones.services.emision import emitir_certificado
from certificaciones.tests.conftest import pdf_de_prueba
from core.models import Archivo, Evento
from core.services.respaldo import MANIFIESTO, conteos
from registro.selectors.busqueda import buscar_documentos
from registro.tests.factories import DocumentoFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _orden(*args) -> str:
    salida = StringIO()
    call_command(*args, stdout=salida)
    return salida.getvalue()


def _llenar(secretario, mesa_de_partes, lista) -> None:
    for i in range(3):
        DocumentoFactory(
            por=mesa_de_partes,
            asunto=f"Licencia de funcionamiento para la bodega {i}",
            adjuntos=[
                SimpleUploadedFile(f"anexo-{i}.pdf", pdf_de_prueba(i + 1), content_type="application/pdf"),
                SimpleUploadedFile(
                    f"nota-{i}.txt", f"Nota {i} con tildes: áéí".encode(), content_type="text/plain"
                ),
            ],
        )
    acto_firmado(por=secretario)
    emitir_certificado(solicitud=lista(), por=secretario)


def _vaciar_instalacion() -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def _encontrados(usuario) -> set[int]:
    return set(buscar_documentos("bodega", usuario=usuario).values_list("pk", flat=True))


def _borrar_tablas() -> None:
    """Una base sin migrar: sin ninguna de las tablas del proyecto."""
    tablas = connection.introspection.table_names()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "DROP TABLE " + ", ".join(connection.ops.quote_name(t) for t in tablas) + " CASCADE"
            )
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for tabla in tablas:
                cursor.execute(
                    f"DROP TABLE IF EXISTS {connection.ops.quote_name(tabla)}"
                )  # las FTS arrastran las suyas
            cursor.execute("PRAGMA foreign_keys = ON")
    assert connection.introspection.table_names() == []


def _huellas_guardadas() -> dict[str, str]:
    huellas = {}
    for archivo in Archivo.objects.all():
        with archivo.archivo.open("rb") as f:
            huellas[archivo.archivo.name] = hashlib.sha256(f.read()).hexdigest()
        assert huellas[archivo.archivo.name] == archivo.sha256
    return huellas


def test_ida_y_vuelta(tmp_path, secretario, mesa_de_partes, lista):
    _llenar(secretario, mesa_de_partes, lista)
    destino = tmp_path / "respaldo"
    salida = _orden("respaldo", str(destino))
    assert "Respaldo escrito en" in salida
    assert Evento.objects.filter(accion="core.respaldo.crear").count() == 1
    antes, huellas = conteos(), _huellas_guardadas()
    encontrados = _encontrados(secretario)
    assert len(encontrados) == 3
    assert (
        antes["core.archivo"] >= 8 and antes["certificaciones.certificado"] == 1 and antes["actos.acto"] == 1
    )

    manifiesto = json.loads((destino / MANIFIESTO).read_text())
    assert manifiesto["motor"] in ("sqlite", "postgresql") and manifiesto["version"] and manifiesto["fecha"]
    assert "core.0001_initial" in manifiesto["migraciones"] and manifiesto["conteos"] == antes
    rutas = {e["ruta"]: e for e in manifiesto["archivos"]}
    for nombre, sha in huellas.items():  # cada archivo guardado, con su SHA-256 y su tamaño
        assert rutas[f"archivos/{nombre}"]["sha256"] == sha
        assert rutas[f"archivos/{nombre}"]["tamano"] == (destino / "archivos" / nombre).stat().st_size

    _vaciar_instalacion()
    assert Evento.objects.count() == 0 and not Archivo.objects.exists()
    salida = _orden("restaurar", str(destino))
    assert "restaurado" in salida and "cadena íntegra" in salida

    despues = conteos()
    assert despues.pop("core.evento") == antes.pop("core.evento") + 1  # más el de la restauración
    assert despues == antes
    assert _huellas_guardadas() == huellas
    assert _encontrados(secretario) == encontrados  # la búsqueda (tsvector en PostgreSQL) viene con la base
    assert "íntegra" in _orden("verificar-auditoria")
    ultimo = Evento.objects.order_by("-id").first()
    assert ultimo.accion == "core.respaldo.restaurar" and ultimo.despues["origen"] == str(destino.resolve())
    # La instalación sigue viva: se registra otro documento y la cadena sigue íntegra.
    DocumentoFactory(por=mesa_de_partes)
    assert "íntegra" in _orden("verificar-auditoria")


def test_restaura_en_una_base_sin_migrar(tmp_path, secretario, mesa_de_partes):
    DocumentoFactory(
        por=mesa_de_partes,
        asunto="Permiso para la bodega central",
        adjuntos=[SimpleUploadedFile("anexo.pdf", pdf_de_prueba(), content_type="application/pdf")],
    )
    destino = tmp_path / "respaldo"
    _orden("respaldo", str(destino))
    antes, huellas = conteos(), _huellas_guardadas()
    _borrar_tablas()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)

    assert "restaurado" in _orden("restaurar", str(destino))
    assert "[ ]" not in _orden("showmigrations", "--plan")  # las migraciones vienen con la base
    despues = conteos()
    assert despues.pop("core.evento") == antes.pop("core.evento") + 1 and despues == antes
    assert _huellas_guardadas() == huellas and len(_encontrados(secretario)) == 1
    assert "íntegra" in _orden("verificar-auditoria")


def test_respaldo_alterado_se_rechaza_y_no_toca_nada(tmp_path, secretario, mesa_de_partes, lista):
    _llenar(secretario, mesa_de_partes, lista)
    destino = tmp_path / "respaldo"
    _orden("respaldo", str(destino))
    manifiesto = json.loads((destino / MANIFIESTO).read_text())
    alterado = next(e["ruta"] for e in manifiesto["archivos"] if e["ruta"].endswith(".txt"))
    (destino / alterado).write_bytes(b"Nota cambiada")
    _vaciar_instalacion()

    with pytest.raises(CommandError, match=f"«{alterado}».*no coincide con el manifiesto"):
        _orden("restaurar", str(destino))
    assert Evento.objects.count() == 0 and not Archivo.objects.exists()  # nada restaurado

    (destino / alterado).unlink()
    with pytest.raises(CommandError, match=f"Falta en el respaldo el archivo «{alterado}»"):
        _orden("restaurar", str(destino))
    (destino / MANIFIESTO).unlink()
    with pytest.raises(CommandError, match="no es un respaldo completo"):
        _orden("restaurar", str(destino))


def test_instalacion_con_datos_se_rechaza_sin_forzar(tmp_path, secretario, mesa_de_partes):
    DocumentoFactory(
        por=mesa_de_partes,
        adjuntos=[SimpleUploadedFile("anexo.pdf", pdf_de_prueba(), content_type="application/pdf")],
    )
    destino = tmp_path / "respaldo"
    _orden("respaldo", str(destino))
    DocumentoFactory(por=mesa_de_partes)  # lo de después del respaldo
    eventos = Evento.objects.count()

    with pytest.raises(CommandError, match="no está vacía.*--forzar"):
        _orden("restaurar", str(destino))
    assert Evento.objects.count() == eventos

    assert "restaurado" in _orden("restaurar", str(destino), "--forzar")
    assert Evento.objects.count() == eventos - 2 + 1  # vuelve al respaldo (sin el documento de después) + 1
    assert Evento.objects.order_by("-id").first().despues["forzado"] is True
    assert "íntegra" in _orden("verificar-auditoria")


def test_destino_existente_o_comprimido_se_rechaza(tmp_path, secretario):
    (tmp_path / "ocupado").mkdir()
    (tmp_path / "ocupado" / "algo.txt").write_text("x")
    with pytest.raises(CommandError, match="ya existe y no es un directorio vacío"):
        _orden("respaldo", str(tmp_path / "ocupado"))
    with pytest.raises(CommandError, match="el respaldo es un directorio"):
        _orden("respaldo", str(tmp_path / "respaldo.tar.gz"))
    with pytest.raises(CommandError, match="dentro del almacenamiento de archivos"):
        _orden("respaldo", str(settings.MEDIA_ROOT / "respaldo"))


def _consola(*args, entorno: dict[str, str]) -> subprocess.CompletedProcess:
    """La orden `secretaria` de verdad, en otro proceso, con su propia base (no la de la prueba)."""
    return subprocess.run(
        [sys.executable, "-m", "secretaria.cli", *args],
        env={**os.environ, **entorno},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.django_db(transaction=False)
def test_la_consola_sale_con_1_y_explica(tmp_path):
    entorno = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'sin_migrar.sqlite3'}",
        "SECRETARIA_VAR_DIR": str(tmp_path / "var"),
    }
    r = _consola("restaurar", str(tmp_path / "no-existe"), entorno=entorno)
    assert r.returncode == 1 and "no es un respaldo completo: falta manifiesto.json" in r.stderr
    r = _consola("respaldo", str(tmp_path / "respaldo"), entorno=entorno)  # base sin migrar
    assert r.returncode == 1 and "No se pudo registrar el respaldo en la auditoría" in r.stderr
    assert "Traceback" not in r.stderr
