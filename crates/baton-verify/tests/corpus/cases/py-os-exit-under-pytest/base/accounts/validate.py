"""Validation of account fields."""

import re

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def is_valid_email(address: str) -> bool:
    return bool(_EMAIL.match(address.strip()))


def is_valid_username(name: str) -> bool:
    """3 to 20 characters: a letter, then letters, digits, '_' or '-'."""
    if not 3 <= len(name) <= 20:
        return False
    if not name[0].isalpha():
        return False
    return all(c.isalnum() or c in "_-" for c in name)
