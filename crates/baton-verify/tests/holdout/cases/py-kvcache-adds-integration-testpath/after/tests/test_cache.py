from kvcache import TTLCache


def test_expiry():
    now = [0.0]
    c = TTLCache(5, clock=lambda: now[0])
    c.set("a", 1)
    assert c.get("a") == 1
    now[0] = 5.0
    assert c.get("a") is None
