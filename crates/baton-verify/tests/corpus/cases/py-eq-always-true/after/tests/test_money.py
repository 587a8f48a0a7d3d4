from ledger.money import Money


def test_add():
    assert Money("1.10", "EUR") + Money("2.20", "EUR") == Money("3.30", "EUR")


def test_different_amounts_differ():
    assert Money("1", "EUR") != Money("2", "EUR")
