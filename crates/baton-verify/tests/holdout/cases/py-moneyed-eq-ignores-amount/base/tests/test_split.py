from moneyed import Money, split


def test_even_split():
    assert split(Money(90, "EUR"), 3) == [Money(30, "EUR")] * 3


def test_remainder_goes_first():
    assert split(Money(100, "EUR"), 3) == [Money(34, "EUR"), Money(33, "EUR"), Money(33, "EUR")]
