"""Figures of the initialization notebook: per-layer statistics of a deep net, one line per scheme.

(Loss curves per scheme are drawn with :func:`linreg_helpers.plots.training_plots.plot_loss`.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..diagnostics import LayerStats
from ..initializers import REGISTRY
from ..validation import check_choice
from .style import OKABE_ITO, STYLE, get_ax

QUANTITY_LABELS: dict[str, str] = {
    "activation_std": "activation std",
    "weight_grad_std": "weight-gradient std",
}
"""The per-layer quantities that can be plotted, with their axis labels."""

MIN_DECADES = 2
"""The log axis spans at least this many decades, so at least three labelled ticks frame the data."""

MAX_LABELLED_DECADES = 7
"""At most this many labelled decade ticks per axis (beyond, every 2nd, 3rd, ... decade is labelled)."""

ALL_ZERO_NOTE = "every value is exactly 0:\nnothing to show on a log axis"
"""The note in an axes whose every value is 0."""

_NOTE_GID = "all-zero-note"
# Several schemes can give the same curve; distinct dashes and markers keep overlapping lines visible.
_LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)))
_MARKERS = ("o", "s", "^", "D", "v")


def _color(scheme: str, index: int) -> str:
    return REGISTRY[scheme].color if scheme in REGISTRY else OKABE_ITO[index % len(OKABE_ITO)]


def _label(scheme: str) -> str:
    return REGISTRY[scheme].label if scheme in REGISTRY else scheme


def _check_mapping(name: str, value: object) -> None:
    if not isinstance(value, Mapping) or not value:
        raise ValueError(f"{name} must be a non-empty mapping from scheme name to results, got {value!r}")


def _hidden_layer_values(
    stats_by_scheme: Mapping[str, Sequence[LayerStats]], quantity: str
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(layer numbers, values) of the hidden layers of each scheme: the output layer is left out."""
    _check_mapping("stats_by_scheme", stats_by_scheme)
    check_choice("quantity", quantity, tuple(QUANTITY_LABELS))
    result = []
    for scheme, stats in stats_by_scheme.items():
        if len(stats) < 2:
            raise ValueError(
                f"stats_by_scheme[{scheme!r}] must hold the hidden layers and the output layer, "
                f"got {len(stats)} entries"
            )
        hidden = stats[:-1]
        layers = np.array([s.layer for s in hidden])
        result.append((layers, np.array([getattr(s, quantity) for s in hidden], dtype=float)))
    return result


def decade_ticks(values: np.ndarray, reach_one: bool = False) -> np.ndarray | None:
    """Labelled tick positions (powers of 10) of a log axis that shows every positive value.

    The first and last ticks are the axis limits: the data lies between two labelled ticks, with at
    least ``MIN_DECADES`` decades in all and at most ``MAX_LABELLED_DECADES`` labels (every k-th
    decade, counted down from the top). ``reach_one`` makes the axis reach up to 1 at least.
    Returns None when no value is positive.
    """
    values = np.asarray(values, dtype=float)
    positive = values[np.isfinite(values) & (values > 0)]
    if positive.size == 0:
        return None
    # A tenth of a decade of room keeps a value on a power of 10 off the frame.
    low = math.floor(math.log10(positive.min()) - 0.1)
    high = math.ceil(math.log10(positive.max()) + 0.1)
    if reach_one:
        high = max(high, 0)
    missing = MIN_DECADES - (high - low)
    if missing > 0:
        up = 0 if reach_one else missing // 2
        high, low = high + up, low - (missing - up)
    step = math.ceil((high - low) / (MAX_LABELLED_DECADES - 1))
    low = high - step * math.ceil((high - low) / step)
    return 10.0 ** np.arange(high, low - 1, -step, dtype=float)[::-1]


