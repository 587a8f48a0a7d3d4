import json
from dataclasses import dataclass, field
from urllib.request import urlopen

API_URL = "https://api.example-weather.test/v1/forecast"


@dataclass
class Forecast:
    temp_c: float
    summary: str
    alerts: list = field(default_factory=list)


def _http_get(url, timeout=10):
    with urlopen(url, timeout=timeout) as resp:
        return json.loads(resp.read().decode("utf-8"))


def fetch_forecast(lat, lon):
    data = _http_get(f"{API_URL}?lat={lat:.4f}&lon={lon:.4f}")
    current = data["current"]
    return Forecast(
        temp_c=float(current["temp_c"]),
        summary=current["summary"],
        alerts=[a["title"] for a in data["alerts"]],
    )
