"""Figures of the initialization notebook: per-layer statistics of a deep net, one line per scheme.

(Loss curves per scheme are drawn with :func:`linreg_helpers.plots.training_plots.plot_loss`.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..diagnostics import LayerStats
from ..validation import check_choice
from .style import OKABE_ITO, SCHEME_COLORS, STYLE, get_ax

QUANTITY_LABELS: dict[str, str] = {
    "activation_std": "activation std",
    "weight_grad_std": "weight-gradient std",
}
"""The per-layer quantities that can be plotted, with their axis labels."""

# Several schemes can give the same curve; distinct dashes and markers keep overlapping lines visible.
_LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)))
_MARKERS = ("o", "s", "^", "D", "v")


def _color(scheme: str, index: int) -> str:
    return SCHEME_COLORS.get(scheme, OKABE_ITO[index % len(OKABE_ITO)])


def _check_mapping(name: str, value: object) -> None:
    if not isinstance(value, Mapping) or not value:
        raise ValueError(f"{name} must be a non-empty mapping from scheme name to results, got {value!r}")


def plot_layer_statistics(
    stats_by_scheme: Mapping[str, Sequence[LayerStats]],
    quantity: str = "activation_std",
    ax: Axes | None = None,
    legend: bool = True,
) -> list[Line2D]:
    """Plot ``quantity`` per hidden layer on a log axis, one line per scheme; return the lines drawn.

    Each value of ``stats_by_scheme`` is what :func:`layer_statistics` returns for an MLP: the
    hidden layers, then the one-unit output layer, which is left out (it is not a hidden layer
    and its single unit would look like a sudden drop). A scheme whose values are all exactly 0
    cannot appear on a log axis: it gets a legend entry saying so (an empty line) instead of a curve,
    and if no scheme has a positive value a note in the axes says so. The y axis always reaches up
    to 1, the scale of the inputs.
    """
    _check_mapping("stats_by_scheme", stats_by_scheme)
    check_choice("quantity", quantity, tuple(QUANTITY_LABELS))
    ax = get_ax(ax)
    lines = []
    for i, (scheme, stats) in enumerate(stats_by_scheme.items()):
        if len(stats) < 2:
            raise ValueError(
                f"stats_by_scheme[{scheme!r}] must hold the hidden layers and the output layer, "
                f"got {len(stats)} entries"
            )
        stats = stats[:-1]
        layers = np.array([s.layer for s in stats])
        values = np.array([getattr(s, quantity) for s in stats], dtype=float)
        style = {
            "color": _color(scheme, i),
            "linestyle": _LINESTYLES[i % len(_LINESTYLES)],
            "marker": _MARKERS[i % len(_MARKERS)],
        }
        if np.all(values == 0):
            (line,) = ax.plot([], [], label=f"{scheme} (all exactly 0, off the log axis)", **style)
        else:
            (line,) = ax.plot(layers, np.where(values > 0, values, np.nan), label=scheme, **style)
        lines.append(line)
    ax.set_yscale("log")
    # The axis always reaches up to 1 (the inputs' scale), so tiny values look tiny, not like any curve.
    positive = [v for line in lines for v in np.asarray(line.get_ydata(), dtype=float) if v > 0]
    if positive:
        top = max(max(positive) * 3, 1.0)
        ax.set_ylim(min(min(positive) / 3, top / 100), top)  # at least two decades: labelled major ticks
    else:
        ax.set_ylim(1e-6, 1.0)
        ax.text(
            0.5,
            0.5,
            "every value is exactly 0:\nnothing to show on a log axis",
            transform=ax.transAxes,
            ha="center",
            va="center",
        )
    ax.set_xlabel("hidden layer")
    ax.set_ylabel(f"{QUANTITY_LABELS[quantity]} (log scale)")
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.yaxis.set_minor_formatter(mpl.ticker.NullFormatter())  # steady label widths in a live view
    if legend:
        ax.legend()
    return lines


def plot_statistics_panels(
    stats_by_scheme: Mapping[str, Sequence[LayerStats]],
    axes: Sequence[Axes] | None = None,
    title: str | None = None,
    legend: bool = True,
) -> list[Line2D]:
    """Activation std (left) and weight-gradient std (right) per layer, one legend outside on the right.

    ``legend=False`` leaves the legend out (a live view of one scheme names it in the title).
    Returns the lines drawn in both panels.
    """
    if axes is None:
        with mpl.rc_context(STYLE):
            _, axes = plt.subplots(1, 2, figsize=(12.0, 4.2))
    if len(axes) != 2:
        raise ValueError(f"axes must hold two Axes (left and right panel), got {len(axes)}")
    left = plot_layer_statistics(stats_by_scheme, "activation_std", ax=axes[0], legend=False)
    right = plot_layer_statistics(stats_by_scheme, "weight_grad_std", ax=axes[1], legend=False)
    if legend:
        axes[1].legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    if title is not None:
        axes[0].set_title(f"{title}: activations")
        axes[1].set_title(f"{title}: gradients")
    return left + right
