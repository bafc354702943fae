"""The loss surface: the bowl every answer about the learning rate, the ½ and initialization is about.

For the weights ``w`` of the chapter's model, with the bias at its best value for each ``w``
(``b = mean(y - X w)``), the training MSE is a quadratic bowl in ``w``:
``L(w) = mean((y_c - X_c w)^2)`` with ``X_c``, ``y_c`` the centred data. Its contours are ellipses
around the least-squares solution; gradient descent paths drawn on them show why a step too long
overshoots, and why minibatch paths wander near the bottom.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.contour import QuadContourSet
from matplotlib.lines import Line2D

from ..palette import OKABE_ITO, TRUE_COLOR
from ..validation import check_features_labels
from .display import Display

GRID_POINTS = 161
"""Grid points per axis of the contour grid."""

VIEW_REACH = 1.25
"""The view reaches this many times the farthest path start's distance from the minimum (on each axis)."""


def profile_loss(features: Any, labels: Any, w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    """The training MSE at weights ``(w1, w2)`` (arrays of one shape) with the bias at its best value.

    With centred data it is ``c + (w - w*)^T S (w - w*)``, ``S = X_c^T X_c / n``: computed that way, in
    float64, exactly for every grid point at once.
    """
    X, y = check_features_labels(features, labels)
    if X.shape[1] != 2:
        raise ValueError(f"features must have 2 columns (w1 and w2 are drawn), got {X.shape[1]}")
    X64, y64 = X.double().numpy(), y.double().numpy().reshape(-1)
    Xc, yc = X64 - X64.mean(axis=0), y64 - y64.mean()
    S = Xc.T @ Xc / len(yc)
    w_star = np.linalg.solve(S, Xc.T @ yc / len(yc))
    floor = float(np.mean((yc - Xc @ w_star) ** 2))
    d1, d2 = np.asarray(w1, dtype=np.float64) - w_star[0], np.asarray(w2, dtype=np.float64) - w_star[1]
    return floor + S[0, 0] * d1**2 + 2 * S[0, 1] * d1 * d2 + S[1, 1] * d2**2


class LossSurfaceDisplay(Display):
    """Contours of the training MSE over ``(w1, w2)`` (bias at its best), equal scales on both axes, the
    least-squares minimum marked, and optional paths of the weights (``train_fast(...,
    record_steps=True)`` rows ``[w1, w2, b]``), each labelled, the first given drawn on top.

    Contour levels are the minimum plus half decades, so the steep walls and the flat bottom both show.
    Attributes after ``plot``: ``ax_``, ``figure_``, ``contours_``, ``minimum_``, ``paths_`` (one line per
    path, in the order given), ``minimum_w`` (the least-squares weights).
    """

    PANEL_SIZE = (7.6, 5.0)  # a square map and, beside it, the legend

    def __init__(self, features: Any, labels: Any, paths: Mapping[str, np.ndarray] | None = None) -> None:
        self.features, self.labels = check_features_labels(features, labels)
        if self.features.shape[1] != 2:
            raise ValueError(
                f"features must have 2 columns (w1 and w2 are drawn), got {self.features.shape[1]}"
            )
        self.paths: dict[str, np.ndarray] = {}
        for label, steps in (paths or {}).items():
            steps = np.asarray(steps, dtype=np.float64)
            shaped = steps.ndim == 2 and steps.shape[0] > 0 and steps.shape[1] >= 2
            if not shaped or not np.isfinite(steps[0, :2]).all():
                raise ValueError(
                    f"paths[{label!r}] must be steps x [w1, w2, ...] starting from finite weights, "
                    f"got shape {steps.shape}"
                )
            self.paths[label] = steps[:, :2]
        X64, y64 = self.features.double().numpy(), self.labels.double().numpy().reshape(-1)
        A = np.column_stack([X64, np.ones(len(y64))])
        self.minimum_w = np.linalg.lstsq(A, y64, rcond=None)[0][:2]

    @classmethod
    def from_data(
        cls,
        features: Any,
        labels: Any,
        paths: Mapping[str, np.ndarray] | None = None,
        *,
        ax: Axes | None = None,
    ) -> LossSurfaceDisplay:
        """Build the display from the data (and paths) and draw it."""
        return cls(features, labels, paths).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> LossSurfaceDisplay:
        """Draw the contours, the minimum and the paths (on ``ax``, or a new figure); return the display."""
        (ax,) = self._take_axes(ax)
        starts = [steps[0] for steps in self.paths.values()] or [np.zeros(2)]
        reach = VIEW_REACH * max(max(float(np.abs(s - self.minimum_w).max()) for s in starts), 0.5)
        low, high = self.minimum_w - reach, self.minimum_w + reach
        w1, w2 = np.meshgrid(
            np.linspace(low[0], high[0], GRID_POINTS), np.linspace(low[1], high[1], GRID_POINTS)
        )
        loss = profile_loss(self.features, self.labels, w1, w2)
        floor = float(loss.min())
        # Half decades above the minimum: the flat bottom and the steep walls both get contours.
        top = np.log10(max(float(loss.max()) - floor, 1e-12))
        levels = floor + 10.0 ** np.arange(np.floor(top) - 3, top, 0.5)
        self.contours_: QuadContourSet = ax.contour(
            w1, w2, loss, levels=levels, colors="0.55", linewidths=1.0
        )
        (self.minimum_,) = ax.plot(
            [self.minimum_w[0]],
            [self.minimum_w[1]],
            "*",
            color=TRUE_COLOR,
            markersize=16,
            zorder=5,
            label="least-squares minimum",
        )
        self.paths_: list[Line2D] = []
        for i, (label, xy) in enumerate(self.paths.items()):
            xy = xy[np.isfinite(xy).all(axis=1)]
            (line,) = ax.plot(
                xy[:, 0],
                xy[:, 1],
                ".-",
                color=OKABE_ITO[i % 7],
                linewidth=1.2,
                markersize=4,
                label=label,
                zorder=3 - 0.01 * i,  # the first path on top: paths that start alike stay visible
            )
            self.paths_.append(line)
        ax.set_xlim(low[0], high[0])
        ax.set_ylim(low[1], high[1])
        ax.set_aspect("equal")
        ax.set_xlabel("w₁")
        ax.set_ylabel("w₂")
        ax.set_title("loss over (w₁, w₂), b at its best")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, fontsize="small")
        return self
