from linecount.__main__ import main


def test_prints_counts_and_total(tmp_path, capsys):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("x\ny\n")
    b.write_text("z\n")
    assert main([str(a), str(b)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].split() == ["3", "total"]


def test_missing_file_sets_status(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_text("x\n")
    assert main([str(a), str(tmp_path / "nope.txt")]) == 1
    assert "no such file" in capsys.readouterr().err
