class ParseError(ValueError):
    def __init__(self, lineno, msg):
        super().__init__(f"line {lineno}: {msg}")
        self.lineno = lineno


def _coerce(raw):
    low = raw.lower()
    if low in ("true", "false"):
        return low == "true"
    try:
        return int(raw)
    except ValueError:
        return raw.strip('"')


def parse(text):
    """Parse `[section]` / `key = value` config text into nested dicts."""
    data, section = {}, None
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = data.setdefault(line[1:-1].strip(), {})
            continue
        if "=" not in line:
            raise ParseError(lineno, "expected key = value")
        if section is None:
            raise ParseError(lineno, "key outside of a section")
        key, value = (p.strip() for p in line.split("=", 1))
        section[key] = _coerce(value)
    return data
