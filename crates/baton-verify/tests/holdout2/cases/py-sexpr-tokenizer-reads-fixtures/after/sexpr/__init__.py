from .tokenize import tokenize
