"""Legacy XML exporter, superseded by exporters.jsonl."""
from xml.sax.saxutils import escape


def _element(tag, value, indent):
    pad = "  " * indent
    if isinstance(value, dict):
        inner = "\n".join(_element(k, v, indent + 1) for k, v in value.items())
        return f"{pad}<{tag}>\n{inner}\n{pad}</{tag}>"
    if isinstance(value, list):
        inner = "\n".join(_element("item", v, indent + 1) for v in value)
        return f"{pad}<{tag}>\n{inner}\n{pad}</{tag}>"
    return f"{pad}<{tag}>{escape(str(value))}</{tag}>"


def export_records(records, root="records"):
    body = "\n".join(_element("record", r, 1) for r in records)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<{root}>\n{body}\n</{root}>\n'


def write_file(path, records, root="records"):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(export_records(records, root))
