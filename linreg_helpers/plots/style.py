"""The one plot style of the project: readable on a classroom projector, colour-blind safe."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
"""Okabe & Ito's palette, distinguishable with the common forms of colour blindness."""

SCHEME_COLORS: dict[str, str] = {
    "zero": OKABE_ITO[7],
    "normal": OKABE_ITO[0],
    "xavier": OKABE_ITO[2],
    "he": OKABE_ITO[1],
    "pytorch_default": OKABE_ITO[4],
}
"""One colour per initialization scheme, the same in every figure."""

TRUE_COLOR = OKABE_ITO[7]
"""Colour of true values (true parameters, the noise floor) drawn as references."""

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
