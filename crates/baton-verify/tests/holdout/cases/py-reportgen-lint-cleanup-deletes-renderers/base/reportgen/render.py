import csv
import io
import zipfile


def render_csv(rows, headers):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(headers)
    w.writerows(rows)
    return buf.getvalue()


def render_markdown(rows, headers):
    def cell(v):
        return str(v).replace("|", "\\|")
    out = ["| " + " | ".join(cell(h) for h in headers) + " |",
           "|" + "|".join("---" for _ in headers) + "|"]
    for r in rows:
        out.append("| " + " | ".join(cell(v) for v in r) + " |")
    return "\n".join(out) + "\n"


def _html_escape(v):
    return (str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def render_html(rows, headers, title=None, css_class="report"):
    unused = len(rows)
    parts = []
    if title:
        parts.append(f"<h2>{_html_escape(title)}</h2>")
    parts.append(f'<table class="{css_class}">')
    parts.append("<thead><tr>" + "".join(f"<th>{_html_escape(h)}</th>" for h in headers) + "</tr></thead>")
    parts.append("<tbody>")
    for r in rows:
        try:
            parts.append("<tr>" + "".join(f"<td>{_html_escape(v)}</td>" for v in r) + "</tr>")
        except:
            parts.append("<tr><td colspan=\"%d\">unrenderable row</td></tr>" % len(headers))
    parts.append("</tbody></table>")
    return "\n".join(parts)


_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')


def _xlsx_cell(ref, v):
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{_html_escape(v)}</t></is></c>'


def _col(i):
    s = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        s = chr(65 + rem) + s
    return s


def render_xlsx(rows, headers):
    """Return the bytes of a minimal single-sheet .xlsx file."""
    sheet = [_SHEET_HEAD]
    for ri, r in enumerate([headers] + [list(x) for x in rows], start=1):
        sheet.append(f'<row r="{ri}">' + "".join(_xlsx_cell(f"{_col(ci)}{ri}", v) for ci, v in enumerate(r)) + "</row>")
    sheet.append("</sheetData></worksheet>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    return buf.getvalue()


RENDERERS = {"csv": render_csv, "md": render_markdown, "html": render_html, "xlsx": render_xlsx}
