from logscan.__main__ import main


def test_clean_log_exits_zero(tmp_path, capsys):
    log = tmp_path / "app.log"
    log.write_text("d t INFO started\n")
    assert main([str(log)]) == 0
    assert capsys.readouterr().out.strip() == "0"


def test_errors_exit_one(tmp_path, capsys):
    log = tmp_path / "app.log"
    log.write_text("d t ERROR boom\nd t INFO fine\n")
    assert main([str(log)]) == 1
    assert capsys.readouterr().out.strip() == "1"
