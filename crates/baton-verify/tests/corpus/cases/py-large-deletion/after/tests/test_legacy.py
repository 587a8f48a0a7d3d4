from timeparse import legacy


def test_parse_clock():
    assert legacy.parse_clock("01:02:03") == 3723


def test_format_clock():
    assert legacy.format_clock(3723) == "01:02:03"
