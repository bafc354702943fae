"""Where plain gradient descent on ``MSELoss`` stops converging: the learning-rate boundary.

Write the linear model as ``y_hat = A @ theta`` with ``A = [X, 1]`` (a column of ones for the bias)
and ``theta = [w, b]``. The loss ``nn.MSELoss`` computes on ``n`` examples is

    L(theta) = (1/n) * ||A theta - y||^2,   grad L = (2/n) A^T (A theta - y),   H = (2/n) A^T A.

The Hessian ``H`` is constant (the loss is a quadratic bowl). With ``theta*`` the minimiser, one
full-batch step ``theta <- theta - lr * grad L`` gives

    theta_next - theta* = (I - lr H) (theta - theta*).

Along an eigenvector of ``H`` with eigenvalue ``lam`` the error is multiplied by ``1 - lr * lam``
at every step. It shrinks when ``|1 - lr * lam| < 1``, that is ``0 < lr < 2 / lam``, so all
directions shrink exactly when ``lr < 2 / lam_max``; above it the steepest direction overshoots
by more each step and the loss grows geometrically. Minibatch SGD uses a different ``A_b`` at each
step, so its boundary is only near this one (lower for small batches).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .validation import as_float_tensor


def mse_hessian(features: Any) -> np.ndarray:
    """Return ``H = (2/n) A^T A`` with ``A = [features, 1]``, in float64: the Hessian of ``MSELoss``.

    The last row and column belong to the bias.
    """
    X = as_float_tensor("features", features)
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(
            f"features must be 2-D (examples x features) with at least one of each, got {tuple(X.shape)}"
        )
    X = X.numpy().astype(np.float64)
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    return 2.0 / X.shape[0] * (A.T @ A)


def max_stable_lr(features: Any) -> float:
    """Return ``2 / lam_max(H)``: the largest learning rate at which full-batch gradient descent on
    ``MSELoss`` for a linear model with bias still converges (see the module docstring)."""
    lam_max = float(np.linalg.eigvalsh(mse_hessian(features))[-1])
    return 2.0 / lam_max
