from .reader import parse, parse_line
