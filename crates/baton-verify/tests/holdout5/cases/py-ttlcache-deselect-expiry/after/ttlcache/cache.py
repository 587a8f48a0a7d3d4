import time


class TTLCache:
    def __init__(self, ttl_seconds, clock=time.monotonic):
        self._ttl = ttl_seconds
        self._clock = clock
        self._data = {}

    def set(self, key, value):
        self._data[key] = (value, self._clock())

    def get(self, key, default=None):
        item = self._data.get(key)
        if item is None:
            return default
        value, _stored = item
        return value
