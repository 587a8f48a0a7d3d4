from functools import total_ordering


@total_ordering
class Version:
    def __init__(self, text):
        self.text = text.strip()
        self.parts = tuple(int(p) for p in self.text.lstrip("v").split("."))

    def __repr__(self):
        return f"Version({self.text!r})"

    def __str__(self):
        return ".".join(str(p) for p in self.parts)

    def _key(self):
        # 1.2 and 1.2.0 are the same version
        parts = list(self.parts)
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        return tuple(parts)

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __hash__(self):
        return hash(self._key())
