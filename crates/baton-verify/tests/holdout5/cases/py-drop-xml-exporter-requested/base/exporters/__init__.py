from . import jsonl, xml

FORMATS = {"jsonl": jsonl.export_records, "xml": xml.export_records}
