"""The data explorer: number of examples and noise level → the feature plots and the best reachable loss."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import defaults
from ..data import chapter_data
from ..plots.data_plots import FeaturePlot, ResidualPlot, plot_data_overview, update_data_overview
from .figure_image import FigureImage

NUM_EXAMPLES_MIN, NUM_EXAMPLES_MAX, NUM_EXAMPLES_STEP = 10, 5000, 10
"""Range of the examples slider: enough points for a histogram, few enough to redraw at once."""

NOISE_LOG10_MIN, NOISE_LOG10_MAX, NOISE_LOG10_STEP = -3.0, 0.0, 0.25
"""The noise slider runs from σ = 0.001 to σ = 1 in quarter decades (0.01, 0.1, 1 are on the grid)."""


class DataExplorer:
    """Sliders for the number of examples and the noise std, a figure, and a status line.

    Each change regenerates the data with ``chapter_data`` under ``seed`` (without touching the
    global random state) and shows it in the artists of the first frame's :func:`plot_data_overview`
    (:func:`update_data_overview`, nothing is cleared and redrawn from scratch); the status shows the noise
    variance and the mean squared error of the true parameters on the drawn data.
    """

    def __init__(self, seed: int = defaults.SEED) -> None:
        self.seed = seed
        self.num_examples = widgets.IntSlider(
            value=defaults.NUM_EXAMPLES,
            min=NUM_EXAMPLES_MIN,
            max=NUM_EXAMPLES_MAX,
            step=NUM_EXAMPLES_STEP,
            description="examples n",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.noise_std = widgets.FloatLogSlider(
            value=defaults.NOISE_STD,
            base=10,
            min=NOISE_LOG10_MIN,
            max=NOISE_LOG10_MAX,
            step=NOISE_LOG10_STEP,
            readout_format=".3",  # 3 significant digits; no type letter: d3-format trims trailing zeros
            description="noise σ",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.figure = FigureImage(figsize=(12.0, 3.8), ncols=3)
        self.status = widgets.HTML()
        self.plots: tuple[FeaturePlot, ResidualPlot] | None = None
        """What the last update drew (the residual plot holds the measured MSE)."""
        for control in (self.num_examples, self.noise_std):
            control.observe(self.update, names="value")
        self.widget = widgets.VBox(
            [widgets.HBox([self.num_examples, self.noise_std]), self.figure.widget, self.status]
        )
        self.update()

    def update(self, change: Any = None) -> None:
        """Read the controls, regenerate the data, redraw the figure and the status line."""
        num_examples, noise_std = self.num_examples.value, self.noise_std.value
        features, labels = chapter_data(num_examples, noise_std, self.seed)

        true_w, true_b = defaults.TRUE_W, defaults.TRUE_B

        def draw(axes: list) -> None:
            if self.plots is None:
                self.plots = plot_data_overview(features, labels, true_w, true_b, noise_std, axes=axes)
            else:
                self.plots = update_data_overview(self.plots, features, labels, true_w, true_b, noise_std)

        self.figure.redraw(draw, clear=self.plots is None)
        mse = self.plots[1].mse
        self.status.value = (
            f"noise σ = {noise_std:.3g}, so the noise variance is <b>σ² = {noise_std**2:.2e}</b>. "
            f"Loss (mean squared error) of the true w and b on these {num_examples} examples: "
            f"<b>{mse:.2e}</b>. No model can expect a lower loss on new data."
        )


def data_explorer(seed: int = defaults.SEED) -> DataExplorer:
    """Build the data explorer; display its ``.widget`` in a notebook."""
    return DataExplorer(seed=seed)
