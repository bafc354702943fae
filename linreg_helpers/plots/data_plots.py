"""Plots of the chapter's data: each feature against ``y``, and the noise no model can explain."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.patches import StepPatch

from ..validation import as_float_tensor, check_features_labels, check_finite_float, check_non_negative_float
from .style import OKABE_ITO, STYLE, TRUE_COLOR, get_ax

DATA_COLOR = OKABE_ITO[0]
"""Colour of the data points and of the residual histogram."""

PANEL_SIZE = (4.2, 3.8)
"""Size in inches of one panel when a function makes its own figure."""

MAX_TICK_INTERVALS = 6
"""At most this many intervals between labelled ticks per axis: large labels, quick to draw."""


@dataclass(frozen=True)
class FeaturePlot:
    """What :func:`plot_features` drew: one panel per feature."""

    axes: list[Axes]
    points: list[PathCollection]
    """One scatter of (feature j, y) per panel."""
    lines: list[Line2D]
    """The true line ``E[y | x_j] = w_j x_j + b`` per panel; empty when no true parameters were given."""


@dataclass(frozen=True)
class ResidualPlot:
    """What :func:`plot_residuals` drew, and the numbers it shows."""

    ax: Axes
    residuals: np.ndarray
    """``y - (X w + b)`` for each example, in float64."""
    mse: float
    """Mean of the squared residuals: the loss of the parameters ``w, b`` on this data."""
    histogram: StepPatch
    """The density histogram, one filled outline (cheaper to draw than one bar per bin)."""
    density: Line2D | None
    """The normal density of the noise, or None when no (positive) noise level was given."""


def _new_axes(count: int) -> list[Axes]:
    with mpl.rc_context(STYLE):
        _, axes = plt.subplots(1, count, figsize=(PANEL_SIZE[0] * count, PANEL_SIZE[1]), squeeze=False)
    return list(axes.flat)


def _check_axes(axes: Any, count: int) -> list[Axes]:
    axes = list(np.asarray(axes, dtype=object).flat)
    if len(axes) != count:
        raise ValueError(f"axes must hold {count} Axes (one per panel), got {len(axes)}")
    return axes


def _check_parameters(w: Any, b: Any, num_features: int) -> tuple[np.ndarray, float]:
    checked = as_float_tensor("w", w).reshape(-1)
    if len(checked) != num_features:
        raise ValueError(f"w must have one weight per feature ({num_features}), got {len(checked)}")
    # Keep every digit given: a list like [2, -3.4] is read in float64, not rounded to float32.
    values = w.detach().double().numpy() if isinstance(w, torch.Tensor) else np.asarray(w, dtype=np.float64)
    return values.reshape(-1), check_finite_float("b", b)


def _round_limits(ax: Axes, which: str, low: float, high: float, margin: float = 0.02) -> None:
    """Let ``ax``'s ``which`` axis ("x" or "y") span ``[low, high]`` plus ``margin`` of its width,
    widened to round numbers, with a labelled tick at both ends.

    Round limits stay put when a slider changes the data a little: a steady picture, and a live
    view can reuse the drawn axes.
    """
    pad = margin * (high - low) if high > low else max(abs(low), 1.0) * 0.05
    low, high = low - pad, high + pad
    nice = mpl.ticker.MaxNLocator(nbins=MAX_TICK_INTERVALS, steps=[1, 2, 2.5, 5, 10]).tick_values(low, high)
    step = nice[1] - nice[0]
    # Whole steps, with a little slack so a limit that is a tick up to rounding stays that tick.
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    ticks = np.arange(first, last + 1) * step
    start, stop = ticks[0], ticks[-1]
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


def plot_features(
    features: Any, labels: Any, true_w: Any = None, true_b: Any = None, axes: Any = None
) -> FeaturePlot:
    """Scatter each feature against the labels, one panel per feature.

    With ``true_w`` and ``true_b``, also draw the line ``w_j x_j + b``: the mean of ``y`` given
    ``x_j`` when the other features have mean zero. ``axes`` must hold one Axes per feature;
    without it a new figure is made.
    """
    X, y = check_features_labels(features, labels)
    num_features = X.shape[1]
    if (true_w is None) != (true_b is None):
        raise ValueError("give both true_w and true_b to draw the true lines, or neither")
    w, b = _check_parameters(true_w, true_b, num_features) if true_w is not None else (None, None)
    axes = _new_axes(num_features) if axes is None else _check_axes(axes, num_features)
    X_np, y_np = X.double().numpy(), y.double().numpy().reshape(-1)
    points, lines = [], []
    size = _marker_size(len(y_np))
    for j, ax in enumerate(axes):
        points.append(ax.scatter(X_np[:, j], y_np, s=size, alpha=0.5, color=DATA_COLOR, label="examples"))
        if w is not None:
            (line,) = ax.plot(
                *_true_line(X_np[:, j], w[j], b), color=TRUE_COLOR, label=f"$y = {w[j]:g}\\,x_{j + 1} {b:+g}$"
            )
            lines.append(line)
            ax.legend(loc="upper left" if w[j] >= 0 else "upper right")
        _fit_feature_axes(ax, X_np[:, j], y_np, line if w is not None else None)
        ax.set_xlabel(f"feature $x_{j + 1}$")
        ax.set_ylabel("label $y$")
        ax.set_title(f"$y$ against $x_{j + 1}$")
    return FeaturePlot(axes=axes, points=points, lines=lines)


def plot_residuals(
    features: Any, labels: Any, w: Any, b: Any, noise_std: float | None = None, ax: Axes | None = None
) -> ResidualPlot:
    """Histogram of the residuals ``y - (X w + b)``; their mean square is the loss of ``w, b``.

    With the true parameters the residuals are the noise itself, so their mean square is the best
    loss any model can expect. Give ``noise_std`` to overlay the noise's normal density.
    """
    X, y = check_features_labels(features, labels)
    w, b = _check_parameters(w, b, X.shape[1])
    if noise_std is not None:
        noise_std = check_non_negative_float("noise_std", noise_std)
    ax = get_ax(ax)
    residuals, mse, heights, edges = _residual_numbers(X, y, w, b)
    histogram = ax.stairs(heights, edges, fill=True, color=DATA_COLOR, alpha=0.7, label="residuals")
    density = None
    top = float(np.max(heights))
    if noise_std:
        grid, pdf = _noise_density(noise_std)
        (density,) = ax.plot(grid, pdf, color=TRUE_COLOR, linestyle="--", label=_noise_label(noise_std))
        ax.legend(loc="upper left")
        top = max(top, float(pdf.max()))
    _fit_residual_axes(ax, edges, top, noise_std)
    ax.set_xlabel("residual $y - (Xw + b)$")
    ax.set_ylabel("density")
    ax.set_title(_residual_title(mse))
    return ResidualPlot(ax=ax, residuals=residuals, mse=mse, histogram=histogram, density=density)


def plot_data_overview(
    features: Any, labels: Any, true_w: Any, true_b: Any, noise_std: float, axes: Any = None
) -> tuple[FeaturePlot, ResidualPlot]:
    """One panel per feature against ``y`` (with the true lines), then the residuals of the true model.

    ``axes`` must hold one Axes per feature plus one; without it a new figure is made.
    """
    X, y = check_features_labels(features, labels)
    count = X.shape[1] + 1
    axes = _new_axes(count) if axes is None else _check_axes(axes, count)
    feature_plot = plot_features(X, y, true_w, true_b, axes=axes[:-1])
    residual_plot = plot_residuals(X, y, true_w, true_b, noise_std=noise_std, ax=axes[-1])
    return feature_plot, residual_plot


def update_data_overview(
    drawn: tuple[FeaturePlot, ResidualPlot],
    features: Any,
    labels: Any,
    true_w: Any,
    true_b: Any,
    noise_std: float,
) -> tuple[FeaturePlot, ResidualPlot]:
    """Show new data in the panels :func:`plot_data_overview` drew, reusing its artists.

    ``drawn`` is what that call returned (with a noise density, so ``noise_std > 0`` both times).
    Points, lines, histogram, density, legends, titles and limits become those a fresh call would
    draw, for a fraction of the cost: no axes are cleared, so no ticks are rebuilt. Returns what is
    shown now, with the new residuals and mean square.
    """
    feature_plot, residual_plot = drawn
    X, y = check_features_labels(features, labels)
    if len(feature_plot.points) != X.shape[1] or len(feature_plot.lines) != X.shape[1]:
        raise ValueError(
            f"drawn must show {X.shape[1]} features with their true lines, got {len(feature_plot.points)} "
            f"panels and {len(feature_plot.lines)} lines"
        )
    noise_std = check_non_negative_float("noise_std", noise_std)
    if residual_plot.density is None or noise_std == 0:
        raise ValueError(
            f"noise_std must be positive and drawn must show a noise density, got noise_std={noise_std} "
            f"and {'a' if residual_plot.density is not None else 'no'} density: draw afresh instead"
        )
    w, b = _check_parameters(true_w, true_b, X.shape[1])
    X_np, y_np = X.double().numpy(), y.double().numpy().reshape(-1)
    for j, (ax, points, line) in enumerate(
        zip(feature_plot.axes, feature_plot.points, feature_plot.lines, strict=True)
    ):
        points.set_offsets(np.column_stack([X_np[:, j], y_np]))
        points.set_sizes([_marker_size(len(y_np))])
        line.set_data(*_true_line(X_np[:, j], w[j], b))
        _fit_feature_axes(ax, X_np[:, j], y_np, line)
    ax = residual_plot.ax
    residuals, mse, heights, edges = _residual_numbers(X, y, w, b)
    residual_plot.histogram.set_data(heights, edges)
    grid, pdf = _noise_density(noise_std)
    residual_plot.density.set_data(grid, pdf)
    residual_plot.density.set_label(_noise_label(noise_std))
    legend = ax.get_legend()
    if legend is not None:
        for text, label in zip(legend.get_texts(), ax.get_legend_handles_labels()[1], strict=True):
            text.set_text(label)
    _fit_residual_axes(ax, edges, max(float(np.max(heights)), float(pdf.max())), noise_std)
    ax.set_title(_residual_title(mse))
    new_residual_plot = ResidualPlot(
        ax=ax, residuals=residuals, mse=mse, histogram=residual_plot.histogram, density=residual_plot.density
    )
    return feature_plot, new_residual_plot
