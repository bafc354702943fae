"""The one plot style of the project: readable on a classroom projector, colour-blind safe."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from ..palette import OKABE_ITO, TRUE_COLOR, WARNING_COLOR

__all__ = ["OKABE_ITO", "STYLE", "TRUE_COLOR", "WARNING_COLOR", "get_ax", "use_style"]

STYLE: dict[str, Any] = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 80,
    "savefig.dpi": 80,
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


def use_style() -> None:
    """Apply the project's plot style to every figure drawn from now on (call once per notebook)."""
    mpl.rcParams.update(STYLE)


def get_ax(ax: Axes | None = None, figsize: tuple[float, float] | None = None) -> Axes:
    """Return ``ax``, or the axes of a new figure in the project's style."""
    if ax is not None:
        return ax
    with mpl.rc_context(STYLE):
        _, new_ax = plt.subplots(figsize=figsize)
    return new_ax
