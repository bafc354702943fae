"""How close the fast engine must come to the textbook loop, with a bound that holds on every CPU.

``train_fast`` and ``train`` do the same SGD, but round differently (a closed-form gradient against
autograd's steps), and each CPU rounds in its own way. Parameters agree to a relative 1e-5. A loss
at the floor (~1e-4) is a mean of squared residuals (~0.01) that are differences of numbers ~5: one
unit in the last place of a parameter moves it by more than 1e-5 relative, so a loss must agree to
1e-5 relative or to the rounding error of evaluating the MSE in its dtype, whichever is larger.
"""

from __future__ import annotations

import numpy as np
import torch

from .history import History

RELATIVE_TOLERANCE: float = 1e-5
"""Relative agreement required of every weight, bias and (away from the floor) loss."""


def mse_rounding_bound(
    features: torch.Tensor, labels: torch.Tensor, weights: np.ndarray, bias: float
) -> float:
    """A bound on the error of evaluating ``mean((X w + b - y)^2)`` in the data's dtype at these parameters.

    Each residual sums terms of size ``|x_j w_j|``, ``|b|``, ``|y|``, each rounded with relative error
    ``eps`` (at most ``d + 2`` roundings for ``d`` features); the loss moves by ``2 r dr`` per residual.
    """
    eps = float(torch.finfo(features.dtype).eps) / 2
    X, y = features.double().numpy(), labels.double().numpy().reshape(-1)
    weights = np.asarray(weights, dtype=np.float64).reshape(-1)
    residual = X @ weights + bias - y
    magnitude = np.abs(X) @ np.abs(weights) + abs(bias) + np.abs(y)
    return float(np.mean(2 * np.abs(residual) * (X.shape[1] + 2) * eps * magnitude))


def agreement_ratio(
    reference: History, other: History, features: torch.Tensor, labels: torch.Tensor
) -> float:
    """The largest difference between two runs' histories as a fraction of what is allowed (<= 1: agree).

    Runs of different lengths or that diverge at different epochs do not agree (``inf``).
    """
    if len(reference.loss) != len(other.loss) or reference.diverged_at != other.diverged_at:
        return float("inf")
    ratios = [0.0]
    for weights_a, weights_b, bias_a, bias_b in zip(
        reference.weights, other.weights, reference.bias, other.bias, strict=True
    ):
        a, b = np.append(weights_a, bias_a), np.append(weights_b, bias_b)
        ratios.append(float(np.max(np.abs(a - b) / (RELATIVE_TOLERANCE * np.maximum(np.abs(a), 1e-30)))))
    for loss_a, loss_b, weights, bias in zip(
        reference.loss, other.loss, reference.weights, reference.bias, strict=True
    ):
        allowed = max(RELATIVE_TOLERANCE * abs(loss_a), mse_rounding_bound(features, labels, weights, bias))
        ratios.append(abs(loss_a - loss_b) / max(allowed, 1e-300))
    return max(ratios)
