import time
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Token:
    value: str
    expires_at: float  # unix seconds

    def is_expired(self, now: Optional[float] = None) -> bool:
        current = time.time() if now is None else now
        return current > self.expires_at

    def ttl(self, now: Optional[float] = None) -> float:
        current = time.time() if now is None else now
        return max(0.0, self.expires_at - current)
