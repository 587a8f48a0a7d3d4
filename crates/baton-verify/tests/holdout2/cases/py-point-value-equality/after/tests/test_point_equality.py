from geometry.point import Point


def test_equal_by_value():
    assert Point(1, 2) == Point(1, 2)


def test_different_coordinates_not_equal():
    assert Point(1, 2) != Point(2, 1)


def test_not_equal_to_tuple():
    assert Point(1, 2) != (1, 2)


def test_usable_in_sets():
    assert len({Point(0, 0), Point(0, 0), Point(1, 0)}) == 2
