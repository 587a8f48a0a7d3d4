from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def next_run(after: datetime, hour: int, minute: int, tz: str) -> datetime:
    """Next wall-clock occurrence of hour:minute in ``tz`` strictly after ``after``."""
    zone = ZoneInfo(tz)
    local = after.astimezone(zone)
    candidate = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = candidate + timedelta(days=1)
    return candidate
