"""A steady load on the phone page from another process, as phones on the Wi-Fi would be.

    python bench/page_load.py PORT PATH RATE SECONDS

Sends ``RATE`` GET requests a second for ``SECONDS`` over a few keep-alive connections, each
on its own schedule (a late request is not made up for by a burst), and prints the latencies
in milliseconds and the status codes as JSON. A separate process, so the load's own Python
does not compete with the till's for the interpreter lock.
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time

CONNECTIONS = 4


def run(port: int, path: str, rate: float, seconds: float) -> dict[str, list]:
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    start = time.perf_counter() + 0.2
    interval = CONNECTIONS / rate

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        k = 0
        while True:
            due = start + offset * interval / CONNECTIONS + k * interval
            if due - start >= seconds:
                break
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                status = 0
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                latencies.append(elapsed)
                statuses.append(status)
            k += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"latencies_ms": latencies, "statuses": statuses}


if __name__ == "__main__":
    port, path, rate, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    print(json.dumps(run(port, path, rate, seconds)))
