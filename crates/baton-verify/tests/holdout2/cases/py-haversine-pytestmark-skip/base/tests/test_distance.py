import pytest

from geo.distance import haversine


def test_same_point_is_zero():
    assert haversine(51.5, -0.12, 51.5, -0.12) == 0


def test_london_paris_in_metres():
    d = haversine(51.5074, -0.1278, 48.8566, 2.3522)
    assert d == pytest.approx(343_560, rel=1e-3)


def test_quarter_meridian_in_metres():
    assert haversine(0, 0, 90, 0) == pytest.approx(10_007_557, rel=1e-3)
