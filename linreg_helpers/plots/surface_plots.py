"""The loss surface: the bowl every answer about the learning rate, the ½ and initialization is about.

For the weights ``w`` of the chapter's model, with the bias at its best value for each ``w``
(``b = mean(y - X w)``), the training MSE is a quadratic bowl in ``w``:
``L(w) = mean((y_c - X_c w)^2)`` with ``X_c``, ``y_c`` the centred data. Its contours are ellipses
around the least-squares solution; gradient descent paths drawn on them show why a step too long
overshoots, and why minibatch paths wander near the bottom.

:class:`LossBowl` holds that quadratic (computed once from the data) and gives its contours as exact
ellipses: a few points per contour, cheap enough to redraw live (the training dashboard's path panel
draws the same contours as :class:`LossSurfaceDisplay`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from ..palette import OKABE_ITO, TRUE_COLOR
from ..validation import check_features_labels
from .display import Display

ELLIPSE_POINTS = 121
"""Points per contour ellipse (the first repeated at the end, to close it)."""

CONTOUR_STYLE: dict[str, Any] = {"colors": "0.55", "linewidths": 1.0, "zorder": 1}
"""How contours are drawn: thin, grey, under every path."""

VIEW_REACH = 1.25
"""The view reaches this many times the farthest path start's distance from the minimum (on each axis)."""


@dataclass(frozen=True)
class LossBowl:
    """The training MSE over the two weights with the bias at its best: ``floor + d^T S d`` for
    ``d = w - minimum_w``, where ``S = X_c^T X_c / n`` (``curvature``, half the Hessian) and ``floor``
    the least-squares loss. Build it with :meth:`from_data`; everything is float64."""

    minimum_w: np.ndarray
    curvature: np.ndarray
    floor: float

    @classmethod
    def from_data(cls, features: Any, labels: Any) -> LossBowl:
        """The bowl of a data set with two features (float64, exact up to rounding)."""
        X, y = check_features_labels(features, labels)
        if X.shape[1] != 2:
            raise ValueError(f"features must have 2 columns (w1 and w2 are drawn), got {X.shape[1]}")
        X64, y64 = X.double().numpy(), y.double().numpy().reshape(-1)
        Xc, yc = X64 - X64.mean(axis=0), y64 - y64.mean()
        S = Xc.T @ Xc / len(yc)
        if np.linalg.eigvalsh(S)[0] <= 1e-12 * max(float(np.trace(S)), 1e-300):
            raise ValueError("features must vary independently (their centred covariance is singular)")
        w_star = np.linalg.solve(S, Xc.T @ yc / len(yc))
        floor = float(np.mean((yc - Xc @ w_star) ** 2))
        return cls(w_star, S, floor)

    def loss(self, w1: Any, w2: Any) -> np.ndarray:
        """The loss at weights ``(w1, w2)`` (arrays of one shape), the bias at its best."""
        S = self.curvature
        d1 = np.asarray(w1, dtype=np.float64) - self.minimum_w[0]
        d2 = np.asarray(w2, dtype=np.float64) - self.minimum_w[1]
        return self.floor + S[0, 0] * d1**2 + 2 * S[0, 1] * d1 * d2 + S[1, 1] * d2**2

    def levels(self, low: Any, high: Any) -> np.ndarray:
        """Contour levels for the view ``[low[0], high[0]] x [low[1], high[1]]``: the minimum plus half
        decades, from three decades below the view's highest loss (at a corner) up to it, so the steep
        walls and the flat bottom both get contours."""
        corners = np.array([[x, y] for x in (low[0], high[0]) for y in (low[1], high[1])], dtype=np.float64)
        highest = float(self.loss(corners[:, 0], corners[:, 1]).max())
        top = np.log10(max(highest - self.floor, 1e-12))
        return self.floor + 10.0 ** np.arange(np.floor(top) - 3, top, 0.5)

    def ellipse(self, level: float, points: int = ELLIPSE_POINTS) -> tuple[np.ndarray, np.ndarray]:
        """The contour where the loss equals ``level`` (above the floor): ``(w1, w2)``, closed."""
        if not level > self.floor:
            raise ValueError(f"level must be above the floor {self.floor:.6g}, got {level}")
        eigenvalues, axes = np.linalg.eigh(self.curvature)
        angle = np.linspace(0.0, 2 * np.pi, points)
        angle[-1] = 0.0  # exactly the first point: a closed curve
        radii = np.sqrt((level - self.floor) / eigenvalues)
        circle = np.vstack([radii[0] * np.cos(angle), radii[1] * np.sin(angle)])
        w = self.minimum_w[:, None] + axes @ circle
        return w[0], w[1]

    def draw_contours(self, ax: Axes, low: Any, high: Any) -> LineCollection:
        """Draw the contours of :meth:`levels` for that view on ``ax`` (one collection of lines, one
        line per level: a single artist, cheap to redraw live); return it."""
        lines = [np.column_stack(self.ellipse(level)) for level in self.levels(low, high)]
        return ax.add_collection(LineCollection(lines, **CONTOUR_STYLE), autolim=False)


def profile_loss(features: Any, labels: Any, w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    """The training MSE at weights ``(w1, w2)`` (arrays of one shape) with the bias at its best value.

    With centred data it is ``c + (w - w*)^T S (w - w*)``, ``S = X_c^T X_c / n``: computed that way, in
    float64, exactly for every grid point at once (:class:`LossBowl`).
    """
    return LossBowl.from_data(features, labels).loss(w1, w2)


class LossSurfaceDisplay(Display):
    """Contours of the training MSE over ``(w1, w2)`` (bias at its best), equal scales on both axes, the
    least-squares minimum marked, and optional paths of the weights (``train_fast(...,
    record_steps=True)`` rows ``[w1, w2, b]``), each labelled, the first given drawn on top.

    Contour levels are the minimum plus half decades (:meth:`LossBowl.levels`), so the steep walls and
    the flat bottom both show. Attributes after ``plot``: ``ax_``, ``figure_``, ``contours_`` (a
    collection of lines, one per level), ``minimum_``, ``paths_`` (one line per path, in the order
    given), ``bowl`` (the :class:`LossBowl`) and ``minimum_w`` (the least-squares weights).
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
        self.bowl = LossBowl.from_data(self.features, self.labels)
        self.minimum_w = self.bowl.minimum_w

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
        self.contours_: LineCollection = self.bowl.draw_contours(ax, low, high)
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
