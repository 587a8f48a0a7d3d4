from . import jsonl

FORMATS = {"jsonl": jsonl.export_records}
