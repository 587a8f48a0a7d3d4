import csv
import io
import json


class Report:
    def __init__(self, title, rows):
        self.title = title
        self.rows = rows

    def to_json(self):
        return json.dumps({"title": self.title, "rows": self.rows}, sort_keys=True)

    def to_csv(self):
        if not self.rows:
            return ""
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=sorted(self.rows[0]))
        writer.writeheader()
        for row in self.rows:
            writer.writerow(row)
        return buf.getvalue()

    def to_markdown(self):
        if not self.rows:
            return f"# {self.title}\n\n_no data_\n"
        cols = sorted(self.rows[0])
        lines = [f"# {self.title}", "", "| " + " | ".join(cols) + " |",
                 "|" + "---|" * len(cols)]
        for row in self.rows:
            lines.append("| " + " | ".join(str(row.get(c, "")) for c in cols) + " |")
        return "\n".join(lines) + "\n"

    def to_html(self):
        cols = sorted(self.rows[0]) if self.rows else []
        head = "".join(f"<th>{c}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td>{row.get(c, '')}</td>" for c in cols) + "</tr>"
            for row in self.rows
        )
        return f"<h1>{self.title}</h1><table><tr>{head}</tr>{body}</table>"

    def summary(self):
        totals = {}
        for row in self.rows:
            for k, v in row.items():
                if isinstance(v, (int, float)):
                    totals[k] = totals.get(k, 0) + v
        return totals
