"""Figures of a training run: the loss per epoch, the parameters' path, the loss against the learning rate.

Each figure is a display (``plots/display.py``): built from the run, drawn with ``plot(ax=None)``,
holding what it drew. A diverged run still draws: its finite part, plus a visible mark and message
where it blew up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.text import Text

from ..history import History, is_diverging
from .display import Display
from .style import OKABE_ITO, TRUE_COLOR, WARNING_COLOR, power_of_ten
from .surface_plots import LossBowl

VIEW_REACH = 1.25
"""The path's view reaches this many times the start's distance from the true value (on each axis)."""

def _log_axis_in_decades(ax: Axes, low: float, high: float) -> None:
    """Put the y axis on a log scale from the power of ten below ``low`` to the one above ``high``."""
    ax.set_yscale("log")
    ax.set_ylim(10 ** math.floor(math.log10(low)), 10 ** math.ceil(math.log10(high) + 1e-9))
    ax.yaxis.set_major_locator(ticker.LogLocator(base=10, numticks=9))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(power_of_ten))
    ax.yaxis.set_minor_locator(ticker.NullLocator())


STACK_WIDTHS = (1.5, 6.0)
"""Line widths of the last and the first of several stacked loss curves (``stack=True``): each run is
drawn wider than the runs after it, so curves that coincide still show, as outlines around each other."""


def _stacked_width(index: int, count: int) -> float:
    """Width of curve ``index`` of ``count`` stacked curves: from ``STACK_WIDTHS[1]`` (first) down to
    ``[0]`` (last)."""
    if count == 1:
        return STACK_WIDTHS[0]
    thinnest, widest = STACK_WIDTHS
    return widest - (widest - thinnest) * index / (count - 1)


MESSAGE_SPOTS = tuple((x, y) for y in (0.5, 0.8, 0.25) for x in (0.5, 0.6, 0.4))
"""Candidate centres (axes fractions) of the divergence messages, in order of preference."""
MESSAGE_STEP = 0.12
"""Vertical distance (axes fraction) between stacked messages."""


def _clear_spot(ax: Axes, curves: Sequence[Line2D], messages: Sequence[Text]) -> tuple[float, float]:
    """The first of ``MESSAGE_SPOTS`` where the block of ``messages`` covers no part of a curve.

    The block's size is the messages' laid-out text plus their box's padding; the curves are sampled
    along their segments in axes fractions. A spot where the block would cross the axes' edge is skipped;
    if every spot covers some curve, the one covering the fewest samples is taken.
    """
    to_axes = ax.transData + ax.transAxes.inverted()
    samples = []
    for curve in curves:
        x, y = (np.asarray(v, dtype=np.float64) for v in curve.get_data())
        keep = np.isfinite(x) & np.isfinite(y) & (y > 0)
        points = to_axes.transform(np.column_stack([x[keep], y[keep]]))
        if len(points) > 1:  # 20 samples a segment, so a steep segment between two points is seen
            t = np.linspace(0.0, 1.0, 20)[:, None, None]
            points = (points[:-1] * (1 - t) + points[1:] * t).reshape(-1, 2)
        samples.append(points)
    points = np.concatenate(samples) if samples else np.empty((0, 2))
    renderer = ax.figure.canvas.get_renderer()
    extents = [m.get_window_extent(renderer).transformed(ax.transAxes.inverted()) for m in messages]
    half_width = max(e.width for e in extents) / 2 + 0.02  # the box's padding and a margin
    half_height = max(e.height for e in extents) / 2 + 0.03
    extra = MESSAGE_STEP * (len(messages) - 1)
    covered = {}
    for x, y in MESSAGE_SPOTS:
        if x - half_width < 0 or x + half_width > 1:
            continue
        inside = (np.abs(points[:, 0] - x) < half_width) & (points[:, 1] < y + half_height)
        inside &= points[:, 1] > y - half_height - extra
        covered[(x, y)] = int(inside.sum())
        if covered[(x, y)] == 0:
            return x, y
    return min(covered, key=covered.get) if covered else MESSAGE_SPOTS[0]


class LossDisplay(Display):
    """The training loss per epoch of one or more runs, on a log axis.

    ``noise_var`` (the noise variance sigma^2) adds the floor no model can beat on average, labelled
    on the line. A run that diverged shows its finite epochs, a cross at the epoch where it blew up
    and a message. A legend names the runs (by default when there are several or ``labels``).
    Attributes after ``plot``: ``ax_``, ``figure_``, ``curves_``, ``floor_``, ``floor_label_``,
    ``divergence_marks_``, ``messages_``.
    """

    def __init__(
        self,
        histories: History | Sequence[History],
        noise_var: float | None = None,
        labels: Sequence[str] | None = None,
        colors: Sequence[str] | None = None,
        stack: bool = False,
    ) -> None:
        histories = [histories] if isinstance(histories, History) else list(histories)
        if not histories or not all(isinstance(h, History) for h in histories):
            raise TypeError("histories must be a History or a non-empty sequence of History objects")
        if labels is not None and len(labels) != len(histories):
            raise ValueError(f"labels must have one entry per history ({len(histories)}), got {len(labels)}")
        if noise_var is not None and not (np.isfinite(noise_var) and noise_var > 0):
            raise ValueError(f"noise_var must be a finite number > 0 (a log axis), got {noise_var}")
        self.histories, self.noise_var, self.labels, self.colors = histories, noise_var, labels, colors
        self.stack = stack

    @classmethod
    def from_histories(
        cls,
        histories: History | Sequence[History],
        *,
        ax: Axes | None = None,
        noise_var: float | None = None,
        labels: Sequence[str] | None = None,
        colors: Sequence[str] | None = None,
        legend: bool | None = None,
        stack: bool = False,
    ) -> LossDisplay:
        """Build the display from one or more runs and draw it (``stack``: each curve drawn wider than
        the next, for runs whose curves coincide)."""
        return cls(histories, noise_var, labels, colors, stack).plot(ax=ax, legend=legend)

    def plot(self, ax: Axes | None = None, legend: bool | None = None) -> LossDisplay:
        """Draw the curves (on ``ax``, or a new figure); return the display."""
        (ax,) = self._take_axes(ax)
        histories, labels, noise_var = self.histories, self.labels, self.noise_var
        self.curves_: list[Line2D] = []
        self.divergence_marks_: list[Line2D] = []
        self.messages_: list[Text] = []
        self.floor_: Line2D | None = None
        self.floor_label_: Text | None = None
        top = max(max(h.loss) for h in histories)
        bottom = min(min(h.loss) for h in histories)
        if noise_var is not None:
            bottom = min(bottom, noise_var / 3)  # room for the floor's label under its line
        if any(h.diverged for h in histories):
            top *= 10  # room for the divergence marks
        for i, history in enumerate(histories):
            label = labels[i] if labels is not None else f"lr = {history.lr:g}"
            color = self.colors[i] if self.colors is not None else OKABE_ITO[i % len(OKABE_ITO)]
            (curve,) = ax.plot(
                history.epochs,
                history.loss,
                "o-",
                color=color,
                label=label,
                markersize=4,
                linewidth=_stacked_width(i, len(histories)) if self.stack else None,
            )
            self.curves_.append(curve)
            if history.diverged:
                (mark,) = ax.plot(
                    [history.diverged_at], [top], "X", color=WARNING_COLOR, markersize=12, clip_on=False
                )
                self.divergence_marks_.append(mark)
            if is_diverging(history):
                prefix = f"{label}:\n" if len(histories) > 1 or labels is not None else ""
                text = (
                    f"diverged in epoch {history.diverged_at}"
                    if history.diverged
                    else "loss growing: diverging"
                )
                # Placed clear of the curves once the axes are set (below); a white box keeps it readable.
                message = ax.text(
                    0.5,
                    0.5,
                    prefix + text,
                    transform=ax.transAxes,
                    ha="center",
                    va="center",
                    color=WARNING_COLOR,
                    fontweight="bold",
                    bbox={"facecolor": "white", "edgecolor": WARNING_COLOR, "alpha": 0.85},
                )
                self.messages_.append(message)
        if noise_var is not None:
            self.floor_ = ax.axhline(noise_var, color=TRUE_COLOR, linestyle="--", linewidth=1.5)
            # Just above the line at the right: a converging curve lies on the floor there (its dots
            # are smaller than the gap), any other curve is far above it; clear of the x tick labels.
            self.floor_label_ = ax.annotate(
                f"noise floor σ² = {noise_var:.2g}",
                (0.98, noise_var),
                xycoords=ax.get_yaxis_transform(),
                xytext=(0, 5),
                textcoords="offset points",
                ha="right",
                va="bottom",
                color=TRUE_COLOR,
            )
        _log_axis_in_decades(ax, bottom, top)
        ax.autoscale_view()  # the x limits now, so that the messages can be placed where no curve is
        if self.messages_:
            x, y = _clear_spot(ax, self.curves_, self.messages_)
            for k, message in enumerate(self.messages_):
                message.set_position((x, y - MESSAGE_STEP * k))
        ax.xaxis.set_major_locator(ticker.MaxNLocator(nbins=5, integer=True))
        ax.set_xlabel("epoch")
        ax.set_ylabel("training loss (MSE)")
        if legend or (legend is None and (len(histories) > 1 or labels is not None)):
            ax.legend(loc="upper right")
        return self


class TrajectoryDisplay(Display):
    """The path of the first two weights step by step (``w`` against ``b`` for one feature).

    ``steps`` holds ``[w..., b]`` after each step, row 0 the initial state (``train_fast`` with
    ``record_steps=True``); the true value is starred. The view depends only on the start and the true
    value: a square of equal ranges on both axes (equal scales), centred on the true value, reaching
    1.25 times the start's distance from it. So every run from the same start is shown on the same axes
    (a slider can move without the ticks changing), and a path that leaves the view (a diverging run, an
    overshoot) is said to. With ``bowl`` (a :class:`LossBowl` of the training data, two weights), the
    loss's contours are drawn under the path, as :class:`LossSurfaceDisplay` draws them. Non-finite rows
    are dropped. Attributes after ``plot``: ``ax_``, ``figure_``, ``path_``, ``start_``, ``end_``,
    ``true_``, ``notes_``, ``clipped_``, ``contours_`` (a collection of lines; None without a bowl).
    """

    def __init__(
        self,
        steps: np.ndarray,
        true_w: Any,
        true_b: float | None = None,
        max_points: int = 2000,
        bowl: LossBowl | None = None,
    ) -> None:
        steps = np.asarray(steps, dtype=np.float64)
        true_w = np.asarray(true_w, dtype=np.float64).reshape(-1)
        if steps.ndim != 2 or steps.shape[0] == 0 or steps.shape[1] < 2:
            raise ValueError(
                f"steps must be 2-D (steps x [w..., b]) with at least one row, got {steps.shape}"
            )
        if true_w.size != steps.shape[1] - 1:
            raise ValueError(
                f"true_w must have {steps.shape[1] - 1} entries (one per weight), got {true_w.size}"
            )
        if true_w.size == 1 and true_b is None:
            raise ValueError("true_b is needed to draw w against b for a single feature, got None")
        if isinstance(max_points, bool) or not isinstance(max_points, int) or max_points < 2:
            raise ValueError(f"max_points must be an integer >= 2, got {max_points!r}")
        if not np.isfinite(steps[0, :2]).all():
            raise ValueError("steps must start from finite parameters, got a non-finite first row")
        if bowl is not None and (not isinstance(bowl, LossBowl) or true_w.size != 2):
            raise ValueError(
                f"bowl must be a LossBowl and the model must have 2 weights, got {type(bowl).__name__} "
                f"and {true_w.size} weight(s)"
            )
        self.steps, self.true_w, self.true_b, self.max_points = steps, true_w, true_b, max_points
        self.bowl = bowl

    @classmethod
    def from_steps(
        cls,
        steps: np.ndarray,
        true_w: Any,
        *,
        ax: Axes | None = None,
        true_b: float | None = None,
        max_points: int = 2000,
        bowl: LossBowl | None = None,
    ) -> TrajectoryDisplay:
        """Build the display from the recorded steps of a run and draw it."""
        return cls(steps, true_w, true_b, max_points, bowl).plot(ax=ax)

    def _points(self) -> tuple[np.ndarray, np.ndarray, tuple[str, str], bool]:
        """The path's points to draw (finite rows, thinned), the true point, the axes' names, and whether
        every step was finite."""
        steps, true_w = self.steps, self.true_w
        if true_w.size >= 2:
            xy, true_xy, names = steps[:, :2], true_w[:2], ("w₁", "w₂")
        else:
            xy, true_xy, names = steps[:, :2], np.array([true_w[0], float(self.true_b)]), ("w", "b")
        finite = np.isfinite(xy).all(axis=1)
        xy = xy[finite]
        if len(xy) > self.max_points:  # thin long paths for speed; keep the first and last points
            xy = xy[np.unique(np.linspace(0, len(xy) - 1, self.max_points).astype(int))]
        return xy, true_xy, names, bool(finite.all())

    def _reach(self, xy: np.ndarray, true_xy: np.ndarray) -> float:
        """Half the view's side: it depends on the start only."""
        return VIEW_REACH * max(float(np.abs(xy[0] - true_xy).max()), 1e-3)

    def _note_clipping(self, ax: Axes, xy: np.ndarray, true_xy: np.ndarray, all_finite: bool) -> None:
        """Say so, in a corner, if the path leaves the view (or blew up); else say nothing."""
        inside = (np.abs(xy - true_xy) <= self._reach(xy, true_xy)).all(axis=1)
        if all_finite and inside.all():
            return
        self.clipped_ = ax.text(
            0.02,
            0.03,
            "the path leaves this view",
            transform=ax.transAxes,
            color=WARNING_COLOR,
            fontweight="bold",
        )

    def update(self, steps: np.ndarray, bowl: LossBowl | None = None) -> TrajectoryDisplay:
        """Show another run's path (and ``bowl``'s contours) on the axes drawn: the picture a fresh
        display would draw. The view, the contours, the start and the labels depend only on the start
        and the bowl: if both are the same, only the path, its last point and the clipping note change
        (a slider that keeps the data and the start, as the learning rate does); else it is drawn afresh."""
        new = TrajectoryDisplay(steps, self.true_w, self.true_b, self.max_points, bowl)  # checks them
        ax = self.ax_
        if bowl is not self.bowl or not np.array_equal(new.steps[0, :2], self.steps[0, :2]):
            _remove_drawn(ax)
            self.steps, self.bowl = new.steps, bowl
            return self.plot(ax=ax)
        self.steps = new.steps
        xy, true_xy, _, all_finite = self._points()
        self.path_.set_data(xy[:, 0], xy[:, 1])
        self.end_.set_data(xy[-1:, 0], xy[-1:, 1])
        if self.clipped_ is not None:
            self.clipped_.remove()
            self.clipped_ = None
        self._note_clipping(ax, xy, true_xy, all_finite)
        return self

    def plot(self, ax: Axes | None = None) -> TrajectoryDisplay:
        """Draw the path (on ``ax``, or a new figure); return the display."""
        (ax,) = self._take_axes(ax)
        xy, true_xy, names, all_finite = self._points()
        reach = self._reach(xy, true_xy)
        low, high = true_xy - reach, true_xy + reach
        self.contours_: LineCollection | None = None
        if self.bowl is not None:
            self.contours_ = self.bowl.draw_contours(ax, low, high)
        (self.path_,) = ax.plot(xy[:, 0], xy[:, 1], "-", color=OKABE_ITO[0], linewidth=1.2)
        (self.start_,) = ax.plot(xy[:1, 0], xy[:1, 1], "o", color=OKABE_ITO[0], markersize=8)
        # The last point above the star with a white rim: a converged run ends on the true value.
        (self.end_,) = ax.plot(
            xy[-1:, 0], xy[-1:, 1], "s", color=OKABE_ITO[3], markersize=8, markeredgecolor="white", zorder=6
        )
        (self.true_,) = ax.plot([true_xy[0]], [true_xy[1]], "*", color=TRUE_COLOR, markersize=16, zorder=5)
        self.notes_: list[Text] = []
        self.clipped_: Text | None = None
        # Labels next to the points instead of a legend (clearer, and cheaper to redraw live), each on
        # the side facing away from the other point, where the path is not.
        away = 1.0 if true_xy[1] >= xy[0, 1] else -1.0
        for text, point, color, side in (
            ("start", xy[0], OKABE_ITO[0], -away),
            ("true w" if names[0] == "w₁" else "true", true_xy, TRUE_COLOR, away),
        ):
            note = ax.annotate(
                text,
                point,
                xytext=(0, 11 * side),
                textcoords="offset points",
                color=color,
                ha="center",
                va="bottom" if side > 0 else "top",
            )
            self.notes_.append(note)

        ax.set_xlim(low[0], high[0])
        ax.set_ylim(low[1], high[1])
        ax.set_aspect("equal")
        self._note_clipping(ax, xy, true_xy, all_finite)
        ax.xaxis.set_major_locator(ticker.MaxNLocator(nbins=4))
        ax.yaxis.set_major_locator(ticker.MaxNLocator(nbins=4))
        ax.set_xlabel(names[0])
        ax.set_ylabel(names[1])
        return self


