"""How the estimation error of the weights shrinks with the number of examples: the σ/√n law."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..palette import OKABE_ITO, TRUE_COLOR
from .display import Display


class EstimationErrorDisplay(Display):
    """Measured errors of the fitted weights against the number of examples ``n``, on log-log axes, with
    the line ``noise_std / sqrt(n)`` that theory predicts for features of variance 1.

    Attributes after ``plot``: ``ax_``, ``figure_``, ``points_`` (the measured errors), ``theory_`` (the
    σ/√n line).
    """

    def __init__(self, sizes: Sequence[int], errors: Sequence[float], noise_std: float) -> None:
        self.sizes = np.asarray(sizes, dtype=np.float64)
        self.errors = np.asarray(errors, dtype=np.float64)
        if self.sizes.ndim != 1 or self.sizes.shape != self.errors.shape or len(self.sizes) < 2:
            raise ValueError(
                f"sizes and errors must be two 1-D sequences of the same length >= 2, got shapes "
                f"{self.sizes.shape} and {self.errors.shape}"
            )
        if not (np.all(self.sizes > 0) and np.all(self.errors > 0) and np.isfinite(self.errors).all()):
            raise ValueError("sizes and errors must be finite and > 0 (they are drawn on log axes)")
        if not (np.isfinite(noise_std) and noise_std > 0):
            raise ValueError(f"noise_std must be a finite number > 0, got {noise_std}")
        self.noise_std = float(noise_std)

    @classmethod
    def from_errors(
        cls, sizes: Sequence[int], errors: Sequence[float], noise_std: float, *, ax: Axes | None = None
    ) -> EstimationErrorDisplay:
        """Build the display from measured errors and draw it."""
        return cls(sizes, errors, noise_std).plot(ax=ax)

    def plot(self, ax: Axes | None = None) -> EstimationErrorDisplay:
        """Draw the points and the σ/√n line (on ``ax``, or a new figure); return the display."""
        (ax,) = self._take_axes(ax)
        (self.theory_,) = ax.plot(
            self.sizes,
            self.noise_std / np.sqrt(self.sizes),
            "--",
            color=TRUE_COLOR,
            linewidth=1.5,
            label=f"σ/√n, σ = {self.noise_std:g}",
        )
        self.points_: Line2D
        (self.points_,) = ax.plot(self.sizes, self.errors, "o", color=OKABE_ITO[0], label="measured")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("number of examples n")
        ax.set_ylabel("RMS error of the fitted w")
        ax.set_title("100× more data, 10× smaller error")
        ax.legend(loc="upper right")
        return self
