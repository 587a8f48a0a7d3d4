import json
import urllib.request

RATES_URL = "https://rates.example.net/v1/latest?base={base}"


def _http_get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return json.loads(resp.read().decode("utf-8"))


def fetch_rates(base="EUR"):
    data = _http_get(RATES_URL.format(base=base))
    return {k: float(v) for k, v in data["rates"].items()}
