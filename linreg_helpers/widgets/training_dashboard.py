"""The training dashboard: learning rate, batch size, epochs, initialization and noise -> a training run.

A thin view: the data come from ``synthetic_data`` (seeded), the run from ``train_fast``, the figure
from ``replot_training_run``, the stability limit from ``max_stable_lr``. The callback reads its
controls and redraws one reused :class:`FigureImage`.
"""

from __future__ import annotations

import functools
import html
import math

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import torch

from .. import defaults
from ..data import chapter_data
from ..fast_training import train_fast
from ..history import History, is_diverging, status_text
from ..initializers import SCHEMES, initialize
from ..models import linear_net
from ..palette import WARNING_COLOR
from ..plots.training_plots import replot_training_run
from ..stability import max_stable_lr
from ..validation import check_positive_int, check_seed
from .figure_image import FigureImage

LR_RANGE: tuple[float, float] = (1e-4, 10**0.3)
"""Learning rates the slider offers: from crawling to well past the stability limit (about 0.9)."""

BATCH_SIZES: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
"""Batch sizes the slider offers; 1000 (all examples) is full-batch gradient descent."""

MAX_EPOCHS = 30
"""Upper end of the epochs slider: keeps the slowest setting (batch size 1) under half a second."""

NOISE_RANGE: tuple[float, float] = (1e-3, 1.0)
"""Noise standard deviations the slider offers."""


@functools.lru_cache(maxsize=16)
def _chapter_boundary(noise_std: float, num_examples: int, seed: int) -> float:
    # An eigenvalue problem per slider step is wasted work: the data only change with these arguments.
    return max_stable_lr(chapter_data(num_examples, noise_std, seed)[0])


def _log_slider(
    description: str, value: float, bounds: tuple[float, float], step: float
) -> widgets.FloatLogSlider:
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=math.log10(bounds[0]),
        max=math.log10(bounds[1]),
        step=step,
        description=description,
        readout_format=".3g",
        continuous_update=False,
        style={"description_width": "initial"},
    )


class TrainingDashboard:
    """Sliders for one training run of the chapter's model, its figure and a status line.

    After every update, ``history`` and ``steps`` hold the run (as ``train_fast`` returns them),
    ``status_text`` the plain-text status and ``image`` the PNG bytes shown.
    """

    def __init__(self, num_examples: int = defaults.NUM_EXAMPLES, seed: int = defaults.SEED) -> None:
        self.num_examples = check_positive_int("num_examples", num_examples, maximum=100_000)
        self.seed = check_seed(seed)
        self.lr = _log_slider("learning rate", defaults.LR, LR_RANGE, 0.1)
        self.batch_size = widgets.SelectionSlider(
            options=BATCH_SIZES,
            value=defaults.BATCH_SIZE,
            description="batch size",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.epochs = widgets.IntSlider(
            value=defaults.NUM_EPOCHS,
            min=1,
            max=MAX_EPOCHS,
            description="epochs",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.init = widgets.Dropdown(
            options=SCHEMES,
            value=defaults.INIT_SCHEME,
            description="initialization",
            style={"description_width": "initial"},
        )
        self.noise = _log_slider("noise σ", defaults.NOISE_STD, NOISE_RANGE, 0.25)
        self.status = widgets.HTML()
        self.view = FigureImage(figsize=(10.0, 3.8), ncols=2)
        self._use_fixed_margins()
        self.history: History | None = None
        self.steps: np.ndarray | None = None
        self.status_text = ""
        self.image = b""
        self.controls = (self.lr, self.batch_size, self.epochs, self.init, self.noise)
        for control in self.controls:
            control.observe(self.update, names="value")
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.lr, self.batch_size, self.epochs]),
                widgets.HBox([self.init, self.noise]),
                self.status,
                self.view.widget,
            ]
        )
        self.update()

    def update(self, change: dict | None = None) -> None:
        """Train with the controls' current values and redraw (the callback of every control)."""
        noise_std = self.noise.value
        features, labels = chapter_data(self.num_examples, noise_std, self.seed)
        boundary = _chapter_boundary(noise_std, self.num_examples, self.seed)
        net = initialize(linear_net(features.shape[1]), self.init.value, seed=self.seed)
        history, steps = train_fast(
            net,
            features,
            labels,
            lr=self.lr.value,
            batch_size=self.batch_size.value,
            num_epochs=self.epochs.value,
            generator=torch.Generator().manual_seed(self.seed),
            record_steps=True,
        )
        self.history, self.steps = history, steps
        self.image = bytes(
            self.view.redraw(
                lambda axes: replot_training_run(
                    axes, history, steps, defaults.TRUE_W, noise_var=noise_std**2, boundary=boundary
                ),
                clear=False,  # keep the axes and their ticks; replot_training_run swaps the artists
            )
        )
        # The status after the plot: both reach the browser together, and the plot is not held up.
        self.status_text = status_text(history, boundary, noise_std**2)
        style = f"color:{WARNING_COLOR};font-weight:bold" if is_diverging(history) else ""
        lines = "<br>".join(html.escape(line) for line in self.status_text.splitlines())
        self.status.value = f'<span style="{style}">{lines}</span>'

    def _use_fixed_margins(self) -> None:
        # Fixed margins, set once, instead of a layout engine: this figure keeps its shape whatever
        # the controls say, and constrained layout would cost about as much as drawing. (rcParams
        # are overridden because set_layout_engine(None) falls back to them, and the project's
        # style asks for constrained layout.)
        with mpl.rc_context({"figure.constrained_layout.use": False, "figure.autolayout": False}):
            self.view.figure.set_layout_engine(None)
        self.view.figure.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.91, wspace=0.25)


def training_dashboard(seed: int = defaults.SEED) -> TrainingDashboard:
    """Build the training dashboard; display its ``.widget`` in a notebook."""
    return TrainingDashboard(seed=seed)
