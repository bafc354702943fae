"""How computed numbers are shown: only the digits that hold on every CPU.

A float32 sum depends on the order of its additions, and that order depends on the CPU (its SIMD
width, the BLAS kernel it gets, the number of threads). Two machines that run the same seeded code
agree on the first five or six significant digits of a loss or a parameter and may differ after
that. So everything this package and the notebooks print goes through these functions, which keep
what the lesson needs and drop what belongs to the machine.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

LOSS_DIGITS: int = 3
"""Significant digits of a loss: enough to read the curve (0.600, 0.0112, 0.0000926), never the CPU's."""

ROUNDING_LEVEL: float = 1e-5
"""Below this, a difference between float32 numbers of the chapter's size (|w|, b up to 4.2) is rounding.
Float32 values near 4.2 are 4.8e-7 apart, and two CPUs' SGD runs (or two runs that ought to agree) end
a few of those steps apart; estimation errors below 1e-5 are shown as "below 1e-05" for the same reason."""


def format_loss(value: float, digits: int = LOSS_DIGITS) -> str:
    """A loss (or any positive quantity) with ``digits`` significant digits, in the book's fixed-point
    style (``0.600``, ``0.0112``, ``0.0000926``); scientific notation from 1e4 up and below 1e-7."""
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    if exponent >= 4 or exponent < -7:
        return f"{value:.{digits - 1}e}"
    decimals = digits - 1 - exponent
    return f"{round(value, decimals):.{max(decimals, 0)}f}"


def format_small(value: float, below: float = ROUNDING_LEVEL, digits: int = 2) -> str:
    """A signed quantity (an estimation error, a difference, a gradient) with ``digits`` significant
    digits, or ``"below 1e-05"`` when ``|value| < below``: under ``below`` the digits are rounding."""
    if math.isfinite(value) and abs(value) < below:
        return f"below {below:.0e}"
    return f"{value:#.{digits}g}".rstrip(".")  # "#" keeps trailing zeros: 7.0e-05, not 7e-05


def format_values(values: ArrayLike, below: float = ROUNDING_LEVEL, digits: int = 2) -> str:
    """The entries of an array or tensor of any shape (a gradient, the errors of ``w``), each as
    :func:`format_small`, as ``[a, b]``."""
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    return "[" + ", ".join(format_small(float(v), below, digits) for v in flat) + "]"
