from .core import count_errors, level_of
