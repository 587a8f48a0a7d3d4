import re

INCH_CM = 2.54
_INCHES_PER = {"in": 1.0, "ft": 12.0, "yd": 36.0}
_TOKEN = re.compile(r"(\d+(?:\.\d+)?)\s*(in|ft|yd)\b")


def _to_inches(text):
    m = _TOKEN.search(text)
    if not m:
        raise ValueError(f"cannot parse length: {text!r}")
    value, unit = m.groups()
    return float(value) * _INCHES_PER[unit]


def to_cm(text):
    """Convert an imperial length such as '3 ft' to centimetres."""
    return round(_to_inches(text) * INCH_CM, 2)
