"""El motor PostgreSQL de Django con una comprobación de salud de la conexión que no viaja a la base.

Con conexiones persistentes (`DB_CONN_MAX_AGE` > 0) y `CONN_HEALTH_CHECKS`, Django comprueba al empezar cada
solicitud que la conexión sigue viva mandando `SELECT 1`: un viaje de ida y vuelta más por solicitud (en el
registro por la API, uno de cada seis). Aquí se mira sin esperar (poll con tiempo cero) si el servidor
mandó algo a una conexión ociosa: si la cerró (reinicio, `pg_terminate_backend`, caída del proceso) ya llegó
su aviso o el fin, y entonces se hace la comprobación de Django (`SELECT 1`, que falla y la da por rota); si
no llegó nada, la conexión está como la dejó la solicitud anterior y no se manda nada. Lo que tampoco
detectaría `SELECT 1` sin esperar su tiempo límite (la red cortada sin aviso) sigue igual. Todo lo demás es
el motor de Django.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        if self.connection is None:
            return False
        pgconn = self.connection.pgconn
        if pgconn.status != pq.ConnStatus.OK or pgconn.transaction_status not in (
            pq.TransactionStatus.IDLE,
            pq.TransactionStatus.INTRANS,
        ):
            return False
        sondeo = select.poll()
        sondeo.register(pgconn.socket, select.POLLIN | select.POLLPRI)
        if sondeo.poll(0):
            # El servidor mandó algo a una conexión ociosa (su cierre, casi siempre): la prueba de Django.
            return super().is_usable()
        return True
