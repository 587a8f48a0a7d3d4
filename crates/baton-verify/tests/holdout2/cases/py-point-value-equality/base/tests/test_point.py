from geometry.point import Point


def test_distance():
    assert Point(0, 0).distance_to(Point(3, 4)) == 5.0


def test_repr():
    assert repr(Point(1, 2)) == "Point(1, 2)"
