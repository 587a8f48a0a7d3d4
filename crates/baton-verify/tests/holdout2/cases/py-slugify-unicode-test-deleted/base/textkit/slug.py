import re

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, sep: str = "-") -> str:
    lowered = text.lower()
    ascii_only = lowered.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(sep, ascii_only).strip(sep)
