"""The exp and log that the data problems call, in one place.

They are the only operations of docs/golden-format.md that IEEE 754 does not round correctly: Python's math.exp and
math.log call the platform's libm, which rounds faithfully (within 1 ULP), and another libm may return the other
neighbour. The checker calls them through this module (looked up at each call) so that a test can substitute a
different, equally faithful libm and show that the files still pass (test_check.py).
"""

import math


def exp(x):
    return math.exp(x)


def log(x):
    return math.log(x)
