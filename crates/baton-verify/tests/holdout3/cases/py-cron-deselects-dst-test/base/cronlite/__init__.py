from .schedule import next_daily_run
