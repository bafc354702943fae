"""How computed numbers are shown: only the digits that hold on every CPU.

A float32 sum depends on the order of its additions, and that order depends on the CPU (its SIMD
width, the BLAS kernel it gets, the number of threads). Two machines that run the same seeded code
agree on the first five or so significant digits of a loss and may differ after that; parameters
after SGD may end a few float32 steps (2.4e-7 near 2) apart. So everything this package and the
notebooks print goes through these functions, which keep what the lesson needs and drop what
belongs to the machine.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from .language import say

LOSS_DIGITS: int = 3
"""Significant digits of a loss: enough to read the curve (0.600, 0.0112, 0.0000926), never the CPU's."""

ERROR_DECIMALS: int = 4
"""Decimals of an estimation error of ``w`` or ``b``, as the book prints them (``tensor([0.0002, -0.0006])``):
the errors are about 1e-4, and a digit at 1e-4 is 200 float32 steps wide, so no CPU's rounding moves it."""

ROUNDING_LEVEL: float = 1e-5
"""Below this, a difference between float32 numbers of the chapter's size (|w|, b up to 4.2) is rounding:
float32 values near 4.2 are 4.8e-7 apart, and runs that ought to agree end a few of those steps apart."""


def format_loss(value: float, digits: int = LOSS_DIGITS) -> str:
    """A loss (or another computed number) with ``digits`` significant digits, in the book's fixed-point
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


def format_values(values: ArrayLike, digits: int = LOSS_DIGITS) -> str:
    """The entries of an array or tensor of any shape (a gradient, say), each with ``digits`` significant
    digits as :func:`format_loss`, as ``[a, b]``."""
    return "[" + ", ".join(format_loss(float(v), digits) for v in _flat(values)) + "]"


def format_errors(values: ArrayLike, decimals: int = ERROR_DECIMALS) -> str:
    """Estimation errors (true minus learned) with ``decimals`` decimals, as ``[0.0001, -0.0004]``; a
    scalar gives one number."""
    texts = [f"{v:.{decimals}f}" for v in _flat(values)]
    texts = [text.lstrip("-") if float(text) == 0 else text for text in texts]  # no "-0.0000"
    return texts[0] if np.ndim(values) == 0 else "[" + ", ".join(texts) + "]"


def format_difference(value: float, below: float = ROUNDING_LEVEL) -> str:
    """A difference that a claim of equality is about: ``"below 1e-05"`` when ``|value| < below`` (its
    digits would be rounding), else two significant digits."""
    if math.isfinite(value) and abs(value) < below:
        return say("below {bound:.0e}", bound=below)
    return f"{value:#.2g}".rstrip(".")  # "#" keeps trailing zeros: 7.0e-05, not 7e-05


def _flat(values: ArrayLike) -> np.ndarray:
    return np.asarray(values, dtype=np.float64).reshape(-1)