class LrSweepDisplay(Display):
    """Each run's final loss against its learning rate (log-log); diverged runs as crosses on top.

    ``boundary`` (for example ``max_stable_lr(features)``) draws the stability limit as a vertical line.
    Attributes after ``plot``: ``ax_``, ``figure_``, ``converged_``, ``diverged_``, ``boundary_``.
    """

    def __init__(self, histories: Sequence[History], boundary: float | None = None) -> None:
        histories = list(histories)
        if not histories or not all(isinstance(h, History) for h in histories):
            raise TypeError("histories must be a non-empty sequence of History objects")
        self.histories, self.boundary = histories, boundary

    @classmethod
    def from_histories(
        cls, histories: Sequence[History], *, ax: Axes | None = None, boundary: float | None = None
    ) -> LrSweepDisplay:
        """Build the display from runs at several learning rates and draw it."""
        return cls(histories, boundary).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> LrSweepDisplay:
        """Draw the sweep (on ``ax``, or a new figure); return the display."""
        (ax,) = self._take_axes(ax)
        ok = [h for h in self.histories if not h.diverged]
        bad = [h for h in self.histories if h.diverged]
        top = max(h.final_loss for h in self.histories) * 10
        (self.converged_,) = ax.plot([h.lr for h in ok], [h.final_loss for h in ok], "o-", label="final loss")
        (self.diverged_,) = ax.plot(
            [h.lr for h in bad], [top] * len(bad), "X", color=WARNING_COLOR, markersize=12, label="diverged"
        )
        self.boundary_: Line2D | None = None
        if self.boundary is not None:
            self.boundary_ = ax.axvline(
                self.boundary,
                color=TRUE_COLOR,
                linestyle="--",
                linewidth=1.5,
                label=f"2/λ_max = {self.boundary:.3g}",
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("learning rate")
        ax.set_ylabel("training loss after the last epoch")
        ax.legend(loc="best")
        return self


class TrainingRunDisplay(Display):
    """The training dashboard's figure: the loss per epoch (left) and the parameters' path (right).

    ``boundary`` (``max_stable_lr(features)``) puts the run's learning rate relative to the stability
    limit in the left title; ``bowl`` (``LossBowl.from_data(features, labels)``) draws the loss's
    contours under the path. Attributes after ``plot``: ``axes_``, ``figure_``, ``loss_`` (a
    :class:`LossDisplay`) and ``path_`` (a :class:`TrajectoryDisplay`). ``update`` shows another run
    on the same axes, the dashboard's live redraw.
    """

    PANELS = 2
    PANEL_SIZE = (5.0, 3.8)  # the dashboard's figure, 10 x 3.8 inches

    def __init__(
        self,
        history: History,
        steps: np.ndarray,
        true_w: Any,
        noise_var: float | None = None,
        boundary: float | None = None,
        bowl: LossBowl | None = None,
    ) -> None:
        self.history, self.steps, self.true_w = history, steps, true_w
        self.noise_var, self.boundary, self.bowl = noise_var, boundary, bowl

    @classmethod
    def from_run(
        cls,
        history: History,
        steps: np.ndarray,
        true_w: Any,
        *,
        axes: Sequence[Axes] | None = None,
        noise_var: float | None = None,
        boundary: float | None = None,
        bowl: LossBowl | None = None,
    ) -> TrainingRunDisplay:
        """Build the display from a run (its history and recorded steps) and draw it."""
        return cls(history, steps, true_w, noise_var, boundary, bowl).plot(axes=axes)

    def plot(self, axes: Sequence[Axes] | None = None) -> TrainingRunDisplay:
        """Draw both panels (into two ``axes``, or a new figure); return the display."""
        loss_ax, path_ax = self._take_axes(axes)
        self._plot_loss(loss_ax)
        self.path_ = TrajectoryDisplay(self.steps, self.true_w, bowl=self.bowl).plot(ax=path_ax)
        self._title_path(path_ax)
        return self

    def _plot_loss(self, ax: Axes) -> None:
        history = self.history
        self.loss_ = LossDisplay(history, noise_var=self.noise_var).plot(ax=ax)
        title = f"loss, lr = {history.lr:.3g}"
        if self.boundary is not None:
            title += f" = {history.lr / self.boundary:.2g} × 2/λ_max"
        ax.set_title(title)

    def _title_path(self, ax: Axes) -> None:
        ax.set_title(f"weights: {len(self.steps) - 1} steps (■ last)")

    def update(
        self,
        history: History,
        steps: np.ndarray,
        noise_var: float | None = None,
        boundary: float | None = None,
        bowl: LossBowl | None = None,
    ) -> TrainingRunDisplay:
        """Show another run on the axes already drawn: the picture a fresh display would draw.

        The loss panel's artists are swapped and the path panel updated (:meth:`TrajectoryDisplay.update`:
        in place for the same start and data); the axes keep their tick objects, whose re-creation after
        ``ax.clear()`` is the largest cost of a redraw.
        """
        loss_ax, path_ax = self.axes_
        _remove_drawn(loss_ax)
        self.history, self.steps, self.noise_var, self.boundary = history, steps, noise_var, boundary
        self.bowl = bowl
        self._plot_loss(loss_ax)
        self.path_.update(steps, bowl)
        self._title_path(path_ax)
        return self


def _remove_drawn(ax: Axes) -> None:
    """Take every line, text, patch, collection and the legend off ``ax``, keeping its axis objects."""
    for artist in [*ax.lines, *ax.texts, *ax.patches, *ax.collections]:
        artist.remove()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.relim()  # forget the removed lines' data limits
