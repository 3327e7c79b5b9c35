"""Correr trabajos a la vez en hilos (cada uno con su conexión a la base de datos), para las pruebas de
cerrojos y numeración bajo concurrencia."""

import threading

from django.db import connection


def a_la_vez(trabajos, *, espera: float = 60, limite: float = 300) -> list[BaseException]:
    """Lanza cada función de `trabajos` en su hilo; todos parten juntos (una barrera) y cada uno cierra su
    conexión al terminar. Devuelve los errores que hubo (vacío si ninguno)."""
    trabajos = list(trabajos)
    barrera = threading.Barrier(len(trabajos))
    errores: list[BaseException] = []
    candado = threading.Lock()

    def correr(trabajo):
        try:
            barrera.wait(timeout=espera)
            trabajo()
        except BaseException as e:  # noqa: BLE001 - se informa en el hilo principal
            with candado:
                errores.append(e)
        finally:
            connection.close()

    hilos = [threading.Thread(target=correr, args=(t,)) for t in trabajos]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(timeout=limite)
    return errores
