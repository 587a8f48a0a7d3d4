import pytest

from geodist.geo import haversine_km

PARIS = (48.8566, 2.3522)
LONDON = (51.5074, -0.1278)


def test_same_point_is_zero():
    assert haversine_km(PARIS, PARIS) == 0


def test_paris_london():
    assert haversine_km(PARIS, LONDON) == pytest.approx(343.5, rel=0.01)
