import json


def export_records(records):
    return "".join(json.dumps(r, sort_keys=True) + "\n" for r in records)
