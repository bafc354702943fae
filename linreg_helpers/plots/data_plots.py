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
    size = 12 if len(y_np) <= 2000 else 5
    for j, ax in enumerate(axes):
        points.append(ax.scatter(X_np[:, j], y_np, s=size, alpha=0.5, color=DATA_COLOR, label="examples"))
        if w is not None:
            x_line = np.array([X_np[:, j].min(), X_np[:, j].max()])
            (line,) = ax.plot(
                x_line, w[j] * x_line + b, color=TRUE_COLOR, label=f"$y = {w[j]:g}\\,x_{j + 1} {b:+g}$"
            )
            lines.append(line)
            ax.legend(loc="upper left" if w[j] >= 0 else "upper right")
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
    residuals = y.double().numpy().reshape(-1) - (X.double().numpy() @ w + b)
    mse = float(np.mean(residuals**2))
    bins = int(np.clip(np.sqrt(len(residuals)), 5, 30))  # square-root rule, capped
    heights, edges = np.histogram(residuals, bins=bins, density=True)
    histogram = ax.stairs(heights, edges, fill=True, color=DATA_COLOR, alpha=0.7, label="residuals")
    density = None
    top = float(np.max(heights))
    if noise_std:
        grid = np.linspace(-4 * noise_std, 4 * noise_std, 201)
        pdf = np.exp(-0.5 * (grid / noise_std) ** 2) / (noise_std * math.sqrt(2 * math.pi))
        (density,) = ax.plot(grid, pdf, color=TRUE_COLOR, linestyle="--", label=f"noise, σ = {noise_std:.3g}")
        ax.legend(loc="upper left")
        top = max(top, float(pdf.max()))
    ax.set_ylim(0, 1.3 * top)  # headroom so the legend does not hide the bars
    ax.set_xlabel("residual $y - (Xw + b)$")
    ax.set_ylabel("density")
    ax.set_title(f"mean of squares = {mse:.2e}")
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
