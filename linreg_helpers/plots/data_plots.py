"""Displays of the chapter's data: each feature against ``y``, and the noise no model can explain."""

from __future__ import annotations

import math
from typing import Any

import matplotlib as mpl
import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.patches import StepPatch

from ..validation import as_float_tensor, check_features_labels, check_finite_float, check_non_negative_float
from .display import Display
from .style import OKABE_ITO, TRUE_COLOR

DATA_COLOR = OKABE_ITO[0]
"""Colour of the data points and of the residual histogram."""

PANEL_SIZE = (4.2, 3.8)
"""Size in inches of one panel when a display makes its own figure."""

MAX_TICK_INTERVALS = 6
"""At most this many intervals between labelled ticks per axis: large labels, quick to draw."""


def _check_parameters(w: Any, b: Any, num_features: int) -> tuple[np.ndarray, float]:
    checked = as_float_tensor("w", w).reshape(-1)
    if len(checked) != num_features:
        raise ValueError(f"w must have one weight per feature ({num_features}), got {len(checked)}")
    # Keep every digit given: a list like [2, -3.4] is read in float64, not rounded to float32.
    values = w.detach().double().numpy() if isinstance(w, torch.Tensor) else np.asarray(w, dtype=np.float64)
    return values.reshape(-1), check_finite_float("b", b)


def _round_limits(ax: Axes, which: str, low: float, high: float, margin: float = 0.02) -> None:
    """Let ``ax``'s ``which`` axis ("x" or "y") span ``[low, high]`` plus ``margin`` of its width,
    widened to the next half tick step, with round ticks.

    Round limits stay put when a slider changes the data a little: a steady picture, and a live
    view can reuse the drawn axes. Half steps, not whole ones, so that no end of an axis runs most of
    a tick step past the data (data up to 4.1 on a step of 2 ends at 5, not 6).
    """
    pad = margin * (high - low) if high > low else max(abs(low), 1.0) * 0.05
    low, high = low - pad, high + pad
    nice = mpl.ticker.MaxNLocator(nbins=MAX_TICK_INTERVALS, steps=[1, 2, 2.5, 5, 10]).tick_values(low, high)
    step = nice[1] - nice[0]
    half = step / 2
    # A little slack so that a limit that is a half step up to rounding stays that half step.
    start, stop = math.floor(low / half + 1e-9) * half, math.ceil(high / half - 1e-9) * half
    ticks = np.arange(math.ceil(start / step - 1e-9), math.floor(stop / step + 1e-9) + 1) * step
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_major_locator(mpl.ticker.FixedLocator(ticks))
    (ax.set_xlim if which == "x" else ax.set_ylim)(start, stop)


def _fit_feature_axes(ax: Axes, column: np.ndarray, y: np.ndarray, line: Line2D | None) -> None:
    ys = [y.min(), y.max()] + ([] if line is None else list(line.get_ydata()))
    _round_limits(ax, "x", float(column.min()), float(column.max()))
    _round_limits(ax, "y", float(min(ys)), float(max(ys)))


def _fit_residual_axes(ax: Axes, edges: np.ndarray, top: float, noise_std: float | None) -> None:
    # Symmetric about 0, where the noise is centred; wide enough for the bars and 4 sigma of density.
    reach = max(abs(float(edges[0])), abs(float(edges[-1])), 4 * noise_std if noise_std else 0.0)
    _round_limits(ax, "x", -reach, reach, margin=0.0)
    _round_limits(ax, "y", 0.0, 1.3 * top, margin=0.0)  # headroom so the legend does not hide the bars


def _marker_size(num_examples: int) -> float:
    """Smaller points for many examples, so the cloud stays readable."""
    return 12.0 if num_examples <= 2000 else 5.0


