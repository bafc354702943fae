"""The training dashboard: learning rate, batch size, epochs, initialization and noise -> a training run.

A thin view: the data come from ``chapter_data`` (seeded), the run from ``train_fast``, the figure
from ``TrainingRunDisplay`` (the path over the loss's contours, ``LossBowl``), the stability limit from
``max_stable_lr``, the status from ``status_text``.
"""

from __future__ import annotations

import functools
import html

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import torch

from .. import defaults
from ..data import chapter_data
from ..fast_training import train_fast
from ..history import History, is_diverging, status_text
from ..initializers import initialize
from ..language import say
from ..models import linear_net
from ..palette import WARNING_COLOR
from ..plots.surface_plots import LossBowl
from ..plots.training_plots import TrainingRunDisplay
from ..stability import max_stable_lr
from ..validation import check_positive_int, check_seed
from .controls import choice_slider, int_slider, log_slider, noise_slider, scheme_menu
from .dashboard import Dashboard

LR_RANGE: tuple[float, float] = (1e-4, 10**0.3)
"""Learning rates the slider offers: from crawling to well past the stability limit (about 0.9)."""

LR_STEP = 0.1
"""Step of the learning-rate slider, in decades."""

BATCH_SIZES: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
"""Batch sizes the slider offers; 1000 (all examples) is full-batch gradient descent."""

MAX_EPOCHS = 30
"""Upper end of the epochs slider: keeps the slowest setting (batch size 1) under half a second."""


@functools.lru_cache(maxsize=16)
def _chapter_boundary(noise_std: float, num_examples: int, seed: int) -> float:
    # An eigenvalue problem per slider step is wasted work: the data only change with these arguments.
    return max_stable_lr(chapter_data(num_examples, noise_std, seed)[0])


@functools.lru_cache(maxsize=16)
def _chapter_bowl(noise_std: float, num_examples: int, seed: int) -> LossBowl:
    # The contours depend on the data only, like the boundary.
    return LossBowl.from_data(*chapter_data(num_examples, noise_std, seed))


class TrainingDashboard(Dashboard):
    """Sliders for one training run of the chapter's model, its figure and a status line.

    After every update, ``history`` and ``steps`` hold the run (as ``train_fast`` returns them),
    ``status_text`` the plain-text status and ``image`` the PNG bytes shown.
    """

    FIGSIZE = (10.0, 3.8)
    NCOLS = 2
    WIDTH_RATIOS = (1.75, 1.0)  # the path panel has equal scales: a square as high as the loss panel
    FRAME_ATTRIBUTES = ("history", "steps", "status_text")
    DRAW_AHEAD = "lr"

    def __init__(self, num_examples: int = defaults.NUM_EXAMPLES, seed: int = defaults.SEED) -> None:
        self.num_examples = check_positive_int("num_examples", num_examples, maximum=100_000)
        self.seed = check_seed(seed)
        self.history: History | None = None
        self.steps: np.ndarray | None = None
        self.status_text = ""
        super().__init__()

    def control_rows(self) -> list[list[widgets.Widget]]:
        """Learning rate, batch size and epochs; then initialization and noise."""
        self.lr = log_slider(say("learning rate"), defaults.LR, LR_RANGE, LR_STEP)
        self.batch_size = choice_slider(say("batch size"), BATCH_SIZES, defaults.BATCH_SIZE)
        self.epochs = int_slider(say("epochs"), defaults.NUM_EPOCHS, 1, MAX_EPOCHS)
        self.init = scheme_menu(say("initialization"))
        self.noise = noise_slider()
        return [[self.lr, self.batch_size, self.epochs], [self.init, self.noise]]

    def render(self) -> str:
        """Train with the controls' current values, redraw, and report the run."""
        if self.display is None:
            self._use_fixed_margins()
        noise_std = self.value_of(self.noise)
        features, labels = chapter_data(self.num_examples, noise_std, self.seed)
        boundary = _chapter_boundary(noise_std, self.num_examples, self.seed)
        bowl = _chapter_bowl(noise_std, self.num_examples, self.seed)
        net = initialize(linear_net(features.shape[1]), self.value_of(self.init), seed=self.seed)
        history, steps = train_fast(
            net,
            features,
            labels,
            lr=self.value_of(self.lr),
            batch_size=self.value_of(self.batch_size),
            num_epochs=self.value_of(self.epochs),
            generator=torch.Generator().manual_seed(self.seed),
            record_steps=True,
        )
        self.history, self.steps = history, steps
        noise_var = noise_std**2
        self.show(
            lambda axes: TrainingRunDisplay.from_run(
                history, steps, defaults.TRUE_W, axes=axes, noise_var=noise_var, boundary=boundary, bowl=bowl
            ),
            lambda display: display.update(history, steps, noise_var=noise_var, boundary=boundary, bowl=bowl),
        )
        self.status_text = status_text(history, boundary, noise_var)
        style = f"color:{WARNING_COLOR};font-weight:bold" if is_diverging(history) else ""
        lines = "<br>".join(html.escape(line) for line in self.status_text.splitlines())
        return f'<span style="{style}">{lines}</span>'

    def _use_fixed_margins(self) -> None:
        # Fixed margins, set once, instead of a layout engine: this figure keeps its shape whatever
        # the controls say, and constrained layout would cost about as much as drawing. (rcParams
        # are overridden because set_layout_engine(None) falls back to them, and the project's
        # style asks for constrained layout.)
        with mpl.rc_context({"figure.constrained_layout.use": False, "figure.autolayout": False}):
            self.view.figure.set_layout_engine(None)
        self.view.figure.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.91, wspace=0.25)


def training_dashboard(seed: int = defaults.SEED) -> TrainingDashboard:
    """Build the training dashboard (display it by leaving it as a cell's last expression)."""
    return TrainingDashboard(seed=seed)
