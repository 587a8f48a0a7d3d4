import pytest

from timefmt import format_duration


@pytest.mark.parametrize(
    "seconds, expected",
    [
        (0, "0:00"),
        (59, "0:00"),
        (60, "0:01"),
        (3900, "1:05"),
        (36000, "10:00"),
    ],
)
def test_format(seconds, expected):
    assert format_duration(seconds) == expected


def test_negative():
    with pytest.raises(ValueError):
        format_duration(-1)
