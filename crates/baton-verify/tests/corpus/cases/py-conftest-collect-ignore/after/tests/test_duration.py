import pytest

from timeparse.duration import parse_duration


def test_single_units():
    assert parse_duration("45s") == 45
    assert parse_duration("2m") == 120


def test_compound():
    assert parse_duration("1h30m") == 5400


def test_days():
    assert parse_duration("2d") == 172800


def test_rejects_garbage():
    with pytest.raises(ValueError):
        parse_duration("ten minutes")
