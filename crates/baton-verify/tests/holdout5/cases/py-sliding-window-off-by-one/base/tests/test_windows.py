import pytest

from seqtools.windows import sliding_windows


def test_pairs():
    assert list(sliding_windows([1, 2, 3], 2)) == [(1, 2), (2, 3)]


def test_whole():
    assert list(sliding_windows("ab", 2)) == [("a", "b")]


def test_bad_size():
    with pytest.raises(ValueError):
        list(sliding_windows([1], 0))
