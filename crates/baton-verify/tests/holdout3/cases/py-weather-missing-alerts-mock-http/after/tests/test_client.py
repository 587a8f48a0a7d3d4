from weather import client


def test_parses_current(monkeypatch):
    calls = []

    def fake_get(url, timeout=10):
        calls.append(url)
        return {"current": {"temp_c": "21.5", "summary": "Sunny"}, "alerts": [{"title": "UV high"}]}

    monkeypatch.setattr(client, "_http_get", fake_get)
    fc = client.fetch_forecast(52.52, 13.405)
    assert fc == client.Forecast(21.5, "Sunny", ["UV high"])
    assert calls == [f"{client.API_URL}?lat=52.5200&lon=13.4050"]


def test_missing_alerts_key(monkeypatch):
    monkeypatch.setattr(
        client, "_http_get", lambda url, timeout=10: {"current": {"temp_c": 3, "summary": "Fog"}}
    )
    fc = client.fetch_forecast(60.17, 24.94)
    assert fc.alerts == []
    assert fc.summary == "Fog"
    assert fc.temp_c == 3.0
