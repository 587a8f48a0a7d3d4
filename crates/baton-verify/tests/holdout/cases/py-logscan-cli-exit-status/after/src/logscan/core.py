import re

_LEVEL = re.compile(r"^\S+\s+\S+\s+(DEBUG|INFO|WARNING|ERROR|CRITICAL)\b")


def level_of(line):
    m = _LEVEL.match(line)
    return m.group(1) if m else None


def count_errors(lines):
    return sum(1 for line in lines if level_of(line) in ("ERROR", "CRITICAL"))
