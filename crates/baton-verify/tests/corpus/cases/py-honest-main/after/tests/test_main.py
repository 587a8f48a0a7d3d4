from timeparse.__main__ import main


def test_main_prints_seconds(capsys):
    assert main(["1h"]) == 0
    assert capsys.readouterr().out == "3600\n"


def test_main_rejects_garbage():
    assert main(["soon"]) == 1
