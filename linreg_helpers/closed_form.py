"""Linear regression without gradient descent: the least-squares solution and scikit-learn's fit.

Minimising ``(1/n) ||A theta - y||^2`` with ``A = [X, 1]`` has a closed-form answer: the
``theta`` solving the normal equations ``A^T A theta = A^T y``. ``torch.linalg.lstsq`` finds it
with a QR-type factorisation (more accurate than inverting ``A^T A``), and scikit-learn's
``LinearRegression`` does the same with SciPy. Both are computed in float64.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from . import defaults
from .data import chapter_data
from .formatting import format_loss
from .language import say
from .validation import check_features_labels

PARAMETER_DECIMALS: int = 4
"""Decimals of w and b in :func:`fit_table`: the methods differ from each other and from the truth by
about 1e-4; a fifth decimal would be 20 float32 steps wide near 4.2, close enough for SGD's parameters
to round differently on another CPU."""


@dataclass(frozen=True)
class Fit:
    """The parameters one method found and their training loss (MSE)."""

    method: str
    w: np.ndarray
    b: float
    mse: float


def training_mse(features: Any, labels: Any, w: Any, b: float) -> float:
    """Mean squared error of ``y_hat = X w + b`` on (features, labels), in float64."""
    X, y = check_features_labels(features, labels)
    X, y = X.numpy().astype(np.float64), y.numpy().astype(np.float64).reshape(-1)
    w = np.asarray(w, dtype=np.float64).reshape(-1)
    if w.size != X.shape[1]:
        raise ValueError(f"w must have one entry per feature ({X.shape[1]}), got {w.size}")
    return float(np.mean((X @ w + float(b) - y) ** 2))


def least_squares(features: Any, labels: Any) -> Fit:
    """Solve least squares on ``[X, 1]`` with ``torch.linalg.lstsq`` (float64): the exact minimiser."""
    X, y = check_features_labels(features, labels)
    X64, y64 = X.to(torch.float64), y.to(torch.float64)
    A = torch.cat([X64, torch.ones(len(X64), 1, dtype=torch.float64)], dim=1)
    theta = torch.linalg.lstsq(A, y64).solution.reshape(-1).numpy()
    w, b = theta[:-1].copy(), float(theta[-1])
    return Fit(say("closed form (torch.linalg.lstsq)"), w, b, training_mse(X, y, w, b))


def sklearn_fit(features: Any, labels: Any) -> Fit:
    """Fit scikit-learn's ``LinearRegression`` (intercept on) in float64 and return its parameters."""
    from sklearn.linear_model import LinearRegression  # here: scikit-learn takes 0.4 s to import

    X, y = check_features_labels(features, labels)
    X64, y64 = X.numpy().astype(np.float64), y.numpy().astype(np.float64).reshape(-1)
    model = LinearRegression().fit(X64, y64)
    w, b = np.asarray(model.coef_, dtype=np.float64), float(model.intercept_)
    return Fit(say("scikit-learn LinearRegression"), w, b, training_mse(X, y, w, b))


def fit_table(fits: list[Fit], true_w: Any = None, true_b: float | None = None) -> str:
    """A fixed-width table of fits (one row each, and the true values first if given)."""
    rows = []
    if true_w is not None and true_b is not None:
        rows.append((say("true parameters"), np.asarray(true_w, dtype=np.float64), float(true_b), None))
    rows += [(fit.method, fit.w, fit.b, fit.mse) for fit in fits]
    width = max(display_width(row[0]) for row in rows)
    header = (
        _pad(say("method"), width) + f"  {'w':<20}  {'b':>8}  " + _pad(say("training MSE"), 12, right=True)
    )
    lines = [header]
    for method, w, b, mse in rows:
        w_text = "[" + ", ".join(f"{value:.{PARAMETER_DECIMALS}f}" for value in w) + "]"
        mse_text = "" if mse is None else format_loss(mse)
        lines.append(f"{_pad(method, width)}  {w_text:<20}  {b:>8.{PARAMETER_DECIMALS}f}  {mse_text:>12}")
    return "\n".join(lines)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width font: two for a Chinese character, one for the others."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns (on the left if ``right``)."""
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill


def estimation_errors(
    sizes: Sequence[int],
    noise_std: float = defaults.NOISE_STD,
    repeats: int = 20,
    seed: int = defaults.SEED,
) -> np.ndarray:
    """Root-mean-square error of the least-squares weights, one value per number of examples in ``sizes``.

    For each ``n``, ``repeats`` data sets of the chapter (seeds ``seed, seed + 1, ...``) are fitted exactly;
    the error is the RMS of ``w_hat - w`` over the weights and the repeats. Theory, for features of
    variance 1: about ``noise_std / sqrt(n)`` (a little more for small n).
    """
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"repeats must be a whole number >= 1, got {repeats!r}")
    checked = [int(n) for n in sizes]
    if not checked or any(n < 3 for n in checked):
        raise ValueError(
            f"sizes must be numbers of examples >= 3 (3 parameters are fitted), got {list(sizes)}"
        )
    true_w = np.asarray(defaults.TRUE_W, dtype=np.float64)
    errors = []
    for n in checked:
        squares = [
            (least_squares(*chapter_data(n, noise_std, seed + k)).w - true_w) ** 2 for k in range(repeats)
        ]
        errors.append(math.sqrt(float(np.mean(squares))))
    return np.asarray(errors)
