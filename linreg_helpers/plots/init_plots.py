"""Displays of the initialization notebook: per-layer statistics of a deep net, one line per scheme.

(Loss curves per scheme are drawn with :class:`linreg_helpers.plots.training_plots.LossDisplay`.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..diagnostics import LayerStats
from ..initializers import REGISTRY
from ..validation import check_choice
from .display import Display
from .style import OKABE_ITO, power_of_ten

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
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(power_of_ten))  # no mathtext: cheap live
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


class LayerStatisticsDisplay(Display):
    """One per-layer quantity on a log axis, one line per scheme.

    Each value of ``stats_by_scheme`` is what :func:`layer_statistics` returns for an MLP: the hidden
    layers, then the one-unit output layer, which is left out (it is not a hidden layer and its single
    unit would look like a sudden drop). A scheme whose values are all exactly 0 cannot appear on a log
    axis: it gets a legend entry saying so (an empty line) instead of a curve, and if no scheme has a
    positive value a note in the axes says so. The y limits are labelled powers of 10 around the data
    (:func:`decade_ticks`); for the activations they reach up to 1, the scale of the inputs, so tiny
    activations look tiny. Attributes after ``plot``: ``ax_``, ``figure_``, ``lines_``.
    """

    def __init__(
        self, stats_by_scheme: Mapping[str, Sequence[LayerStats]], quantity: str = "activation_std"
    ) -> None:
        _hidden_layer_values(stats_by_scheme, quantity)  # bad input fails before anything is drawn
        self.stats_by_scheme, self.quantity = stats_by_scheme, quantity

    @classmethod
    def from_stats(
        cls,
        stats_by_scheme: Mapping[str, Sequence[LayerStats]],
        quantity: str = "activation_std",
        *,
        ax: Axes | None = None,
        legend: bool = True,
    ) -> LayerStatisticsDisplay:
        """Build the display from per-layer statistics and draw it."""
        return cls(stats_by_scheme, quantity).plot(ax=ax, legend=legend)

    def plot(self, ax: Axes | None = None, legend: bool = True) -> LayerStatisticsDisplay:
        """Draw the lines (on ``ax``, or a new figure); return the display."""
        (ax,) = self._take_axes(ax)
        self.lines_: list[Line2D] = []
        for i in range(len(self.stats_by_scheme)):
            (line,) = ax.plot(
                [], [], linestyle=_LINESTYLES[i % len(_LINESTYLES)], marker=_MARKERS[i % len(_MARKERS)]
            )
            self.lines_.append(line)
        ax.set_yscale("log")
        _show_values(ax, self.lines_, self.stats_by_scheme, self.quantity)
        ax.set_xlabel("hidden layer")
        ax.set_ylabel(f"{QUANTITY_LABELS[self.quantity]} (log scale)")
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(nbins=6, integer=True, min_n_ticks=1))
        if legend:
            ax.legend()
        return self

    def update(self, stats_by_scheme: Mapping[str, Sequence[LayerStats]]) -> LayerStatisticsDisplay:
        """Show new statistics (for as many schemes) in the lines already drawn."""
        _check_mapping("stats_by_scheme", stats_by_scheme)
        if len(stats_by_scheme) != len(self.lines_):
            raise ValueError(
                f"stats_by_scheme must hold the {len(self.lines_)} schemes drawn, got {len(stats_by_scheme)}"
            )
        _show_values(self.ax_, self.lines_, stats_by_scheme, self.quantity)
        self.stats_by_scheme = stats_by_scheme
        return self


class StatisticsPanelsDisplay(Display):
    """Activation std (left) and weight-gradient std (right) per layer, one legend outside on the right.

    ``legend=False`` leaves the legend out (a live view of one scheme names it in the title).
    Attributes after ``plot``: ``axes_``, ``figure_``, ``activations_`` and ``gradients_`` (two
    :class:`LayerStatisticsDisplay`), ``lines_`` (the left panel's lines, then the right's).
    ``update`` shows new statistics in the same lines, the explorer's live redraw.
    """

    PANELS = 2
    PANEL_SIZE = (6.0, 4.2)

    def __init__(self, stats_by_scheme: Mapping[str, Sequence[LayerStats]], title: str | None = None) -> None:
        _hidden_layer_values(stats_by_scheme, "activation_std")
        self.stats_by_scheme, self.title = stats_by_scheme, title

    @classmethod
    def from_stats(
        cls,
        stats_by_scheme: Mapping[str, Sequence[LayerStats]],
        *,
        axes: Sequence[Axes] | None = None,
        title: str | None = None,
        legend: bool = True,
    ) -> StatisticsPanelsDisplay:
        """Build the display from per-layer statistics and draw it."""
        return cls(stats_by_scheme, title).plot(axes=axes, legend=legend)

    def plot(self, axes: Sequence[Axes] | None = None, legend: bool = True) -> StatisticsPanelsDisplay:
        """Draw both panels (into two ``axes``, or a new figure); return the display."""
        left, right = self._take_axes(axes)
        stats = self.stats_by_scheme
        self.activations_ = LayerStatisticsDisplay(stats, "activation_std").plot(ax=left, legend=False)
        self.gradients_ = LayerStatisticsDisplay(stats, "weight_grad_std").plot(ax=right, legend=False)
        if legend:
            right.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
        self._set_titles()
        return self

    @property
    def lines_(self) -> list[Line2D]:
        """The lines of both panels: the left panel's, then the right panel's."""
        return [*self.activations_.lines_, *self.gradients_.lines_]

    def update(
        self, stats_by_scheme: Mapping[str, Sequence[LayerStats]], title: str | None = None
    ) -> StatisticsPanelsDisplay:
        """Show new statistics in the lines already drawn: the picture a fresh display would draw
        (without legend), with no axes cleared, so no ticks rebuilt."""
        self.activations_.update(stats_by_scheme)
        self.gradients_.update(stats_by_scheme)
        self.stats_by_scheme, self.title = stats_by_scheme, title
        self._set_titles()
        return self

    def _set_titles(self) -> None:
        if self.title is not None:
            self.axes_[0].set_title(f"{self.title}: activations")
            self.axes_[1].set_title(f"{self.title}: gradients")
