from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo


def next_daily_run(now: datetime, hour: int, minute: int, tz_name: str) -> datetime:
    """Return the next UTC instant at which a job scheduled daily at
    `hour:minute` local time in `tz_name` should fire, strictly after `now`."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    tz = ZoneInfo(tz_name)
    local = now.astimezone(tz)
    candidate = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    candidate_utc = candidate.astimezone(timezone.utc)
    if candidate_utc <= now:
        candidate_utc += timedelta(days=1)
    return candidate_utc