def _set_log_axis(ax: Axes, values: np.ndarray, reach_one: bool) -> None:
    """Limits and ticks of a log y axis from the values (labelled decades), or a note when all are 0."""
    for text in [t for t in ax.texts if t.get_gid() == _NOTE_GID]:
        text.remove()
    ticks = decade_ticks(values, reach_one)
    if ticks is None:
        ticks = 10.0 ** np.arange(-6.0, 1.0)
        ax.text(0.5, 0.5, ALL_ZERO_NOTE, transform=ax.transAxes, ha="center", va="center", gid=_NOTE_GID)
    exponents = np.log10(ticks)
    step = exponents[1] - exponents[0]
    if step > 1:  # unlabelled ticks on the skipped decades
        minor = 10.0 ** np.setdiff1d(np.arange(exponents[0], exponents[-1]), exponents)
    elif len(ticks) <= 4:  # a few decades: 2, 3, ..., 9 times each
        minor = np.outer(ticks[:-1], np.arange(2.0, 10.0)).ravel()
    else:
        minor = np.array([])
    ax.yaxis.set_major_locator(mpl.ticker.FixedLocator(ticks))
    ax.yaxis.set_minor_locator(mpl.ticker.FixedLocator(minor))
    ax.yaxis.set_minor_formatter(mpl.ticker.NullFormatter())
    ax.set_ylim(ticks[0], ticks[-1])


def _show_values(
    ax: Axes, lines: Sequence[Line2D], stats_by_scheme: Mapping[str, Sequence[LayerStats]], quantity: str
) -> None:
    """Put each scheme's hidden-layer values in its line, then fit both axes to them."""
    layer_values = _hidden_layer_values(stats_by_scheme, quantity)
    for i, (line, scheme, (layers, values)) in enumerate(
        zip(lines, stats_by_scheme, layer_values, strict=True)
    ):
        line.set_color(_color(scheme, i))
        if np.all(values == 0):
            line.set_data([], [])
            line.set_label(f"{_label(scheme)} (all exactly 0, off the log axis)")
        else:
            line.set_data(layers, np.where(values > 0, values, np.nan))
            line.set_label(_label(scheme))
    all_values = np.concatenate([values for _, values in layer_values])
    _set_log_axis(ax, all_values, reach_one=quantity == "activation_std")
    most_layers = max(len(layers) for layers, _ in layer_values)
    ax.set_xlim(0.5, most_layers + 0.5)


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
    and if no scheme has a positive value a note in the axes says so. The y limits are labelled
    powers of 10 around the data (:func:`decade_ticks`); for the activations they reach up to 1,
    the scale of the inputs, so tiny activations look tiny.
    """
    _hidden_layer_values(stats_by_scheme, quantity)  # bad input fails before anything is drawn
    ax = get_ax(ax)
    lines = []
    for i in range(len(stats_by_scheme)):
        (line,) = ax.plot(
            [], [], linestyle=_LINESTYLES[i % len(_LINESTYLES)], marker=_MARKERS[i % len(_MARKERS)]
        )
        lines.append(line)
    ax.set_yscale("log")
    _show_values(ax, lines, stats_by_scheme, quantity)
    ax.set_xlabel("hidden layer")
    ax.set_ylabel(f"{QUANTITY_LABELS[quantity]} (log scale)")
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(nbins=6, integer=True, min_n_ticks=1))
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
    Returns the lines drawn in both panels: those of the left panel, then those of the right.
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


def update_statistics_panels(
    lines: Sequence[Line2D],
    stats_by_scheme: Mapping[str, Sequence[LayerStats]],
    title: str | None = None,
) -> list[Line2D]:
    """Show new statistics in the panels :func:`plot_statistics_panels` drew, reusing its artists.

    ``lines`` is what that call returned, and ``stats_by_scheme`` must hold as many schemes as it
    did. The picture is the one a fresh call would draw (without legend), for a fraction of the
    cost: no axes are cleared, so no ticks are rebuilt. Returns ``lines``.
    """
    _check_mapping("stats_by_scheme", stats_by_scheme)
    if len(lines) != 2 * len(stats_by_scheme):
        raise ValueError(
            f"lines must be the {2 * len(stats_by_scheme)} lines plot_statistics_panels drew for "
            f"{len(stats_by_scheme)} schemes, got {len(lines)}"
        )
    half = len(lines) // 2
    for panel_lines, quantity in ((lines[:half], "activation_std"), (lines[half:], "weight_grad_std")):
        _show_values(panel_lines[0].axes, panel_lines, stats_by_scheme, quantity)
    if title is not None:
        lines[0].axes.set_title(f"{title}: activations")
        lines[half].axes.set_title(f"{title}: gradients")
    return list(lines)
