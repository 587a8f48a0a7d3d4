"""A small client for the forecast service."""

import json
from urllib.request import urlopen

BASE = "https://forecast.invalid/api"


def fetch_temperature(city: str) -> float:
    with urlopen(f"{BASE}/now?city={city}", timeout=5) as resp:
        return float(json.load(resp)["temp_c"])


def describe(city: str) -> str:
    temp = fetch_temperature(city)
    feel = "cold" if temp < 10 else "mild" if temp < 22 else "warm"
    return f"{city}: {temp:.0f} C, {feel}"
