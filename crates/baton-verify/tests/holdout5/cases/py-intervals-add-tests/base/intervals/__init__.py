from .core import merge
