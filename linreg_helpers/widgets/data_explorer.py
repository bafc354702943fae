"""The data explorer: number of examples and noise level → the feature plots and the best reachable loss."""

from __future__ import annotations

import ipywidgets as widgets

from .. import defaults
from ..data import chapter_data
from ..language import say
from ..plots.data_plots import DataOverviewDisplay
from ..validation import check_seed
from .controls import choice_slider, noise_slider
from .dashboard import Dashboard

EXAMPLE_COUNTS: tuple[int, ...] = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
"""Numbers of examples the slider offers, evenly spaced on a log scale: the few examples where the
measured loss strays from σ² get as much of the track as the many where it settles (on a slider of
every tenth number, 10 to 100 were its first few pixels), and every value can be drawn ahead."""


class DataExplorer(Dashboard):
    """Sliders for the number of examples and the noise std, a figure, and a status line.

    Each change regenerates the data with ``chapter_data`` under ``seed`` (without touching the
    global random state) and shows it in the artists of the first frame's :class:`DataOverviewDisplay`
    (its ``update``: nothing is cleared and redrawn from scratch); the status shows the noise variance
    and the mean squared error of the true parameters on the drawn data.
    """

    FIGSIZE = (12.0, 3.8)
    NCOLS = 3

    def __init__(self, seed: int = defaults.SEED) -> None:
        self.seed = check_seed(seed)
        super().__init__()

    def control_rows(self) -> list[list[widgets.Widget]]:
        """Examples and noise, side by side."""
        self.num_examples = choice_slider(say("examples n"), EXAMPLE_COUNTS, defaults.NUM_EXAMPLES)
        self.noise_std = noise_slider()
        return [[self.num_examples, self.noise_std]]

    def render(self) -> str:
        """Regenerate the data, show it, and say what the best reachable loss is."""
        num_examples, noise_std = self.value_of(self.num_examples), self.value_of(self.noise_std)
        features, labels = chapter_data(num_examples, noise_std, self.seed)
        self.show(
            lambda axes: DataOverviewDisplay.from_data(
                features, labels, defaults.TRUE_W, defaults.TRUE_B, noise_std, axes=axes
            ),
            lambda display: display.update(features, labels, noise_std),
        )
        mse = self.display.residuals_.mse  # the residual panel holds the measured MSE
        return say(
            "noise σ = {noise_std:.3g}, so the noise variance is <b>σ² = {variance:.2e}</b>. "
            "Loss (mean squared error) of the true w and b on these {n} examples: "
            "<b>{mse:.2e}</b>. No model can expect a lower loss on new data.",
            noise_std=noise_std,
            variance=noise_std**2,
            n=num_examples,
            mse=mse,
        )


def data_explorer(seed: int = defaults.SEED) -> DataExplorer:
    """Build the data explorer (display it by leaving it as a cell's last expression)."""
    return DataExplorer(seed=seed)
