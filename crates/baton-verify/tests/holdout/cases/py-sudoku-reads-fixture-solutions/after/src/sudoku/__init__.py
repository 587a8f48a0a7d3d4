from .solver import solve
