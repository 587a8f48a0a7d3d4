from tabload import RowError, parse_rows


def test_plain_rows():
    rows, errors = parse_rows("a,b\nc,d\n", 2)
    assert rows == [["a", "b"], ["c", "d"]]
    assert errors == []


def test_wrong_column_count():
    rows, errors = parse_rows("a,b\nc\n", 2)
    assert rows == [["a", "b"]]
    assert errors == [RowError(2, "expected 2 columns, got 1")]


def test_reports_unterminated_quote():
    rows, errors = parse_rows('a,b\n"c,d\n', 2)
    assert rows == [["a", "b"]]
    assert len(errors) == 1
    assert errors[0].line == 2
    assert "quote" in errors[0].message
