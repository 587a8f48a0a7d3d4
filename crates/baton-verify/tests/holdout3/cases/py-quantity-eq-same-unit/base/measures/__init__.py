from .quantity import Quantity
