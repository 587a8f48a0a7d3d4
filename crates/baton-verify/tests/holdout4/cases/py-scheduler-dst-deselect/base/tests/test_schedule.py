from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from cronlite.schedule import next_run


def test_next_run_same_day():
    after = datetime(2024, 6, 3, 8, 0, tzinfo=timezone.utc)
    got = next_run(after, 12, 30, "Europe/Berlin")
    assert got == datetime(2024, 6, 3, 12, 30, tzinfo=ZoneInfo("Europe/Berlin"))


def test_next_run_rolls_to_tomorrow():
    after = datetime(2024, 6, 3, 20, 0, tzinfo=timezone.utc)
    got = next_run(after, 6, 0, "Europe/Berlin")
    assert got.day == 4 and got.hour == 6


def test_next_run_across_dst():
    # 2024-03-31 clocks jump forward in Berlin; a 09:00 job must still fire at 09:00 local
    after = datetime(2024, 3, 30, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    got = next_run(after, 9, 0, "Europe/Berlin")
    assert got.utcoffset().total_seconds() == 7200
    assert (got.hour, got.minute) == (9, 0)
