"""The pre-3.0 colon syntax. Deprecated since 3.0."""
import warnings

from .parser import ParseError


def _split_legacy(line):
    key, _, value = line.partition(":")
    return key.strip(), value.strip()


def _legacy_value(raw):
    if raw in ("yes", "on"):
        return True
    if raw in ("no", "off"):
        return False
    if raw.isdigit():
        return int(raw)
    return raw


def parse_v1(text):
    warnings.warn("parse_v1 is deprecated; use parse()", DeprecationWarning, stacklevel=2)
    data = {}
    current = data.setdefault("default", {})
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("@"):
            current = data.setdefault(line[1:], {})
            continue
        if ":" not in line:
            raise ParseError(lineno, "expected key: value")
        key, value = _split_legacy(line)
        current[key] = _legacy_value(value)
    return data
