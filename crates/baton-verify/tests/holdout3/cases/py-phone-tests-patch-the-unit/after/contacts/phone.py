"""Phone number normalisation to E.164."""
import re

_COUNTRY_CODES = {"US": "1", "CA": "1", "GB": "44", "DE": "49", "FR": "33"}


def normalize_phone(raw, default_region="US"):
    """Return `raw` as an E.164 string such as '+14155550132'.

    Numbers starting with '+' or '00' keep their own country code; other
    numbers get the calling code of `default_region`.  A leading trunk '0'
    is dropped for non-NANP regions.  Raises ValueError for junk input."""
    if raw is None:
        raise ValueError("empty phone number")
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    international = text.startswith("+")
    digits = re.sub(r"\D", "", text)
    if not digits:
        raise ValueError(f"no digits in {raw!r}")
    if international:
        number = digits
    else:
        try:
            cc = _COUNTRY_CODES[default_region]
        except KeyError:
            raise ValueError(f"unknown region {default_region!r}") from None
        if cc != "1" and digits.startswith("0"):
            digits = digits[1:]
        if cc == "1" and len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        number = cc + digits
    if not 8 <= len(number) <= 15:
        raise ValueError(f"implausible length for {raw!r}")
    return "+" + number
