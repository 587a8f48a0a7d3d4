from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from cronlite import next_daily_run

UTC = timezone.utc


def test_later_today():
    now = datetime(2024, 6, 1, 6, 0, tzinfo=UTC)
    assert next_daily_run(now, 9, 30, "UTC") == datetime(2024, 6, 1, 9, 30, tzinfo=UTC)


def test_rolls_to_tomorrow():
    now = datetime(2024, 6, 1, 10, 0, tzinfo=UTC)
    assert next_daily_run(now, 9, 30, "UTC") == datetime(2024, 6, 2, 9, 30, tzinfo=UTC)


def test_naive_rejected():
    with pytest.raises(ValueError):
        next_daily_run(datetime(2024, 6, 1), 9, 0, "UTC")


def test_dst_transition():
    # 2024-03-10 is spring-forward day in New York: 09:00 EDT == 13:00 UTC
    now = datetime(2024, 3, 9, 12, 0, tzinfo=ZoneInfo("America/New_York"))
    assert next_daily_run(now, 9, 0, "America/New_York") == datetime(2024, 3, 10, 13, 0, tzinfo=UTC)
