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
