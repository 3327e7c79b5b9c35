#!/usr/bin/env python3
"""Conduce una sesión del concejo completa por la API REST, paso a paso, e imprime cada llamada.

    SECRETARIA_TOKEN=<clave> python3 scripts/sesion_por_api.py --base http://127.0.0.1:8000

Programa una sesión ordinaria del pleno, arma su agenda (agrega, edita, mueve y quita puntos), la
convoca, marca la asistencia, la instala, vota el primer punto en forma nominal con un empate (y pide el
voto dirimente solo si la API dice que hace falta: `calculo.necesita_dirimente`), vota el segundo con un
conteo (forma ordinaria, si el perfil la admite), confirma cada resultado y levanta la sesión.

Solo la biblioteca estándar (urllib): corre con cualquier Python 3.11 contra un servidor con la
demostración cargada (`make run`). El token es de un usuario que prepara y conduce sesiones (en la
demostración, `secretario`: `.venv/bin/secretaria token secretario`). Sale con 0 si todo salió bien; con
1 y el error de la API si un paso falla.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

API = "/api/v1"


class ErrorDeApi(Exception):
    """Una respuesta inesperada de la API: el código y el cuerpo (`{"error", "campos"}`)."""

    def __init__(self, metodo: str, ruta: str, codigo: int, cuerpo):
        self.codigo, self.cuerpo = codigo, cuerpo
        super().__init__(f"{metodo} {ruta} respondió {codigo}: {json.dumps(cuerpo, ensure_ascii=False)}")


class Cliente:
    """Un cliente JSON mínimo con `Authorization: Token <clave>`; cada llamada se anuncia con `decir`."""

    def __init__(self, base: str, token: str, decir: Callable[[str], None] = print):
        self.base, self.token, self.decir = base.rstrip("/"), token, decir

    def pedir(self, metodo: str, ruta: str, datos: dict | None = None) -> dict:
        self.decir(f"  {metodo} {API}{ruta}" + (f" {json.dumps(datos, ensure_ascii=False)}" if datos else ""))
        cuerpo = json.dumps(datos).encode() if datos is not None else None
        pedido = urllib.request.Request(self.base + API + ruta, data=cuerpo, method=metodo)
        pedido.add_header("Authorization", f"Token {self.token}")
        pedido.add_header("Accept", "application/json")
        if cuerpo is not None:
            pedido.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(pedido, timeout=60) as respuesta:
                texto = respuesta.read().decode()
        except urllib.error.HTTPError as e:
            texto = e.read().decode()
            try:
                detalle = json.loads(texto)
            except ValueError:
                detalle = texto[:500]
            raise ErrorDeApi(metodo, ruta, e.code, detalle) from None
        return json.loads(texto) if texto else {}

    def get(self, ruta: str) -> dict:
        return self.pedir("GET", ruta)

    def post(self, ruta: str, datos: dict | None = None) -> dict:
        return self.pedir("POST", ruta, datos if datos is not None else {})

    def patch(self, ruta: str, datos: dict) -> dict:
        return self.pedir("PATCH", ruta, datos)

    def delete(self, ruta: str) -> dict:
        return self.pedir("DELETE", ruta)


def _titulos(agenda: dict) -> str:
    return "; ".join(f"{p['orden']}. {p['titulo']}" for p in agenda["puntos"])


def _conteos(votacion: dict) -> str:
    """A favor y en contra: en una nominal los cuenta el cálculo (`calculo`); en un conteo, los tecleados."""
    c = votacion["calculo"] or votacion
    return f"{c['a_favor']} a favor, {c['en_contra']} en contra"


def _votar(api: Cliente, votacion: dict, decir) -> dict:
    """Cierra la votación, pide el dirimente solo si la API lo dice y confirma. Devuelve la confirmada."""
    vid = votacion["id"]
    decir("Cerrar la votación")
    cerrada = api.post(f"/concejo/votaciones/{vid}/cerrar/")
    calculo = cerrada["calculo"] or {}
    decir(f"  → {cerrada['resultado']}: {calculo.get('explicacion', '')}")
    if calculo.get("necesita_dirimente"):
        decir("Empate: quien preside emite el voto dirimente (la API lo pide: necesita_dirimente)")
        cerrada = api.post(f"/concejo/votaciones/{vid}/dirimente/", {"sentido": "a_favor"})
        decir(f"  → {cerrada['resultado']} con el voto dirimente ({cerrada['sentido_dirimente']})")
    else:
        decir("  (la API no pide voto dirimente)")
    decir("Confirmar el resultado")
    confirmada = api.post(f"/concejo/votaciones/{vid}/confirmar/")
    decir(f"  → {confirmada['estado']}, {confirmada['resultado']}; decisión: {confirmada['decision']}")
    return confirmada


def _cerrar_punto(api: Cliente, sesion_id: int, punto_id: int, decir) -> None:
    """Si tras confirmar el punto sigue en debate (un empate que el perfil manda repetir), se posterga."""
    en_vivo = api.get(f"/concejo/sesiones/{sesion_id}/en-vivo/")
    punto = next(p for p in en_vivo["puntos"] if p["id"] == punto_id)
    decir(f"  punto {punto['orden']}: {punto['estado']}")
    if punto["estado"] == "en_debate":
        decir("El punto sigue en debate (empate sin dirimente): se posterga")
        api.post(
            f"/concejo/puntos/{punto_id}/resolver/", {"estado": "postergado", "motivo": "Empate: se repite"}
        )


def conducir_sesion(api: Cliente, *, organo: int | None = None, decir: Callable[[str], None] = print) -> dict:
    """Todos los pasos de una sesión por la API. Devuelve un resumen: la sesión y sus votaciones."""
    yo = api.get("/yo/")
    decir(f"Usuario: {yo.get('username')}")

    if organo is None:
        decir("Buscar el pleno del concejo")
        organos = api.get("/concejo/organos/")["results"]
        pleno = next((o for o in organos if o["es_pleno"]), None)
        if pleno is None:
            raise SystemExit("No hay un pleno activo: cargue la demostración (`make run`) o dé --organo.")
        organo = pleno["id"]

    decir("1. Programar la sesión")
    fecha = (datetime.now(UTC) + timedelta(minutes=5)).replace(microsecond=0)
    sesion = api.post(
        "/concejo/sesiones/",
        {"organo": organo, "tipo": "ordinaria", "fecha": fecha.isoformat(), "lugar": "Salón de sesiones"},
    )
    sid = sesion["id"]
    decir(
        f"  → sesión {sid}: {sesion['tipo_nombre']} Nº {sesion['numero']}-{sesion['anio']}, {sesion['estado']}"
    )

    decir("2. Armar la agenda")
    agenda = f"/concejo/sesiones/{sid}/agenda/"
    primero = api.post(
        agenda,
        {
            "seccion": "orden_del_dia",
            "titulo": "Ordenanza que regula el comercio ambulatorio",
            "descripcion": "Propuesta de la Gerencia de Desarrollo Económico.",
        },
    )
    segundo = api.post(
        agenda, {"seccion": "orden_del_dia", "titulo": "Acuerdo que aprueba el plan de arborización"}
    )
    pedido = api.post(agenda, {"seccion": "pedidos", "titulo": "Pedido de informe sobre el mercado"})
    api.patch(
        f"/concejo/puntos/{segundo['punto_id']}/",
        {"titulo": "Acuerdo que aprueba el plan de arborización 2027"},
    )
    decir("  mover el acuerdo antes de la ordenanza y quitar el pedido")
    api.post(f"/concejo/puntos/{segundo['punto_id']}/mover/", {"direccion": "subir"})
    estado_agenda = api.delete(f"/concejo/puntos/{pedido['punto_id']}/")
    decir(f"  → agenda: {_titulos(estado_agenda)}")
    orden_del_dia = [p["punto_id"] for p in estado_agenda["puntos"] if p["seccion"] == "orden_del_dia"]
    if orden_del_dia != [segundo["punto_id"], primero["punto_id"]]:
        raise SystemExit(f"La agenda no quedó en el orden esperado: {orden_del_dia}")

    decir("3. Convocar (congela la agenda y cita a los miembros)")
    convocada = api.post(f"/concejo/sesiones/{sid}/convocar/", {"aceptar_aviso_corto": True})
    decir(f"  → {convocada['estado']}, agenda versión {convocada['version_agenda']}")

    decir("4. Asistencia")
    datos = api.get(f"/concejo/sesiones/{sid}/miembros/")
    miembros = [m for m in datos["miembros"] if m["habil"]]
    votantes = [m for m in miembros if m["vota"]]
    ausente = votantes.pop() if len(votantes) % 2 else None  # un número par de votantes permite empatar
    for m in miembros:
        if ausente is None or m["id"] != ausente["id"]:
            api.post(f"/concejo/sesiones/{sid}/asistencia/", {"miembro": m["id"], "estado": "presente"})
    if ausente is not None:
        decir(f"  ({ausente['nombre']} no llega: así los votantes son {len(votantes)}, un número par)")
    dirime = next((m for m in miembros if m["dirime"]), None)

    decir("5. Instalar la sesión (el quórum lo calcula el sistema)")
    instalada = api.post(f"/concejo/sesiones/{sid}/instalar/", {"preside": dirime["id"] if dirime else None})
    q = instalada["quorum"]
    decir(f"  → {instalada['estado']}: {q['presentes']} presentes, quórum {q['requerido']}")

    decir("6. Primer punto: votación nominal")
    punto1 = segundo["punto_id"]
    api.post(f"/concejo/puntos/{punto1}/tomar/")
    formas = datos["formas_votacion"]
    forma = "nominal" if "nominal" in formas else formas[0]
    votacion = api.post(
        f"/concejo/puntos/{punto1}/votaciones/", {"mocion": "Aprobar el plan de arborización", "forma": forma}
    )
    mitad = len(votantes) // 2
    for i, m in enumerate(votantes):
        sentido = "a_favor" if i < mitad else "en_contra"
        votacion = api.post(
            f"/concejo/votaciones/{votacion['id']}/votos/", {"miembro": m["id"], "sentido": sentido}
        )
    decir(f"  → {_conteos(votacion)}")
    primera = _votar(api, votacion, decir)
    _cerrar_punto(api, sid, punto1, decir)

    decir("7. Segundo punto: votación por conteo")
    punto2 = primero["punto_id"]
    api.post(f"/concejo/puntos/{punto2}/tomar/")
    forma = next((f for f in ("ordinaria", "secreta") if f in formas), "nominal")
    votacion = api.post(
        f"/concejo/puntos/{punto2}/votaciones/", {"mocion": "Aprobar la ordenanza", "forma": forma}
    )
    if forma == "nominal":  # un perfil sin votación ordinaria (Colombia): voto por voto
        for m in votantes:
            votacion = api.post(
                f"/concejo/votaciones/{votacion['id']}/votos/", {"miembro": m["id"], "sentido": "a_favor"}
            )
    else:
        votacion = api.post(
            f"/concejo/votaciones/{votacion['id']}/conteo/",
            {"a_favor": len(votantes) - 1, "en_contra": 1, "abstenciones": 0},
        )
    decir(f"  → {_conteos(votacion)}")
    segunda = _votar(api, votacion, decir)
    _cerrar_punto(api, sid, punto2, decir)

    decir("8. Levantar la sesión")
    levantada = api.post(f"/concejo/sesiones/{sid}/levantar/")
    decir(f"  → {levantada['estado']}")
    return {
        "sesion": sid,
        "estado": levantada["estado"],
        "votaciones": [
            {
                "id": v["id"],
                "forma": v["forma"],
                "resultado": v["resultado"],
                "voto_dirimente": v["voto_dirimente"],
                "decision": v["decision"],
            }
            for v in (primera, segunda)
        ],
    }


def main(argv: list[str] | None = None) -> int:
    partes = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    partes.add_argument("--base", default=os.environ.get("SECRETARIA_URL", "http://127.0.0.1:8000"))
    partes.add_argument("--token", default=os.environ.get("SECRETARIA_TOKEN", ""))
    partes.add_argument("--organo", type=int, default=None, help="Id del órgano (por omisión, el pleno).")
    args = partes.parse_args(argv)
    if not args.token:
        partes.error("Falta el token: --token <clave> o la variable SECRETARIA_TOKEN.")
    try:
        resumen = conducir_sesion(Cliente(args.base, args.token), organo=args.organo)
    except ErrorDeApi as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    except urllib.error.URLError as e:
        print(f"No se pudo conectar con {args.base}: {e.reason}", file=sys.stderr)
        return 1
    print("Resumen: " + json.dumps(resumen, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
