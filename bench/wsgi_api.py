"""La aplicación WSGI de siempre (`secretaria.wsgi`) para el escenario (a) del bench, con conexiones
persistentes a PostgreSQL: cada trabajador de gunicorn reutiliza su conexión (`CONN_MAX_AGE`, 60 s por
defecto, o `SECRETARIA_BENCH_CONN_MAX_AGE`) en vez de abrir una por petición, como se despliega Django
detrás de gunicorn. Abrir una conexión por petición (lo que hace `settings.py` hoy, `conn_max_age=0`)
cuesta un proceso nuevo de PostgreSQL por registro y, en 2 núcleos, reduce a la mitad lo que se mide.
"""

import os

from django.conf import settings

from secretaria.wsgi import application  # noqa: F401 - lo que sirve gunicorn; hace django.setup()

settings.DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("SECRETARIA_BENCH_CONN_MAX_AGE", "60"))

# Con --preload, las rutas y todas las vistas se importan una vez en el proceso maestro, antes de crear los
# trabajadores: si no, cada trabajador las importa en su primera petición, ya con el reloj del bench corriendo.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018 - importa secretaria.urls y los módulos de vistas
get_resolver()._populate()

if os.environ.get("LOG_LEVEL", "").upper() == "ERROR":
    # Los 400 del calentamiento (a propósito) no se anotan: django.request los da como WARNING y el
    # manejador raíz los imprimiría igual, aunque el nivel raíz sea ERROR.
    import logging

    logging.getLogger("django.request").setLevel(logging.ERROR)
