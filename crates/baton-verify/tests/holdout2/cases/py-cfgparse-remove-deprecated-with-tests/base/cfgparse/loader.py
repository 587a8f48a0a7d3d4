import warnings


def load(text):
    """Parse ``key = value`` lines grouped under ``[section]`` headers."""
    data = {}
    section = data
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = data.setdefault(line[1:-1].strip(), {})
            continue
        if "=" not in line:
            raise ValueError(f"line {lineno}: expected key = value")
        key, value = (part.strip() for part in line.split("=", 1))
        section[key] = value
    return data


def load_legacy_ini(path):
    """Deprecated since 2.0: read an old-style INI file with ':' separators."""
    warnings.warn("load_legacy_ini is deprecated; use load()", DeprecationWarning, stacklevel=2)
    with open(path, encoding="latin-1") as fh:
        text = fh.read()
    converted = []
    for raw in text.splitlines():
        if ":" in raw and "=" not in raw and not raw.lstrip().startswith("["):
            key, value = raw.split(":", 1)
            raw = f"{key} = {value}"
        converted.append(raw)
    return load("\n".join(converted))
