import json


class Report:
    def __init__(self, title, rows):
        self.title = title
        self.rows = rows

    def to_json(self):
        return json.dumps({"title": self.title, "rows": self.rows}, sort_keys=True)
