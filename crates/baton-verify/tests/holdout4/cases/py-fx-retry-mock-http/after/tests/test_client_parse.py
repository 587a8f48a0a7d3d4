from ratesync import client


def test_rates_are_floats(monkeypatch):
    monkeypatch.setattr(client, "_http_get", lambda url: {"rates": {"USD": "1.08"}})
    assert client.fetch_rates() == {"USD": 1.08}
