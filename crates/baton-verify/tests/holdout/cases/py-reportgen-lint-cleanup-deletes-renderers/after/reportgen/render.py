import csv
import io


def render_csv(rows, headers):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(headers)
    w.writerows(rows)
    return buf.getvalue()


def render_markdown(rows, headers):
    def cell(v):
        return str(v).replace("|", "\\|")

    out = [
        "| " + " | ".join(cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    for r in rows:
        out.append("| " + " | ".join(cell(v) for v in r) + " |")
    return "\n".join(out) + "\n"


RENDERERS = {"csv": render_csv, "md": render_markdown}
