"""Initialization explorer: scheme, activation and depth of a deep net -> per-layer statistics."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
from matplotlib.lines import Line2D

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
from ..plots.init_plots import plot_statistics_panels, update_statistics_panels
from ..validation import check_choice, check_positive_int
from .figure_image import FigureImage

CONTROL_STYLE = {"description_width": "80px"}
"""One label width for every control, so the three line up the same way."""


@lru_cache(maxsize=len(SCHEMES) * len(DEEP_ACTIVATIONS) * DEEP_MAX_DEPTH)
def _cached_statistics(scheme: str, activation: str, depth: int) -> tuple[LayerStats, ...]:
    # Each setting is computed once: a deeper net's statistics cannot be reused for a shallower one
    # (its layers get the same weights, but the gradients depend on every later layer).
    return tuple(deep_net_statistics(scheme, activation, depth))


class InitExplorer:
    """Controls for scheme, activation and depth, the two statistics panels, and a status line.

    Every change shows :func:`deep_net_statistics` for the new setting (each setting is computed
    once, then remembered) by updating the lines of the first frame in place.
    """

    def __init__(
        self,
        scheme: str = defaults.INIT_SCHEME,
        activation: str = defaults.ACTIVATION,
        depth: int = DEEP_DEPTH,
    ) -> None:
        check_choice("scheme", scheme, SCHEMES)
        check_choice("activation", activation, DEEP_ACTIVATIONS)
        check_positive_int("depth", depth, maximum=DEEP_MAX_DEPTH)
        self.scheme = widgets.Dropdown(
            options=SCHEMES,
            value=scheme,
            description="scheme",
            style=CONTROL_STYLE,
            layout=widgets.Layout(width="260px"),
        )
        self.activation = widgets.ToggleButtons(
            options=DEEP_ACTIVATIONS,
            value=activation,
            description="activation",
            style={**CONTROL_STYLE, "button_width": "64px"},
            # Label and buttons side by side, as in the other controls (the group stacks them by default).
            layout=widgets.Layout(display="flex", flex_flow="row", align_items="center"),
        )
        self.depth = widgets.IntSlider(
            value=depth,
            min=1,
            max=DEEP_MAX_DEPTH,
            step=1,
            description="depth",
            continuous_update=False,
            style=CONTROL_STYLE,
        )
        self.status = widgets.HTML()
        self.view = FigureImage(figsize=(11.0, 3.8), ncols=2)
        self.stats: list[LayerStats] = []
        self.lines: list[Line2D] = []
        """The two lines drawn in the first frame, updated in place afterwards."""
        for control in (self.scheme, self.activation, self.depth):
            control.observe(self.update, names="value")
        controls = widgets.HBox(
            [self.scheme, self.activation, self.depth], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.widget = widgets.VBox([controls, self.view.widget, self.status])
        self.update()

    def update(self, change: object = None) -> None:
        """Read the controls, look up the statistics, redraw the panels and the status line."""
        scheme, activation, depth = self.scheme.value, self.activation.value, self.depth.value
        self.stats = list(_cached_statistics(scheme, activation, depth))
        title = f"{scheme}, {activation}, depth {depth}"
        if self.lines:
            self.view.redraw(
                lambda axes: update_statistics_panels(self.lines, {scheme: self.stats}, title=title),
                clear=False,
            )
        else:
            self.view.redraw(self._first_frame(scheme, title))
        self.status.value = f"<b>{title}</b>: {statistics_summary(self.stats)}"

    def _first_frame(self, scheme: str, title: str):  # noqa: ANN202 (a drawing callback)
        def draw(axes: list) -> None:
            self.lines = plot_statistics_panels({scheme: self.stats}, axes=axes, title=title, legend=False)

        return draw

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)


def init_explorer(
    scheme: str = defaults.INIT_SCHEME, activation: str = defaults.ACTIVATION, depth: int = DEEP_DEPTH
) -> InitExplorer:
    """Build the initialization explorer (display it by leaving it as a cell's last expression)."""
    return InitExplorer(scheme, activation, depth)
