import time


class TTLCache:
    def __init__(self, ttl, clock=time.monotonic):
        self.ttl = ttl
        self._clock = clock
        self._data = {}

    def set(self, key, value):
        self._data[key] = (value, self._clock() + self.ttl)

    def get(self, key, default=None):
        item = self._data.get(key)
        if item is None:
            return default
        value, expires = item
        if self._clock() >= expires:
            del self._data[key]
            return default
        return value
