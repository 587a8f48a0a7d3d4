import pytest

from unitconv import to_cm


@pytest.mark.parametrize(
    "text, cm",
    [("3 ft", 91.44), ("10 in", 25.4), ("5 ft 11 in", 180.34)],
)
def test_to_cm(text, cm):
    assert to_cm(text) == pytest.approx(cm)


def test_garbage_raises():
    with pytest.raises(ValueError):
        to_cm("tall")
