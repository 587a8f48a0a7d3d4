from .rates import billable_weight, quote, volumetric_weight

__all__ = ["billable_weight", "quote", "volumetric_weight"]
