from .core import count_lines
