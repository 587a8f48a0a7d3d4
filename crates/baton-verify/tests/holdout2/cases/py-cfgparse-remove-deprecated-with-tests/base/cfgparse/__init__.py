from .loader import load, load_legacy_ini

__all__ = ["load", "load_legacy_ini"]
