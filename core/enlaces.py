"""Direcciones absolutas para lo que sale de la pantalla: QR y enlaces de los PDF, enlaces de los correos.

Con una petición a mano se arman desde ella (el host y puerto por donde entró la persona); sin ella (una
tarea en segundo plano, un PDF generado por un servicio) desde `SITE_URL`, que `make run` y
`secretaria servir` fijan desde el host y el puerto en que sirven (issue 14, punto 9).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def url_absoluta(ruta: str, *, request: HttpRequest | None = None) -> str:
    """`ruta` (p. ej. «/consulta/ABC/») como dirección completa; una ya absoluta vuelve igual."""
    if ruta.startswith(("http://", "https://")):
        return ruta
    if request is not None:
        return request.build_absolute_uri(ruta)
    base = str(settings.SITE_URL).rstrip("/")
    return f"{base}{ruta if ruta.startswith('/') else '/' + ruta}"


def site_url_para(host: str, port: str | int) -> str:
    """El `SITE_URL` de un servidor local en host:port (0.0.0.0 y :: escuchan en todas: se usa 127.0.0.1)."""
    host = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"
