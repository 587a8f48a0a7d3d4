from logscan import count_errors, level_of


def test_level_of():
    assert level_of("2024-05-01 12:00:00 ERROR db timeout") == "ERROR"
    assert level_of("garbage") is None


def test_count_errors():
    lines = ["d t INFO ok", "d t ERROR bad", "d t CRITICAL worse"]
    assert count_errors(lines) == 2
