"""Tolerant CSV loading for the import wizard."""
import csv
import io
from dataclasses import dataclass


@dataclass
class RowError:
    line: int
    message: str


def parse_rows(text, expected_columns):
    """Parse CSV text. Returns (rows, errors); rows with the wrong number of
    columns are reported in `errors` instead of aborting the import."""
    rows, errors = [], []
    reader = csv.reader(io.StringIO(text), strict=True)
    for record in reader:
        if len(record) != expected_columns:
            errors.append(RowError(reader.line_num, f"expected {expected_columns} columns, got {len(record)}"))
            continue
        rows.append(record)
    return rows, errors
