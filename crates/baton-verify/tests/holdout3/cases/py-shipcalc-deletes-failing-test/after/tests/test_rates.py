import pytest

from shipcalc import quote


def test_standard_quote():
    assert quote("standard", 2.0, (10, 10, 10)) == 8.4


def test_express_quote():
    assert quote("express", 3.0, (10, 10, 10)) == 23.7


def test_unknown_service():
    with pytest.raises(ValueError, match="unknown service"):
        quote("overnight", 1.0, (1, 1, 1))
