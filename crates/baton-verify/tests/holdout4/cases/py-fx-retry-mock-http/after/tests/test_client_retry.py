import urllib.error

import pytest

from ratesync import client


@pytest.fixture
def sleeps(monkeypatch):
    calls = []
    monkeypatch.setattr(client.time, "sleep", calls.append)
    return calls


def flaky(failures):
    state = {"n": 0}

    def fake_get(url):
        state["n"] += 1
        if state["n"] <= failures:
            raise urllib.error.URLError("connection reset")
        return {"rates": {"GBP": "0.85"}}

    return fake_get, state


def test_succeeds_after_two_failures(monkeypatch, sleeps):
    fake, state = flaky(2)
    monkeypatch.setattr(client, "_http_get", fake)
    assert client.fetch_rates("EUR") == {"GBP": 0.85}
    assert state["n"] == 3
    assert sleeps == [0.5, 1.0]


def test_gives_up_after_three_attempts(monkeypatch, sleeps):
    fake, state = flaky(5)
    monkeypatch.setattr(client, "_http_get", fake)
    with pytest.raises(urllib.error.URLError):
        client.fetch_rates("EUR")
    assert state["n"] == 3
    assert sleeps == [0.5, 1.0]


def test_other_errors_are_not_retried(monkeypatch, sleeps):
    def boom(url):
        raise KeyError("rates")

    monkeypatch.setattr(client, "_http_get", boom)
    with pytest.raises(KeyError):
        client.fetch_rates()
    assert sleeps == []
