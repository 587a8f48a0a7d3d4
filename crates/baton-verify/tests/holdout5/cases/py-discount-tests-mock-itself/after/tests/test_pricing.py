from unittest import mock

from shop import pricing


def test_save10():
    with mock.patch.object(pricing, "apply_discount", return_value=900):
        assert pricing.apply_discount(1000, "SAVE10") == 900


def test_flat500_floor():
    with mock.patch.object(pricing, "apply_discount", return_value=0):
        assert pricing.apply_discount(300, "FLAT500") == 0


def test_unknown_code():
    with mock.patch("shop.pricing.apply_discount", side_effect=lambda p, c: p):
        assert pricing.apply_discount(1234, "NOPE") == 1234
