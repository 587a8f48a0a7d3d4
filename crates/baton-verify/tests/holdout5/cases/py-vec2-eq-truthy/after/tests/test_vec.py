from geometry.vec import Vec2


def test_normalized():
    assert Vec2(3.0, 4.0).normalized() == Vec2(0.6, 0.8)


def test_rotate_zero():
    assert Vec2(1.0, 2.0).rotate(0) == Vec2(1.0, 2.0)
