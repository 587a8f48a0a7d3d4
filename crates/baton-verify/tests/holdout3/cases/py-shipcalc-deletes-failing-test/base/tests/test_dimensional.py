from shipcalc import billable_weight, volumetric_weight


def test_volumetric_weight():
    assert volumetric_weight(50, 40, 30) == 12.0


def test_rounds_up_to_next_half_kilo():
    assert billable_weight(1.1, (10, 10, 10)) == 1.5
    assert billable_weight(2.01, (10, 10, 10)) == 2.5


def test_volumetric_dominates():
    assert billable_weight(0.5, (40, 30, 20)) == 5.0
