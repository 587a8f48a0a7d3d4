from .cache import TTLCache
