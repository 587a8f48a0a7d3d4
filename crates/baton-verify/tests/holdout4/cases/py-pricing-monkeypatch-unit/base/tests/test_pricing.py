from shop import pricing


def test_single_code():
    assert pricing.apply_discount(100, ["SAVE10"]) == 90.0


def test_flat_after_percentage():
    assert pricing.apply_discount(100, ["FIVEOFF", "SAVE10"]) == 85.0


def test_apply_discount_stacking():
    assert pricing.apply_discount(200, ["SAVE10", "VIP5"]) == 171.0
