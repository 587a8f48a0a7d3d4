"""Deprecated: the 0.x colon format (``HH:MM:SS``). Use parse_duration."""

import warnings


def _warn():
    warnings.warn("timeparse.legacy is deprecated", DeprecationWarning, stacklevel=3)


def parse_clock(text: str) -> int:
    """Parse ``HH:MM:SS`` or ``MM:SS`` into seconds."""
    _warn()
    parts = [int(p) for p in text.strip().split(":")]
    if not 2 <= len(parts) <= 3:
        raise ValueError(f"not a clock time: {text!r}")
    while len(parts) < 3:
        parts.insert(0, 0)
    hours, minutes, seconds = parts
    if minutes >= 60 or seconds >= 60:
        raise ValueError(f"not a clock time: {text!r}")
    return hours * 3600 + minutes * 60 + seconds


def format_clock(seconds: int) -> str:
    """Format seconds as ``HH:MM:SS``."""
    _warn()
    if seconds < 0:
        raise ValueError("negative duration")
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}"


def parse_any(text: str) -> int:
    """Parse either format; the colon format wins when there is a colon."""
    _warn()
    if ":" in text:
        return parse_clock(text)
    from .duration import parse_duration

    return parse_duration(text)


def total(texts) -> int:
    """Sum several durations in either format."""
    _warn()
    return sum(parse_any(t) for t in texts)


def average(texts) -> float:
    """The mean of several durations in either format."""
    _warn()
    texts = list(texts)
    if not texts:
        raise ValueError("no durations")
    return total(texts) / len(texts)


def clamp(seconds: int, low: int, high: int) -> int:
    """Clamp a number of seconds into ``[low, high]``."""
    _warn()
    if low > high:
        raise ValueError("low is above high")
    return max(low, min(high, seconds))
