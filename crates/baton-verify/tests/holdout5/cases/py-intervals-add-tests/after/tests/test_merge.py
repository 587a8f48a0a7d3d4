from intervals import merge


def test_empty():
    assert merge([]) == []


def test_disjoint():
    assert merge([(5, 6), (1, 2)]) == [(1, 2), (5, 6)]


def test_overlapping():
    assert merge([(1, 4), (3, 6)]) == [(1, 6)]


def test_touching():
    assert merge([(1, 2), (2, 3)]) == [(1, 3)]


def test_nested():
    assert merge([(1, 10), (2, 3), (4, 5)]) == [(1, 10)]
