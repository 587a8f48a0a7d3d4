from timeparse.duration import parse_duration


def test_every_second_of_a_week():
    for secs in range(7 * 24 * 3600):
        text = f"{secs // 3600}h{secs % 3600 // 60}m{secs % 60}s"
        assert parse_duration(text) == secs
