from .lengths import to_cm
