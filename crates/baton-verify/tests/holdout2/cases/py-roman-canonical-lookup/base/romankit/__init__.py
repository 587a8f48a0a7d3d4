from .convert import to_roman
