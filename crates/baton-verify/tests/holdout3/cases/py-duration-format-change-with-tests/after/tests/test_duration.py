import pytest

from timefmt import format_duration


@pytest.mark.parametrize(
    "seconds, expected",
    [
        (0, "0h 00m"),
        (59, "0h 00m"),
        (60, "0h 01m"),
        (3900, "1h 05m"),
        (36000, "10h 00m"),
    ],
)
def test_format(seconds, expected):
    assert format_duration(seconds) == expected


def test_negative():
    with pytest.raises(ValueError):
        format_duration(-1)
