from .legacy import parse_v1
from .parser import ParseError, parse

__all__ = ["parse", "parse_v1", "ParseError"]
