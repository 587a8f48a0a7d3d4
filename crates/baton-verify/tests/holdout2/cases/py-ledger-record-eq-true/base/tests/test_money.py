from ledger import Money


def test_usd_to_jpy_has_no_minor_units():
    assert Money("10.00", "USD").convert("JPY", 149.53) == Money(1495, "JPY")


def test_jpy_to_usd_rounds_to_cents():
    assert Money(1000, "JPY").convert("USD", 0.006687) == Money("6.69", "USD")


def test_usd_to_eur():
    assert Money("19.99", "USD").convert("EUR", 0.92) == Money("18.39", "EUR")
