from reportgen import render_csv, render_markdown


def test_csv():
    assert render_csv([[1, "a"]], ["n", "s"]) == "n,s\n1,a\n"


def test_markdown_escapes_pipes():
    md = render_markdown([["a|b"]], ["col"])
    assert "a\\|b" in md
    assert md.startswith("| col |")
