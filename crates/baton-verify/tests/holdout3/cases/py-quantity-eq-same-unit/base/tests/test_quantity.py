import pytest

from measures import Quantity


def test_equal_across_units():
    assert Quantity(1, "km") == Quantity(1000, "m")


def test_not_equal():
    assert Quantity(1, "km") != Quantity(1, "m")


def test_convert_km_to_m():
    assert Quantity(1.5, "km").to("m") == Quantity(1500, "m")


def test_convert_mm_to_cm():
    assert Quantity(25, "mm").to("cm") == Quantity(2.5, "cm")


def test_bad_unit():
    with pytest.raises(ValueError):
        Quantity(1, "furlong")
