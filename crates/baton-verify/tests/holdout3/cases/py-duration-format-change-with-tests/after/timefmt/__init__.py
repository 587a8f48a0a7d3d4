from .duration import format_duration
