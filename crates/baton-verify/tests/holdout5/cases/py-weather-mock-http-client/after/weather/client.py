import json
import urllib.request

API = "https://api.weather.example/v1/current?city={city}"


def fetch_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return json.load(resp)


def temperature_c(city):
    data = fetch_json(API.format(city=city))
    return round((data["temp_f"] - 32) * 5 / 9, 1)
