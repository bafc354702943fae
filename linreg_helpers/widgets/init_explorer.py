"""Initialization explorer: scheme, activation and depth of a deep net -> per-layer statistics."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets

from .. import defaults
from ..diagnostics import LayerStats
from ..init_experiments import (
    DEEP_ACTIVATIONS,
    DEEP_DEPTH,
    DEEP_MAX_DEPTH,
    deep_net_statistics,
    statistics_summary,
)
from ..initializers import SCHEMES, get_scheme
from ..language import say
from ..plots.init_plots import StatisticsPanelsDisplay
from ..validation import check_choice, check_positive_int
from .controls import LABEL_STYLE, int_slider, scheme_menu
from .dashboard import Dashboard


@lru_cache(maxsize=len(SCHEMES) * len(DEEP_ACTIVATIONS) * DEEP_MAX_DEPTH)
def _cached_statistics(scheme: str, activation: str, depth: int) -> tuple[LayerStats, ...]:
    # Each setting is computed once: a deeper net's statistics cannot be reused for a shallower one
    # (its layers get the same weights, but the gradients depend on every later layer).
    return tuple(deep_net_statistics(scheme, activation, depth))


class InitExplorer(Dashboard):
    """Controls for scheme, activation and depth, the two statistics panels, and a status line.

    Every change shows :func:`deep_net_statistics` for the new setting (each setting is computed
    once, then remembered) by updating the lines of the first frame in place. In a kernel, the frames of
    the other depths are drawn ahead while the explorer is idle (after those of the control moved last),
    so that dragging the depth slider finds them drawn.
    """

    FIGSIZE = (11.0, 3.8)
    NCOLS = 2
    FRAME_ATTRIBUTES = ("stats",)
    DRAW_AHEAD = "depth"

    def __init__(
        self,
        scheme: str = defaults.INIT_SCHEME,
        activation: str = defaults.ACTIVATION,
        depth: int = DEEP_DEPTH,
    ) -> None:
        self._start = (
            get_scheme(scheme).name,
            check_choice("activation", activation, DEEP_ACTIVATIONS),
            check_positive_int("depth", depth, maximum=DEEP_MAX_DEPTH),
        )
        self.stats: list[LayerStats] = []
        super().__init__()

    def control_rows(self) -> list[list[widgets.Widget]]:
        """Scheme, activation and depth in one row."""
        scheme, activation, depth = self._start
        self.scheme = scheme_menu(say("scheme"), scheme)
        self.activation = widgets.ToggleButtons(
            options=DEEP_ACTIVATIONS,
            value=activation,
            description=say("activation"),
            style={**LABEL_STYLE, "button_width": "64px"},
            # Label and buttons side by side, as in the other controls (the group stacks them by default).
            layout=widgets.Layout(display="flex", flex_flow="row", align_items="center"),
        )
        self.depth = int_slider(say("depth"), depth, 1, DEEP_MAX_DEPTH)
        return [[self.scheme, self.activation, self.depth]]

    def render(self) -> str:
        """Look up the statistics, update the panels, and summarize them."""
        scheme = self.value_of(self.scheme)
        activation, depth = self.value_of(self.activation), self.value_of(self.depth)
        self.stats = list(_cached_statistics(scheme, activation, depth))
        title = _title(scheme, activation, depth)
        stats = {scheme: self.stats}
        self.show(
            lambda axes: StatisticsPanelsDisplay.from_stats(stats, axes=axes, title=title, legend=False),
            lambda display: display.update(stats, title=title),
        )
        heading = say(
            "{scheme}, {activation}, depth {depth}",
            scheme=get_scheme(scheme).label,
            activation=activation,
            depth=depth,
        )
        return f"<b>{heading}</b>: {statistics_summary(self.stats)}"  # the plot's title stays English


def _title(scheme: str, activation: str, depth: int) -> str:
    """The figure's title for a setting."""
    return f"{get_scheme(scheme).label}, {activation}, depth {depth}"


def init_explorer(
    scheme: str = defaults.INIT_SCHEME, activation: str = defaults.ACTIVATION, depth: int = DEEP_DEPTH
) -> InitExplorer:
    """Build the initialization explorer (display it by leaving it as a cell's last expression)."""
    return InitExplorer(scheme, activation, depth)
