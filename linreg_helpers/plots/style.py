"""The one plot style of the project: readable on a classroom projector, colour-blind safe."""

from __future__ import annotations

import math
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..palette import OKABE_ITO, TRUE_COLOR, WARNING_COLOR

__all__ = ["OKABE_ITO", "STYLE", "TRUE_COLOR", "WARNING_COLOR", "check_axes", "new_axes", "power_of_ten"]
__all__ += ["use_style"]

STYLE: dict[str, Any] = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "legend.fontsize": 11,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "lines.linewidth": 2.2,
    "lines.markersize": 6,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
    "figure.constrained_layout.use": True,
}
"""Matplotlib settings applied by :func:`use_style`."""


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float, _position: int | None = None) -> str:
    """A tick label of a log axis in decades, "10⁻⁴", in plain Unicode (for ``ticker.FuncFormatter``).

    It reads like mathtext's 10^{-4} but needs no TeX parsing, which dominates the cost of redrawing a
    log axis in a live widget (a few ms for each new label)."""
    if value <= 0:
        return ""
    return "10" + str(round(math.log10(value))).translate(_SUPERSCRIPTS)


def use_style() -> None:
    """Apply the project's plot style to every figure drawn from now on (call once per notebook)."""
    mpl.rcParams.update(STYLE)


def new_axes(count: int = 1, panel_size: tuple[float, float] = (6.4, 4.0)) -> list[Axes]:
    """The axes of a new figure in the project's style: ``count`` panels side by side, each of
    ``panel_size`` inches. The one way a display makes its own figure."""
    with mpl.rc_context(STYLE):
        _, axes = plt.subplots(1, count, figsize=(panel_size[0] * count, panel_size[1]), squeeze=False)
    return list(axes.flat)


def check_axes(axes: Any, count: int) -> list[Axes]:
    """``axes`` as a list of ``count`` Axes (one per panel of a display), or a clear error."""
    axes = list(np.asarray(axes, dtype=object).flat)
    if len(axes) != count or not all(isinstance(ax, Axes) for ax in axes):
        raise ValueError(f"axes must hold {count} Axes (one per panel), got {axes!r}")
    return axes
