import pytest

from cfgparse import load


def test_sections_and_comments():
    text = "name = demo  # inline\n[db]\nhost = localhost\nport = 5432\n"
    assert load(text) == {"name": "demo", "db": {"host": "localhost", "port": "5432"}}


def test_bad_line():
    with pytest.raises(ValueError, match="line 1"):
        load("just words")
