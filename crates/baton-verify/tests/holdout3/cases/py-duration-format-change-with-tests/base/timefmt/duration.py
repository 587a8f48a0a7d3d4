def format_duration(seconds: int) -> str:
    """Format a duration in seconds for the dashboard, e.g. 3900 -> '1:05'."""
    if seconds < 0:
        raise ValueError("negative duration")
    minutes = seconds // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}"
