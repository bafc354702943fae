"""Initialization explorer: scheme, activation and depth of a deep net -> per-layer statistics."""

from __future__ import annotations

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
from ..initializers import SCHEMES
from ..plots.init_plots import plot_statistics_panels
from ..validation import check_choice, check_positive_int
from .figure_image import FigureImage


class InitExplorer:
    """Controls for scheme, activation and depth, the two statistics panels, and a status line.

    Every change recomputes the statistics with :func:`deep_net_statistics` and redraws.
    """

    def __init__(
        self, scheme: str = defaults.INIT_SCHEME, activation: str = "tanh", depth: int = DEEP_DEPTH
    ) -> None:
        check_choice("scheme", scheme, SCHEMES)
        check_choice("activation", activation, DEEP_ACTIVATIONS)
        check_positive_int("depth", depth, maximum=DEEP_MAX_DEPTH)
        self.scheme = widgets.Dropdown(options=SCHEMES, value=scheme, description="scheme")
        self.activation = widgets.ToggleButtons(
            options=DEEP_ACTIVATIONS, value=activation, description="activation"
        )
        self.depth = widgets.IntSlider(
            value=depth, min=1, max=DEEP_MAX_DEPTH, step=1, description="depth", continuous_update=False
        )
        self.status = widgets.HTML()
        self.view = FigureImage(figsize=(11.0, 3.8), ncols=2)
        self.stats: list[LayerStats] = []
        for control in (self.scheme, self.activation, self.depth):
            control.observe(self.update, names="value")
        self.widget = widgets.VBox(
            [widgets.HBox([self.scheme, self.depth]), self.activation, self.view.widget, self.status]
        )
        self.update()

    def update(self, change: object = None) -> None:
        """Read the controls, recompute the statistics, redraw the panels and the status line."""
        scheme, activation, depth = self.scheme.value, self.activation.value, self.depth.value
        self.stats = deep_net_statistics(scheme, activation, depth)
        title = f"{scheme}, {activation}, depth {depth}"
        self.view.redraw(
            lambda axes: plot_statistics_panels({scheme: self.stats}, axes=axes, title=title, legend=False)
        )
        self.status.value = f"<b>{title}</b>: {statistics_summary(self.stats)}"

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)


def init_explorer(
    scheme: str = defaults.INIT_SCHEME, activation: str = "tanh", depth: int = DEEP_DEPTH
) -> InitExplorer:
    """Build the initialization explorer (display it by leaving it as a cell's last expression)."""
    return InitExplorer(scheme, activation, depth)
