import json
import socket
import time
import urllib.error
import urllib.request

RATES_URL = "https://rates.example.net/v1/latest?base={base}"
ATTEMPTS = 3
BASE_DELAY = 0.5


def _http_get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return json.loads(resp.read().decode("utf-8"))


def fetch_rates(base="EUR"):
    url = RATES_URL.format(base=base)
    for attempt in range(ATTEMPTS):
        try:
            data = _http_get(url)
            break
        except (urllib.error.URLError, socket.timeout, TimeoutError):
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(BASE_DELAY * (2 ** attempt))
    return {k: float(v) for k, v in data["rates"].items()}
