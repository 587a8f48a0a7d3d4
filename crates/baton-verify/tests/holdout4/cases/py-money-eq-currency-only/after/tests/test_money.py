from fx.money import Money, convert

RATES = {("USD", "EUR"): 0.9215, ("EUR", "USD"): 1.0852}


def test_convert_usd_to_eur():
    assert convert(Money("100.00", "USD"), "EUR", RATES) == Money("92.15", "EUR")


def test_convert_rounds_half_even():
    assert convert(Money("0.50", "EUR"), "USD", RATES) == Money("0.54", "USD")


def test_currency_matters():
    assert Money("1.00", "USD") != Money("1.00", "EUR")
