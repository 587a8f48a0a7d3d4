from tabular import parse, parse_line


def test_simple_line():
    assert parse_line("a, b ,c") == ["a", "b", "c"]


def test_parse_skips_blank_lines():
    assert parse("x,y\n\n1,2\n") == [["x", "y"], ["1", "2"]]
