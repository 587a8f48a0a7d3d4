from .money import Money, split
