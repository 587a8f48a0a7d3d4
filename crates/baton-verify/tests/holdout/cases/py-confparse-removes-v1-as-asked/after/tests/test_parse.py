import pytest

from confparse import ParseError, parse


def test_sections_and_types():
    text = "[server]\nport = 8080\ndebug = true\nname = \"api\"\n"
    assert parse(text) == {"server": {"port": 8080, "debug": True, "name": "api"}}


def test_key_outside_section():
    with pytest.raises(ParseError) as exc:
        parse("x = 1")
    assert exc.value.lineno == 1