def _true_line(column: np.ndarray, w_j: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """The line ``w_j x + b`` across the range of one feature's values."""
    x_line = np.array([column.min(), column.max()])
    return x_line, w_j * x_line + b


def _residual_numbers(
    X: torch.Tensor, y: torch.Tensor, w: np.ndarray, b: float
) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Residuals, their mean square, and the density histogram (heights, edges) drawn of them."""
    residuals = y.double().numpy().reshape(-1) - (X.double().numpy() @ w + b)
    mse = float(np.mean(residuals**2))
    bins = int(np.clip(np.sqrt(len(residuals)), 5, 30))  # square-root rule, capped
    heights, edges = np.histogram(residuals, bins=bins, density=True)
    return residuals, mse, heights, edges


def _noise_density(noise_std: float) -> tuple[np.ndarray, np.ndarray]:
    """The normal density N(0, noise_std²) on ±4 standard deviations."""
    grid = np.linspace(-4 * noise_std, 4 * noise_std, 201)
    return grid, np.exp(-0.5 * (grid / noise_std) ** 2) / (noise_std * math.sqrt(2 * math.pi))


def _noise_label(noise_std: float) -> str:
    return f"noise, σ = {noise_std:.3g}"


def _residual_title(mse: float) -> str:
    return f"mean of squares = {mse:.2e}"


class FeaturesDisplay(Display):
    """Each feature against the labels, one panel per feature.

    With ``true_w`` and ``true_b``, also the line ``w_j x_j + b``: the mean of ``y`` given ``x_j`` when
    the other features have mean zero. Attributes after ``plot``: ``axes_``, ``figure_``, ``points_``
    (one scatter per panel), ``lines_`` (the true lines; empty without true parameters).
    """

    PANEL_SIZE = PANEL_SIZE

    def __init__(self, features: Any, labels: Any, true_w: Any = None, true_b: Any = None) -> None:
        self.features, self.labels = check_features_labels(features, labels)
        if (true_w is None) != (true_b is None):
            raise ValueError("give both true_w and true_b to draw the true lines, or neither")
        num_features = self.features.shape[1]
        self.true_w, self.true_b = (
            _check_parameters(true_w, true_b, num_features) if true_w is not None else (None, None)
        )
        self.PANELS = num_features

    @classmethod
    def from_data(
        cls, features: Any, labels: Any, true_w: Any = None, true_b: Any = None, *, axes: Any = None
    ) -> FeaturesDisplay:
        """Build the display from a data set and draw it."""
        return cls(features, labels, true_w, true_b).plot(axes=axes)

    def plot(self, axes: Any = None) -> FeaturesDisplay:
        """Draw one panel per feature (into ``axes``, or a new figure); return the display."""
        axes = self._take_axes(axes)
        w, b = self.true_w, self.true_b
        X_np, y_np = self.features.double().numpy(), self.labels.double().numpy().reshape(-1)
        self.points_: list[PathCollection] = []
        self.lines_: list[Line2D] = []
        size = _marker_size(len(y_np))
        for j, ax in enumerate(axes):
            self.points_.append(
                ax.scatter(X_np[:, j], y_np, s=size, alpha=0.5, color=DATA_COLOR, label="examples")
            )
            line = None
            if w is not None:
                (line,) = ax.plot(
                    *_true_line(X_np[:, j], w[j], b),
                    color=TRUE_COLOR,
                    label=f"$y = {w[j]:g}\\,x_{j + 1} {b:+g}$",
                )
                self.lines_.append(line)
                ax.legend(loc="upper left" if w[j] >= 0 else "upper right")
            _fit_feature_axes(ax, X_np[:, j], y_np, line)
            ax.set_xlabel(f"feature $x_{j + 1}$")
            ax.set_ylabel("label $y$")
            ax.set_title(f"$y$ against $x_{j + 1}$")
        return self

    def update(self, features: Any, labels: Any) -> FeaturesDisplay:
        """Show new data (as many features, same true parameters) in the artists already drawn."""
        X, y = check_features_labels(features, labels)
        if X.shape[1] != len(self.points_) or len(self.lines_) != len(self.points_):
            raise ValueError(
                f"features must have the {len(self.points_)} columns drawn, with their true lines; got "
                f"{X.shape[1]} columns and {len(self.lines_)} lines: draw afresh instead"
            )
        self.features, self.labels = X, y
        X_np, y_np = X.double().numpy(), y.double().numpy().reshape(-1)
        for j, (ax, points, line) in enumerate(zip(self.axes_, self.points_, self.lines_, strict=True)):
            points.set_offsets(np.column_stack([X_np[:, j], y_np]))
            points.set_sizes([_marker_size(len(y_np))])
            line.set_data(*_true_line(X_np[:, j], self.true_w[j], self.true_b))
            _fit_feature_axes(ax, X_np[:, j], y_np, line)
        return self


class ResidualsDisplay(Display):
    """Histogram of the residuals ``y - (X w + b)``; their mean square is the loss of ``w, b``.

    With the true parameters the residuals are the noise itself, so their mean square is the best
    loss any model can expect. Give ``noise_std`` to overlay the noise's normal density. Attributes
    after ``plot``: ``ax_``, ``figure_``, ``histogram_`` (one filled outline), ``density_`` (or None);
    and, from the data, ``residuals`` (float64) and ``mse``.
    """

    PANEL_SIZE = PANEL_SIZE

    def __init__(self, features: Any, labels: Any, w: Any, b: Any, noise_std: float | None = None) -> None:
        self.features, self.labels = check_features_labels(features, labels)
        self.w, self.b = _check_parameters(w, b, self.features.shape[1])
        self.noise_std = None if noise_std is None else check_non_negative_float("noise_std", noise_std)
        self.residuals, self.mse, self._heights, self._edges = _residual_numbers(
            self.features, self.labels, self.w, self.b
        )

    @classmethod
    def from_data(
        cls,
        features: Any,
        labels: Any,
        w: Any,
        b: Any,
        *,
        noise_std: float | None = None,
        ax: Axes | None = None,
    ) -> ResidualsDisplay:
        """Build the display from a data set and parameters and draw it."""
        return cls(features, labels, w, b, noise_std).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> ResidualsDisplay:
        """Draw the histogram (on ``ax``, or a new figure); return the display."""
        (ax,) = self._take_axes(ax)
        heights, edges = self._heights, self._edges
        self.histogram_: StepPatch = ax.stairs(
            heights, edges, fill=True, color=DATA_COLOR, alpha=0.7, label="residuals"
        )
        self.density_: Line2D | None = None
        top = float(np.max(heights))
        if self.noise_std:
            grid, pdf = _noise_density(self.noise_std)
            (self.density_,) = ax.plot(
                grid, pdf, color=TRUE_COLOR, linestyle="--", label=_noise_label(self.noise_std)
            )
            ax.legend(loc="upper left")
            top = max(top, float(pdf.max()))
        _fit_residual_axes(ax, edges, top, self.noise_std)
        ax.set_xlabel("residual $y - (Xw + b)$")
        ax.set_ylabel("density")
        ax.set_title(_residual_title(self.mse))
        return self

    def update(self, features: Any, labels: Any, noise_std: float) -> ResidualsDisplay:
        """Show the residuals of new data (same parameters, a positive noise level, as drawn with a
        density) in the artists already drawn."""
        noise_std = check_non_negative_float("noise_std", noise_std)
        if self.density_ is None or noise_std == 0:
            raise ValueError(
                f"noise_std must be positive and the display must show a noise density, got "
                f"noise_std={noise_std} and {'a' if self.density_ is not None else 'no'} density: "
                "draw afresh instead"
            )
        self.features, self.labels = check_features_labels(features, labels)
        self.noise_std = noise_std
        numbers = _residual_numbers(self.features, self.labels, self.w, self.b)
        self.residuals, self.mse, self._heights, self._edges = numbers
        heights, edges = self._heights, self._edges
        ax = self.ax_
        self.histogram_.set_data(heights, edges)
        grid, pdf = _noise_density(noise_std)
        self.density_.set_data(grid, pdf)
        self.density_.set_label(_noise_label(noise_std))
        legend = ax.get_legend()
        if legend is not None:
            for text, label in zip(legend.get_texts(), ax.get_legend_handles_labels()[1], strict=True):
                text.set_text(label)
        _fit_residual_axes(ax, edges, max(float(np.max(heights)), float(pdf.max())), noise_std)
        ax.set_title(_residual_title(self.mse))
        return self


class DataOverviewDisplay(Display):
    """One panel per feature against ``y`` (with the true lines), then the residuals of the true model.

    Attributes after ``plot``: ``axes_``, ``figure_``, ``features_`` (a :class:`FeaturesDisplay`),
    ``residuals_`` (a :class:`ResidualsDisplay`, with the measured ``mse``). ``update`` shows new data
    in the same artists, the data explorer's live redraw.
    """

    PANEL_SIZE = PANEL_SIZE

    def __init__(self, features: Any, labels: Any, true_w: Any, true_b: Any, noise_std: float) -> None:
        self.features, self.labels = check_features_labels(features, labels)
        self.true_w, self.true_b, self.noise_std = true_w, true_b, noise_std
        self.PANELS = self.features.shape[1] + 1

    @classmethod
    def from_data(
        cls, features: Any, labels: Any, true_w: Any, true_b: Any, noise_std: float, *, axes: Any = None
    ) -> DataOverviewDisplay:
        """Build the display from a data set and its true parameters and draw it."""
        return cls(features, labels, true_w, true_b, noise_std).plot(axes=axes)

    def plot(self, axes: Any = None) -> DataOverviewDisplay:
        """Draw every panel (into ``axes``, one per feature plus one, or a new figure); return the display."""
        axes = self._take_axes(axes)
        X, y = self.features, self.labels
        self.features_ = FeaturesDisplay(X, y, self.true_w, self.true_b).plot(axes=axes[:-1])
        self.residuals_ = ResidualsDisplay(X, y, self.true_w, self.true_b, self.noise_std).plot(ax=axes[-1])
        return self

    def update(self, features: Any, labels: Any, noise_std: float) -> DataOverviewDisplay:
        """Show new data in the artists already drawn: points, lines, histogram, density, legends,
        titles and limits become those a fresh display would draw, without clearing any axes."""
        self.features_.update(features, labels)
        self.residuals_.update(features, labels, noise_std)
        self.features, self.labels, self.noise_std = self.features_.features, self.features_.labels, noise_std
        return self
