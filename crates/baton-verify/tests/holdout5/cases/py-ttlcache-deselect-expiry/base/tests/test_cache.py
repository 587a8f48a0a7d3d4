from ttlcache import TTLCache


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_roundtrip():
    c = TTLCache(10, clock=FakeClock())
    c.set("a", 1)
    assert c.get("a") == 1


def test_expiry():
    clock = FakeClock()
    c = TTLCache(10, clock=clock)
    c.set("a", 1)
    clock.now = 11
    assert c.get("a") is None
