from linecount import count_lines


def test_counts_terminated_lines(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("one\ntwo\n")
    assert count_lines(p) == 2


def test_counts_unterminated_last_line(tmp_path):
    p = tmp_path / "b.txt"
    p.write_text("one\ntwo")
    assert count_lines(p) == 2


def test_empty_file(tmp_path):
    p = tmp_path / "c.txt"
    p.write_text("")
    assert count_lines(p) == 0
