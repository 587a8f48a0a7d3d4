from .loader import RowError, parse_rows
